package content

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestLinks(t *testing.T) {
	const base = "https://news.example/2024/story"
	tests := []struct {
		name           string
		md, html, base string
		want           []Link
	}{
		{name: "empty"},
		{name: "markdown inline, reference and autolinks in order",
			md:   "See [the *first* one](https://a.example/1 \"title\"), then [ref][r] and <https://c.example/3>.\n\n[r]: https://b.example/2",
			want: []Link{{"the first one", "https://a.example/1"}, {"ref", "https://b.example/2"}, {"https://c.example/3", "https://c.example/3"}}},
		{name: "markdown duplicates keep the first text",
			md:   "[one](https://a.example/x) and [again](https://a.example/x) and [other](https://a.example/y)",
			want: []Link{{"one", "https://a.example/x"}, {"other", "https://a.example/y"}}},
		{name: "markdown relative links resolved against the article",
			md: "[up](../other) [root](/about) [same dir](next.html)", base: base,
			want: []Link{{"up", "https://news.example/other"}, {"root", "https://news.example/about"}, {"same dir", "https://news.example/2024/next.html"}}},
		{name: "relative links dropped without an http base",
			md: "[rel](/about) [abs](http://a.example/)", base: "demo:file",
			want: []Link{{"abs", "http://a.example/"}}},
		{name: "other schemes dropped",
			md:   "[mail](mailto:x@a.example) [js](javascript:alert(1)) [ftp](ftp://a.example/f) <x@a.example> [ok](HTTPS://a.example/ok)",
			want: []Link{{"ok", "https://a.example/ok"}}},
		{name: "anchors in the article itself dropped",
			md: "[jump](#part-2) [self](https://news.example/2024/story/) [other part](https://news.example/2024/story2#x)", base: base,
			want: []Link{{"other part", "https://news.example/2024/story2#x"}}},
		{name: "image inside a link gives its alt text",
			md:   "[![a chart](https://img.example/c.png)](https://a.example/chart)",
			want: []Link{{"a chart", "https://a.example/chart"}}},
		{name: "text over lines and with escapes on one line",
			md:   "[a long\nlink \\*text\\* &amp; more](https://a.example/l)",
			want: []Link{{"a long link *text* & more", "https://a.example/l"}}},
		{name: "inline html links in markdown",
			md:   "Read <a href=\"https://a.example/h\">this *one*</a> now.",
			want: []Link{{"this one", "https://a.example/h"}}},
		{name: "html block in markdown",
			md:   "Intro\n\n<div><a href=\"https://a.example/b\">block link</a></div>\n\nafter [md](https://a.example/m)",
			want: []Link{{"block link", "https://a.example/b"}, {"md", "https://a.example/m"}}},
		{name: "markdown wins over html",
			md: "[md](https://a.example/m)", html: `<a href="https://a.example/h">h</a>`,
			want: []Link{{"md", "https://a.example/m"}}},
		{name: "html links, entities, images and relative hrefs",
			html: `<p>See <a href="/x?a=1&amp;b=2">the <b>x</b> page</a> and <a href="https://a.example/i"><img src="i.png" alt="an image"></a>` +
				`<a name="anchor">no href</a> <a href="mailto:x@a.example">mail</a> <a href="https://a.example/i">dup</a></p>`,
			base: base,
			want: []Link{{"the x page", "https://news.example/x?a=1&b=2"}, {"an image", "https://a.example/i"}}},
		{name: "html unclosed anchors",
			html: `<a href="https://a.example/1">one <a href="https://a.example/2">two`,
			want: []Link{{"one", "https://a.example/1"}, {"two", "https://a.example/2"}}},
		{name: "hostile text is one clean line",
			html: "<a href=\"https://a.example/e\">evil\x1b[31m\nred</a>",
			want: []Link{{"evil[31m red", "https://a.example/e"}}},
		{name: "plain text has no markup links", html: "just words"},
		// Web addresses written out in the text, as the reader shows them.
		{name: "markdown bare address",
			md:   "See https://example.com/page for more.",
			want: []Link{{"", "https://example.com/page"}}},
		{name: "markdown bare addresses in order among links",
			md: "First https://a.example/1, then [two](https://a.example/2) and (https://a.example/3).\n\n" +
				"- a list: www.a.example/4\n\n> quoted https://a.example/5\n\n# Heading https://a.example/6",
			want: []Link{{"", "https://a.example/1"}, {"two", "https://a.example/2"}, {"", "https://a.example/3"},
				{"", "http://www.a.example/4"}, {"", "https://a.example/5"}, {"", "https://a.example/6"}}},
		{name: "markdown bare address once, named by a later link",
			md:   "Go to https://a.example/x. [The x page](https://a.example/x) and https://a.example/x again.",
			want: []Link{{"The x page", "https://a.example/x"}}},
		{name: "markdown link text is not a bare address",
			md:   "[https://a.example/text](https://a.example/dest) [see https://a.example/t2](https://a.example/d2)",
			want: []Link{{"https://a.example/text", "https://a.example/dest"}, {"see https://a.example/t2", "https://a.example/d2"}}},
		{name: "markdown code is not text",
			md:   "Run `curl https://a.example/code` and\n\n```\nhttps://a.example/fenced\n```\n\n    https://a.example/indented\n\nbut https://a.example/text",
			want: []Link{{"", "https://a.example/text"}}},
		{name: "markdown escapes resolved in an address",
			md:   `See https://en.wikipedia.org/wiki/Snake\_case\_(style) now.`,
			want: []Link{{"", "https://en.wikipedia.org/wiki/Snake_case_(style)"}}},
		{name: "markdown address in emphasis and after a line break",
			md:   "*https://a.example/em* and\nhttps://a.example/next",
			want: []Link{{"", "https://a.example/em"}, {"", "https://a.example/next"}}},
		{name: "markdown address in an image's alt text is not a link",
			md:   "![https://a.example/alt](https://img.example/i.png)",
			want: nil},
		{name: "markdown address inside inline html anchor is its text",
			md:   `<a href="https://a.example/h">https://a.example/shown</a>`,
			want: []Link{{"https://a.example/shown", "https://a.example/h"}}},
		{name: "bare addresses: only http and https",
			md:   "ftp://a.example/f mailto:x@a.example x@a.example javascript:alert(1) file:///etc/passwd https://a.example/ok",
			want: []Link{{"", "https://a.example/ok"}}},
		{name: "bare address to the article itself dropped", base: base,
			md:   "This: https://news.example/2024/story#part-2 and https://news.example/other",
			want: []Link{{"", "https://news.example/other"}}},
		{name: "html bare addresses, not in code, pre, anchors or scripts",
			html: `<p>just words, https://a.example/bare.</p><p><code>https://a.example/code</code></p><pre>https://a.example/pre</pre>` +
				`<script>var u = "https://a.example/script"</script><p><a href="https://a.example/a">https://a.example/anchor</a> ` +
				`<b>www.a.example/bold</b>&nbsp;https://a.example/q?a=1&amp;b=2</p>`,
			want: []Link{{"", "https://a.example/bare"}, {"https://a.example/anchor", "https://a.example/a"},
				{"", "http://www.a.example/bold"}, {"", "https://a.example/q?a=1&b=2"}}},
		{name: "html unclosed code still not text",
			html: `<p>https://a.example/1 <code>https://a.example/2</p>`,
			want: []Link{{"", "https://a.example/1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Links(tt.md, tt.html, tt.base)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Links:\n got %q\nwant %q", got, tt.want)
			}
			for _, l := range got {
				if bad := terminalUnsafe(l.Text + l.URL); bad != "" {
					t.Fatalf("link %q holds %s", l, bad)
				}
			}
		})
	}
}

