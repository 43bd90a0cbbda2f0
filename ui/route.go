package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/query"
	"github.com/herald-reader/herald/store"
)

// handleKey routes a key: to text entry when the prompt or a sidebar's
// filter is taking text, else to the global keys, else to the focused pane.
func (m Model) handleKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	m.note = "" // a note says what the last key did
	if m.prompt.open {
		return m.handlePromptKey(k)
	}
	if sb := m.focusedSidebar(); sb != nil && sb.Typing() {
		if m.isQuitWhileTyping(k) {
			return m, tea.Quit
		}
		*sb, _ = sb.Update(k)
		return m, nil
	}
	if m.chooser != nil {
		return m.handleChooserKey(k)
	}
	if m.links != nil {
		return m.handleLinkPickerKey(k)
	}
	if m.showKeys {
		if cmd, ok := m.handleHelpKey(k); ok {
			return m, cmd
		}
	}
	if m.relatedPrefix {
		m.relatedPrefix = false
		if n, ok := digitKey(k); ok && m.focus == paneReader {
			return m.openRelated(n) // the digit after "#" is not a focus key
		}
	}
	if m.focus.isSidebar() && m.lay.Mode != layoutWide && key.Matches(k, m.keys.Clear) {
		// Folded away, a sidebar is a menu over the list: esc closes it
		// (and a second esc, in the list, clears the filter).
		m.setFocus(paneList)
		return m, nil
	}
	if cmd, ok := m.handleGlobalKey(k); ok {
		return m, cmd
	}
	if next, cmd, ok := m.handleHandoffKey(k); ok {
		return next, cmd
	}
	switch m.focus {
	case paneList:
		return m.handleListKey(k)
	case paneReader:
		return m.handleReaderKey(k)
	default:
		return m.handleSidebarKey(k)
	}
}

// isQuitWhileTyping: while text is typed, only the quit keys that type no
// text (ctrl+c) quit; "q" is a letter of a name.
func (m *Model) isQuitWhileTyping(k tea.KeyPressMsg) bool {
	return k.Text == "" && key.Matches(k, m.keys.Quit)
}

// handleHelpKey scrolls the key table (with the reader's scroll keys) and
// closes it on esc. Any other key closes it too and then does what it
// does, so that the table never hides what a key changes. ok says k was
// the table's own.
func (m *Model) handleHelpKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	r := m.keys.Reader
	body := m.lay.Body
	n := len(keyTable(m.helpGroups(), *m.help, m.styles, body.W))
	page := max(body.H-2, 1)
	switch {
	case key.Matches(k, m.keys.Help), key.Matches(k, m.keys.Quit):
		return nil, false
	case key.Matches(k, m.keys.Clear):
		m.showKeys, m.helpOffset = false, 0
		return nil, true
	case key.Matches(k, r.Down):
		m.helpOffset++
	case key.Matches(k, r.Up):
		m.helpOffset--
	case key.Matches(k, r.PageDown):
		m.helpOffset += page
	case key.Matches(k, r.PageUp):
		m.helpOffset -= page
	case key.Matches(k, r.Top):
		m.helpOffset = 0
	case key.Matches(k, r.Bottom):
		m.helpOffset = n
	default:
		m.showKeys, m.helpOffset = false, 0
		return nil, false
	}
	m.helpOffset = clampHelpOffset(m.helpOffset, n, body.H)
	return nil, true
}

// handleGlobalKey handles the keys that work in every pane. The result is
// in *m; ok says whether k was one of them.
func (m *Model) handleGlobalKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := m.keys
	switch {
	case key.Matches(k, keys.Quit):
		return tea.Quit, true
	case key.Matches(k, keys.Help):
		m.showKeys, m.helpOffset = !m.showKeys, 0
		return nil, true
	case key.Matches(k, keys.NextPane):
		m.setFocus((m.focus + 1) % paneCount)
		return nil, true
	case key.Matches(k, keys.PrevPane):
		m.setFocus((m.focus + paneCount - 1) % paneCount)
		return nil, true
	case key.Matches(k, keys.FocusAuthors):
		m.setFocus(paneAuthors)
		return nil, true
	case key.Matches(k, keys.FocusTags):
		m.setFocus(paneTags)
		return nil, true
	case key.Matches(k, keys.FocusList):
		m.setFocus(paneList)
		return nil, true
	case key.Matches(k, keys.FocusReader):
		m.setFocus(paneReader)
		return nil, true
	case key.Matches(k, keys.Search):
		return tea.Batch(m.prompt.Open(m.filter.query, m.searchHistory.entries), m.searchHistory.load()), true
	case key.Matches(k, keys.Clear):
		return m.clearFilters(), true
	case key.Matches(k, keys.Reload):
		m.message = ""
		return tea.Batch(m.reloadList(), facetsCmd(m.ctx, m.st)), true
	case key.Matches(k, keys.Refresh):
		return m.startRefresh(false), true
	}
	return nil, false
}

// clearFilters drops the author, tag and search filters.
func (m *Model) clearFilters() tea.Cmd {
	m.message = ""
	m.refresh.summary = "" // esc dismisses the last refresh's outcome
	if m.filterSuspended {
		// esc first restores a filter a jump suspended.
		m.filterSuspended = false
		return m.reloadList()
	}
	if m.filter.isZero() && m.authors.query == "" && m.tags.query == "" {
		return nil
	}
	m.authors.Clear()
	m.tags.Clear()
	m.filter = listFilter{}
	return m.reloadList()
}

