package store

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// batchWriter writes one feed's prepared items inside one transaction.
//
// It writes many rows per statement. Inside a transaction SQLite copies
// every page a statement touches to a statement journal first (so that the
// statement alone can be undone), and the articles table, its indexes and
// the count rows kept by triggers are the same few pages for every item of
// a feed: a statement per table for a hundred items copies them once, where
// a statement per item copied them a hundred times. That copying was most
// of an import's writer time.
type batchWriter struct {
	ctx    context.Context
	tx     *sql.Tx
	feedID int64
	now    time.Time
}

// maxParams bounds the parameters of one statement (SQLite's historical
// limit; newer builds allow more, and larger statements gain nothing).
const maxParams = 999

func (w *batchWriter) save(items []cleanArticle) (SaveResult, error) {
	var res SaveResult
	stored, err := w.existing(items)
	if err != nil {
		return res, err
	}
	var fresh, changed []*cleanArticle
	for i := range items {
		c := &items[i]
		old, ok := stored[c.ident]
		switch {
		case !ok:
			fresh = append(fresh, c)
		case old.hash == c.hash:
			res.Unchanged++
		default:
			c.id = old.id
			changed = append(changed, c)
		}
	}
	res.Added, res.Updated = len(fresh), len(changed)
	if err := w.insertArticles(fresh); err != nil {
		return res, err
	}
	if err := w.updateArticles(changed); err != nil {
		return res, err
	}
	written := append(fresh, changed...)
	if err := w.linkFacets(written); err != nil {
		return res, err
	}
	// Bodies last: they are most of the bytes and fill the page cache, and
	// the link tables' index pages are better kept in it until they are
	// done with.
	return res, w.putBodies(written)
}

type storedArticle struct {
	id   int64
	hash string
}

// existing finds which of items the feed already holds, by identity.
func (w *batchWriter) existing(items []cleanArticle) (map[string]storedArticle, error) {
	found := make(map[string]storedArticle, len(items))
	return found, chunks(len(items), maxParams-1, func(lo, hi int) error {
		args := make([]any, 0, hi-lo+1)
		args = append(args, w.feedID)
		for _, c := range items[lo:hi] {
			args = append(args, c.ident)
		}
		rows, err := w.tx.QueryContext(w.ctx, `SELECT ident, id, hash FROM articles WHERE feed_id = ? AND ident IN (`+
			placeholders(hi-lo)+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var ident string
			var a storedArticle
			if err := rows.Scan(&ident, &a.id, &a.hash); err != nil {
				return err
			}
			found[ident] = a
		}
		return rows.Err()
	})
}

func (w *batchWriter) insertArticles(items []*cleanArticle) error {
	const cols = 9
	return chunks(len(items), maxParams/cols, func(lo, hi int) error {
		byIdent := make(map[string]*cleanArticle, hi-lo)
		args := make([]any, 0, (hi-lo)*cols)
		for _, c := range items[lo:hi] {
			byIdent[c.ident] = c
			args = append(args, w.feedID, c.ident, c.GUID, c.Link, c.Title, c.published, unix(c.Updated), w.now.Unix(), c.hash)
		}
		// RETURNING's row order is not promised, so each id comes back
		// with the identity it belongs to.
		rows, err := w.tx.QueryContext(w.ctx, `INSERT INTO articles (feed_id, ident, guid, link, title, published, updated, added, hash)
			VALUES `+rowsOf(hi-lo, cols)+` RETURNING id, ident`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var ident string
			if err := rows.Scan(&id, &ident); err != nil {
				return err
			}
			byIdent[ident].id = id
		}
		return rows.Err()
	})
}

// updateArticles rewrites changed articles in place (read and starred are
// kept) and drops their author and tag links, which linkFacets writes anew.
func (w *batchWriter) updateArticles(items []*cleanArticle) error {
	if len(items) == 0 {
		return nil
	}
	update, err := w.tx.PrepareContext(w.ctx, `UPDATE articles SET guid = ?, link = ?, title = ?, published = ?,
		updated = ?, hash = ?, indexed = 0 WHERE id = ?`)
	if err != nil {
		return err
	}
	defer update.Close()
	for _, c := range items {
		if _, err := update.ExecContext(w.ctx, c.GUID, c.Link, c.Title, c.published, unix(c.Updated), c.hash, c.id); err != nil {
			return err
		}
	}
	return chunks(len(items), maxParams, func(lo, hi int) error {
		args := make([]any, 0, hi-lo)
		for _, c := range items[lo:hi] {
			args = append(args, c.id)
		}
		for _, table := range []string{"article_authors", "article_tags"} {
			if _, err := w.tx.ExecContext(w.ctx, `DELETE FROM `+table+` WHERE article_id IN (`+placeholders(hi-lo)+`)`, args...); err != nil {
				return err
			}
		}
		return nil
	})
}

