package ui

import "strings"

// View draws the entries in the sidebar's border.
func (s facetSidebar) View() string { return strings.Join(s.lines(), "\n") }

func (s facetSidebar) lines() []string {
	f := paneFrame{title: paneTitles[s.pane], focused: s.focused}
	if len(s.all) > 0 {
		f.footer = formatCount(len(s.shown))
	}
	iw := max(s.width-2, 0)
	var body []string
	if s.queryLines() > 0 {
		cursor := ""
		if s.typing {
			cursor = "▏"
		}
		body = append(body, s.styles.SidebarQuery.Render(truncateText("find: "+s.query+cursor, iw)))
	}
	if len(s.shown) == 0 {
		body = append(body, s.styles.Dim.Render(" none"))
	}
	for i := s.offset; i < len(s.shown) && i < s.offset+s.visible(); i++ {
		e := s.shown[i]
		active := s.selected != "" && strings.EqualFold(e.Name, s.selected)
		row := facetRow(e, iw-1, active)
		switch {
		case i == s.cursor && s.focused:
			row = s.styles.Cursor.Render(row)
		case active:
			row = s.styles.ActiveFacet.Render(row)
		}
		body = append(body, cursorMark(i == s.cursor && s.focused, true, s.styles)+row)
	}
	return f.render(body, s.width, s.height, s.styles)
}
