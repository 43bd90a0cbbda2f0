package store

import (
	"cmp"
	"context"
	"database/sql"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// indexBatch is how many articles one indexing transaction covers: large
// enough to amortise the commit, small enough that a reader in another
// process never waits long for the write lock.
const indexBatch = 2000

// IndexPending brings the full-text index up to date with the articles
// table and returns how many articles it indexed.
//
// Ingest does not index (it would triple import time; see DESIGN.md): an
// import stores articles, makes them listable, then calls this. Every
// full-text query calls it first too, so a search never misses a stored
// article, even one saved a moment ago by another process.
func (s *Store) IndexPending(ctx context.Context) (int, error) {
	return s.indexPending(ctx, s.write)
}

func (s *Store) indexPending(ctx context.Context, write func(context.Context, func(*sql.Tx) error) error) (int, error) {
	total := 0
	for {
		n, err := s.indexBatch(ctx, write)
		total += n
		if err != nil || n < indexBatch {
			return total, err
		}
	}
}

// PendingIndex returns how many articles wait to be indexed.
func (s *Store) PendingIndex(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM articles WHERE indexed != 1").Scan(&n)
	return n, err
}

// ensureIndexed indexes what is pending before a query reads the index.
//
// When another herald holds the write lock for longer than
// queryIndexWait, it is a refresh or an import indexing what it stored
// (the reader's refresh runs in a process of its own), batch after batch:
// a query that waited its turn would wait out the busy timeout and fail,
// as SQLite hands the lock back to the busy writer first. The query then
// reads the index as it stands, which holds everything stored before that
// writer began, and the writer indexes the rest.
func (s *Store) ensureIndexed(ctx context.Context) error {
	var pending bool
	err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM articles WHERE indexed != 1)").Scan(&pending)
	if err != nil || !pending {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = "+strconv.Itoa(int(queryIndexWait/time.Millisecond))); err != nil {
		return err
	}
	// The connection goes back to the pool with the store's timeout.
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA busy_timeout = "+strconv.Itoa(int(busyTimeout/time.Millisecond)))
	_, err = s.indexPending(ctx, func(ctx context.Context, fn func(*sql.Tx) error) error {
		return writeOn(ctx, conn, fn)
	})
	if isBusy(err) {
		return nil
	}
	return err
}

// queryIndexWait is how long a query waits for the write lock to index
// what is pending (see ensureIndexed).
const queryIndexWait = 300 * time.Millisecond

// ftsIDBits is how many low bits of a full-text rowid hold the article id;
// the bits above hold its published date. Rowid order is then list order
// (published desc, id desc), so a search walks the index newest first and
// stops after a page. It holds for ids below 2^29 (half a billion articles)
// and dates before the year 2514.
const ftsIDBits = 29

const ftsIDMask = 1<<ftsIDBits - 1

// ftsRowID is the full-text rowid of the article at list position k.
func ftsRowID(k Key) int64 { return k.Published<<ftsIDBits | k.ID }

func (s *Store) indexBatch(ctx context.Context, write func(context.Context, func(*sql.Tx) error) error) (int, error) {
	n := 0
	err := write(ctx, func(tx *sql.Tx) error {
		if err := bulkWriter(ctx, tx); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `
			SELECT a.id, a.published, a.fts_rowid, a.title,
				coalesce((SELECT x.text FROM article_full x WHERE x.article_id = a.id), b.text, ''), coalesce(b.content, ''), coalesce(b.summary, ''),
				coalesce((SELECT group_concat(n.name, ' ') FROM article_authors l JOIN authors n ON n.id = l.author_id WHERE l.article_id = a.id), ''),
				coalesce((SELECT group_concat(n.name, ' ') FROM article_tags l JOIN tags n ON n.id = l.tag_id WHERE l.article_id = a.id), '')
			FROM articles a LEFT JOIN article_bodies b ON b.article_id = a.id WHERE a.indexed != 1 ORDER BY a.id LIMIT ?`, indexBatch)
		if err != nil {
			return err
		}
		type doc struct {
			key                        Key
			oldRowID                   int64
			title, text, authors, tags string
			html, summary              string
		}
		var docs []doc
		for rows.Next() {
			var d doc
			if err := rows.Scan(&d.key.ID, &d.key.Published, &d.oldRowID, &d.title, &d.text, &d.html, &d.summary, &d.authors, &d.tags); err != nil {
				rows.Close()
				return err
			}
			docs = append(docs, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// Most bodies are HTML with no stored text (see plainText): derive
		// it on every core, then feed the index from this one.
		parallel(len(docs), func(i int) {
			d := &docs[i]
			d.text = plainText(d.text, d.html, d.summary)
			d.html, d.summary = "", ""
		})
		del, err := tx.PrepareContext(ctx, "DELETE FROM articles_fts WHERE rowid = ?")
		if err != nil {
			return err
		}
		defer del.Close()
		ins, err := tx.PrepareContext(ctx, "INSERT INTO articles_fts (rowid, title, text, authors, tags) VALUES (?, ?, ?, ?, ?)")
		if err != nil {
			return err
		}
		defer ins.Close()
		mark, err := tx.PrepareContext(ctx, "UPDATE articles SET indexed = 1, fts_rowid = ? WHERE id = ?")
		if err != nil {
			return err
		}
		defer mark.Close()
		// FTS5 flushes its in-memory terms to a new segment whenever a
		// rowid is not above the last one written in the transaction; in
		// ascending order a batch becomes one segment, not hundreds (3x
		// faster indexing, and less merging later).
		slices.SortFunc(docs, func(a, b doc) int { return cmp.Compare(ftsRowID(a.key), ftsRowID(b.key)) })
		for _, d := range docs {
			if d.oldRowID != 0 { // a stale row: the article changed since
				if _, err := del.ExecContext(ctx, d.oldRowID); err != nil {
					return err
				}
			}
			rowID := ftsRowID(d.key)
			if _, err := ins.ExecContext(ctx, rowID, d.title, d.text, d.authors, d.tags); err != nil {
				return err
			}
			if _, err := mark.ExecContext(ctx, rowID, d.key.ID); err != nil {
				return err
			}
		}
		n = len(docs)
		return nil
	})
	return n, err
}

// parallel calls fn(i) for every i below n, on every core.
func parallel(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
