package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"time"

	"github.com/herald-reader/herald/sanitize"
)

// Restoring is how herald's own JSON export (`herald export json`) comes
// back into a store: its backup and migration format. It differs from
// saving a feed's items (SaveBatch) in three ways:
//
//   - An article the store already holds is left as it is. Its body may be
//     the feed's own HTML, of which the export carries only markdown and
//     text, so importing an export into the store it came from changes
//     nothing. It is only marked read or starred when the export says so:
//     a restore never un-marks (an older backup must not undo a star).
//   - A new article keeps the export's read and starred states.
//   - Articles of many feeds come in one stream, and each names its feed.
//
// A file is restored in one transaction (Restore), a batch at a time, so a
// bad line cancels the file and leaves the store as it was.

// RestoredArticle is one article of an export on its way back into a
// store. Text fields may be hostile: they are sanitised like any import's.
type RestoredArticle struct {
	NewArticle
	// FeedURL and FeedKind identify the article's feed. An export from an
	// older herald has neither: FeedName (its "feed": the feed's title, or
	// its URL when it has none) finds the feed then.
	FeedURL, FeedKind, FeedName string
	Read, Starred               bool
}

// RestoreFeedPrefix begins the URL of a feed made for articles whose
// export did not say their feed's URL (an export from an older herald),
// followed by the feed's name.
const RestoreFeedPrefix = "herald-export:"

// RestoreBatch is a run of restored articles made ready to store:
// sanitised, with identities and hashes worked out. Making one touches no
// database (see Batch).
type RestoreBatch struct {
	now   time.Time
	items []restoreItem
}

type restoreItem struct {
	cleanArticle
	feed          FeedInfo // URL "": the export did not say; found by name
	name          string
	read, starred bool
	loose         bool // no guid: may be a stored article of the same link, title and date
	byName        bool // no feed URL: the feed is found by name
	feedID        int64
}

// PrepareRestore makes items ready to store. It is safe to call from many
// goroutines at once.
func (s *Store) PrepareRestore(items []RestoredArticle) *RestoreBatch {
	b := &RestoreBatch{now: s.now(), items: make([]restoreItem, 0, len(items))}
	for i := range items {
		in := &items[i]
		it := restoreItem{
			cleanArticle: clean(&in.NewArticle, b.now),
			name:         sanitize.Line(in.FeedName),
			read:         in.Read,
			starred:      in.Starred,
		}
		if it.GUID == "" {
			// Without a guid the store's own identity (the link, else a
			// hash of the body as published) would merge articles that
			// share a link (podcast episodes), and the export does not
			// carry the body as published. Link, title, date and text
			// tell articles apart, the same in every import of the file.
			it.loose = true
			it.ident = looseIdent(&it.cleanArticle, in.Published)
		}
		if u := sanitize.Line(in.FeedURL); u != "" {
			// Only an http(s) feed is restored as a subscription, as an
			// OPML list's are: an export names what refresh will fetch.
			kind := KindFile
			if in.FeedKind == KindHTTP && isHTTPURL(u) {
				kind = KindHTTP
			}
			title := it.name
			if title == u { // the export named an untitled feed by its URL
				title = ""
			}
			it.feed = FeedInfo{URL: u, Kind: kind, Title: title}
		} else {
			it.byName = true
		}
		b.items = append(b.items, it)
	}
	return b
}

// looseIdent is the identity of a restored article without a guid.
func looseIdent(c *cleanArticle, published time.Time) string {
	h := sha256.New()
	for _, part := range []string{c.Link, c.Title, fmt.Sprint(unix(published)), c.Text, c.Markdown} {
		io.WriteString(h, part)
		h.Write([]byte{0})
	}
	return "r:" + hex.EncodeToString(h.Sum(nil)[:16])
}

