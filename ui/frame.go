package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// fitLine makes s exactly w cells wide by display width (so CJK and emoji
// count double): longer lines are cut, shorter ones padded with spaces.
// Every line the reader prints goes through here, which is what guarantees
// that no line ever exceeds the terminal's width.
func fitLine(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := cellWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "")
		sw = cellWidth(s) // a wide character at the edge leaves a gap
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// truncateText shortens plain text to w cells with an ellipsis, by display
// width.
func truncateText(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if cellWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// padText pads plain text with spaces to exactly w cells, cutting it with an
// ellipsis when it is wider.
func padText(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := cellWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = cellWidth(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// blankLines is h lines of w spaces.
func blankLines(w, h int) []string {
	lines := make([]string, max(h, 0))
	line := strings.Repeat(" ", max(w, 0))
	for i := range lines {
		lines[i] = line
	}
	return lines
}

// borderChars are the box-drawing characters of one border kind.
type borderChars struct {
	h, v, tl, tr, bl, br string
}

var (
	// The focused pane gets a heavy border: visible without colour too.
	focusedBorder = borderChars{"━", "┃", "┏", "┓", "┗", "┛"}
	blurredBorder = borderChars{"─", "│", "╭", "╮", "╰", "╯"}
)

// paneFrame is what a pane draws around its body.
type paneFrame struct {
	title   string // in the top border
	footer  string // right-aligned in the bottom border (a position, a count)
	focused bool
}

// render draws body inside a border, exactly w x h cells. Body lines are cut
// or padded to fit; missing lines are blank.
func (f paneFrame) render(body []string, w, h int, st *Styles) []string {
	if w < 2 || h < 2 {
		return blankLines(w, h)
	}
	b, border, titleStyle := blurredBorder, st.Border, st.Title
	if f.focused {
		b, border, titleStyle = focusedBorder, st.FocusedBorder, st.FocusedTitle
	}
	iw := w - 2
	lines := make([]string, 0, h)
	lines = append(lines, edge(b.tl, b.h, b.tr, f.title, false, iw, border, titleStyle))
	side := border.Render(b.v)
	for i := range h - 2 {
		var s string
		if i < len(body) {
			s = body[i]
		}
		lines = append(lines, side+fitLine(s, iw)+side)
	}
	lines = append(lines, edge(b.bl, b.h, b.br, f.footer, true, iw, border, st.Title))
	return lines
}

// edge draws a top or bottom border line with a label in it: on the left
// ("━ Articles ━━━") or, for a footer, on the right ("━━━ 42% ━").
func edge(left, fill, right, label string, alignRight bool, iw int, border, labelStyle inlineStyle) string {
	label = truncateText(label, iw-4)
	if label == "" {
		return border.Render(left + strings.Repeat(fill, iw) + right)
	}
	lw := cellWidth(label) + 2 // a space either side
	rest := iw - lw - 1
	if alignRight {
		return border.Render(left+strings.Repeat(fill, rest)) +
			labelStyle.Render(" "+label+" ") + border.Render(fill+right)
	}
	return border.Render(left+fill) + labelStyle.Render(" "+label+" ") +
		border.Render(strings.Repeat(fill, rest)+right)
}

// cursorMark is the first cell of a row: a bar on the cursor's row, so the
// cursor shows without colour too.
func cursorMark(on, focused bool, st *Styles) string {
	switch {
	case !on:
		return " "
	case focused:
		return st.FocusedBorder.Render("▌")
	default:
		return st.Border.Render("▌")
	}
}
