package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// helpKeys feeds the short help line: the focused pane's keys and a few
// global ones. The full table (after ?) is drawn by keyTableLines.
type helpKeys struct{ short []key.Binding }

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return [][]key.Binding{h.short} }

// globalShortHelp are the global keys worth a place on the short line.
func (k KeyMap) globalShortHelp() []key.Binding {
	return []key.Binding{k.NextPane, k.Search, k.Help, k.Quit}
}

// helpGroup is one titled column of the full key table.
type helpGroup struct {
	title string
	keys  []key.Binding
}

// helpGroups is every binding, grouped by where it works.
func (m *Model) helpGroups() []helpGroup {
	k := m.keys
	clear := k.Clear
	if m.filterSuspended {
		clear = relabel(k.Clear, "restore the filter")
	}
	return []helpGroup{
		{"Everywhere", []key.Binding{k.Quit, k.Help, k.Search, clear, k.Reload, k.Refresh,
			k.Pipe, k.OpenLink, k.CopyLink, k.CopyText, k.Save}},
		{"Panes", []key.Binding{k.NextPane, k.PrevPane, k.FocusAuthors, k.FocusTags, k.FocusList, k.FocusReader}},
		{"Articles", append(flatten(m.list.FullHelp()), relabel(k.Reader.Links, "its links"))},
		{"Reader", append(flatten(m.reader.FullHelp()), k.List.ToggleRead, k.List.ToggleStar)},
		{"Authors and tags", flatten(m.authors.FullHelp())},
		{"Prompts", []key.Binding{k.Prompt.Submit, k.Prompt.Cancel, k.Prompt.Older, k.Prompt.Newer}},
		{"Links (after " + firstKey(k.Reader.Links, "—") + ")", m.linkPickerKeys(0)},
		{"Choosing a name (" + firstKey(k.Reader.NextByAuthor, "—") + ", " + firstKey(k.Reader.NextByTag, "—") + ")", []key.Binding{
			key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "next by that name")),
			relabel(k.Clear, "close")}},
	}
}

func flatten(groups [][]key.Binding) []key.Binding {
	var out []key.Binding
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// keyTableLines draws the groups as titled columns, flowed into as many
// rows as the width needs, in w x h cells: the full help takes the panes'
// place, so that every key fits even on a small terminal. When the table is
// taller than h it scrolls: its lines from offset on, with the last line
// saying where it stands and how to see the rest.
func keyTableLines(groups []helpGroup, hm help.Model, st *Styles, keys *KeyMap, w, h, offset int) []string {
	table := keyTable(groups, hm, st, w)
	lines := blankLines(w, h)
	if len(table) > h && h > 1 {
		offset = clampHelpOffset(offset, len(table), h)
		for i := 0; i < h-1; i++ {
			lines[i] = fitLine(table[offset+i], w)
		}
		r := keys.Reader // the keys that scroll it (see Model.handleHelpKey)
		where := fmt.Sprintf("  lines %d–%d of %d · %s/%s, %s/%s scroll · %s or %s closes", offset+1, offset+h-1, len(table),
			firstKey(r.Down, "—"), firstKey(r.Up, "—"), firstKey(r.PageDown, "—"), firstKey(r.PageUp, "—"),
			firstKey(keys.Help, "—"), firstKey(keys.Clear, "—"))
		lines[h-1] = fitLine(st.Note.Render(where), w)
		return lines
	}
	for i, l := range table {
		if i < h {
			lines[i] = fitLine(l, w)
		}
	}
	return lines
}

// firstKey is the first key a binding answers to, for a hint; unbound when
// the config took all its keys away.
func firstKey(b key.Binding, unbound string) string {
	if k := b.Keys(); len(k) > 0 {
		return k[0]
	}
	return unbound
}

// clampHelpOffset keeps a scrolled key table's first line in range: the
// table shows n lines in h rows, one of which says where it stands.
func clampHelpOffset(offset, n, h int) int {
	return max(0, min(offset, n-(h-1)))
}

// keyTable is the full key table's lines, flowed to width w.
// hm is a copy: its width is set here for the table alone.
func keyTable(groups []helpGroup, hm help.Model, st *Styles, w int) []string {
	const gap = 4
	hm.SetWidth(0) // columns are flowed here, not cut
	var rows, row []string
	rowW := 0
	flush := func() {
		if len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
		}
		row, rowW = nil, 0
	}
	for _, g := range groups {
		col := st.FocusedTitle.Render(g.title) + "\n" + hm.FullHelpView([][]key.Binding{g.keys})
		cw := lipgloss.Width(col)
		if len(row) > 0 && rowW+gap+cw > w-2 {
			flush()
		}
		if len(row) > 0 {
			row = append(row, strings.Repeat(" ", gap))
			rowW += gap
		}
		row = append(row, col)
		rowW += cw
	}
	flush()
	var lines []string
	for _, l := range strings.Split("\n"+strings.Join(rows, "\n\n"), "\n") {
		lines = append(lines, "  "+l)
	}
	return lines
}