func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Restore runs fn in one write transaction, in which it stores batches
// with Restorer.Save. When fn fails the transaction is rolled back and
// the store is as it was; the result then counts nothing.
func (s *Store) Restore(ctx context.Context, fn func(r *Restorer) error) (SaveResult, error) {
	var res SaveResult
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := bulkWriter(ctx, tx); err != nil {
			return err
		}
		r := &Restorer{ctx: ctx, tx: tx, byURL: map[string]int64{}, byName: map[string]int64{}, matched: map[int64]bool{}}
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM articles`).Scan(&r.before); err != nil {
			return err
		}
		r.lastID = r.before
		err := fn(r)
		if err == nil {
			err = r.write(r.held)
		}
		res = r.res
		return err
	})
	if err != nil {
		return SaveResult{}, err
	}
	return res, nil
}

// Restorer stores restored articles inside Restore's transaction.
type Restorer struct {
	ctx    context.Context
	tx     *sql.Tx
	byURL  map[string]int64 // feed URL -> id
	byName map[string]int64 // feed name (exports without feed URLs) -> id
	res    SaveResult
	now    time.Time
	// before is the largest article id when the restore began: articles
	// added since are this file's, which a loose match must not take for
	// the store's. matched are the stored articles loosely matched so far.
	before  int64
	matched map[int64]bool
	lastID  int64 // the largest article id so far (see insert)
	// held are the last articles of the batches so far that share their
	// published date, kept for the next batch (see Save).
	held []restoreItem
}

// maxHeld bounds how many articles of one date Save holds back.
const maxHeld = 5000

// Save stores a batch: articles new to the store are added with their
// read and starred states, those it holds are marked read or starred when
// the batch says so and otherwise left alone.
//
// The list orders articles of the same date by id, newest id first, and
// ids are given in the order articles are added: each run of new articles
// is added in reverse, so that an export (in list order) lists in the same
// order once imported. A run of one date may go on into the next batch, so
// the last articles of a batch that share a date wait for it (up to
// maxHeld of them; past that, ties may list in another order).
func (r *Restorer) Save(b *RestoreBatch) error {
	r.now = b.now
	items := append(r.held, b.items...)
	cut := len(items)
	for cut > 0 && items[cut-1].published == items[len(items)-1].published {
		cut--
	}
	if cut == 0 && len(items) > maxHeld {
		cut = len(items)
	}
	r.held = append([]restoreItem(nil), items[cut:]...)
	return r.write(items[:cut])
}

// write stores articles (see Save).
func (r *Restorer) write(batch []restoreItem) error {
	if len(batch) == 0 {
		return nil
	}
	items := make([]*restoreItem, len(batch))
	for i := range batch {
		it := &batch[i]
		id, err := r.feedID(it, r.now)
		if err != nil {
			return err
		}
		it.feedID = id
		items[i] = it
	}
	stored, err := r.existing(items)
	if err != nil {
		return err
	}
	freshAt := make(map[restoreKey]int)
	var fresh []*restoreItem
	var read, starred []int64
	for _, it := range items {
		k := restoreKey{it.feedID, it.ident}
		old, ok := stored[k]
		exact := ok
		if !ok && it.loose {
			if old, ok, err = r.looseMatch(it); err != nil {
				return err
			}
		}
		if !ok {
			if j, dup := freshAt[k]; dup {
				// Listed twice: the later copy wins, as in Batch, marked
				// as either says (as importing them again would leave it).
				it.read, it.starred = it.read || fresh[j].read, it.starred || fresh[j].starred
				fresh[j] = it
				r.res.Unchanged++
				continue
			}
			freshAt[k] = len(fresh)
			fresh = append(fresh, it)
			continue
		}
		raised := false
		if it.read && !old.read {
			read, old.read, raised = append(read, old.id), true, true
		}
		if it.starred && !old.starred {
			starred, old.starred, raised = append(starred, old.id), true, true
		}
		if exact {
			stored[k] = old // a copy listed again sees it raised
		}
		if raised {
			r.res.Updated++
		} else {
			r.res.Unchanged++
		}
	}
	if err := r.raise("read", read); err != nil {
		return err
	}
	if err := r.raise("starred", starred); err != nil {
		return err
	}
	r.res.Added += len(fresh)
	slices.Reverse(fresh)
	return r.insert(fresh, r.now)
}

// feedID finds (or makes) the feed of an item: by URL, else by name.
func (r *Restorer) feedID(it *restoreItem, now time.Time) (int64, error) {
	if it.feed.URL == "" {
		if id, ok := r.byName[it.name]; ok {
			return id, nil
		}
		id, err := r.feedByName(it.name, now)
		if err == nil {
			r.byName[it.name] = id
		}
		return id, err
	}
	if id, ok := r.byURL[it.feed.URL]; ok {
		return id, nil
	}
	id, err := r.feedByURL(it.feed, now)
	if err == nil {
		r.byURL[it.feed.URL] = id
	}
	return id, err
}

// feedByURL returns the feed of info's URL, adding it when the store has
// none. A feed the store holds is left as it is (its title, its kind: a
// feed removed since the export stays removed).
func (r *Restorer) feedByURL(info FeedInfo, now time.Time) (int64, error) {
	var id int64
	err := r.tx.QueryRowContext(r.ctx, `SELECT id FROM feeds WHERE url = ?`, info.URL).Scan(&id)
	if !errors.Is(err, sql.ErrNoRows) {
		return id, err
	}
	err = r.tx.QueryRowContext(r.ctx, `INSERT INTO feeds (url, kind, title, site_url, added) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		info.URL, info.Kind, info.Title, info.SiteURL, now.Unix()).Scan(&id)
	return id, err
}

