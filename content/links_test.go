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
		{name: "plain text has no links", html: "just words, https://a.example/bare"},
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
