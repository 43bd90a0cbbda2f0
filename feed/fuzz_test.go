package feed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// FuzzParse feeds Parse arbitrary documents: it must never panic (the
// recover in Parse would hide a panic, so the target checks for its
// message), errors must be one line, and every returned title, author and
// tag must be clean.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"atom-authors.xml", "rss-dc.xml", "feed.json", "subscriptions.opml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(billionLaughs))
	f.Add([]byte(`<entry xmlns="http://www.w3.org/2005/Atom"><title type="html">&lt;b&gt;x</title></entry>`))
	f.Add([]byte(`{"items":[{"id":1,"tags":"a,b","authors":"x"}]}`))
	f.Add([]byte("\xff\xfe<\x00r\x00s\x00s\x00>\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, articles, err := Parse(strings.NewReader(string(data)), "fuzz.xml")
		if err != nil {
			if strings.Contains(err.Error(), "parser crashed") {
				t.Fatalf("parser panicked: %v", err)
			}
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Fatalf("error is not one line: %q", err)
			}
			return
		}
		checkLine(t, info.Title)
		for _, a := range articles {
			checkLine(t, a.Title)
			for _, name := range append(append([]string{}, a.Authors...), a.Tags...) {
				if name == "" {
					t.Fatalf("empty name in %q / %q", a.Authors, a.Tags)
				}
				checkLine(t, name)
			}
			if a.GUID == "" {
				t.Fatal("article without a GUID")
			}
		}
	})
}

// checkLine fails on control characters, bidi controls or untrimmed space.
func checkLine(t *testing.T, s string) {
	t.Helper()
	if strings.TrimSpace(s) != s {
		t.Fatalf("untrimmed %q", s)
	}
	for _, r := range s {
		if unicode.IsControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			t.Fatalf("control character %U in %q", r, s)
		}
	}
}
