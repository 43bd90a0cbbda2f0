package ui

import "charm.land/bubbles/v2/key"

// helpKeys feeds bubbles/help: the short line is the focused pane's keys
// and a few global ones; the full view is every group.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

// globalShortHelp are the global keys worth a place on the short line.
func (k KeyMap) globalShortHelp() []key.Binding {
	return []key.Binding{k.NextPane, k.Search, k.Help, k.Quit}
}

// globalFullHelp lists every global key, in two columns.
func (k KeyMap) globalFullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Quit, k.Help, k.NextPane, k.PrevPane, k.Search, k.Clear},
		{k.FocusAuthors, k.FocusTags, k.FocusList, k.FocusReader, k.Reload},
	}
}
