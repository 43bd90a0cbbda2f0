package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/store"
)

// This file is the article list's reading: the commands that read rows and
// counts off the update loop, the messages they come back as, and how the
// list takes them in. gen is the list's load generation when a read was
// asked for: a reply for an older generation (an earlier filter, a reload
// since) is dropped.

// listAnchorMsg carries rows around a position: the first load, a reload
// that keeps the cursor on an article, or a jump to either end.
type listAnchorMsg struct {
	gen     int
	start   int // list position of rows[0]
	cursor  int // list position the cursor goes to
	rows    []store.Article
	atEnd   bool // rows reach the end of the list
	count   int  // when countKnown
	counted bool
	err     error
}

// listPageMsg carries one page read from an edge of the loaded window.
type listPageMsg struct {
	gen   int
	dir   store.Direction
	from  store.Key // the edge row the page continues from
	limit int
	rows  []store.Article
	err   error
}

// listCountMsg carries the number of rows the list's filter matches.
type listCountMsg struct {
	gen   int
	count int
	err   error
}

// articleSavedMsg reports a read or starred flag written to the store.
type articleSavedMsg struct{ err error }

// maxStorePage is the most rows one read asks for (the store's own cap).
const maxStorePage = 10000

func loadTopCmd(ctx context.Context, st Store, gen int, f store.Filter, limit int) tea.Cmd {
	return func() tea.Msg {
		rows, err := st.Page(ctx, store.PageRequest{Filter: f, Dir: store.Older, Limit: limit})
		return listAnchorMsg{gen: gen, rows: rows, atEnd: len(rows) < limit, err: err}
	}
}

// loadAroundCmd reads rows either side of k, and k's position, so that the
// cursor stays on the article at k (or, if it left the filter, on the row
// that took its place).
func loadAroundCmd(ctx context.Context, st Store, gen int, f store.Filter, k store.Key, limit int) tea.Cmd {
	return func() tea.Msg {
		pos, err := st.Position(ctx, f, k)
		if err != nil {
			return listAnchorMsg{gen: gen, err: err}
		}
		older, err := st.Page(ctx, store.PageRequest{Filter: f, From: &k, Inclusive: true, Dir: store.Older, Limit: limit})
		if err != nil {
			return listAnchorMsg{gen: gen, err: err}
		}
		newer, err := st.Page(ctx, store.PageRequest{Filter: f, From: &k, Dir: store.Newer, Limit: limit})
		if err != nil {
			return listAnchorMsg{gen: gen, err: err}
		}
		rows := append(newer[:len(newer):len(newer)], older...)
		return listAnchorMsg{gen: gen, start: pos - len(newer), cursor: pos, rows: rows, atEnd: len(older) < limit}
	}
}

// loadBottomCmd reads the last rows of the list; it needs the count to know
// where they are.
func loadBottomCmd(ctx context.Context, st Store, gen int, f store.Filter, limit int) tea.Cmd {
	return func() tea.Msg {
		n, err := st.Count(ctx, f)
		if err != nil {
			return listAnchorMsg{gen: gen, err: err}
		}
		rows, err := st.Page(ctx, store.PageRequest{Filter: f, Dir: store.Newer, Limit: limit})
		if err != nil {
			return listAnchorMsg{gen: gen, err: err}
		}
		start := max(n-len(rows), 0)
		return listAnchorMsg{gen: gen, start: start, cursor: start + len(rows) - 1, rows: rows,
			atEnd: true, count: max(n, len(rows)), counted: true}
	}
}

func loadPageCmd(ctx context.Context, st Store, gen int, f store.Filter, from store.Key, dir store.Direction, limit int) tea.Cmd {
	return func() tea.Msg {
		rows, err := st.Page(ctx, store.PageRequest{Filter: f, From: &from, Dir: dir, Limit: limit})
		return listPageMsg{gen: gen, dir: dir, from: from, limit: limit, rows: rows, err: err}
	}
}

func countCmd(ctx context.Context, st Store, gen int, f store.Filter) tea.Cmd {
	return func() tea.Msg {
		n, err := st.Count(ctx, f)
		return listCountMsg{gen: gen, count: n, err: err}
	}
}

func setReadCmd(ctx context.Context, st Store, id int64, read bool) tea.Cmd {
	return func() tea.Msg { return articleSavedMsg{err: st.SetRead(ctx, id, read)} }
}

