package feed

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/herald-reader/herald/sanitize"
)

// ParseError says why a document could not be read as a feed, an OPML list
// or an article. Its message is always one line: "SOURCE: REASON".
type ParseError struct {
	Source string // the path or URL the caller named the document by
	Reason string // what is wrong with it, e.g. "truncated XML at line 12"
}

func (e *ParseError) Error() string {
	if e.Source == "" {
		return e.Reason
	}
	return e.Source + ": " + e.Reason
}

// maxReasonLen bounds a reason that quotes the document (a parser message
// naming an element, say): a hostile file must not fill the user's terminal.
const maxReasonLen = 200

// newError builds a ParseError. The reason may quote document text, so it
// is cleaned to one printable line and shortened.
func newError(source, format string, args ...any) *ParseError {
	reason := sanitize.Line(fmt.Sprintf(format, args...))
	if len(reason) > maxReasonLen {
		reason = truncateRunes(reason, maxReasonLen) + "…"
	}
	return &ParseError{Source: sanitize.Line(source), Reason: reason}
}

// truncateRunes cuts s to at most n bytes without splitting a UTF-8 character.
func truncateRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.TrimSpace(s[:n])
}
