package sanitize

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"clean ascii", "hello world", "hello world"},
		{"clean unicode", "Grüße 你好 🎉", "Grüße 你好 🎉"},
		{"keeps newline and tab", "a\nb\tc", "a\nb\tc"},
		{"raw ESC", "a\x1b[2Jb", "a[2Jb"},
		{"C0 controls", "a\x00b\x07c\x08d", "abcd"},
		{"DEL", "a\x7fb", "ab"},
		{"CR LF", "a\r\nb\rc", "a\nb\nc"},
		{"C1 CSI", "a\u009b31mb", "a31mb"},
		{"decimal ESC reference", "a&#27;[31mb", "a[31mb"},
		{"hex ESC reference", "a&#x1B;[31mb&#x1b;", "a[31mb"},
		{"padded reference", "a&#0027;b", "ab"},
		{"double-escaped", "a&amp;#27;b&amp;amp;#x1b;c", "abc"},
		{"reference without semicolon", "a&#27[31m", "a[31m"},
		{"C1 reference", "a&#155;b", "ab"},
		{"bidi override", "abc\u202edcba\u202c", "abcdcba"},
		{"bidi isolate", "a\u2066b\u2069", "ab"},
		{"keeps harmless references", "&#38; &amp; &#x41; &lt;", "&#38; &amp; &#x41; &lt;"},
		{"keeps newline reference", "a&#10;b", "a&#10;b"},
		{"invalid utf-8", "a\xffb", "ab"},
		{"lone ampersand", "fish & chips &", "fish & chips &"},
		{"spliced reference", "&&#27;#27;x", "x"},
	}
	for _, c := range cases {
		if got := Text(c.in); got != c.want {
			t.Errorf("%s: Text(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestLine(t *testing.T) {
	if got := Line("  a\n\tb \x1b c  "); got != "a b c" {
		t.Fatalf("got %q", got)
	}
}

func TestRendered(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"keeps SGR", "\x1b[1;38;5;200mhi\x1b[0m", "\x1b[1;38;5;200mhi\x1b[0m"},
		{"drops cursor moves", "a\x1b[2J\x1b[Hb", "ab"},
		{"drops OSC title", "a\x1b]0;pwned\x07b", "ab"},
		{"drops OSC 52 with ST", "a\x1b]52;c;ZXZpbA==\x1b\\b", "ab"},
		{"drops DCS", "a\x1bPq#0\x1b\\b", "ab"},
		{"drops private SGR-like", "a\x1b[?1049hb", "ab"},
		{"drops lone ESC at end", "ab\x1b", "ab"},
		{"drops controls between", "a\x07b\x1b[0mc", "ab\x1b[0mc"},
	}
	for _, c := range cases {
		if got := Rendered(c.in); got != c.want {
			t.Errorf("%s: Rendered(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"a\x1b[2J", "&#27;", "&amp;#x1b;", "\u202e", "\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		if strings.ContainsAny(out, "\x1b\x07\r\u009b\u202e") {
			t.Fatalf("Text(%q) = %q keeps a control", s, out)
		}
		if Text(out) != out {
			t.Fatalf("Text is not idempotent on %q", s)
		}
	})
}

func BenchmarkTextClean(b *testing.B) {
	s := strings.Repeat("An ordinary paragraph of article text, with punctuation & numbers 123. ", 150)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Text(s)
	}
}

// TestIsCleanAgreesWithText checks the byte-level fast path against the
// rune-level cleaner on every character class it special-cases.
func TestIsCleanAgreesWithText(t *testing.T) {
	samples := []string{"plain", "a\u0080b", "a\u009fb", "a\u00a0b", "\u202a", "\u202e", "\u202f", "\u2066", "\u2069",
		"\u206a", "\u2029", "é—“”", "&amp;", "&#27;", "&a", "&#", "a\x7f", "\x00", "\xc2", "\xe2\x80", "tab\tnl\n", "\r"}
	for _, s := range samples {
		if got, want := isClean(s), Text(s) == s; got != want {
			t.Errorf("isClean(%q) = %v, but Text changes it: %v", s, got, !want)
		}
	}
}