func setStarredCmd(ctx context.Context, st Store, id int64, starred bool) tea.Cmd {
	return func() tea.Msg { return articleSavedMsg{err: st.SetStarred(ctx, id, starred)} }
}

// fetchAhead asks for the next rows in either direction once the cursor is
// within two screens of the window's edge, so scrolling rarely waits.
func (l *articleList) fetchAhead() tea.Cmd {
	if !l.loaded || len(l.win.rows) == 0 {
		return nil
	}
	var cmds []tea.Cmd
	margin := 2*l.visible() + 1
	reachedEnd := l.atEnd || (l.countKnown && l.win.end() >= l.count)
	if !l.loadingOld && !reachedEnd && l.cursor+margin >= l.win.end() {
		from, _ := l.win.last()
		limit := clamp(l.cursor+margin-l.win.end()+l.pageSize(), 1, maxStorePage)
		l.loadingOld = true
		cmds = append(cmds, loadPageCmd(l.ctx, l.st, l.gen, l.filter, from, store.Older, limit))
	}
	if !l.loadingNew && l.win.start > 0 && l.cursor-margin < l.win.start {
		from, _ := l.win.first()
		limit := clamp(l.win.start-(l.cursor-margin)+l.pageSize(), 1, maxStorePage)
		l.loadingNew = true
		cmds = append(cmds, loadPageCmd(l.ctx, l.st, l.gen, l.filter, from, store.Newer, limit))
	}
	return tea.Batch(cmds...)
}

func (l articleList) handleAnchor(msg listAnchorMsg) (articleList, tea.Cmd) {
	if msg.gen != l.gen {
		return l, nil
	}
	l.err = msg.err
	if msg.err != nil {
		return l, nil
	}
	l.loaded, l.seen = true, true
	l.setFlags(msg.rows)
	l.win = rowWindow{start: msg.start, rows: msg.rows}
	l.atEnd = msg.atEnd
	if msg.counted {
		l.count, l.countKnown = msg.count, true
	}
	l.cursor = clamp(msg.cursor, 0, max(l.total()-1, 0))
	l.offset = l.cursor - clamp(l.keepRow, 0, max(l.visible()-1, 0))
	l.scrollToCursor()
	return l, tea.Batch(l.fetchAhead(), l.askCount())
}

// askCount asks for the list's length once its first rows are in: counting
// walks every matching row, and run alongside the first page it would only
// slow the first screen down.
func (l *articleList) askCount() tea.Cmd {
	if l.countKnown || l.countAsked {
		return nil
	}
	l.countAsked = true
	return countCmd(l.ctx, l.st, l.gen, l.filter)
}

func (l articleList) handlePage(msg listPageMsg) (articleList, tea.Cmd) {
	if msg.gen != l.gen {
		return l, nil
	}
	if msg.dir == store.Older {
		l.loadingOld = false
	} else {
		l.loadingNew = false
	}
	l.err = msg.err
	if msg.err != nil {
		return l, nil
	}
	l.setFlags(msg.rows)
	if msg.dir == store.Older {
		if last, ok := l.win.last(); !ok || last != msg.from {
			return l, l.fetchAhead() // the window moved on since; ask again
		}
		l.win.appendRows(msg.rows)
		l.atEnd = len(msg.rows) < msg.limit
	} else {
		if first, ok := l.win.first(); !ok || first != msg.from {
			return l, l.fetchAhead()
		}
		l.win.prependRows(msg.rows)
		if len(msg.rows) < msg.limit && l.win.start != 0 {
			// The top came sooner than the positions said: the store
			// changed under the list. Read it again around the cursor.
			return l, l.Reload(l.filter)
		}
	}
	end := l.win.end()
	l.win.trim(l.cursor, l.maxRows())
	if l.win.end() < end {
		l.atEnd = false
	}
	l.scrollToCursor()
	return l, l.fetchAhead()
}

func (l articleList) handleCount(msg listCountMsg) (articleList, tea.Cmd) {
	if msg.gen != l.gen {
		return l, nil
	}
	l.countErr = msg.err
	if msg.err != nil {
		return l, nil
	}
	l.count, l.countKnown = msg.count, true
	l.cursor = clamp(l.cursor, 0, max(l.total()-1, 0))
	l.scrollToCursor()
	return l, l.fetchAhead()
}
