package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/herald-reader/herald/sanitize"
)

// writerCacheKiB is the page cache of a connection that saves articles.
const writerCacheKiB = 32 << 10

// bulkCheckpointPages is how large the log grows under bulk writes before a
// commit checkpoints it: 1 GB at 16 KB a page. See bulkWriter.
const bulkCheckpointPages = 65536

// bulkWriter sets up the connection of tx for writing many articles: saving
// a feed's items or indexing them.
//
// A feed's items land all over the indexes of a large store (by date, by
// link, by author and tag); with a small page cache most of those pages were
// read from the file again for every feed, and a 100k-article import wrote
// at a third of its speed on an empty store. The larger cache stays with the
// connection; only the pages it touches take memory.
//
// Its commits checkpoint the log only past 1 GB (bulkCheckpointPages),
// not at the backstop's 256 MB (see dsn): a checkpoint copies the pages and
// waits for the disk, inside the writer, and at 256 MB they cost an s100k
// import 23 s before the last article was listable instead of 13.5 s.
// Never checkpointing was quicker still (10.6 s) but left a log as large as
// the store (2 GB at 100k articles, 4.8 GB with a checkpointer beside the
// writer, as SQLite restarts the log only when a writer finds it fully
// copied); 1 GB bounds the extra disk a large import needs. Whoever writes
// in bulk calls Checkpoint when done (import, refresh, add, the reader
// after a refresh); other connections keep the backstop.
func bulkWriter(ctx context.Context, tx *sql.Tx) error {
	for _, pragma := range []string{
		"PRAGMA cache_size = -" + strconv.Itoa(writerCacheKiB),
		"PRAGMA wal_autocheckpoint = " + strconv.Itoa(bulkCheckpointPages),
	} {
		if _, err := tx.ExecContext(ctx, pragma); err != nil {
			return err
		}
	}
	return nil
}

// ErrFeedGone is returned when articles are saved for a subscription that
// was removed (herald rm) since they were fetched.
var ErrFeedGone = errors.New("the feed was unsubscribed while it was being fetched")

// maxFutureSkew is how far ahead of now a published date may be before it
// is treated as wrong: a feed dated next year must not pin itself to the top.
const maxFutureSkew = 48 * time.Hour

// SaveFeed records a feed (by URL) without articles, as an OPML import or
// `herald add` does, and returns its id. Known fields are kept when the new
// ones are empty.
func (s *Store) SaveFeed(ctx context.Context, info FeedInfo) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = upsertFeed(ctx, tx, info, s.now())
		return err
	})
	return id, err
}

func upsertFeed(ctx context.Context, tx *sql.Tx, info FeedInfo, now time.Time) (int64, error) {
	u := sanitize.Line(info.URL)
	if u == "" {
		return 0, errors.New("feed has no URL")
	}
	kind := info.Kind
	if kind == "" {
		kind = KindHTTP
	}
	var id int64
	if info.ID != 0 {
		err := tx.QueryRowContext(ctx, `
			UPDATE feeds SET
				title = CASE WHEN ?1 != '' THEN ?1 ELSE title END,
				site_url = CASE WHEN ?2 != '' THEN ?2 ELSE site_url END
			WHERE id = ?3 AND kind = ?4
			RETURNING id`,
			sanitize.Line(info.Title), sanitize.Line(info.SiteURL), info.ID, KindHTTP).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, ErrFeedGone
		}
		return id, err
	}
	err := tx.QueryRowContext(ctx, `
		INSERT INTO feeds (url, kind, title, site_url, added) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET
			title = CASE WHEN excluded.title != '' THEN excluded.title ELSE feeds.title END,
			site_url = CASE WHEN excluded.site_url != '' THEN excluded.site_url ELSE feeds.site_url END
		RETURNING id`,
		u, kind, sanitize.Line(info.Title), sanitize.Line(info.SiteURL), now.Unix()).Scan(&id)
	return id, err
}

// Batch is one feed's items made ready to store: sanitised, with their
// identities and content hashes worked out. Making one touches no database,
// so an importer makes them in its parse workers, in parallel, and its one
// writer only writes.
type Batch struct {
	info  FeedInfo
	now   time.Time
	items []cleanArticle
	dups  int // items whose identity an earlier item of the batch already had
}

// Prepare makes items of the feed info ready to store. It is safe to call
// from many goroutines at once.
func (s *Store) Prepare(info FeedInfo, items []NewArticle) *Batch {
	b := &Batch{info: info, now: s.now(), items: make([]cleanArticle, 0, len(items))}
	at := make(map[string]int, len(items))
	for i := range items {
		c := clean(&items[i], b.now)
		if j, ok := at[c.ident]; ok {
			// A feed that lists one item twice: the later copy is the
			// newer, as re-saving them one by one would leave it.
			b.items[j] = c
			b.dups++
			continue
		}
		at[c.ident] = len(b.items)
		b.items = append(b.items, c)
	}
	return b
}