func (m Model) handlePromptKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(k, m.keys.Prompt.Submit) && m.prompt.kind == promptPipe:
		return m.submitPipe()
	case key.Matches(k, m.keys.Prompt.Submit):
		return m.applySearch()
	case key.Matches(k, m.keys.Prompt.Cancel):
		m.prompt.Close()
		return m, nil
	case m.isQuitWhileTyping(k):
		return m, tea.Quit
	}
	var cmd tea.Cmd
	m.prompt, cmd = m.prompt.Update(k)
	return m, cmd
}

// applySearch parses the prompt's query; a bad one stays in the prompt with
// the reason, a good one filters the list.
func (m Model) applySearch() (Model, tea.Cmd) {
	text := strings.TrimSpace(m.prompt.Value())
	q, err := query.Parse(text)
	if err != nil {
		m.prompt.Fail(err)
		return m, nil
	}
	m.prompt.Close()
	m.message = ""
	m.filter.query, m.filter.parsed = text, q.Filter()
	m.filterSuspended = false
	var save tea.Cmd
	if text != "" {
		save = m.searchHistory.add(text)
	}
	return m, tea.Batch(m.reloadList(), save)
}

func (m Model) handlePaste(msg tea.PasteMsg) (Model, tea.Cmd) {
	if m.prompt.open {
		var cmd tea.Cmd
		m.prompt, cmd = m.prompt.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m Model) handleListKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(k, m.keys.List.Open):
		return m.openCurrent()
	case key.Matches(k, m.keys.Reader.Links):
		// Like the other keys that act on an article, L works on the
		// cursor's article from the list: it opens it, then its links.
		m, open := m.openCurrent()
		m, links := m.showLinks()
		return m, tea.Batch(open, links)
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(k)
	return m, tea.Batch(cmd, m.prerender())
}

func (m Model) handleReaderKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	r := m.keys.Reader
	switch {
	case key.Matches(k, r.NextRelated):
		return m.stepRelated(1)
	case key.Matches(k, r.PrevRelated):
		return m.stepRelated(-1)
	case key.Matches(k, r.OpenRelated):
		m.relatedPrefix = true
		m.note = "related story number (1–9)…"
		return m, nil
	case key.Matches(k, r.NextByAuthor):
		return m.nextBy(byAuthor)
	case key.Matches(k, r.NextByTag):
		return m.nextBy(byTag)
	case key.Matches(k, r.Back):
		return m.goBack()
	case key.Matches(k, r.Forward):
		return m.goForward()
	case key.Matches(k, r.Links):
		return m.showLinks()
	case key.Matches(k, r.FullArticle):
		return m.fetchFullArticle()
	case key.Matches(k, m.keys.Reader.Next):
		return m.step(1)
	case key.Matches(k, m.keys.Reader.Prev):
		return m.step(-1)
	case key.Matches(k, m.keys.List.ToggleRead):
		return m.toggleOpen(func(a *store.Article) (tea.Cmd, string) {
			a.Read = !a.Read
			return setReadCmd(m.ctx, m.st, a.ID, a.Read), map[bool]string{true: "marked read", false: "marked unread"}[a.Read]
		})
	case key.Matches(k, m.keys.List.ToggleStar):
		return m.toggleOpen(func(a *store.Article) (tea.Cmd, string) {
			a.Starred = !a.Starred
			return setStarredCmd(m.ctx, m.st, a.ID, a.Starred), map[bool]string{true: "starred", false: "unstarred"}[a.Starred]
		})
	}
	var cmd tea.Cmd
	m.reader, cmd = m.reader.Update(k)
	return m, cmd
}

// toggleOpen flips a state of the open article (the list's m and s, in the
// reader), on its list row too, and says what it did: in the reader the
// row may be out of sight.
func (m Model) toggleOpen(flip func(a *store.Article) (tea.Cmd, string)) (Model, tea.Cmd) {
	if !m.reader.open {
		return m, nil
	}
	a := m.reader.article
	cmd, note := flip(&a)
	m.note = note
	m.reader.article.Read, m.reader.article.Starred = a.Read, a.Starred
	m.list.Set(a.ID, a.Read, a.Starred)
	return m, cmd
}

func (m Model) handleSidebarKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	sb := m.focusedSidebar()
	if key.Matches(k, m.keys.Sidebar.Select) {
		selected := sb.Toggle()
		if sb.pane == paneAuthors {
			m.filter.author = selected
		} else {
			m.filter.tag = selected
		}
		m.filterSuspended = false
		if m.lay.Mode != layoutWide {
			// The sidebar hides the list it filters: show the list.
			m.setFocus(paneList)
		}
		return m, m.reloadList()
	}
	*sb, _ = sb.Update(k)
	return m, nil
}

// focusedSidebar returns the focused sidebar, or nil.
func (m *Model) focusedSidebar() *facetSidebar {
	switch m.focus {
	case paneAuthors:
		return &m.authors
	case paneTags:
		return &m.tags
	}
	return nil
}

// digitKey reports a press of 1-9 (which related story, which name in the
// chooser).
func digitKey(k tea.KeyPressMsg) (int, bool) {
	if k.Mod != 0 || len(k.Text) != 1 || k.Text[0] < '1' || k.Text[0] > '9' {
		return 0, false
	}
	return int(k.Text[0] - '0'), true
}
