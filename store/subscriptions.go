package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/herald-reader/herald/sanitize"
)

// ErrFeedExists is returned by MoveFeed when another feed has the URL.
var ErrFeedExists = errors.New("another feed has that URL")

// Subscribe records info as a subscription (kind http) and returns its id.
// existed is true when the URL was subscribed already. A feed of that URL
// that rm kept for its starred articles becomes a subscription again.
// Known fields are kept when the new ones are empty.
func (s *Store) Subscribe(ctx context.Context, info FeedInfo) (id int64, existed bool, err error) {
	u := sanitize.Line(info.URL)
	if u == "" {
		return 0, false, errors.New("feed has no URL")
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		var kind string
		err := tx.QueryRowContext(ctx, `SELECT id, kind FROM feeds WHERE url = ?`, u).Scan(&id, &kind)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return tx.QueryRowContext(ctx, `INSERT INTO feeds (url, kind, title, site_url, added)
				VALUES (?, ?, ?, ?, ?) RETURNING id`,
				u, KindHTTP, sanitize.Line(info.Title), sanitize.Line(info.SiteURL), s.now().Unix()).Scan(&id)
		case err != nil:
			return err
		}
		existed = kind == KindHTTP
		_, err = tx.ExecContext(ctx, `UPDATE feeds SET kind = ?,
			title = CASE WHEN ? != '' THEN ? ELSE title END,
			site_url = CASE WHEN ? != '' THEN ? ELSE site_url END WHERE id = ?`,
			KindHTTP, sanitize.Line(info.Title), sanitize.Line(info.Title),
			sanitize.Line(info.SiteURL), sanitize.Line(info.SiteURL), id)
		return err
	})
	return id, existed, err
}

// SetFullArticles turns the automatic fetching of full articles for a feed
// on or off.
func (s *Store) SetFullArticles(ctx context.Context, feedID int64, on bool) error {
	return s.setFlag(ctx, "UPDATE feeds SET full_articles = ? WHERE id = ?", boolInt(on), feedID)
}

// FetchRecord is what one fetch of a feed came to.
type FetchRecord struct {
	At time.Time
	// Err is why the fetch failed; "" for a success (a 304 included).
	Err string
	// ETag and LastModified are the validators for the next conditional
	// request; a success stores them as given ("" clears one).
	ETag, LastModified string
	// RetryAfter is when the server asked to be tried again (429, 503);
	// zero when it did not.
	RetryAfter time.Time
}

// RecordFetch stores the outcome of fetching a feed. A failure keeps the
// feed's validators and last success, and its error is shown until the
// next success clears it. Articles are never touched here.
func (s *Store) RecordFetch(ctx context.Context, feedID int64, r FetchRecord) error {
	at := r.At
	if at.IsZero() {
		at = s.now()
	}
	if r.Err != "" {
		return s.setFlagArgs(ctx, `UPDATE feeds SET last_fetched = ?, last_error = ?, retry_after = ? WHERE id = ?`,
			at.Unix(), oneLine(r.Err), unix(r.RetryAfter), feedID)
	}
	return s.setFlagArgs(ctx, `UPDATE feeds SET last_fetched = ?, last_success = ?, last_error = '',
		retry_after = ?, etag = ?, last_modified = ? WHERE id = ?`,
		at.Unix(), at.Unix(), unix(r.RetryAfter), sanitize.Line(r.ETag), sanitize.Line(r.LastModified), feedID)
}

// oneLine cleans an error message for storage: one printable line, bounded.
func oneLine(s string) string {
	s = sanitize.Line(s)
	if len(s) > 500 {
		s = strings.ToValidUTF8(s[:500], "") + "…"
	}
	return s
}

// MoveFeed changes a feed's URL (a permanent redirect). It fails with
// ErrFeedExists when another feed has the new URL already.
func (s *Store) MoveFeed(ctx context.Context, feedID int64, newURL string) error {
	u := sanitize.Line(newURL)
	if u == "" {
		return errors.New("feed has no URL")
	}
	err := s.setFlagArgs(ctx, `UPDATE feeds SET url = ? WHERE id = ?`, u, feedID)
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return ErrFeedExists
	}
	return err
}

// RemoveResult says what RemoveFeed did.
type RemoveResult struct {
	Removed int // articles deleted
	Kept    int // starred articles kept
}

// RemoveFeed unsubscribes from a feed and deletes its articles, except the
// starred ones: a feed that has some stays, as an archive that is no longer
// fetched (kind file), holding them. Counts kept by triggers (authors,
// tags, article_stats) and the full-text index follow the deleted rows.
func (s *Store) RemoveFeed(ctx context.Context, feedID int64) (RemoveResult, error) {
	var r RemoveResult
	err := s.write(ctx, func(tx *sql.Tx) error {
		var exists int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM feeds WHERE id = ?`, feedID).Scan(&exists); err != nil {
			return err
		}
		if exists == 0 {
			return ErrNotFound
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE feed_id = ? AND starred = 0`, feedID)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		r.Removed = int(n)
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE feed_id = ?`, feedID).Scan(&r.Kept); err != nil {
			return err
		}
		if r.Kept > 0 {
			_, err = tx.ExecContext(ctx, `UPDATE feeds SET kind = ?, etag = '', last_modified = '', last_error = '',
				retry_after = 0, full_articles = 0 WHERE id = ?`, KindFile, feedID)
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM feeds WHERE id = ?`, feedID)
		return err
	})
	return r, err
}

// ArticleRef names an article and its link.
type ArticleRef struct {
	ID   int64
	Link string
}

// WithoutFullArticle returns up to limit articles of a feed added at or
// after since that have a link and no full article yet, newest first: the
// ones a refresh fetches pages for when the feed asks for full articles.
func (s *Store) WithoutFullArticle(ctx context.Context, feedID int64, since time.Time, limit int) ([]ArticleRef, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.link FROM articles a
		WHERE a.feed_id = ? AND a.added >= ? AND a.link != ''
			AND NOT EXISTS (SELECT 1 FROM article_full x WHERE x.article_id = a.id)
		ORDER BY a.published DESC, a.id DESC LIMIT ?`, feedID, since.Unix(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ArticleRef
	for rows.Next() {
		var r ArticleRef
		if err := rows.Scan(&r.ID, &r.Link); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// FullArticle is the readable article extracted from an article's page.
type FullArticle struct {
	URL      string // the page it came from (after redirects)
	HTML     string // sanitised
	Markdown string
	Text     string
}

// SetFullArticle keeps the full article beside the feed's summary; Body
// returns it in place of the feed's content from then on, and full-text
// search covers its text (the article is indexed again).
func (s *Store) SetFullArticle(ctx context.Context, id int64, a FullArticle) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE articles SET indexed = 0 WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO article_full (article_id, url, html, markdown, text, fetched)
			VALUES (?, ?, ?, ?, ?, ?)`, id, sanitize.Line(a.URL), sanitize.Text(a.HTML),
			sanitize.Text(a.Markdown), sanitize.Text(a.Text), s.now().Unix())
		return err
	})
}

// setFlagArgs runs one UPDATE of one row in a write transaction; ErrNotFound
// when no row matched.
func (s *Store) setFlagArgs(ctx context.Context, query string, args ...any) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}
