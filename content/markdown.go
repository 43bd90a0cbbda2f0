package content

import (
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"

	"github.com/herald-reader/herald/sanitize"
)

// Markdown converts html to markdown with html-to-markdown v2 after SafeHTML.
// The result is also passed through sanitize.Text. Links stay links, images
// become ![alt](src). A plain-text body (no markup) comes out as escaped
// markdown paragraphs, so its "*" and "#" are shown, not interpreted.
//
// A body whose lists, quotes or tables nest deeper than maxBlockNesting, or
// that the HTML parser refuses (over 512 open elements), comes out as its
// plain text in paragraphs: hostile nesting still reads, quickly.
func Markdown(html, base string) (string, error) {
	safe := SafeHTML(html, base)
	if blockNesting(safe) > maxBlockNesting {
		return textAsMarkdown(safe)
	}
	md, err := htmlConverter.ConvertString(safe)
	if err != nil {
		return textAsMarkdown(safe)
	}
	return sanitize.Text(strings.TrimSpace(md)), nil
}

// textAsMarkdown is the markdown of safe's plain text, paragraph by paragraph.
func textAsMarkdown(safe string) (string, error) {
	text, _ := htmlText(safe)
	md, err := htmlConverter.ConvertString(paragraphsHTML(text))
	if err != nil {
		return "", err
	}
	return sanitize.Text(strings.TrimSpace(md)), nil
}

// maxBlockNesting bounds how deeply lists, quotes and tables may nest for
// conversion: html-to-markdown's time and output grow with the square of
// that depth (500 nested quotes: 4 s and 500 KB of markdown from 6.5 KB).
// Real articles stay far below it.
const maxBlockNesting = 32

// blockNesting returns how deeply ul, ol, blockquote, dl and table elements
// nest in safe. safe is SafeHTML output: well-formed tags, lower-case names.
func blockNesting(safe string) int {
	depth, deepest := 0, 0
	for i := 0; ; {
		j := strings.IndexByte(safe[i:], '<')
		if j < 0 {
			return deepest
		}
		i += j + 1
		closing := strings.HasPrefix(safe[i:], "/")
		if closing {
			i++
		}
		name, _ := tagName(safe, i)
		switch name {
		case "ul", "ol", "blockquote", "dl", "table":
			if closing {
				depth = max(depth-1, 0)
			} else {
				depth++
				deepest = max(deepest, depth)
			}
		}
	}
}

// htmlConverter is built once and only read afterwards; conversions keep
// their state per call, so it is safe for concurrent use.
var htmlConverter = converter.NewConverter(
	converter.WithPlugins(
		base.NewBasePlugin(),
		// No "<!--THE END-->" after lists: `herald cat` shows markdown as
		// it is, and two adjacent lists merging is the smaller harm.
		commonmark.NewCommonmarkPlugin(commonmark.WithListEndComment(false)),
		strikethrough.NewStrikethroughPlugin(),
		table.NewTablePlugin(),
	),
)
