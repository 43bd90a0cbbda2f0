package content

import (
	"reflect"
	"strings"
	"testing"
)

func TestBareURLs(t *testing.T) {
	tests := []struct {
		in   string
		want []string // the addresses as written
	}{
		{"", nil},
		{"no address here", nil},
		{"https://a.example", []string{"https://a.example"}},
		{"See https://example.com/page for more.", []string{"https://example.com/page"}},
		{"HTTP://A.example/X and Https://b.example/", []string{"HTTP://A.example/X", "Https://b.example/"}},
		{"two: http://a.example/1 https://b.example/2", []string{"http://a.example/1", "https://b.example/2"}},
		// Trailing punctuation is the sentence's.
		{"End https://a.example/x.", []string{"https://a.example/x"}},
		{"List https://a.example/x, https://a.example/y; and https://a.example/z: done", []string{"https://a.example/x", "https://a.example/y", "https://a.example/z"}},
		{"Really https://a.example/x?! Yes.", []string{"https://a.example/x"}},
		{"Dots https://a.example/x...", []string{"https://a.example/x"}},
		{"*https://a.example/em* _https://a.example/u_ ~https://a.example/s~", []string{"https://a.example/em", "https://a.example/u", "https://a.example/s"}},
		{"'https://a.example/q' \"https://a.example/dq\"", []string{"https://a.example/q", "https://a.example/dq"}},
		{"“https://a.example/curly”, «https://a.example/g» https://a.example/jp。", []string{"https://a.example/curly", "https://a.example/g", "https://a.example/jp"}},
		// Inner punctuation stays.
		{"https://a.example/a.b,c!d?e=f&g=h#i:j", []string{"https://a.example/a.b,c!d?e=f&g=h#i:j"}},
		{"https://a.example/x?q=1.", []string{"https://a.example/x?q=1"}},
		// Parentheses and brackets: only unbalanced closing ones go.
		{"(see https://a.example/x).", []string{"https://a.example/x"}},
		{"(https://a.example/x)", []string{"https://a.example/x"}},
		{"https://en.wikipedia.org/wiki/Rust_(language)", []string{"https://en.wikipedia.org/wiki/Rust_(language)"}},
		{"(https://en.wikipedia.org/wiki/Rust_(language))", []string{"https://en.wikipedia.org/wiki/Rust_(language)"}},
		{"https://a.example/search?q=(business))+ok", []string{"https://a.example/search?q=(business))+ok"}},
		{"https://a.example/((x)))", []string{"https://a.example/((x))"}},
		{"[https://a.example/x]", []string{"https://a.example/x"}},
		{"https://a.example/a[1]", []string{"https://a.example/a[1]"}},
		// Entities at the end.
		{"https://a.example/x&hl;", []string{"https://a.example/x"}},
		{"https://a.example/x&hl;y", []string{"https://a.example/x&hl;y"}},
		{"https://a.example/x;", []string{"https://a.example/x"}},
		// Ends.
		{"https://a.example/x<b>", []string{"https://a.example/x"}},
		{`href="https://a.example/x">text`, []string{"https://a.example/x"}},
		{"https://a.example/x\nnext line", []string{"https://a.example/x"}},
		{"https://a.example/x\u00a0nbsp", []string{"https://a.example/x"}},
		// Not straight after a letter or digit.
		{"xhttps://a.example/ 1https://a.example/", nil},
		{"Source:https://a.example/s (x)https://a.example/p", []string{"https://a.example/s", "https://a.example/p"}},
		// www.
		{"Visit www.commonmark.org/help.", []string{"www.commonmark.org/help"}},
		{"www. www.x", []string{"www.x"}},
		{"awww.example.com", nil},
		// Non-ASCII.
		{"https://de.wikipedia.org/wiki/Köln!", []string{"https://de.wikipedia.org/wiki/Köln"}},
		{"https://bücher.example/ok", []string{"https://bücher.example/ok"}},
		// Not a domain.
		{"http:// https://. https://- https://-.-", nil},
		{"https://a_b.example/ https://a.b_c/ https://x_y.a.example/ok", []string{"https://x_y.a.example/ok"}},
		{"https://a..example/", nil},
		{"https://:80/", nil},
		{"http://localhost:8080/x", []string{"http://localhost:8080/x"}},
		// Schemes that are not web addresses.
		{"ftp://a.example/ mailto:x@a.example x@a.example file:///x", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got []string
			for _, u := range bareURLs(tt.in) {
				got = append(got, u.Text)
				want := u.Text
				if strings.HasPrefix(u.Text, "www.") {
					want = "http://" + u.Text
				}
				if u.URL != want {
					t.Errorf("%q: URL %q", u.Text, u.URL)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("bareURLs(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// A long run of text without addresses costs one pass.
func BenchmarkBareURLs(b *testing.B) {
	text := strings.Repeat("Lighthouses have guided ships (www) along the coast, http: 1https; ", 200)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		bareURLs(text)
	}
}
