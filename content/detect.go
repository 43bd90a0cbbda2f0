// Package content turns an article body as published (HTML that may be
// hostile, a fragment, double-escaped, or plain text with no tags at all) into
// what herald stores and shows: sanitised HTML, markdown for the reading pane
// and plain text for search and pipes.
//
// Every function here treats its input as hostile: no script survives, no
// link or image points anywhere but http(s) (or mailto for links), and no
// terminal control character or escape sequence survives in any output.
package content

import (
	"html"
	"strings"
)

// LooksLikeHTML reports whether s contains HTML markup: a start or end tag of
// a known HTML element that is closed by a later '>', a comment or a doctype.
// Only known element names count, so plain text that merely mentions "a < b",
// "<https://example.com>" or "<john@example.com>" is not taken for HTML.
func LooksLikeHTML(s string) bool {
	// Whether a '>' or "-->" follows a candidate is read off the last one in
	// s, so text full of stray '<' still costs one pass.
	lastGT := strings.LastIndexByte(s, '>')
	lastCommentEnd := strings.LastIndex(s, "-->")
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return false
		}
		i += j + 1
		if markupStartsAt(s, i, lastGT, lastCommentEnd) {
			return true
		}
	}
}

// markupStartsAt reports whether the text just after a '<' at s[i-1] is the
// start of a tag (closed by a '>' at or before lastGT), a comment (closed by
// a "-->" starting at lastCommentEnd at the latest) or a doctype.
func markupStartsAt(s string, i, lastGT, lastCommentEnd int) bool {
	rest := s[i:]
	if strings.HasPrefix(rest, "!--") {
		return lastCommentEnd >= i+3
	}
	if len(rest) >= 8 && strings.EqualFold(rest[:8], "!doctype") {
		return true
	}
	if strings.HasPrefix(rest, "/") {
		i++
		rest = rest[1:]
	}
	n := 0
	for n < len(rest) && isNameByte(rest[n]) {
		n++
	}
	if n == 0 || n == len(rest) || !knownElement(rest[:n]) {
		return false
	}
	switch rest[n] {
	case '>':
		return true
	case '/', ' ', '\t', '\n', '\r', '\f':
		return lastGT > i+n
	}
	return false
}

func isNameByte(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// knownElements are the HTML element names LooksLikeHTML accepts as markup.
var knownElements = func() map[string]bool {
	names := strings.Fields(`a abbr address article aside audio b bdi bdo big blockquote body br
		button canvas caption center cite code col colgroup dd del details dfn div dl dt em embed
		fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr
		html i iframe img input ins kbd label legend li link main mark math meta nav noscript object
		ol optgroup option p picture pre q s samp script section select small source span strike
		strong style sub summary sup svg table tbody td template textarea tfoot th thead time title
		tr tt u ul var video wbr`)
	set := make(map[string]bool, len(names))
	for _, name := range names {
		set[name] = true
	}
	return set
}()

// knownElement looks name up case-insensitively without allocating for the
// usual short names.
func knownElement(name string) bool {
	if len(name) > 10 {
		return false
	}
	var lower [10]byte
	for i := 0; i < len(name); i++ {
		lower[i] = toLower(name[i])
	}
	return knownElements[string(lower[:len(name)])]
}

func toLower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// prepareHTML decides how to read an article body. It returns the body to
// read as HTML and true, or the body unchanged and false when it is plain
// text.
//
// Two kinds of sloppy feed are repaired here, the same way for every output:
//   - CDATA markers left inside an already-parsed description (a feed that
//     wrapped its HTML in CDATA twice) are removed and the content read as
//     HTML, which is what the publisher meant.
//   - A body with no markup of its own that turns into HTML after one round
//     of entity decoding ("&lt;p&gt;Hello&lt;/p&gt;") was escaped twice; it
//     is decoded once and read as HTML rather than shown with its tags.
//
// Both repairs only change what is fed to the sanitiser, never what it lets
// through.
func prepareHTML(s string) (string, bool) {
	if strings.Contains(s, "<![CDATA[") {
		s = removeCDATAMarkers(s)
	}
	if LooksLikeHTML(s) {
		return s, true
	}
	if strings.Contains(s, "&lt;") || strings.Contains(s, "&LT;") {
		if unescaped := html.UnescapeString(s); LooksLikeHTML(unescaped) {
			return unescaped, true
		}
	}
	return s, false
}

// removeCDATAMarkers drops each "<![CDATA[" and its closing "]]>", keeping
// what was between them. An unterminated section runs to the end.
func removeCDATAMarkers(s string) string {
	const open, end = "<![CDATA[", "]]>"
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, open)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i+len(open):]
		j := strings.Index(s, end)
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:j])
		s = s[j+len(end):]
	}
}
