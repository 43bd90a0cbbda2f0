package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// articleHeader is the block above an article's body: title, byline, feed
// and date, tags, link, and a rule, each wrapped or cut to width cells.
func articleHeader(a store.Article, width int, dateLayout string, st *Styles) []string {
	if width <= 0 {
		return nil
	}
	var lines []string
	add := func(text string, style func(...string) string) {
		if text == "" {
			return
		}
		for _, l := range strings.Split(ansi.Wrap(text, width, ""), "\n") {
			lines = append(lines, style(l))
		}
	}
	add(displayTitle(a.Title), st.HeaderTitle.Render)
	var meta []string
	if by := byline(a.Authors); by != "" {
		meta = append(meta, "by "+by)
	}
	if feed := sanitize.Line(a.Feed); feed != "" {
		meta = append(meta, feed)
	}
	if d := formatDate(a.Published, dateLayout); d != "" {
		meta = append(meta, d)
	}
	for _, l := range joinWrapped(meta, " · ", width) {
		add(l, st.HeaderMeta.Render)
	}
	add(hashtags(a.Tags), st.HeaderMeta.Render)
	if link := sanitize.Line(a.Link); link != "" {
		lines = append(lines, st.HeaderLink.Render(truncateText(link, width)))
	}
	lines = append(lines, st.Rule.Render(strings.Repeat("─", width)), "")
	return lines
}

// joinWrapped joins parts with sep into lines of at most width cells,
// breaking only between parts (a date or a name stays whole) unless a part
// alone is too wide.
func joinWrapped(parts []string, sep string, width int) []string {
	var lines []string
	line := ""
	for _, p := range parts {
		switch {
		case line == "":
			line = p
		case cellWidth(line+sep+p) <= width:
			line += sep + p
		default:
			lines = append(lines, line)
			line = p
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
