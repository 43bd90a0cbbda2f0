package ui

import tea "charm.land/bubbletea/v2"

// wheelStep is how many rows one wheel notch scrolls.
const wheelStep = 3

// paneAt finds the pane under screen cell (x, y): overlays first, as they
// are drawn on top.
func (m *Model) paneAt(x, y int) (paneID, rect, bool) {
	if m.welcome() || m.showKeys {
		return 0, rect{}, false
	}
	order := []paneID{paneList, paneReader, paneAuthors, paneTags}
	if m.lay.Overlay {
		order = []paneID{paneAuthors, paneTags, paneList, paneReader}
	}
	for _, p := range order {
		if r := m.lay.Panes[p]; r.contains(x, y) {
			return p, r, true
		}
	}
	return 0, rect{}, false
}

// handleClick focuses the pane under the pointer and selects the row
// clicked.
func (m Model) handleClick(ms tea.Mouse) (Model, tea.Cmd) {
	if m.links != nil {
		return m.clickLinkPicker(ms)
	}
	if ms.Button != tea.MouseLeft || m.prompt.open {
		return m, nil
	}
	p, r, ok := m.paneAt(ms.X, ms.Y)
	if !ok {
		return m, nil
	}
	m.setFocus(p)
	row := ms.Y - r.Y - 1 // below the top border
	switch p {
	case paneList:
		if pos, ok := m.list.rowAt(row); ok {
			cmd := m.list.Select(pos)
			return m, tea.Batch(cmd, m.prerender())
		}
	case paneAuthors:
		m.authors.Select(row)
	case paneTags:
		m.tags.Select(row)
	}
	return m, nil
}

// handleWheel scrolls the pane under the pointer, focused or not.
func (m Model) handleWheel(ms tea.Mouse) (Model, tea.Cmd) {
	n := 0
	switch ms.Button {
	case tea.MouseWheelDown:
		n = wheelStep
	case tea.MouseWheelUp:
		n = -wheelStep
	default:
		return m, nil
	}
	p, _, ok := m.paneAt(ms.X, ms.Y)
	if !ok {
		return m, nil
	}
	switch p {
	case paneList:
		cmd := m.list.Scroll(n)
		return m, tea.Batch(cmd, m.prerender())
	case paneReader:
		m.reader.Scroll(n)
	case paneAuthors:
		m.authors.Scroll(n)
	case paneTags:
		m.tags.Scroll(n)
	}
	return m, nil
}
