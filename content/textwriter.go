package content

import (
	"html"
	"strings"
)

// textWriter accumulates the plain text. Breaks and spaces are owed, not
// written, until the next visible character, so no line ever ends in a
// space and the text never starts or ends with blank lines.
type textWriter struct {
	out         []byte
	owedBreaks  int  // newlines owed before the next text: 0, 1 or 2
	owedSpace   bool // a collapsed run of white space is owed
	owedItem    bool // a list item marker is owed
	listDepth   int
	preDepth    int
	skipNewline bool      // the newline right after <pre> is not content
	copied      byteClass // the classes of every byte copied so far
}

// String returns the text; white space a pre left at the end is dropped.
func (w *textWriter) String() string {
	return strings.TrimRight(string(w.out), " \t\r\n")
}

// maxListIndent bounds how far nested list items are indented: each item
// of a list nested 100,000 deep must not cost 200,000 spaces.
const maxListIndent = 8

// lineBreak asks for n newlines (1: new line, 2: new paragraph) before the
// next text; requests do not add up, the largest wins.
func (w *textWriter) lineBreak(n int) {
	w.owedBreaks = max(w.owedBreaks, n)
}

// settleOwed writes what is owed before a visible character.
func (w *textWriter) settleOwed() {
	if len(w.out) > 0 {
		switch {
		case w.owedBreaks > 0:
			for range w.owedBreaks {
				w.out = append(w.out, '\n')
			}
		case w.owedSpace && w.out[len(w.out)-1] != '\n':
			w.out = append(w.out, ' ')
		}
	}
	if w.owedItem {
		for range min(w.listDepth, maxListIndent) - 1 {
			w.out = append(w.out, "  "...)
		}
		w.out = append(w.out, "- "...)
		w.owedItem = false
	}
	w.owedBreaks = 0
	w.owedSpace = false
}

// text copies a run of HTML character data, decoding entities and
// collapsing white space outside pre.
func (w *textWriter) text(s string) {
	if s == "" {
		return
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	if w.preDepth > 0 {
		if w.skipNewline {
			w.skipNewline = false
			s = strings.TrimPrefix(strings.TrimPrefix(s, "\r"), "\n")
		}
		w.verbatim(s)
		return
	}
	w.skipNewline = false
	w.words(s)
}

// words copies s with each run of white space collapsed to one space. Text
// whose words are already one space apart is copied in one piece.
func (w *textWriter) words(s string) {
	for i := 0; i < len(s); {
		if isSpace(s[i]) {
			w.owedSpace = true
			i++
			continue
		}
		j := i
		for j < len(s) {
			class := byteClasses[s[j]]
			w.copied |= class
			// A lone space between words is copied as it is; every byte
			// copied has its class recorded.
			if class&space == 0 || (s[j] == ' ' && j+1 < len(s) && !isSpace(s[j+1])) {
				j++
				continue
			}
			break
		}
		w.settleOwed()
		w.out = append(w.out, s[i:j]...)
		i = j
	}
}

// verbatim copies s as it is (pre, code blocks).
func (w *textWriter) verbatim(s string) {
	if s == "" {
		return
	}
	for i := 0; i < len(s); i++ {
		w.copied |= byteClasses[s[i]]
	}
	w.settleOwed()
	w.out = append(w.out, s...)
}

func isSpace(c byte) bool { return byteClasses[c]&space != 0 }

// byteClass sorts bytes for the copy loops, which look each byte up once.
type byteClass uint8

const (
	space           byteClass = 1 << iota // HTML white space: space, tab, LF, CR, FF
	mayNeedCleaning                       // anything sanitize.Text may act on
)

var byteClasses = func() (classes [256]byteClass) {
	for _, c := range []byte(" \t\n\r\f") {
		classes[c] = space
	}
	// sanitize.Text changes nothing made only of printable ASCII, tab and
	// newline without '&' (the start of an escape in entity form).
	for c := range 256 {
		if (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f || c == '&' || c >= 0x80 {
			classes[c] |= mayNeedCleaning
		}
	}
	return classes
}()
