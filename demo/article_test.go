package demo

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const goodFrontMatter = `---
title: "A title: with a colon"
authors: [Ann Example, Bo Example]
tags: [one, two]
date: 2026-10-01T09:30:00+02:00
link: https://herald.example/x/a
feed: x
---
`

func TestParseArticle(t *testing.T) {
	feed, a, err := parseArticle("a", []byte(goodFrontMatter+"# Heading\n\nSome *body* text.\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		field     string
		got, want any
	}{
		{"feed", feed, "x"},
		{"GUID", a.GUID, "demo:a"},
		{"Title", a.Title, "A title: with a colon"},
		{"Link", a.Link, "https://herald.example/x/a"},
		{"Authors", strings.Join(a.Authors, "|"), "Ann Example|Bo Example"},
		{"Tags", strings.Join(a.Tags, "|"), "one|two"},
		{"Published (in UTC)", a.Published, time.Date(2026, 10, 1, 7, 30, 0, 0, time.UTC)},
		{"Markdown", a.Markdown, "# Heading\n\nSome *body* text.\n"},
		{"Text", a.Text, "Heading\n\nSome body text."},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %#v, want %#v", tt.field, tt.got, tt.want)
		}
	}
}

func TestParseArticleErrors(t *testing.T) {
	replace := func(old, new string) string {
		return strings.Replace(goodFrontMatter, old, new, 1) + "Body.\n"
	}
	tests := []struct {
		name string
		file string
		want string
	}{
		{"no front matter", "Just a body.\n", "no front matter"},
		{"unclosed front matter", "---\ntitle: x\nBody.\n", "not closed"},
		{"misspelt key", replace("tags:", "tagz:"), "tagz"},
		{"bad YAML", replace("title: \"A title: with a colon\"", "title: [unclosed"), "front matter"},
		{"bad date", replace("2026-10-01T09:30:00+02:00", "1 Oct 2026"), "not RFC 3339"},
		{"no title", replace("\"A title: with a colon\"", "\"\""), "no title"},
		{"no authors", replace("[Ann Example, Bo Example]", "[]"), "no authors"},
		{"no feed", replace("feed: x", "feed: \"\""), "no feed"},
		{"link elsewhere", replace("https://herald.example/x/a", "https://example.com/a"), "not under https://herald.example/"},
		{"no body", goodFrontMatter + "\n  \n", "no body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := parseArticle("a", []byte(tt.file))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		head, body string
	}{
		{"plain", "---\na: 1\n---\nbody\n", "a: 1", "body\n"},
		{"windows line ends", "---\r\na: 1\r\n---\r\nbody\r\n", "a: 1", "body\n"},
		{"empty front matter", "---\n---\nbody\n", "", "body\n"},
		{"rule in the body stays", "---\na: 1\n---\nx\n---\ny\n", "a: 1", "x\n---\ny\n"},
	}
	for _, tt := range tests {
		head, body, err := splitFrontMatter([]byte(tt.in))
		if err != nil || string(head) != tt.head || string(body) != tt.body {
			t.Errorf("%s: got %q, %q, %v; want %q, %q", tt.name, head, body, err, tt.head, tt.body)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	feedList := "- slug: x\n  title: X\n"
	article := goodFrontMatter + "Body.\n"
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"no feed list", fstest.MapFS{"articles/a.md": {Data: []byte(article)}}, "feeds.yaml"},
		{"feed without a title", fstest.MapFS{
			"feeds.yaml":    {Data: []byte("- slug: x\n")},
			"articles/a.md": {Data: []byte(article)},
		}, "slug and a title"},
		{"article of an unknown feed", fstest.MapFS{
			"feeds.yaml":    {Data: []byte(feedList)},
			"articles/a.md": {Data: []byte(strings.Replace(article, "feed: x", "feed: y", 1))},
		}, `feed "y" is not in feeds.yaml`},
		{"feed with no articles", fstest.MapFS{
			"feeds.yaml":    {Data: []byte(feedList + "- slug: z\n  title: Z\n")},
			"articles/a.md": {Data: []byte(article)},
		}, "demo:z has no articles"},
		{"broken article names its file", fstest.MapFS{
			"feeds.yaml":    {Data: []byte(feedList)},
			"articles/a.md": {Data: []byte("no front matter")},
		}, "articles/a.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(tt.files)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestLoadGroupsAndOrders(t *testing.T) {
	older := strings.Replace(goodFrontMatter, "2026-10-01", "2026-09-01", 1)
	files := fstest.MapFS{
		"feeds.yaml":    {Data: []byte("- slug: x\n  title: X\n")},
		"articles/a.md": {Data: []byte(older + "Old.\n")},
		"articles/b.md": {Data: []byte(goodFrontMatter + "New.\n")},
		"articles/c.md": {Data: []byte(goodFrontMatter + "Same time as b.\n")},
	}
	feeds, err := load(files)
	if err != nil {
		t.Fatal(err)
	}
	var guids []string
	for _, a := range feeds[0].Articles {
		guids = append(guids, a.GUID)
	}
	if got, want := strings.Join(guids, " "), "demo:b demo:c demo:a"; got != want {
		t.Errorf("order = %s, want %s (newest first, ties by GUID)", got, want)
	}
}