func TestLinksCapped(t *testing.T) {
	var b strings.Builder
	for i := range MaxLinks + 10 {
		fmt.Fprintf(&b, "[%d](https://a.example/%d)\n", i, i)
	}
	if got := len(Links(b.String(), "", "")); got != MaxLinks {
		t.Fatalf("got %d links, want %d", got, MaxLinks)
	}
}

// The reader caches the markdown conversion of an HTML body and Links then
// reads that: the addresses written in the text come out the same, though
// the conversion escapes their '_' and '*'.
func TestLinksOfHTMLAndOfItsMarkdown(t *testing.T) {
	const html = `<p>See https://en.wikipedia.org/wiki/Snake_case_(style), https://a.example/a*b*c and ` +
		`<a href="https://a.example/named">a link</a> (www.a.example/x_y).</p><p><code>https://a.example/code</code></p>` +
		`<ul><li>https://a.example/item#frag</li></ul>`
	want := []Link{{"", "https://en.wikipedia.org/wiki/Snake_case_(style)"}, {"", "https://a.example/a*b*c"},
		{"a link", "https://a.example/named"}, {"", "http://www.a.example/x_y"}, {"", "https://a.example/item#frag"}}
	if got := Links("", html, ""); !reflect.DeepEqual(got, want) {
		t.Errorf("Links of the html:\n got %q\nwant %q", got, want)
	}
	md, err := Markdown(html, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := Links(md, "", ""); !reflect.DeepEqual(got, want) {
		t.Errorf("Links of its markdown %q:\n got %q\nwant %q", md, got, want)
	}
}