// feedByName finds a feed by the name an export from an older herald gave
// it (the title, or the URL of an untitled feed), else makes one of that
// name, kind file, whose URL is RestoreFeedPrefix and the name.
func (r *Restorer) feedByName(name string, now time.Time) (int64, error) {
	if name != "" {
		var id int64
		err := r.tx.QueryRowContext(r.ctx, `SELECT id FROM feeds WHERE title = ?1 OR (title = '' AND url = ?1)
			ORDER BY id LIMIT 1`, name).Scan(&id)
		if !errors.Is(err, sql.ErrNoRows) {
			return id, err
		}
	}
	return r.feedByURL(FeedInfo{URL: RestoreFeedPrefix + name, Kind: KindFile, Title: name}, now)
}

// restoreKey is an article's identity in the store: its feed and ident.
type restoreKey struct {
	feed  int64
	ident string
}

type restoredState struct {
	id            int64
	read, starred bool
}

// existing finds which items the store holds, by feed and identity.
func (r *Restorer) existing(items []*restoreItem) (map[restoreKey]restoredState, error) {
	found := make(map[restoreKey]restoredState, len(items))
	err := chunks(len(items), maxParams/2, func(lo, hi int) error {
		args := make([]any, 0, (hi-lo)*2)
		for _, it := range items[lo:hi] {
			args = append(args, it.feedID, it.ident)
		}
		rows, err := r.tx.QueryContext(r.ctx, `SELECT a.feed_id, a.ident, a.id, a.read, a.starred
			FROM (VALUES `+rowsOf(hi-lo, 2)+`) v JOIN articles a ON a.feed_id = v.column1 AND a.ident = v.column2`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k restoreKey
			var st restoredState
			if err := rows.Scan(&k.feed, &k.ident, &st.id, &st.read, &st.starred); err != nil {
				return err
			}
			found[k] = st
		}
		return rows.Err()
	})
	return found, err
}

// looseMatch finds the stored article an item without a guid is: one of
// its feed (of a feed of its feed's name, when the export did not say the
// feed's URL) with the same link, title and date, stored before the
// restore began and not matched already, newest id first as the export
// lists them (so that copies in feeds of one name pair up in order). An
// export from an older herald
// has no guids, and the article it lists may be stored under its feed's
// guid; an article with neither guid nor link is stored under a hash of
// its body as published, which the export does not carry.
func (r *Restorer) looseMatch(it *restoreItem) (restoredState, bool, error) {
	var rows *sql.Rows
	var err error
	if it.byName {
		rows, err = r.tx.QueryContext(r.ctx, `SELECT a.id, a.read, a.starred FROM articles a JOIN feeds f ON f.id = a.feed_id
			WHERE a.published = ? AND a.link = ? AND a.title = ? AND a.id <= ?
				AND (f.title = ? OR (f.title = '' AND f.url = ?)) ORDER BY a.id DESC`,
			it.published, it.Link, it.Title, r.before, it.name, it.name)
	} else {
		rows, err = r.tx.QueryContext(r.ctx, `SELECT id, read, starred FROM articles
			WHERE feed_id = ? AND published = ? AND link = ? AND title = ? AND id <= ? ORDER BY id DESC`,
			it.feedID, it.published, it.Link, it.Title, r.before)
	}
	if err != nil {
		return restoredState{}, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var st restoredState
		if err := rows.Scan(&st.id, &st.read, &st.starred); err != nil {
			return st, false, err
		}
		if !r.matched[st.id] {
			r.matched[st.id] = true
			return st, true, nil
		}
	}
	return restoredState{}, false, rows.Err()
}

