package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/store"
)

// The list's store reads run in commands and come back as these messages.
// gen is the list's load generation when the read was asked for: a reply
// for an older generation (an earlier filter, a reload since) is dropped.

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
