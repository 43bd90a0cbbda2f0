package content

import (
	"testing"
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
