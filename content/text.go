package content

import "github.com/herald-reader/herald/sanitize"

// Text is a fast plain-text rendering of html for full-text search and
// `cat --format text`: tags dropped, entities decoded, block elements turned
// into line breaks (paragraphs separated by one blank line, list items
// prefixed "- "), an image's alt text standing in for it, runs of white
// space collapsed outside pre, the contents of script, style, template,
// noscript, iframe and title dropped, then sanitize.Text. Plain text (no
// markup) keeps its own line breaks.
//
// It runs on the ingest hot path, so it is a single hand-written pass over
// the input: no DOM, no sanitiser. It never needs to be "safe HTML" because
// its output is not HTML; it only has to hold no control characters, which
// sanitize.Text guarantees at the end.
func Text(s string) string {
	body, isHTML := prepareHTML(s)
	if !isHTML {
		return cleanText(plainText(body))
	}
	text, unsure := htmlText(body)
	if !unsure {
		return text // only printable ASCII without '&': sanitize.Text would return it unchanged
	}
	return cleanText(text)
}

// cleanText is sanitize.Text for laid-out text. Removing controls after the
// layout (the layout decodes entities, which can spell controls) may leave a
// gap where a paragraph held nothing else; that rare case is tidied.
func cleanText(text string) string {
	clean := sanitize.Text(text)
	if len(clean) == len(text) {
		return clean
	}
	return tidyBlankLines(clean)
}
