package ui

import (
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// facetSidebar lists authors or tags with their counts, most used first. A
// long list narrows as you type a part of a name (after the filter key); the
// entry that filters the article list is marked.
type facetSidebar struct {
	pane    paneID
	keys    SidebarKeys
	prompt  PromptKeys
	styles  *Styles
	width   int
	height  int
	focused bool

	all      []store.Facet // sorted
	shown    []store.Facet // all, narrowed by query
	query    string
	typing   bool   // keys go to query
	cursor   int    // index into shown
	offset   int    // first shown entry on screen
	selected string // the entry filtering the list; "" for none
}

func newFacetSidebar(pane paneID, keys SidebarKeys, prompt PromptKeys, styles *Styles) facetSidebar {
	return facetSidebar{pane: pane, keys: keys, prompt: prompt, styles: styles}
}

func (s *facetSidebar) SetSize(w, h int)     { s.width, s.height = w, h; s.scrollToCursor() }
func (s *facetSidebar) SetStyles(st *Styles) { s.styles = st }
func (s *facetSidebar) Focus()               { s.focused = true }
func (s *facetSidebar) Blur()                { s.focused = false; s.typing = false }

func (s facetSidebar) ShortHelp() []key.Binding {
	if s.typing {
		return []key.Binding{s.prompt.Submit, s.prompt.Cancel}
	}
	return []key.Binding{s.keys.Select, s.keys.Filter}
}

func (s facetSidebar) FullHelp() [][]key.Binding {
	k := s.keys
	return [][]key.Binding{{k.Down, k.Up, k.Top, k.Bottom, k.Select, k.Filter}}
}

// Typing reports whether keys are going into the sidebar's filter.
func (s facetSidebar) Typing() bool { return s.typing }

// SetFacets replaces the entries, sorted by count then name, and keeps the
// cursor on the entry it was on.
func (s *facetSidebar) SetFacets(facets []store.Facet) {
	current, _ := s.Current()
	s.all = sortFacets(facets)
	s.narrow()
	for i, f := range s.shown {
		if f.Name == current.Name {
			s.cursor = i
		}
	}
	s.scrollToCursor()
}

// sortFacets orders facets by count, most first, then by name.
func sortFacets(facets []store.Facet) []store.Facet {
	out := make([]store.Facet, len(facets))
	copy(out, facets)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		li, lj := strings.ToLower(out[i].Name), strings.ToLower(out[j].Name)
		if li != lj {
			return li < lj
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// narrow applies the typed query: entries whose name contains it, ignoring
// case.
func (s *facetSidebar) narrow() {
	if s.query == "" {
		s.shown = s.all
	} else {
		q := strings.ToLower(s.query)
		s.shown = nil
		for _, f := range s.all {
			if strings.Contains(strings.ToLower(f.Name), q) {
				s.shown = append(s.shown, f)
			}
		}
	}
	s.cursor = clamp(s.cursor, 0, max(len(s.shown)-1, 0))
	s.scrollToCursor()
}

// Current returns the entry under the cursor.
func (s facetSidebar) Current() (store.Facet, bool) {
	if s.cursor < 0 || s.cursor >= len(s.shown) {
		return store.Facet{}, false
	}
	return s.shown[s.cursor], true
}

// Toggle makes the entry under the cursor the list's filter, or clears it
// when it already is. It returns the new selection.
func (s *facetSidebar) Toggle() string {
	f, ok := s.Current()
	if !ok {
		return s.selected
	}
	if strings.EqualFold(s.selected, f.Name) {
		s.selected = ""
	} else {
		s.selected = f.Name
	}
	return s.selected
}

// Clear drops the selection and the typed query.
func (s *facetSidebar) Clear() {
	s.selected, s.query, s.typing = "", "", false
	s.narrow()
}

// queryLines is 1 while the sidebar shows its typed query above the entries.
func (s facetSidebar) queryLines() int {
	if s.typing || s.query != "" {
		return 1
	}
	return 0
}

// visible is the number of entries on screen: the border takes two lines,
// the query one more while there is one.
func (s facetSidebar) visible() int { return max(s.height-2-s.queryLines(), 0) }

func (s *facetSidebar) moveBy(n int) {
	s.cursor = clamp(s.cursor+n, 0, max(len(s.shown)-1, 0))
	s.scrollToCursor()
}

// Select puts the cursor on the entry at screen row (a mouse click).
func (s *facetSidebar) Select(row int) {
	row -= s.queryLines()
	if row >= 0 && row < s.visible() && s.offset+row < len(s.shown) {
		s.cursor = s.offset + row
	}
}

// Scroll moves the view n entries (the mouse wheel), dragging the cursor.
func (s *facetSidebar) Scroll(n int) {
	v := s.visible()
	s.offset = clamp(s.offset+n, 0, max(len(s.shown)-v, 0))
	s.cursor = clamp(s.cursor, s.offset, s.offset+v-1)
	s.cursor = clamp(s.cursor, 0, max(len(s.shown)-1, 0))
}

func (s *facetSidebar) scrollToCursor() {
	v := s.visible()
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	if v > 0 && s.cursor >= s.offset+v {
		s.offset = s.cursor - v + 1
	}
	s.offset = clamp(s.offset, 0, max(len(s.shown)-v, 0))
}

// Update moves the cursor, or edits the query while typing. Selecting an
// entry is the root's business: it changes the list's filter.
func (s facetSidebar) Update(msg tea.Msg) (facetSidebar, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil
	}
	if s.typing {
		s.handleTyping(k)
		return s, nil
	}
	switch {
	case key.Matches(k, s.keys.Down):
		s.moveBy(1)
	case key.Matches(k, s.keys.Up):
		s.moveBy(-1)
	case key.Matches(k, s.keys.Top):
		s.moveBy(-len(s.shown))
	case key.Matches(k, s.keys.Bottom):
		s.moveBy(len(s.shown))
	case key.Matches(k, s.keys.Filter):
		s.typing = true
		s.scrollToCursor()
	}
	return s, nil
}

// handleTyping edits the query: text is appended, backspace deletes, submit
// keeps the narrowed list, cancel drops the query.
func (s *facetSidebar) handleTyping(k tea.KeyPressMsg) {
	before := s.query
	defer func() {
		if s.query != before {
			s.cursor = 0 // the best match is first
		}
		s.narrow()
	}()
	switch {
	case key.Matches(k, s.prompt.Submit):
		s.typing = false
	case key.Matches(k, s.prompt.Cancel):
		s.query, s.typing = "", false
	case k.String() == "backspace":
		if r := []rune(s.query); len(r) > 0 {
			s.query = string(r[:len(r)-1])
		}
	case k.Text != "":
		s.query += sanitize.Line(k.Text)
	case key.Matches(k, s.keys.Down):
		s.moveBy(1)
	case key.Matches(k, s.keys.Up):
		s.moveBy(-1)
	}
}
