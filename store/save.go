package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/herald-reader/herald/sanitize"
)

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
	err := tx.QueryRowContext(ctx, `
		INSERT INTO feeds (url, kind, title, site_url, added) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET
			title = CASE WHEN excluded.title != '' THEN excluded.title ELSE feeds.title END,
			site_url = CASE WHEN excluded.site_url != '' THEN excluded.site_url ELSE feeds.site_url END
		RETURNING id`,
		u, kind, sanitize.Line(info.Title), sanitize.Line(info.SiteURL), now.Unix()).Scan(&id)
	return id, err
}

// SaveArticles stores a feed and its items in one transaction: new items are
// added, changed ones are updated in place (keeping read and starred), and
// unchanged ones are left alone. An item's identity within its feed is its
// guid, else its link, else a hash of title, date and content. Every text
// field is sanitised on the way in.
func (s *Store) SaveArticles(ctx context.Context, info FeedInfo, items []NewArticle) (SaveResult, error) {
	var res SaveResult
	err := s.write(ctx, func(tx *sql.Tx) error {
		now := s.now()
		feedID, err := upsertFeed(ctx, tx, info, now)
		if err != nil {
			return err
		}
		w, err := newArticleWriter(ctx, tx, feedID, now)
		if err != nil {
			return err
		}
		defer w.close()
		for i := range items {
			outcome, err := w.save(&items[i])
			if err != nil {
				return fmt.Errorf("save %q: %w", items[i].Title, err)
			}
			switch outcome {
			case added:
				res.Added++
			case updated:
				res.Updated++
			default:
				res.Unchanged++
			}
		}
		return nil
	})
	return res, err
}

type saveOutcome int

const (
	unchanged saveOutcome = iota
	added
	updated
)

// articleWriter holds the prepared statements of one SaveArticles call.
type articleWriter struct {
	ctx    context.Context
	tx     *sql.Tx
	feedID int64
	now    time.Time

	find, insert, update      *sql.Stmt
	putBody                   *sql.Stmt
	upsertAuthor, upsertTag   *sql.Stmt
	linkAuthor, linkTag       *sql.Stmt
	unlinkAuthors, unlinkTags *sql.Stmt
	authorIDs, tagIDs         map[string]int64
}

func newArticleWriter(ctx context.Context, tx *sql.Tx, feedID int64, now time.Time) (*articleWriter, error) {
	w := &articleWriter{ctx: ctx, tx: tx, feedID: feedID, now: now,
		authorIDs: map[string]int64{}, tagIDs: map[string]int64{}}
	stmts := []struct {
		dst **sql.Stmt
		sql string
	}{
		{&w.find, `SELECT id, hash FROM articles WHERE feed_id = ? AND ident = ?`},
		{&w.insert, `INSERT INTO articles (feed_id, ident, guid, link, title, published, updated, added, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`},
		{&w.update, `UPDATE articles SET guid = ?, link = ?, title = ?, published = ?, updated = ?, hash = ?,
			indexed = 0 WHERE id = ?`},
		{&w.putBody, `INSERT OR REPLACE INTO article_bodies (article_id, summary, content, markdown, text)
			VALUES (?, ?, ?, ?, ?)`},
		{&w.upsertAuthor, `INSERT INTO authors (key, name) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id`},
		{&w.upsertTag, `INSERT INTO tags (key, name) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id`},
		{&w.linkAuthor, `INSERT OR IGNORE INTO article_authors (author_id, article_id, published, pos) VALUES (?, ?, ?, ?)`},
		{&w.linkTag, `INSERT OR IGNORE INTO article_tags (tag_id, article_id, published, pos) VALUES (?, ?, ?, ?)`},
		{&w.unlinkAuthors, `DELETE FROM article_authors WHERE article_id = ?`},
		{&w.unlinkTags, `DELETE FROM article_tags WHERE article_id = ?`},
	}
	for _, st := range stmts {
		p, err := tx.PrepareContext(ctx, st.sql)
		if err != nil {
			w.close()
			return nil, err
		}
		*st.dst = p
	}
	return w, nil
}

func (w *articleWriter) close() {
	for _, st := range []*sql.Stmt{w.find, w.insert, w.update, w.putBody, w.upsertAuthor, w.upsertTag,
		w.linkAuthor, w.linkTag, w.unlinkAuthors, w.unlinkTags} {
		if st != nil {
			st.Close()
		}
	}
}

