package content

import (
	"html"
	"strings"
)

// Bodies without markup, and text laid out from markup, in and out.

// plainText tidies a body that has no markup: entities decoded (feeds often
// escape plain text), line endings normalised, trailing blanks dropped and
// runs of blank lines folded into one.
func plainText(s string) string {
	s = html.UnescapeString(s)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return tidyBlankLines(strings.ReplaceAll(s, "\f", ""))
}

// tidyBlankLines drops blanks at line ends and at the end, and folds runs of
// blank lines into one.
func tidyBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	b.Grow(len(s))
	blank := false
	for _, line := range lines {
		line = strings.TrimRight(line, " \t")
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

// plainTextHTML renders a body with no markup as HTML paragraphs.
func plainTextHTML(s string) string {
	return paragraphsHTML(plainText(s))
}

// paragraphsHTML renders plain text as HTML: blank lines separate
// paragraphs, everything is escaped.
func paragraphsHTML(text string) string {
	if text == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(text) + len(text)/8)
	for _, para := range strings.Split(text, "\n\n") {
		b.WriteString("<p>")
		b.WriteString(html.EscapeString(para))
		b.WriteString("</p>\n")
	}
	return b.String()
}
