package content

// elementKind is what an element means for the plain-text layout.
type elementKind uint8

const (
	inlineElement    elementKind = iota // no layout: b, a, span, unknown names
	paragraphElement                    // a blank line before and after
	lineElement                         // a line break before and after
	listElement                         // ul, ol: nests list items
	listItemElement                     // li: a new line with "- "
	preElement                          // white space kept
	cellElement                         // td, th: a space between cells
	breakElement                        // br: one more newline
	imageElement                        // img: its alt text stands in for it
	hiddenElement                       // content never shown
)

// elementKindOf classifies a tag name case-insensitively. It runs for every
// tag on the ingest path, so it lowers into a stack buffer and switches on
// the result: no allocation, no hashing.
func elementKindOf(name string) elementKind {
	if len(name) > 10 {
		return inlineElement
	}
	var buf [10]byte
	for i := 0; i < len(name); i++ {
		buf[i] = toLower(name[i])
	}
	switch string(buf[:len(name)]) {
	case "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dl", "table", "figure",
		"hr", "section", "article", "header", "footer", "aside", "nav", "main", "address",
		"details", "fieldset", "form", "center":
		return paragraphElement
	case "div", "tr", "dt", "dd", "figcaption", "caption", "summary", "option", "legend",
		"thead", "tbody", "tfoot":
		return lineElement
	case "ul", "ol", "menu":
		return listElement
	case "li":
		return listItemElement
	case "pre", "listing":
		return preElement
	case "td", "th":
		return cellElement
	case "br":
		return breakElement
	case "img":
		return imageElement
	case "script", "style", "template", "noscript", "iframe", "title":
		return hiddenElement
	}
	return inlineElement
}
