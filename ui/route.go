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
	if cmd, ok := m.handleGlobalKey(k); ok {
		return m, cmd
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

// handleGlobalKey handles the keys that work in every pane. The result is
// in *m; ok says whether k was one of them.
func (m *Model) handleGlobalKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := m.keys
	switch {
	case key.Matches(k, keys.Quit):
		return tea.Quit, true
	case key.Matches(k, keys.Help):
		m.help.ShowAll = !m.help.ShowAll
		m.relayout()
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
		return m.prompt.Open(m.filter.query), true
	case key.Matches(k, keys.Clear):
		return m.clearFilters(), true
	case key.Matches(k, keys.Reload):
		m.message = ""
		return tea.Batch(m.reloadList(), facetsCmd(m.ctx, m.st)), true
	}
	return nil, false
}

// clearFilters drops the author, tag and search filters.
func (m *Model) clearFilters() tea.Cmd {
	m.message = ""
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
	return m, m.reloadList()
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
	if key.Matches(k, m.keys.List.Open) {
		return m.openCurrent()
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(k)
	return m, tea.Batch(cmd, m.prerender())
}

func (m Model) handleReaderKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(k, m.keys.Reader.Next):
		return m.step(1)
	case key.Matches(k, m.keys.Reader.Prev):
		return m.step(-1)
	}
	var cmd tea.Cmd
	m.reader, cmd = m.reader.Update(k)
	return m, cmd
}

// step moves the list's cursor n articles and opens the article there.
func (m Model) step(n int) (Model, tea.Cmd) {
	move := m.list.MoveBy(n)
	m, open := m.openCurrent()
	return m, tea.Batch(move, open)
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

// openCurrent opens the article under the list's cursor in the reader,
// from the cache when it was rendered ahead, and marks it read.
func (m Model) openCurrent() (Model, tea.Cmd) {
	a, ok := m.list.current()
	if !ok {
		return m, nil
	}
	var cmds []tea.Cmd
	if !a.Read {
		a.Read = true
		m.list.MarkRead(a.ID)
		cmds = append(cmds, setReadCmd(m.ctx, m.st, a.ID, true))
	}
	k := m.renderKeyFor(a.ID)
	body, _ := m.renders.get(k)
	m.reader.Show(a, k, body)
	if body == nil {
		cmds = append(cmds, m.startRender(k))
	}
	m.setFocus(paneReader)
	cmds = append(cmds, m.prerender())
	return m, tea.Batch(cmds...)
}

// startRender starts rendering k unless it is already under way.
func (m *Model) startRender(k renderKey) tea.Cmd {
	if m.rendering[k] || k.width <= 0 {
		return nil
	}
	m.rendering[k] = true
	return renderCmd(m.ctx, m.st, m.render, k)
}

// prerender renders ahead the article under the cursor and its neighbours
// at the reader's current width, so that opening one is a cache hit. At most
// maxRendering renders run at once; each finished one asks for the next.
func (m *Model) prerender() tea.Cmd {
	a, ok := m.list.current()
	if !ok {
		return nil
	}
	var cmds []tea.Cmd
	for _, c := range append([]int64{a.ID}, idsOf(m.list.neighbours())...) {
		k := m.renderKeyFor(c)
		if len(m.rendering) >= maxRendering {
			break
		}
		if !m.renders.has(k) {
			cmds = append(cmds, m.startRender(k))
		}
	}
	return tea.Batch(cmds...)
}

// rerender asks for the open article at the current width and style after
// a resize or a background change, and renders ahead again.
func (m *Model) rerender() tea.Cmd {
	var cmd tea.Cmd
	if m.reader.open {
		k := m.renderKeyFor(m.reader.article.ID)
		if k != m.reader.want {
			body, _ := m.renders.get(k)
			m.reader.Want(k, body)
			if body == nil {
				cmd = m.startRender(k)
			}
		}
	}
	return tea.Batch(cmd, m.prerender())
}

// handleRendered caches a finished rendering (a failure too, so it is not
// retried in a loop) if it is for the current width and style; anything
// else is stale and dropped. The reader shows it only if it is the one it
// waits for.
func (m Model) handleRendered(msg renderedMsg) (Model, tea.Cmd) {
	delete(m.rendering, msg.key)
	if msg.key == m.renderKeyFor(msg.key.id) {
		m.renders.put(msg.key, msg.rendering)
	}
	m.reader.Rendered(msg)
	return m, m.prerender()
}

func idsOf(articles []store.Article) []int64 {
	ids := make([]int64, len(articles))
	for i, a := range articles {
		ids[i] = a.ID
	}
	return ids
}
