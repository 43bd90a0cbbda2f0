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

// A file found in a folder is imported only when its name or its content
// says it is a feed, an OPML list or an article; Sniff's guesses (plain
// text is an article, some XML a feed) are for files the user named.
func TestSniffFound(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel>`))
	zw.Close()
	for _, tc := range []struct {
		name, head string
		want       FileKind
	}{
		{"urls", "https://example.com/feed.xml\nhttps://example.org/rss \"tech\"\n", KindUnknown},
		{"README", "# herald\n\nA reader.", KindUnknown},
		{"Makefile", "all:\n\tgo build\n", KindUnknown},
		{"photo.png", "\x89PNG\r\n\x1a\n\x00\x00", KindUnknown},
		{"logo.svg", `<svg xmlns="http://www.w3.org/2000/svg">`, KindUnknown},
		{"package-lock", `{"name": "x", "lockfileVersion": 3}`, KindUnknown},
		{"empty", "", KindUnknown},
		{"feed", `<?xml version="1.0"?><rss version="2.0">`, KindFeed},
		{"atom", `<feed xmlns="http://www.w3.org/2005/Atom">`, KindFeed},
		{"subscriptions", `<opml version="2.0">`, KindOPML},
		{"page", "<!DOCTYPE html><html><head>", KindArticle},
		{"feed-download", gz.String(), KindFeed},
		{"jsonfeed", `{"version": "https://jsonfeed.org/version/1.1", "items": []}`, KindFeed},
		{"data.json", `{"name": "x"}`, KindFeed}, // named a feed: Parse says what is wrong
		{"broken.xml", "not xml at all", KindFeed},
		{"notes.md", "# Title\n\nbody", KindArticle},
		{"todo.txt", "buy milk", KindArticle},
	} {
		if got := SniffFound(tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("SniffFound(%q, %.30q) = %v, want %v", tc.name, tc.head, got, tc.want)
		}
	}
}
