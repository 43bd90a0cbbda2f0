package ui

import (
	"context"
	"reflect"

	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/store"
)

// A jump (related story, A/T, history) can land on an article outside the
// active filter. The list must still show it under its cursor, so the filter
// is suspended: the list shows the unfiltered list around the article and
// the status line says "(suspended)". esc, or a jump back to an article the
// filter matches, restores it. Choosing a new filter ends the suspension.

// filterCheckMsg says whether article id matches the active filter.
type filterCheckMsg struct {
	id      int64
	f       store.Filter
	matches bool
	err     error
}

func filterCheckCmd(ctx context.Context, st Store, f store.Filter, a store.Article) tea.Cmd {
	k := a.Key()
	return func() tea.Msg {
		rows, err := st.Page(ctx, store.PageRequest{Filter: f, From: &k, Inclusive: true, Limit: 1})
		return filterCheckMsg{id: a.ID, f: f, matches: err == nil && len(rows) > 0 && rows[0].ID == a.ID, err: err}
	}
}

// listStoreFilter is the filter the list reads with now.
func (m *Model) listStoreFilter() store.Filter {
	if m.filterSuspended {
		return store.Filter{}
	}
	return m.filter.storeFilter()
}

// checkFilter asks whether a, just jumped to, is in the active filter.
func (m *Model) checkFilter(a store.Article) tea.Cmd {
	if m.filter.isZero() {
		return nil
	}
	return filterCheckCmd(m.ctx, m.st, m.filter.storeFilter(), a)
}

// handleFilterCheck suspends or restores the filter around the open
// article; an answer for another article or an older filter is dropped.
func (m Model) handleFilterCheck(msg filterCheckMsg) (Model, tea.Cmd) {
	if !m.reader.open || m.reader.article.ID != msg.id || msg.err != nil ||
		!sameFilter(msg.f, m.filter.storeFilter()) {
		return m, nil
	}
	if msg.matches == !m.filterSuspended {
		return m, nil
	}
	m.filterSuspended = !msg.matches
	k := m.reader.article.Key()
	return m, m.list.load(m.listStoreFilter(), &k)
}

// sameFilter: store.Filter holds slices, so it is compared deeply.
func sameFilter(a, b store.Filter) bool { return reflect.DeepEqual(a, b) }