// SaveArticles stores a feed and its items in one transaction: new items are
// added, changed ones are updated in place (keeping read and starred), and
// unchanged ones are left alone. An item's identity within its feed is its
// guid, else its link, else a hash of title, date and content. Every text
// field is sanitised on the way in.
func (s *Store) SaveArticles(ctx context.Context, info FeedInfo, items []NewArticle) (SaveResult, error) {
	return s.SaveBatch(ctx, s.Prepare(info, items))
}

// SaveBatch stores a prepared batch, as SaveArticles does.
func (s *Store) SaveBatch(ctx context.Context, b *Batch) (SaveResult, error) {
	var res SaveResult
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := bulkWriter(ctx, tx); err != nil {
			return err
		}
		feedID, err := upsertFeed(ctx, tx, b.info, b.now)
		if err != nil {
			return err
		}
		w := &batchWriter{ctx: ctx, tx: tx, feedID: feedID, now: b.now}
		res, err = w.save(b.items)
		res.Unchanged += b.dups
		return err
	})
	return res, err
}

// cleanArticle is a NewArticle after sanitising, with its derived fields.
type cleanArticle struct {
	NewArticle
	ident     string
	hash      string
	published int64
	markdown  sql.NullString
	id        int64 // set once stored
}

// clean sanitises an item and derives its identity, date and hash.
func clean(in *NewArticle, now time.Time) cleanArticle {
	c := cleanArticle{NewArticle: NewArticle{
		GUID:     sanitize.Line(in.GUID),
		Link:     sanitize.Line(in.Link),
		Title:    sanitize.Line(in.Title),
		Content:  sanitize.Text(in.Content),
		Markdown: sanitize.Text(in.Markdown),
		Text:     sanitize.Text(in.Text),
		Authors:  cleanNames(in.Authors),
		Tags:     cleanNames(in.Tags),
		Updated:  in.Updated,
	}}
	if in.Summary != in.Content {
		// A feed with only a description hands it over as both; keep one
		// copy (Body reports the content as the summary again).
		c.Summary = sanitize.Text(in.Summary)
	}
	if c.Summary == c.Content {
		c.Summary = ""
	}
	c.published = publishedDate(in.Published, in.Updated, now)
	if c.Markdown != "" {
		c.markdown = sql.NullString{String: c.Markdown, Valid: true}
	}
	h := sha256.New()
	for _, part := range []string{c.GUID, c.Link, c.Title, c.Summary, c.Content, c.Markdown, c.Text,
		strings.Join(c.Authors, "\x00"), strings.Join(c.Tags, "\x00"), fmt.Sprint(in.Published.Unix())} {
		io.WriteString(h, part)
		h.Write([]byte{0})
	}
	c.hash = hex.EncodeToString(h.Sum(nil)[:16])
	switch {
	case c.GUID != "":
		c.ident = "g:" + c.GUID
	case c.Link != "":
		c.ident = "l:" + c.Link
	default:
		// No guid or link: title, date and content are all we have. The
		// date is the published one (zero if absent), never the fallback
		// time, so a re-import finds the same identity.
		ih := sha256.New()
		for _, part := range []string{c.Title, "\x00", fmt.Sprint(unix(in.Published)), "\x00", c.Content, c.Text} {
			io.WriteString(ih, part)
		}
		c.ident = "h:" + hex.EncodeToString(ih.Sum(nil)[:16])
	}
	return c
}

// publishedDate picks the date an article is ordered by: published, else
// updated, else now; a date in the future is clamped to now.
func publishedDate(published, updated, now time.Time) int64 {
	t := published
	if t.IsZero() || t.Unix() <= 0 {
		t = updated
	}
	if t.IsZero() || t.Unix() <= 0 || t.After(now.Add(maxFutureSkew)) {
		t = now
	}
	return t.Unix()
}

// cleanNames sanitises author or tag names and drops empty and duplicate
// (case-folded) ones, keeping the first spelling.
func cleanNames(names []string) []string {
	if len(names) == 0 {
		return nil
	}
	out := make([]string, 0, len(names))
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		n = sanitize.Line(n)
		k := foldKey(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

// foldKey is the identity of an author or tag name: "China" and "china" are
// one tag.
func foldKey(name string) string {
	return strings.ToLower(strings.TrimSpace(name))
}
