package content

import (
	"strings"
	"testing"
)

func TestMarkdownText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"headings", "# Title\n\nSetext\n======\n\n### Third", "Title\n\nSetext\n\nThird"},
		{"emphasis", "Some *em*, _em_, **strong**, __strong__ and ***both***.", "Some em, em, strong, strong and both."},
		{"links", "A [link](https://example.com \"title\") and [ref][r].\n\n[r]: https://example.com/r", "A link and ref."},
		{"autolink", "See <https://example.com/x>.", "See https://example.com/x."},
		{"image", "![alt text](i.png) after", "alt text after"},
		{"inline code kept as written", "Run `go *test*` now", "Run go *test* now"},
		{"fenced code kept", "Intro\n\n```go\nfunc main() {\n\tx := 1 // *not em*\n}\n```\n\nAfter", "Intro\n\nfunc main() {\n\tx := 1 // *not em*\n}\n\nAfter"},
		{"indented code kept", "Intro\n\n    code  here\n\nAfter", "Intro\n\ncode  here\n\nAfter"},
		{"lists", "- one\n- two\n  - nested\n\n1. first\n2. second", "- one\n- two\n  - nested\n\n- first\n- second"},
		{"blockquote", "> quoted\n> more\n\nafter", "quoted more\n\nafter"},
		{"soft and hard breaks", "line one\nline two  \nline three", "line one line two\nline three"},
		{"backslash escapes", `\*not em\* \# \[x\]`, "*not em* # [x]"},
		{"entities", "AT&amp;T &copy; &#8212;", "AT&T © —"},
		{"thematic break", "a\n\n---\n\nb", "a\n\nb"},
		{"inline html dropped", "a <span class=\"x\">b</span> c", "a b c"},
		{"html block rendered as text", "<div>\n<p>para <b>bold</b></p>\n<script>alert(1)</script>\n</div>\n\nafter", "para bold\n\nafter"},
		{"html comment dropped", "a\n\n<!-- hidden -->\n\nb", "a\n\nb"},
		{"javascript link reduced to its text", "[click](javascript:alert(1))", "click"},
		{"plain text", "just words", "just words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MarkdownText(tt.in); got != tt.want {
				t.Errorf("MarkdownText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMarkdownTextRemovesTerminalControls(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"raw ESC", "a\x1b[2Jb", "a[2Jb"},
		{"ESC reference", "a&#27;[2Jb &#x1b;c", "a[2Jb c"},
		{"double escaped ESC", "a&amp;#27;b", "ab"},
		{"ESC in code span", "`a\x1b[1mb`", "a[1mb"},
		{"ESC in code block", "```\na\x1b[1mb\n```", "a[1mb"},
		{"bidi", "a\u202eb", "ab"},
		{"NUL", "a\x00b", "ab"},
		{"escape-only paragraph", "a\n\n\x1b\n\nb", "a\n\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MarkdownText(tt.in)
			if got != tt.want {
				t.Errorf("MarkdownText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if bad := terminalUnsafe(got); bad != "" {
				t.Errorf("MarkdownText(%q) holds %s", tt.in, bad)
			}
		})
	}
}

// goldmark's cost grows with the square of one line's nesting; such a line
// makes the source plain text instead.
func TestMarkdownTextDeepNesting(t *testing.T) {
	for _, marker := range []string{">", "> ", "- ", "1. ", "* "} {
		in := strings.Repeat(marker, 100_000) + "x"
		got := MarkdownText(in)
		if !strings.HasSuffix(got, "x") || terminalUnsafe(got) != "" {
			t.Errorf("MarkdownText(100k %q) ends %q", marker, got[max(0, len(got)-20):])
		}
	}
	// Lists nested by indentation: the source grows with the square of the
	// depth, goldmark's time faster still.
	var indented strings.Builder
	for depth := range 3000 {
		indented.WriteString(strings.Repeat("  ", depth) + "- item\n")
	}
	if got := MarkdownText(indented.String()); strings.Count(got, "item") != 3000 {
		t.Errorf("MarkdownText(list nested 3000 deep by indentation) lost items: %d", strings.Count(got, "item"))
	}
	// Nesting within the bound still goes through the parser.
	if got := MarkdownText(strings.Repeat("> ", 16) + "*x*"); got != "x" {
		t.Errorf("MarkdownText(16 nested quotes) = %q, want %q", got, "x")
	}
}

func TestContainerDepth(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"", 0},
		{"text", 0},
		{"        indented code", 0},
		{"> quote", 1},
		{">>> deep", 3},
		{"> > > spaced", 3},
		{"> - 1. item", 3},
		{"  -  item", 1 + (4-1)/2},
		{"\t- item", 1 + (5-1)/2},
		{"                            - eighth level", 1 + 28/2},
		{"> " + strings.Repeat(" ", 40) + "- quoted and indented", 2 + 40/2},
		{"-not a list", 0},
		{"2020 was a year", 0},
		{"1) a", 1},
		{"* * *", 3}, // a thematic break reads as markers, harmlessly
	}
	for _, tt := range tests {
		if got := containerDepth(tt.line); got != tt.want {
			t.Errorf("containerDepth(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}

func TestMarkdownTextOfConvertedArticle(t *testing.T) {
	article := readTestdata(t, "article.html")
	md, err := Markdown(article, "")
	if err != nil {
		t.Fatal(err)
	}
	// The markdown's text reads as the HTML's text, word for word.
	if got, want := strings.Fields(MarkdownText(md)), strings.Fields(Text(article)); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("MarkdownText(Markdown(article)) and Text(article) differ:\n%.300q\n%.300q", strings.Join(got, " "), strings.Join(want, " "))
	}
}
