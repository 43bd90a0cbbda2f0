package ui

import "github.com/herald-reader/herald/store"

// rowWindow is the slice of the article list that is in memory: rows
// [start, start+len(rows)) of the filtered list. The list pages rows in at
// either edge by keyset and trims the far edge, so it never holds every
// article.
type rowWindow struct {
	start int
	rows  []store.Article
}

// end is the list position just past the last loaded row.
func (w rowWindow) end() int { return w.start + len(w.rows) }

// at returns the row at list position pos, if it is loaded.
func (w rowWindow) at(pos int) (store.Article, bool) {
	if pos < w.start || pos >= w.end() {
		return store.Article{}, false
	}
	return w.rows[pos-w.start], true
}

// first and last are the keys the window pages from.
func (w rowWindow) first() (store.Key, bool) {
	if len(w.rows) == 0 {
		return store.Key{}, false
	}
	return w.rows[0].Key(), true
}

func (w rowWindow) last() (store.Key, bool) {
	if len(w.rows) == 0 {
		return store.Key{}, false
	}
	return w.rows[len(w.rows)-1].Key(), true
}

// appendRows adds rows after the last one.
func (w *rowWindow) appendRows(rows []store.Article) {
	w.rows = append(w.rows, rows...)
}

// prependRows adds rows before the first one.
func (w *rowWindow) prependRows(rows []store.Article) {
	merged := make([]store.Article, 0, len(rows)+len(w.rows))
	merged = append(merged, rows...)
	w.rows = append(merged, w.rows...)
	w.start -= len(rows)
}

// trim keeps at most max rows, centred on pos as far as the edges allow.
func (w *rowWindow) trim(pos, maxRows int) {
	if len(w.rows) <= maxRows {
		return
	}
	from := clamp(pos-maxRows/2, w.start, w.end()-maxRows)
	kept := make([]store.Article, maxRows)
	copy(kept, w.rows[from-w.start:from-w.start+maxRows])
	w.rows = kept
	w.start = from
}

// update replaces the loaded copy of the article with a's id, if loaded.
func (w *rowWindow) update(a store.Article) {
	for i := range w.rows {
		if w.rows[i].ID == a.ID {
			w.rows[i] = a
			return
		}
	}
}

// indexOf returns the list position of the loaded article id.
func (w rowWindow) indexOf(id int64) (int, bool) {
	for i := range w.rows {
		if w.rows[i].ID == id {
			return w.start + i, true
		}
	}
	return 0, false
}
