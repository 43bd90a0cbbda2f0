package content

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MarkdownText renders markdown source (from a .md article file) as plain
// text the same way Text renders HTML: headings, emphasis markers and link
// syntax reduced to their text, images to their alt text, list items
// prefixed "- ", code kept as written, HTML blocks through Text's rules, then
// sanitize.Text.
//
// The source is parsed with goldmark (the CommonMark parser glamour renders
// with), so what is stripped is exactly what the reader would have drawn as
// markup.
func MarkdownText(md string) string {
	if tooDeeplyNested(md) {
		return cleanText(plainText(md))
	}
	source := []byte(md)
	doc := markdownParser.Parse(text.NewReader(source))
	r := markdownTextRenderer{source: source}
	_ = ast.Walk(doc, r.visit) // visit never fails
	return cleanText(r.w.String())
}

// markdownParser is goldmark's default CommonMark parser; a parser keeps no
// state between Parse calls, so one serves every caller.
var markdownParser = goldmark.DefaultParser()

type markdownTextRenderer struct {
	source []byte
	w      textWriter
}

func (r *markdownTextRenderer) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.Heading, *ast.Blockquote, *ast.ThematicBreak:
		r.w.lineBreak(2)
	case *ast.TextBlock:
		r.w.lineBreak(1)
	case *ast.List:
		if entering {
			r.w.lineBreak(listBreak(r.w.listDepth))
			r.w.listDepth++
		} else {
			r.w.listDepth--
			r.w.lineBreak(listBreak(r.w.listDepth))
		}
	case *ast.ListItem:
		r.w.lineBreak(1)
		r.w.owedItem = entering
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		r.w.lineBreak(2)
		if entering {
			r.w.verbatim(trimNewline(r.lines(n)))
		}
		return ast.WalkSkipChildren, nil
	case *ast.HTMLBlock:
		r.w.lineBreak(2)
		if entering {
			text, _ := htmlText(r.lines(n))
			r.w.verbatim(text)
		}
		return ast.WalkSkipChildren, nil
	case *ast.CodeSpan:
		if entering {
			r.codeSpan(n)
		}
		return ast.WalkSkipChildren, nil
	case *ast.AutoLink:
		if entering {
			r.w.words(string(n.URL(r.source)))
		}
	case *ast.RawHTML: // inline tags: markup, not text
		return ast.WalkSkipChildren, nil
	case *ast.Text:
		if entering {
			r.text(n)
		}
	case *ast.String:
		if entering {
			r.w.words(string(n.Value))
		}
	}
	return ast.WalkContinue, nil
}

// text writes a text node as the reader would show it: backslash escapes
// and entity references resolved.
func (r *markdownTextRenderer) text(n *ast.Text) {
	value := n.Value(r.source)
	if !n.IsRaw() {
		value = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(value)))
	}
	r.w.words(string(value))
	switch {
	case n.HardLineBreak():
		r.w.owedBreaks = max(r.w.owedBreaks, 1)
	case n.SoftLineBreak():
		r.w.owedSpace = true
	}
}

// codeSpan writes inline code as written, without its backticks.
func (r *markdownTextRenderer) codeSpan(n *ast.CodeSpan) {
	var code []byte
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			code = append(code, t.Value(r.source)...)
		}
	}
	r.w.verbatim(string(code))
}

// lines joins the source lines of a block node.
func (r *markdownTextRenderer) lines(n ast.Node) string {
	var b []byte
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b = append(b, seg.Value(r.source)...)
	}
	return string(b)
}

func trimNewline(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r') {
		s = s[:len(s)-1]
	}
	return s
}

// maxContainerDepth bounds how many block containers (quotes, list items)
// a line may sit in. goldmark's cost grows steeply with that depth (a line
// of "> " repeated 100,000 times takes it about 20 s; 3,000 list levels made
// by indentation take minutes); real documents stay far below it.
const maxContainerDepth = 16

// tooDeeplyNested reports whether some line of md may sit deeper than
// maxContainerDepth; such a source is shown as plain text.
func tooDeeplyNested(md string) bool {
	for len(md) > 0 {
		line := md
		if i := strings.IndexByte(md, '\n'); i >= 0 {
			line, md = md[:i], md[i+1:]
		} else {
			md = ""
		}
		if containerDepth(line) > maxContainerDepth {
			return true
		}
	}
	return false
}

// containerDepth bounds from above how many containers a line opens or
// continues: one per block quote or list item marker at its start, and one
// per two columns of indentation among them beyond the space each marker
// takes, since each nested list item needs at least that much. A line with
// no marker counts 0: indented code and continuation text open nothing.
func containerDepth(line string) int {
	markers, columns := 0, 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ':
			columns++
			i++
		case c == '\t':
			columns += 4
			i++
		case c == '>':
			markers++
			i++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			markers++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j == len(line) || (line[j] != '.' && line[j] != ')') {
				return depthOf(markers, columns)
			}
			markers++
			i = j + 1
		default:
			return depthOf(markers, columns)
		}
	}
	return depthOf(markers, columns)
}

func depthOf(markers, columns int) int {
	if markers == 0 {
		return 0
	}
	return markers + max(columns-markers, 0)/2
}
