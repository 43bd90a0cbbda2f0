package content

import (
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

func TestMarkdown(t *testing.T) {
	const base = "https://example.com/post/"
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"heading, emphasis, link", `<h1>Title</h1><p>Some <em>em</em> and <strong>strong</strong> with <a href="https://example.com/x">a link</a>.</p>`,
			"# Title\n\nSome *em* and **strong** with [a link](https://example.com/x)."},
		{"image with relative src", `<p><img src="/i.png" alt="An image"></p>`, "![An image](https://example.com/i.png)"},
		{"relative link", `<a href="next">next</a>`, "[next](https://example.com/post/next)"},
		{"lists", `<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>`, "- one\n- two\n\n1. first"},
		{"quote and code", "<blockquote><p>quoted</p></blockquote><pre><code>a  b\nc</code></pre><p>inline <code>x</code></p>",
			"> quoted\n\n```\na  b\nc\n```\n\ninline `x`"},
		{"code language kept", `<pre><code class="language-go">x := 1</code></pre>`, "```go\nx := 1\n```"},
		{"table", `<table><tr><th>h</th><th>i</th></tr><tr><td>a</td><td>b</td></tr></table>`, "| h | i |\n|---|---|\n| a | b |"},
		{"strikethrough", `<p><s>gone</s></p>`, "~~gone~~"},
		{"plain text becomes escaped paragraphs", "plain *text* with [brackets](x)\n\n# second\nline",
			"plain \\*text* with \\[brackets](x)\n\n\\# second line"},
		{"double escaped html", "&lt;p&gt;one &lt;em&gt;two&lt;/em&gt;&lt;/p&gt;", "one *two*"},
		{"escaped markup stays text", `<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>`, "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"markdown syntax in text is escaped", `<p>[x](javascript:alert(1)) ![i](data:x)</p>`, "\\[x](javascript:alert(1)) !\\[i](data:x)"},
		{"script dropped", `<p>safe<script>alert(1)</script> text</p>`, "safe text"},
		{"javascript link becomes text", `<a href="jav&#x09;ascript:alert(1)">click</a>`, "click"},
		{"data image dropped", `<img src="data:image/png;base64,AAAA" alt="a">x`, "x"},
		{"ESC in every form", "<p>a&#27;[2Jb &amp;#27;[31m \x1b[0m &#x1b;c\u202e</p>", "a[2Jb [31m [0m c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Markdown(tt.in, base)
			if err != nil {
				t.Fatalf("Markdown(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Markdown(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// The HTML parser refuses more than 512 open elements; the markdown of such
// a body is its text rather than an error.
func TestMarkdownDeepNesting(t *testing.T) {
	for _, tag := range []string{"blockquote", "div", "b", "li"} {
		in := strings.Repeat("<"+tag+">", 100_000) + "deep text"
		got, err := Markdown(in, "")
		if err != nil {
			t.Errorf("Markdown(100k nested <%s>): %v", tag, err)
			continue
		}
		if !strings.Contains(got, "deep text") {
			t.Errorf("Markdown(100k nested <%s>) = %.80q, lost the text", tag, got)
		}
	}
}

// html-to-markdown's cost grows with the square of list and quote nesting;
// past maxBlockNesting the text is converted instead of the structure.
func TestMarkdownNestingBound(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"within the bound keeps structure", strings.Repeat("<blockquote>", 3) + "q" + strings.Repeat("</blockquote>", 3), "> > > q"},
		{"past the bound keeps the text", strings.Repeat("<blockquote>", 500) + "deep *q*", "deep \\*q*"},
		{"deep lists keep their items", strings.Repeat("<ol><li><p>x", 200), strings.TrimSuffix(strings.Repeat("\\- x\n\n", 200), "\n\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Markdown(tt.in, "")
			if err != nil || got != tt.want {
				t.Errorf("Markdown(%.40q...) = %.60q, %v; want %.60q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestBlockNesting(t *testing.T) {
	tests := []struct {
		html string
		want int
	}{
		{"", 0},
		{"<p>x</p>", 0},
		{"<ul><li>a</li></ul><ul><li>b</li></ul>", 1},
		{"<ul><li><ol><li><blockquote>q</blockquote></li></ol></li></ul>", 3},
		{"<table><tr><td><table></table></td></tr></table>", 2},
		{"</ul></ul><ul>", 1},
		{"<b><i><u>x</u></i></b>", 0},
	}
	for _, tt := range tests {
		if got := blockNesting(tt.html); got != tt.want {
			t.Errorf("blockNesting(%q) = %d, want %d", tt.html, got, tt.want)
		}
	}
}

func TestMarkdownHostileInputs(t *testing.T) {
	for _, in := range hostileInputs {
		got, err := Markdown(in, "https://example.com/")
		if err != nil {
			t.Errorf("Markdown(%q): %v", in, err)
			continue
		}
		checkMarkdown(t, in, got)
	}
}

// checkMarkdown reports markdownProblems of Markdown(in) = md.
func checkMarkdown(t *testing.T, in, md string) {
	t.Helper()
	for _, problem := range markdownProblems(md) {
		t.Errorf("Markdown(%q) = %q: %s", in, md, problem)
	}
}

// markdownProblems parses md as the reader will (goldmark, as glamour does)
// and lists raw HTML, links and images that point anywhere but http(s),
// mailto (links only) or a relative path, and any terminal control. Text
// that merely reads "onerror=" or "javascript:" is text: shown, never run.
func markdownProblems(md string) []string {
	var problems []string
	source := []byte(md)
	doc := markdownParser.Parse(text.NewReader(source))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		dest, mailtoAllowed := "", true
		switch n := n.(type) {
		case *ast.RawHTML, *ast.HTMLBlock:
			problems = append(problems, "raw HTML")
			return ast.WalkContinue, nil
		case *ast.Link:
			dest = string(n.Destination)
		case *ast.Image:
			dest, mailtoAllowed = string(n.Destination), false
		case *ast.AutoLink:
			dest = string(n.URL(source))
		default:
			return ast.WalkContinue, nil
		}
		if !allowedURL(dest, mailtoAllowed) {
			problems = append(problems, "links to "+dest)
		}
		return ast.WalkContinue, nil
	})
	if bad := terminalUnsafe(md); bad != "" {
		problems = append(problems, "holds "+bad)
	}
	return problems
}

// allowedURL reports whether url is relative, http(s), or mailto when
// mailtoAllowed.
func allowedURL(url string, mailtoAllowed bool) bool {
	scheme, _, found := strings.Cut(url, ":")
	if !found || strings.ContainsAny(scheme, "/?#") {
		return true
	}
	switch strings.ToLower(scheme) {
	case "http", "https":
		return true
	case "mailto":
		return mailtoAllowed
	}
	return false
}

// The oracle itself must catch what it is there to catch.
func TestMarkdownProblems(t *testing.T) {
	tests := []struct {
		md   string
		want int
	}{
		{"[x](https://example.com/) ![i](/i.png) [m](mailto:a@b) <https://x/>", 0},
		{"\\[x](javascript:alert(1)) and javascript: text", 0},
		{"[x](javascript:alert(1))", 1},
		{"[x](JavaScript:alert(1))", 1},
		{"![i](data:image/png;base64,AAAA)", 1},
		{"![i](mailto:a@b)", 1},
		{"<javascript:alert(1)>", 1},
		{"a <img src=x onerror=alert(1)> b", 1},
		{"<script>alert(1)</script>", 1},
		{"a\x1b[2Jb", 1},
	}
	for _, tt := range tests {
		if got := markdownProblems(tt.md); len(got) != tt.want {
			t.Errorf("markdownProblems(%q) = %q, want %d problems", tt.md, got, tt.want)
		}
	}
}

// One converter, one policy and one markdown parser serve every goroutine;
// run with -race.
func TestConcurrentUse(t *testing.T) {
	article := readTestdata(t, "article.html")
	want, err := Markdown(article, "https://example.com/")
	if err != nil {
		t.Fatal(err)
	}
	wantText := MarkdownText(want)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 5 {
				got, err := Markdown(article, "https://example.com/")
				if err != nil || got != want {
					t.Errorf("concurrent Markdown differs (err %v)", err)
					return
				}
				if MarkdownText(got) != wantText {
					t.Errorf("concurrent MarkdownText differs")
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestMarkdownOfArticle(t *testing.T) {
	got, err := Markdown(readTestdata(t, "article.html"), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## ", "![", "](https://img.example.org/", "*", "- ", "`"} {
		if !strings.Contains(got, want) {
			t.Errorf("markdown of article lacks %q", want)
		}
	}
}