func (w *batchWriter) putBodies(items []*cleanArticle) error {
	const cols = 5
	return chunks(len(items), maxParams/cols, func(lo, hi int) error {
		args := make([]any, 0, (hi-lo)*cols)
		for _, c := range items[lo:hi] {
			args = append(args, c.id, c.Summary, c.Content, c.markdown, c.Text)
		}
		_, err := w.tx.ExecContext(w.ctx, `INSERT OR REPLACE INTO article_bodies (article_id, summary, content, markdown, text)
			VALUES `+rowsOf(hi-lo, cols), args...)
		return err
	})
}

// linkFacets links items to their authors and tags, creating those that
// are new, in the order each article lists them.
func (w *batchWriter) linkFacets(items []*cleanArticle) error {
	for _, f := range []struct {
		table, link, column string
		names               func(*cleanArticle) []string
	}{
		{"authors", "article_authors", "author_id", func(c *cleanArticle) []string { return c.Authors }},
		{"tags", "article_tags", "tag_id", func(c *cleanArticle) []string { return c.Tags }},
	} {
		var names []string
		for _, c := range items {
			names = append(names, f.names(c)...)
		}
		ids, err := w.facetIDs(f.table, names)
		if err != nil {
			return err
		}
		var links []facetLink
		for _, c := range items {
			for i, name := range f.names(c) {
				links = append(links, facetLink{ids[foldKey(name)], c.id, c.published, i})
			}
		}
		const cols = 4
		err = chunks(len(links), maxParams/cols, func(lo, hi int) error {
			args := make([]any, 0, (hi-lo)*cols)
			for _, l := range links[lo:hi] {
				args = append(args, l.facet, l.article, l.published, l.pos)
			}
			_, err := w.tx.ExecContext(w.ctx, `INSERT INTO `+f.link+` (`+f.column+`, article_id, published, pos)
				VALUES `+rowsOf(hi-lo, cols), args...)
			return err
		})
		if err != nil {
			return err
		}
		if err := w.raiseCounts(f.table, links); err != nil {
			return err
		}
	}
	return nil
}

// facetLink links an article to one of its authors or tags.
type facetLink struct {
	facet, article, published int64
	pos                       int
}

// raiseCounts adds the links just written to their authors' or tags'
// counts, one update per author or tag (see migration 0007).
func (w *batchWriter) raiseCounts(table string, links []facetLink) error {
	added := make(map[int64]int)
	var order []int64
	for _, l := range links {
		if added[l.facet] == 0 {
			order = append(order, l.facet)
		}
		added[l.facet]++
	}
	if len(order) == 0 {
		return nil
	}
	raise, err := w.tx.PrepareContext(w.ctx, `UPDATE `+table+` SET count = count + ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer raise.Close()
	for _, id := range order {
		if _, err := raise.ExecContext(w.ctx, added[id], id); err != nil {
			return err
		}
	}
	return nil
}

// facetIDs returns the ids of the authors or tags named, by folded key,
// creating the missing ones under their first spelling.
func (w *batchWriter) facetIDs(table string, names []string) (map[string]int64, error) {
	ids := make(map[string]int64, len(names))
	var keys []string
	spelling := make(map[string]string, len(names))
	for _, n := range names {
		k := foldKey(n)
		if _, ok := spelling[k]; !ok {
			spelling[k] = n
			keys = append(keys, k)
		}
	}
	scan := func(rows *sql.Rows, err error) error {
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			var id int64
			if err := rows.Scan(&k, &id); err != nil {
				return err
			}
			ids[k] = id
		}
		return rows.Err()
	}
	err := chunks(len(keys), maxParams, func(lo, hi int) error {
		args := make([]any, 0, hi-lo)
		for _, k := range keys[lo:hi] {
			args = append(args, k)
		}
		return scan(w.tx.QueryContext(w.ctx, `SELECT key, id FROM `+table+` WHERE key IN (`+placeholders(hi-lo)+`)`, args...))
	})
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, k := range keys {
		if _, ok := ids[k]; !ok {
			missing = append(missing, k)
		}
	}
	err = chunks(len(missing), maxParams/2, func(lo, hi int) error {
		args := make([]any, 0, (hi-lo)*2)
		for _, k := range missing[lo:hi] {
			args = append(args, k, spelling[k])
		}
		return scan(w.tx.QueryContext(w.ctx, `INSERT INTO `+table+` (key, name) VALUES `+rowsOf(hi-lo, 2)+` RETURNING key, id`, args...))
	})
	return ids, err
}

// chunks calls fn on consecutive ranges [lo, hi) of at most size of n items.
func chunks(n, size int, fn func(lo, hi int) error) error {
	for lo := 0; lo < n; lo += size {
		if err := fn(lo, min(lo+size, n)); err != nil {
			return err
		}
	}
	return nil
}

// placeholders returns "?, ?, …" with n marks.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// rowsOf returns n rows of cols placeholders for a VALUES clause.
func rowsOf(n, cols int) string {
	row := "(" + placeholders(cols) + ")"
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}
