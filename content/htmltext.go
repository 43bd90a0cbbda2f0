package content

import "strings"

// htmlText walks s once, copying text and turning markup into layout. It
// also reports whether any copied byte is one sanitize.Text could act on.
func htmlText(s string) (string, bool) {
	w := textWriter{out: make([]byte, 0, len(s))}
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			w.text(s[i:])
			break
		}
		w.text(s[i : i+j])
		i += j
		next, ok := w.markup(s, i)
		if !ok { // a '<' that starts no markup is text
			w.text("<")
			next = i + 1
		}
		i = next
	}
	return w.String(), w.copied&mayNeedCleaning != 0
}

// markup handles the markup starting at the '<' at s[i] and returns the
// index just past it, or false when the '<' starts no markup.
func (w *textWriter) markup(s string, i int) (int, bool) {
	if i+1 >= len(s) {
		return 0, false
	}
	switch c := s[i+1]; {
	case isLetter(c):
		return w.startTag(s, i+1), true
	case c == '/':
		if i+2 < len(s) && isLetter(s[i+2]) {
			return w.endTag(s, i+2), true
		}
		return skipPast(s, i+2, ">"), true // "</>" and bogus comments
	case c == '!':
		if strings.HasPrefix(s[i+2:], "--") {
			return skipComment(s, i+4), true
		}
		return skipPast(s, i+2, ">"), true // doctype and bogus comments
	case c == '?':
		return skipPast(s, i+2, ">"), true // processing instructions
	}
	return 0, false
}

// startTag handles a start tag whose name begins at s[i].
func (w *textWriter) startTag(s string, i int) int {
	name, attrs := tagName(s, i)
	end := tagEnd(s, attrs)
	if end < 0 {
		return len(s) // a tag cut off by the end of input is dropped
	}
	switch elementKindOf(name) {
	case hiddenElement:
		if s[end-2] == '/' {
			// "<iframe src=... />": XHTML feeds mean an empty element, and
			// the text after it is article text (bluemonday reads it so too).
			return end
		}
		return skipRawText(s, end, name)
	case paragraphElement:
		w.lineBreak(2)
	case lineElement:
		w.lineBreak(1)
	case listElement:
		w.lineBreak(listBreak(w.listDepth))
		w.listDepth++
	case listItemElement:
		w.lineBreak(1)
		w.owedItem = true
	case preElement:
		w.lineBreak(2)
		w.preDepth++
		w.skipNewline = true
	case cellElement:
		w.owedSpace = true
	case breakElement:
		w.owedBreaks = min(w.owedBreaks+1, 2)
	case imageElement:
		if alt := attrValue(s[attrs:end], "alt"); alt != "" {
			w.owedSpace = true
			w.text(alt)
			w.owedSpace = true
		}
	}
	return end
}

// endTag handles an end tag whose name begins at s[i].
func (w *textWriter) endTag(s string, i int) int {
	name, attrs := tagName(s, i)
	end := tagEnd(s, attrs)
	if end < 0 {
		return len(s)
	}
	switch elementKindOf(name) {
	case paragraphElement:
		w.lineBreak(2)
	case lineElement, listItemElement:
		w.lineBreak(1)
	case listElement:
		w.listDepth = max(w.listDepth-1, 0)
		w.lineBreak(listBreak(w.listDepth))
	case preElement:
		w.preDepth = max(w.preDepth-1, 0)
		w.lineBreak(2)
	case cellElement:
		w.owedSpace = true
	case breakElement: // browsers read </br> as <br>
		w.owedBreaks = min(w.owedBreaks+1, 2)
	}
	return end
}

// listBreak is the break around a list: a paragraph at the top level, a
// line for a list nested in an item.
func listBreak(depth int) int {
	if depth > 0 {
		return 1
	}
	return 2
}
