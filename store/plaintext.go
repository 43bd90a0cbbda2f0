package store

import (
	"unicode/utf8"

	"github.com/herald-reader/herald/content"
)

// plainText is an article's plain text: text as stored when its source was
// plain text or markdown, else derived from its HTML body (or summary, when
// it has no body). The importer stores no text for an HTML body: deriving it
// on ingest cost an import a fifth of its time and storing it a third of the
// store's size, and only the indexer, `cat` and related stories read it.
func plainText(text, html, summary string) string {
	switch {
	case text != "":
		return text
	case html != "":
		return content.Text(html)
	default:
		return content.Text(summary)
	}
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
