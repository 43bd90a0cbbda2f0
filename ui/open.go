package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/store"
)

// This file opens articles in the reader and keeps renderings ahead of the
// user: the article under the cursor and its neighbours are rendered in the
// background at the reader's width, so that opening one is a cache hit.

// step moves the list's cursor n articles and opens the article there.
func (m Model) step(n int) (Model, tea.Cmd) {
	before := m.list.cursor
	move := m.list.MoveBy(n)
	if a, ok := m.list.current(); ok && m.list.cursor == before && m.reader.open && a.ID == m.reader.article.ID {
		m.note = "this is the list's first article"
		if n > 0 {
			m.note = "this is the list's last article"
		}
		return m, move
	}
	m, open := m.openCurrent()
	return m, tea.Batch(move, open)
}

// openCurrent opens the article under the list's cursor in the reader.
func (m Model) openCurrent() (Model, tea.Cmd) {
	a, ok := m.list.current()
	if !ok {
		return m, nil
	}
	m.remember(a.ID)
	return m.openArticle(a, 0)
}

// openArticle opens a in the reader scrolled to y, from the cache when it
// was rendered ahead, marks it read and fetches its related stories.
func (m Model) openArticle(a store.Article, y int) (Model, tea.Cmd) {
	var cmds []tea.Cmd
	if !a.Read {
		a.Read = true
		m.list.MarkRead(a.ID)
		cmds = append(cmds, setReadCmd(m.ctx, m.st, a.ID, true))
	}
	k := m.renderKeyFor(a.ID)
	body, _ := m.renders.get(k)
	m.reader.Show(a, k, body)
	m.reader.ScrollTo(y)
	if body == nil {
		cmds = append(cmds, m.startRender(k))
	}
	cmds = append(cmds, m.showRelatedFor(a.ID))
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

// renderKeyFor is the rendering of article id the reader would show now.
func (m *Model) renderKeyFor(id int64) renderKey {
	return renderKey{id: id, width: m.reader.innerWidth(), style: m.glamourStyle(), rev: m.bodyRev[id], gen: m.bodyGen}
}