// raise sets a flag column (read, starred) on the articles ids.
func (r *Restorer) raise(column string, ids []int64) error {
	return chunks(len(ids), maxParams, func(lo, hi int) error {
		args := make([]any, 0, hi-lo)
		for _, id := range ids[lo:hi] {
			args = append(args, id)
		}
		_, err := r.tx.ExecContext(r.ctx, `UPDATE articles SET `+column+` = 1 WHERE id IN (`+placeholders(hi-lo)+`)`, args...)
		return err
	})
}

// insert adds new articles with their states, names and bodies.
func (r *Restorer) insert(items []*restoreItem, now time.Time) error {
	if len(items) == 0 {
		return nil
	}
	const cols = 12
	// Ids are given here, in the order items come (see Save), as SQLite
	// gives them (the largest so far plus one), so that the rows can be
	// written grouped by feed. A statement copies each page it changes to
	// its statement journal first, and a feed's articles sit together in
	// two of the table's indexes (by identity; by feed and date): rows of
	// a few feeds a statement change a few pages there, where rows in an
	// export's order (by date, every feed mixed) changed a page a row. At
	// 100k articles that took the articles' rows from 10.7 s to 4 s.
	for _, it := range items {
		r.lastID++
		it.id = r.lastID
	}
	byFeed := slices.Clone(items)
	slices.SortStableFunc(byFeed, func(a, b *restoreItem) int { return cmp.Compare(a.feedID, b.feedID) })
	err := chunks(len(byFeed), maxParams/cols, func(lo, hi int) error {
		args := make([]any, 0, (hi-lo)*cols)
		for _, it := range byFeed[lo:hi] {
			args = append(args, it.id, it.feedID, it.ident, it.GUID, it.Link, it.Title, it.published, unix(it.Updated),
				now.Unix(), it.hash, boolInt(it.read), boolInt(it.starred))
		}
		_, err := r.tx.ExecContext(r.ctx, `INSERT INTO articles (id, feed_id, ident, guid, link, title, published,
			updated, added, hash, read, starred) VALUES `+rowsOf(hi-lo, cols), args...)
		return err
	})
	if err != nil {
		return err
	}
	written := make([]*cleanArticle, len(items))
	for i, it := range items {
		written[i] = &it.cleanArticle
	}
	// The feed's id plays no part in linking names and storing bodies.
	w := &batchWriter{ctx: r.ctx, tx: r.tx, now: now}
	if err := w.linkFacets(written); err != nil {
		return err
	}
	return r.insertBodies(written)
}

// insertBodies stores new articles' bodies, a statement per article. A
// statement of many rows keeps a statement journal (see insert); one that
// inserts a row into a table without triggers needs none. Bodies are most
// of an export's bytes, and the pages they went over were copied to the
// journal a statement at a time: storing 20k articles took 4.5 s, not 2.5.
func (r *Restorer) insertBodies(items []*cleanArticle) error {
	stmt, err := r.tx.PrepareContext(r.ctx, `INSERT INTO article_bodies (article_id, summary, content, markdown, text) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, c := range items {
		if _, err := stmt.ExecContext(r.ctx, c.id, c.Summary, c.Content, c.markdown, c.Text); err != nil {
			return err
		}
	}
	return nil
}
