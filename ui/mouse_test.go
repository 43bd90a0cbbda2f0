package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

func click(x, y int) tea.MouseClickMsg {
	return tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}
}

func wheel(x, y int, down bool) tea.MouseWheelMsg {
	b := tea.MouseWheelUp
	if down {
		b = tea.MouseWheelDown
	}
	return tea.MouseWheelMsg{X: x, Y: y, Button: b}
}

func TestClickFocusesThePaneAndSelectsTheRow(t *testing.T) {
	h := newHarness(t, newFakeStore(100), Options{}, 160, 50, stubRender)
	list := h.m.lay.Panes[paneList]
	h.press("4")
	h.send(click(list.X+5, list.Y+1+6)) // the seventh row
	if h.m.focus != paneList {
		t.Fatalf("click on the list focused %d", h.m.focus)
	}
	if h.cursorID() != 94 {
		t.Fatalf("clicked row 7, cursor on %d", h.cursorID())
	}
	authors := h.m.lay.Panes[paneAuthors]
	h.send(click(authors.X+3, authors.Y+1+2))
	if h.m.focus != paneAuthors || h.m.authors.cursor != 2 {
		t.Fatalf("click on the third author: focus %d cursor %d", h.m.focus, h.m.authors.cursor)
	}
	reader := h.m.lay.Panes[paneReader]
	h.send(click(reader.X+10, reader.Y+10))
	if h.m.focus != paneReader {
		t.Fatalf("click on the reader focused %d", h.m.focus)
	}
	// Clicks on the status and help lines do nothing.
	h.send(click(3, h.m.lay.Status.Y), click(3, h.m.lay.Help.Y))
	if h.m.focus != paneReader {
		t.Fatal("a click below the panes moved focus")
	}
}

func TestWheelScrollsThePaneUnderThePointer(t *testing.T) {
	st := newFakeStore(200)
	st.words = 3000
	h := newHarness(t, st, Options{}, 160, 50)
	h.press("enter") // reader focused, article open
	list := h.m.lay.Panes[paneList]
	h.send(wheel(list.X+3, list.Y+3, true), wheel(list.X+3, list.Y+3, true))
	if h.m.list.offset != 2*wheelStep {
		t.Fatalf("list offset %d after two notches, want %d", h.m.list.offset, 2*wheelStep)
	}
	if h.m.focus != paneReader {
		t.Fatal("the wheel moved focus")
	}
	reader := h.m.lay.Panes[paneReader]
	h.send(wheel(reader.X+3, reader.Y+3, true))
	if h.m.reader.vp.YOffset() != wheelStep {
		t.Fatalf("reader offset %d after a notch, want %d", h.m.reader.vp.YOffset(), wheelStep)
	}
	h.send(wheel(reader.X+3, reader.Y+3, false))
	if h.m.reader.vp.YOffset() != 0 {
		t.Fatal("wheel up did not scroll back")
	}
}

// In the folded layout the sidebars overlay the list: a click there hits
// the sidebar, not the list under it.
func TestClickOnAnOverlayHitsTheOverlay(t *testing.T) {
	h := newHarness(t, newFakeStore(100), Options{}, 100, 30, stubRender)
	h.press("2")
	if !h.m.lay.Overlay {
		t.Fatal("no overlay in the folded layout")
	}
	tags := h.m.lay.Panes[paneTags]
	h.send(click(tags.X+2, tags.Y+1+1))
	if h.m.focus != paneTags || h.m.tags.cursor != 1 {
		t.Fatalf("focus %d tags cursor %d", h.m.focus, h.m.tags.cursor)
	}
	if h.m.list.cursor != 0 {
		t.Fatal("the click went through to the list")
	}
}
