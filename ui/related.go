package ui

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/store"
)

// This file is the reader's related stories: fetching them when an article
// opens, walking them with ]/[, and the history of what was read
// (back/forward, as a browser does).

// relatedCount is how many related stories the reader shows and walks
// (one digit each); maxHistory and maxRelatedCached bound what a long
// reading session keeps.
const (
	relatedCount     = 9
	maxHistory       = 200
	maxRelatedCached = 512
)

// relatedMsg carries an article's related stories back to the update loop.
type relatedMsg struct {
	id      int64
	related []store.Related
	err     error
}

func relatedCmd(ctx context.Context, st Store, id int64) tea.Cmd {
	return func() tea.Msg {
		rel, err := st.Related(ctx, id, relatedCount)
		return relatedMsg{id: id, related: rel, err: err}
	}
}

// cacheRelated keeps article id's related stories until the store changes
// (see forgetRelated).
func (m *Model) cacheRelated(id int64, rel []store.Related) {
	if len(m.related) >= maxRelatedCached {
		clear(m.related) // crude, but a refetch is one query
	}
	m.related[id] = rel
}

// forgetRelated drops the cached related stories after the store changed
// under the reader (a refresh): new articles may rank among them.
func (m *Model) forgetRelated() { clear(m.related) }

// historyEntry is an article read and where it was scrolled to.
type historyEntry struct {
	article store.Article
	y       int
}

// relatedWalk is the related list ]/[ walk: the list of the article where
// the walk started, and where in it the walk is (-1: at the start).
type relatedWalk struct {
	origin store.Article
	list   []store.Related
	pos    int
}

// handleRelated caches an article's related stories and shows them if the
// article is still open; a result for an article no longer shown is
// dropped (it is fetched again if the article is opened again).
func (m Model) handleRelated(msg relatedMsg) (Model, tea.Cmd) {
	if !m.reader.open || m.reader.article.ID != msg.id {
		return m, nil
	}
	if msg.err != nil {
		m.message = "related stories: " + msg.err.Error()
		return m, nil
	}
	m.cacheRelated(msg.id, msg.related)
	m.reader.SetRelated(msg.related)
	return m, nil
}

// showRelatedFor hands the reader article id's related stories from the
// cache, or asks the store for them.
func (m *Model) showRelatedFor(id int64) tea.Cmd {
	if rel, ok := m.related[id]; ok {
		m.reader.SetRelated(rel)
		return nil
	}
	m.reader.SetRelated(nil)
	return relatedCmd(m.ctx, m.st, id)
}

// remember records the open article in the history before another one
// opens, and truncates the forward history.
func (m *Model) remember(next int64) {
	if !m.reader.open || m.reader.article.ID == next {
		return
	}
	m.back = append(m.back, historyEntry{m.reader.article, m.reader.vp.YOffset()})
	if len(m.back) > maxHistory {
		m.back = slices.Delete(m.back, 0, len(m.back)-maxHistory)
	}
	m.forward = nil
}

// stepRelated opens the next (d=1) or previous (d=-1) related story of the
// walk. A walk starts at the open article unless the open article is the
// one the walk last opened (or its origin), so repeated ] walks down one
// list.
func (m Model) stepRelated(d int) (Model, tea.Cmd) {
	if !m.reader.open {
		return m, nil
	}
	cur := m.reader.article.ID
	w := m.walk
	inWalk := w != nil && ((w.pos >= 0 && w.pos < len(w.list) && w.list[w.pos].ID == cur) ||
		(w.pos < 0 && w.origin.ID == cur))
	if !inWalk {
		rel, ok := m.related[cur]
		if !ok {
			m.message = "related stories are still loading"
			return m, nil
		}
		w = &relatedWalk{origin: m.reader.article, list: rel, pos: -1}
	}
	pos := w.pos + d
	switch {
	case pos >= len(w.list):
		m.message = "no more related stories"
		return m, nil
	case pos < -1:
		return m, nil
	}
	next := w.origin
	if pos >= 0 {
		next = w.list[pos].Article
	}
	nw := *w
	nw.pos = pos
	m.walk = &nw
	return m.jumpTo(next, 0)
}

// openRelated opens related story n (1-based) of the open article.
func (m Model) openRelated(n int) (Model, tea.Cmd) {
	rel := m.related[m.reader.article.ID]
	if !m.reader.open || n < 1 || n > len(rel) {
		return m, nil
	}
	return m.jumpTo(rel[n-1].Article, 0)
}

// jumpTo opens article a (recording the history) and moves the list's
// cursor onto it.
func (m Model) jumpTo(a store.Article, y int) (Model, tea.Cmd) {
	m.remember(a.ID)
	return m.show(a, y)
}

// show opens article a scrolled to y, without touching the history, and
// re-anchors the list at it.
func (m Model) show(a store.Article, y int) (Model, tea.Cmd) {
	k := a.Key()
	anchor := m.list.load(m.listStoreFilter(), &k)
	check := m.checkFilter(a)
	m, open := m.openArticle(a, y)
	return m, tea.Batch(anchor, check, open)
}

// goBack and goForward move through the history, restoring each article's
// scroll position.
func (m Model) goBack() (Model, tea.Cmd) { return m.travel(true) }

func (m Model) goForward() (Model, tea.Cmd) { return m.travel(false) }

// travel shows the newest entry of one history stack (back or forward),
// remembering the open article and its scroll position on the other.
func (m Model) travel(back bool) (Model, tea.Cmd) {
	from, to := &m.forward, &m.back
	if back {
		from, to = &m.back, &m.forward
	}
	if len(*from) == 0 || !m.reader.open {
		return m, nil
	}
	e := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, historyEntry{m.reader.article, m.reader.vp.YOffset()})
	return m.show(e.article, e.y)
}