// cleanArticle is a NewArticle after sanitising, with its derived fields.
type cleanArticle struct {
	NewArticle
	ident     string
	hash      string
	published int64
	markdown  sql.NullString
}

func (w *articleWriter) clean(in *NewArticle) cleanArticle {
	c := cleanArticle{NewArticle: NewArticle{
		GUID:     sanitize.Line(in.GUID),
		Link:     sanitize.Line(in.Link),
		Title:    sanitize.Line(in.Title),
		Summary:  sanitize.Text(in.Summary),
		Content:  sanitize.Text(in.Content),
		Markdown: sanitize.Text(in.Markdown),
		Text:     sanitize.Text(in.Text),
		Authors:  cleanNames(in.Authors),
		Tags:     cleanNames(in.Tags),
		Updated:  in.Updated,
	}}
	if c.Summary == c.Content {
		// A feed with only a description hands it over as both; keep one
		// copy (Body reports the content as the summary again).
		c.Summary = ""
	}
	c.published = publishedDate(in.Published, in.Updated, w.now)
	if c.Markdown != "" {
		c.markdown = sql.NullString{String: c.Markdown, Valid: true}
	}
	h := sha256.New()
	for _, part := range []string{c.GUID, c.Link, c.Title, c.Summary, c.Content, c.Markdown, c.Text,
		strings.Join(c.Authors, "\x00"), strings.Join(c.Tags, "\x00"), fmt.Sprint(in.Published.Unix())} {
		h.Write([]byte(part))
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
		ih := sha256.Sum256([]byte(c.Title + "\x00" + fmt.Sprint(unix(in.Published)) + "\x00" + c.Content + c.Text))
		c.ident = "h:" + hex.EncodeToString(ih[:16])
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

func (w *articleWriter) save(in *NewArticle) (saveOutcome, error) {
	c := w.clean(in)
	var id int64
	var oldHash string
	err := w.find.QueryRowContext(w.ctx, w.feedID, c.ident).Scan(&id, &oldHash)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		err = w.insert.QueryRowContext(w.ctx, w.feedID, c.ident, c.GUID, c.Link, c.Title, c.published,
			unix(c.Updated), w.now.Unix(), c.hash).Scan(&id)
		if err != nil {
			return 0, err
		}
		if err := w.body(id, c); err != nil {
			return 0, err
		}
		return added, w.link(id, c)
	case err != nil:
		return 0, err
	case oldHash == c.hash:
		return unchanged, nil
	}
	if _, err := w.update.ExecContext(w.ctx, c.GUID, c.Link, c.Title, c.published, unix(c.Updated), c.hash, id); err != nil {
		return 0, err
	}
	if err := w.body(id, c); err != nil {
		return 0, err
	}
	if _, err := w.unlinkAuthors.ExecContext(w.ctx, id); err != nil {
		return 0, err
	}
	if _, err := w.unlinkTags.ExecContext(w.ctx, id); err != nil {
		return 0, err
	}
	return updated, w.link(id, c)
}

func (w *articleWriter) body(id int64, c cleanArticle) error {
	_, err := w.putBody.ExecContext(w.ctx, id, c.Summary, c.Content, c.markdown, c.Text)
	return err
}

func (w *articleWriter) link(id int64, c cleanArticle) error {
	for i, name := range c.Authors {
		aid, err := w.facetID(w.upsertAuthor, w.authorIDs, name)
		if err != nil {
			return err
		}
		if _, err := w.linkAuthor.ExecContext(w.ctx, aid, id, c.published, i); err != nil {
			return err
		}
	}
	for i, name := range c.Tags {
		tid, err := w.facetID(w.upsertTag, w.tagIDs, name)
		if err != nil {
			return err
		}
		if _, err := w.linkTag.ExecContext(w.ctx, tid, id, c.published, i); err != nil {
			return err
		}
	}
	return nil
}

func (w *articleWriter) facetID(upsert *sql.Stmt, cache map[string]int64, name string) (int64, error) {
	key := foldKey(name)
	if id, ok := cache[key]; ok {
		return id, nil
	}
	var id int64
	if err := upsert.QueryRowContext(w.ctx, key, name).Scan(&id); err != nil {
		return 0, err
	}
	cache[key] = id
	return id, nil
}
