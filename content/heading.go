package content

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Heading is a level-one heading of a markdown document.
type Heading struct {
	Text string // its text as plain text, on one line
	// Start and End are the byte range of its lines in the source: from
	// the start of its first line to just after the newline ending its
	// last (a setext heading's "===" underline included).
	Start, End int
	Leading    bool // nothing but blank lines comes before it
}

// TitleHeading finds the heading a markdown article is titled by: the first
// level-one heading ("# Title" or "Title" over "=====") with some text that
// stands at the top level of md, not inside a list, a quote or a code block.
// A document nested too deeply to parse quickly (see tooDeeplyNested) has
// none.
func TitleHeading(md string) (Heading, bool) {
	if tooDeeplyNested(md) {
		return Heading{}, false
	}
	source := []byte(md)
	doc := markdownParser.Parse(text.NewReader(source))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok || h.Level != 1 || h.Lines().Len() == 0 {
			continue
		}
		start, end := headingLines(md, h)
		title := strings.Join(strings.Fields(MarkdownText(md[start:end])), " ")
		if title == "" {
			continue // "# ![](i.png)": nothing to title an article by
		}
		return Heading{Text: title, Start: start, End: end, Leading: strings.TrimSpace(md[:start]) == ""}, true
	}
	return Heading{}, false
}

// atxOpening matches the start of a line that opens an ATX heading.
var atxOpening = regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t\r\n]|$)`)

// headingLines is the byte range of the source lines of h: its content
// lines, and for a setext heading the underline after them. (A setext
// heading's first line never opens an ATX heading: that line would have
// been one itself.)
func headingLines(md string, h *ast.Heading) (start, end int) {
	lines := h.Lines()
	first, last := lines.At(0), lines.At(lines.Len()-1)
	start = strings.LastIndexByte(md[:first.Start], '\n') + 1
	end = lineEnd(md, max(last.Stop-1, last.Start))
	if !atxOpening.MatchString(md[start:]) {
		end = lineEnd(md, end) // the "===" underline
	}
	return start, end
}

// lineEnd is the offset just after the newline ending the line that holds
// byte i (len(md) on the last line).
func lineEnd(md string, i int) int {
	if i >= len(md) {
		return len(md)
	}
	if j := strings.IndexByte(md[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(md)
}
