package content

import (
	"strings"
	"testing"
	"unicode"
)

// Run with: go test -fuzz FuzzText ./content/ (likewise the others).

func addSeeds(f *testing.F) {
	for _, in := range hostileInputs {
		f.Add(in)
	}
	f.Add(readTestdata(f, "article.html"))
	f.Add("<pre>\n a\x1b[1m</pre><ul><li>x<li>y</ul><table><td>c</td></table>")
	f.Add("> quote\n\n- item\n\n```\ncode\n```\n\n[l](javascript:x) <b>html</b> &#27;")
}

func FuzzText(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		if bad := terminalUnsafe(Text(in)); bad != "" {
			t.Errorf("Text(%q) holds %s", in, bad)
		}
	})
}

func FuzzMarkdown(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		checkSafeHTML(t, in, SafeHTML(in, "https://example.com/a/"))
		md, err := Markdown(in, "https://example.com/a/")
		if err != nil {
			t.Fatalf("Markdown(%q): %v", in, err)
		}
		checkMarkdown(t, in, md)
	})
}

func FuzzMarkdownText(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		if bad := terminalUnsafe(MarkdownText(in)); bad != "" {
			t.Errorf("MarkdownText(%q) holds %s", in, bad)
		}
	})
}

// FuzzBareURLs checks that the addresses found are pieces of the text, in
// order, with no white space, each starting as a web address does, and that
// Links keeps only http(s) links with clean text whatever the input.
func FuzzBareURLs(f *testing.F) {
	addSeeds(f)
	f.Add("See (https://a.example/x_(y)).” www.b.example/&amp; http://c.example/\u00a0")
	f.Fuzz(func(t *testing.T, in string) {
		rest := in
		for _, u := range bareURLs(in) {
			i := strings.Index(rest, u.Text)
			if i < 0 {
				t.Fatalf("bareURLs(%q): %q is not in the text after the last one", in, u.Text)
			}
			rest = rest[i+len(u.Text):]
			if addressStart(u.Text) < 0 || strings.ContainsFunc(u.Text, unicode.IsSpace) {
				t.Fatalf("bareURLs(%q): %q", in, u.Text)
			}
		}
		for _, l := range append(Links(in, "", ""), Links("", in, "")...) {
			if !strings.HasPrefix(l.URL, "http://") && !strings.HasPrefix(l.URL, "https://") {
				t.Fatalf("Links(%q): %q", in, l.URL)
			}
			if bad := terminalUnsafe(l.Text + l.URL); bad != "" {
				t.Fatalf("Links(%q): %q holds %s", in, l, bad)
			}
		}
	})
}
