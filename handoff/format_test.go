package handoff

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// hostileBody holds terminal escapes, controls and shell syntax in every
// field.
func hostileBody() store.Body {
	return store.Body{
		Article: store.Article{
			ID:        7,
			Title:     "Title \x1b[2J$(touch pwned) `id`; \"q\"\u202e",
			Link:      "https://evil.example/a?x=1\x1b]0;t\x07",
			Feed:      "Feed\x1b[31m",
			Authors:   []string{"Mal\x1b[1mlory"},
			Tags:      []string{"t\x00ag"},
			Published: time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC),
		},
		Content: "<p>Body \x1b[2J with &#27;[31m and <b>bold</b></p><script>x()</script>",
		Text:    "Body \x1b[2J with [31m and bold",
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"text": Text, "txt": Text, "md": Markdown, "markdown": Markdown,
		"MD": Markdown, "html": HTML, "json": JSON} {
		if got, ok := ParseFormat(in); !ok || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "styled", "auto", "yaml"} {
		if _, ok := ParseFormat(bad); ok {
			t.Errorf("ParseFormat(%q) accepted", bad)
		}
	}
}

func TestWriteEveryFormatIsClean(t *testing.T) {
	cache := newMemStore()
	for _, f := range []Format{Text, Markdown, HTML, JSON} {
		var buf bytes.Buffer
		if err := Write(context.Background(), &buf, cache, hostileBody(), f); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out := buf.String()
		for _, bad := range []string{"\x1b", "\x07", "\x00", "\u202e", "<script", `\u001b`} {
			if strings.Contains(out, bad) {
				t.Errorf("%s output holds %q:\n%q", f, bad, out)
			}
		}
		if !strings.Contains(out, "bold") {
			t.Errorf("%s output lost the body:\n%s", f, out)
		}
	}
	if cache.cached[7] == "" {
		t.Error("the markdown conversion was not kept in the cache")
	}
}

func TestWriteTextAndMarkdownShapes(t *testing.T) {
	b := hostileBody()
	var text, md, js bytes.Buffer
	ctx := context.Background()
	if err := Write(ctx, &text, nil, b, Text); err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(text.String(), "\n"); !strings.HasPrefix(first, "Title ") {
		t.Errorf("text should start with the title, got %q", first)
	}
	if err := Write(ctx, &md, nil, b, Markdown); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(md.String(), "# Title ") || !strings.Contains(md.String(), "**bold**") {
		t.Errorf("markdown document:\n%s", md.String())
	}
	if err := Write(ctx, &js, nil, b, JSON); err != nil {
		t.Fatal(err)
	}
	if bytes.Count(js.Bytes(), []byte("\n")) != 1 {
		t.Errorf("JSON should be one line: %q", js.String())
	}
	var j ArticleJSON
	if err := json.Unmarshal(js.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	if j.ID != 7 || j.Markdown == nil || j.Text == nil || j.Published != "2024-07-01T10:00:00Z" || len(j.Tags) != 1 {
		t.Errorf("JSON object: %+v", j)
	}
}

// JSONOf never gives null for the lists: `jq '.tags[]'` must not fail.
func TestJSONOfEmptyListsAreArrays(t *testing.T) {
	out, err := json.Marshal(JSONOf(store.Article{ID: 1}))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte(`"authors":[]`)) || !bytes.Contains(out, []byte(`"tags":[]`)) {
		t.Errorf("%s", out)
	}
	if bytes.Contains(out, []byte("markdown")) || bytes.Contains(out, []byte(`"text"`)) {
		t.Errorf("a list object holds body fields: %s", out)
	}
}

// The header's fields come from the feed and are text: markdown in them
// (a link, an image, emphasis) is escaped, and each stays on its line.
func TestMarkdownDocumentEscapesTheHeader(t *testing.T) {
	a := store.Article{ID: 1, Title: "[click me](javascript:alert(1)) *bold*", Feed: "[feed](javascript:x)",
		Authors: []string{"<b>Ann</b>"}, Tags: []string{"![img](http://evil/t.png)"}, Link: "https://example.com/a?b=1&c=2",
		Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	doc := MarkdownDocument(a, "Body.")
	for _, want := range []string{
		`# \[click me\](javascript:alert(1)) \*bold\*`,
		"> By \\<b\\>Ann\\</b\\>\\\n",
		"> \\[feed\\](javascript:x) · 2024-01-01 00:00 UTC\\\n",
		"> Tags: !\\[img\\](http://evil/t.png)\\\n",
		"> <https://example.com/a?b=1&c=2>\n",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document lacks %q:\n%s", want, doc)
		}
	}
}
