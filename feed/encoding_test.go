package feed

import (
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// Two Latin-1 feeds without an encoding declaration, from the corpus. The
// first happens to hold "é »" (E9 A0 BB), which is also a well-formed UTF-8
// sequence: that must not make the document UTF-8.
func TestUndeclaredLatin1Corpus(t *testing.T) {
	for _, tc := range []struct {
		path, title, text string
	}{
		{"feeds/malformed/miniflux__no_encoding_ISO-8859-1.xml", "", "Psychologue à domicile"},
		{"feeds/malformed/rss-parser__uolNoticias.rss", "UOL Noticias", "Promotoria abre inquérito"},
	} {
		data := corpusFile(t, tc.path)
		info, articles, err := parseFeed(strings.NewReader(string(data)), tc.path, parseOptions{now: time.Now(), cdataMinLen: cdataMinLen})
		if err != nil {
			t.Fatalf("%s: %v", tc.path, err)
		}
		if tc.title != "" && info.Title != tc.title {
			t.Errorf("%s: feed title %q, want %q", tc.path, info.Title, tc.title)
		}
		if len(articles) == 0 {
			t.Fatalf("%s: no articles", tc.path)
		}
		found := false
		for _, a := range articles {
			all := a.Title + a.Summary + a.Content
			if strings.ContainsRune(all, '\uFFFD') || strings.Contains(all, "Ã©") {
				t.Errorf("%s: %q is garbled", tc.path, a.Title)
			}
			found = found || strings.Contains(all, tc.text)
		}
		if !found {
			t.Errorf("%s: no article says %q", tc.path, tc.text)
		}
		if tc.path == "feeds/malformed/miniflux__no_encoding_ISO-8859-1.xml" {
			// The chance UTF-8 sequence reads as the three Latin-1
			// characters it was written as.
			if !anyArticleHas(articles, "é\u00a0»") {
				t.Errorf("%s: \"é »\" (E9 A0 BB) not read as windows-1252", tc.path)
			}
		}
	}
}

func anyArticleHas(articles []store.NewArticle, s string) bool {
	for _, a := range articles {
		if strings.Contains(a.Title+a.Summary+a.Content, s) {
			return true
		}
	}
	return false
}

func TestUndeclaredToUTF8(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"valid UTF-8", "Café", "Café"},
		{"Latin-1", "Caf\xe9 \x93quoted\x94", "Café “quoted”"},
		// A chance UTF-8 sequence among more Latin-1 bytes is Latin-1 too.
		{"Latin-1 with a chance sequence", "d\xe9j\xe0 \xab caf\xe9\xa0\xbb", "déjà « café\u00a0»"},
		// UTF-8 with a stray windows-1252 byte: the UTF-8 stays, the stray
		// byte is read as windows-1252 rather than lost.
		{"UTF-8 with a stray byte", "naïve café résumé \x93x\x94", "naïve café résumé “x”"},
	} {
		if got := string(undeclaredToUTF8([]byte(tc.in))); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
	// A document that declares UTF-8 but is Latin-1 is read the same way.
	doc := "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>d\xe9j\xe0 \xab caf\xe9\xa0\xbb</title></channel></rss>"
	if got := string(toUTF8([]byte(doc))); !strings.Contains(got, "déjà « café\u00a0»") {
		t.Errorf("declared UTF-8, really Latin-1: got %q", got)
	}
}
