package content

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMalformedCorpus runs every body found in the shared corpus of
// malformed and hostile feeds (XSS and sanitiser cases among them) through
// SafeHTML, Markdown and Text. The bodies are pulled out of each file the
// way a feed parser would (element text, CDATA, base64 content, JSON
// strings); the whole file, raw and entity-decoded once, goes through too.
func TestMalformedCorpus(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "corpus", "feeds", "malformed")
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) == 0 {
		t.Skipf("no malformed corpus in %s: %v", dir, err)
	}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(file), func(t *testing.T) {
			for _, body := range feedBodies(raw) {
				checkBody(t, body, true)
			}
			checkBody(t, string(raw), false)
			checkBody(t, html.UnescapeString(string(raw)), false)
		})
	}
}

// checkBody runs one body through every renderer. strict also asserts that
// no "<script", "javascript:" or "onerror=" text survives anywhere, which
// holds for bodies as a feed parser hands them over; a whole feed file read
// as HTML carries escaped payloads that rightly survive as visible text.
func checkBody(t *testing.T, body string, strict bool) {
	t.Helper()
	const base = "https://example.com/feed/"
	safe := SafeHTML(body, base)
	checkSafeHTML(t, body, safe)
	md, err := Markdown(body, base)
	if err != nil {
		t.Errorf("Markdown(%.80q): %v", body, err)
	}
	checkMarkdown(t, body, md)
	text := Text(body)
	if bad := terminalUnsafe(text); bad != "" {
		t.Errorf("Text(%.80q) holds %s", body, bad)
	}
	if !strict {
		return
	}
	for name, out := range map[string]string{"SafeHTML": safe, "Markdown": md, "Text": text} {
		lower := strings.ToLower(out)
		for _, bad := range []string{"<script", "javascript:", "onerror="} {
			if strings.Contains(lower, bad) {
				t.Errorf("%s(%.80q) = %.200q holds %q", name, body, out, bad)
			}
		}
	}
}

// feedBodies returns the text of every element of an XML feed (base64
// content decoded) or every string of a JSON feed.
func feedBodies(raw []byte) []string {
	if trimmed := bytes.TrimSpace(raw); len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		var doc any
		if json.Unmarshal(trimmed, &doc) == nil {
			return jsonStrings(doc, nil)
		}
	}
	var bodies []string
	d := xml.NewDecoder(bytes.NewReader(raw))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	type open struct {
		text   strings.Builder
		base64 bool
	}
	var stack []*open
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			el := &open{}
			for _, a := range tok.Attr {
				el.base64 = el.base64 || (a.Name.Local == "mode" && a.Value == "base64")
			}
			stack = append(stack, el)
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(tok)
			}
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			el := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			body := el.text.String()
			if el.base64 {
				if decoded, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(body), "")); err == nil {
					body = string(decoded)
				}
			}
			if strings.TrimSpace(body) != "" {
				bodies = append(bodies, body)
			}
		}
	}
	return bodies
}

func jsonStrings(v any, into []string) []string {
	switch v := v.(type) {
	case string:
		into = append(into, v)
	case []any:
		for _, e := range v {
			into = jsonStrings(e, into)
		}
	case map[string]any:
		for _, e := range v {
			into = jsonStrings(e, into)
		}
	}
	return into
}
