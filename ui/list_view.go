package ui

import "strings"

// View draws the list in its border: one row per visible position, a
// placeholder for rows still loading, and the cursor's position in the
// bottom border.
func (l articleList) View() string {
	return strings.Join(l.lines(), "\n")
}

func (l articleList) lines() []string {
	f := paneFrame{title: paneTitles[paneList], focused: l.focused}
	if t := l.total(); t > 0 {
		f.footer = formatCount(l.cursor+1) + "/" + formatCount(t)
	}
	return f.render(l.body(), l.width, l.height, l.styles)
}

func (l articleList) body() []string {
	v, iw := l.visible(), max(l.width-2, 0)
	if l.loaded && l.total() == 0 {
		if l.filter.IsZero() {
			return []string{l.styles.Dim.Render(" No articles yet.")}
		}
		return []string{l.styles.Dim.Render(" No articles match the filter.")}
	}
	cols := listColumns(iw-1, l.dateW) // after the cursor mark
	body := make([]string, 0, v)
	for i := range v {
		pos := l.offset + i
		if pos >= l.total() {
			break
		}
		a, ok := l.win.at(pos)
		if !ok {
			body = append(body, " "+l.styles.Placeholder.Render(padText("  …", iw-1)))
			continue
		}
		row := padText(formatRow(a, cols, l.dateLayout), iw-1)
		switch {
		case pos == l.cursor && l.focused:
			row = l.styles.Cursor.Render(row)
		case pos == l.cursor:
			row = l.styles.BlurCursor.Render(row)
		case !a.Read:
			row = l.styles.UnreadRow.Render(row)
		default:
			row = l.styles.Row.Render(row)
		}
		body = append(body, cursorMark(pos == l.cursor, l.focused, l.styles)+row)
	}
	return body
}

// rowAt maps a screen row inside the list's border to a list position.
func (l articleList) rowAt(row int) (int, bool) {
	pos := l.offset + row
	if row < 0 || row >= l.visible() || pos >= l.total() {
		return 0, false
	}
	return pos, true
}
