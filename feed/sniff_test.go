package feed

import (
	"bytes"
	"compress/gzip"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

func TestSniff(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel>`))
	zw.Close()
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(`<?xml version="1.0" encoding="UTF-16"?><opml><body/></opml>`)

	for _, tc := range []struct {
		name, head string
		want       FileKind
	}{
		{"feed.xml", `<?xml version="1.0"?><rss version="2.0">`, KindFeed},
		{"list.xml", `<?xml version="1.0"?><!-- exported --><opml version="1.0">`, KindOPML},
		{"daringfireball.rss", `<feed xmlns="http://www.w3.org/2005/Atom">`, KindFeed},
		{"rdf.txt", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, KindFeed},
		{"entry.atom", `<entry xmlns="http://www.w3.org/2005/Atom">`, KindFeed},
		{"page.html", "<!DOCTYPE html>\n<html lang=en><head>", KindArticle},
		{"page", "<html><head><title>x</title>", KindArticle},
		{"error-page.rss", "<!DOCTYPE html><html><body>Not found", KindFeed},
		{"feed.json", `{"version": "https://jsonfeed.org/version/1.1"`, KindFeed},
		{"notes.md", "# Title\n\nbody", KindArticle},
		{"notes.md", "{{< shortcode >}}\n", KindArticle},
		{"todo.txt", "buy milk", KindArticle},
		{"subs.opml", "", KindOPML},
		{"feed.xml.gz", gz.String(), KindFeed},
		{"list", utf16, KindOPML},
		{"mystery.bin", "\x00\x01\x02", KindUnknown},
		{"other.xml", "<note><to>x</to></note>", KindFeed},
		{"note", "<note><to>x</to></note>", KindFeed},
	} {
		if got := Sniff(tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("Sniff(%q, %.30q) = %v, want %v", tc.name, tc.head, got, tc.want)
		}
	}
}
