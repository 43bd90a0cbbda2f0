package store

import (
	"context"
	"database/sql"
	"errors"
)

// feedColumns are a Feed's columns, counts included, for scanFeed.
const feedColumns = `f.id, f.url, f.kind, f.title, f.site_url, f.etag, f.last_modified, f.last_error,
	f.last_fetched, f.last_success, f.retry_after, f.full_articles, f.pruned_before,
	(SELECT count(*) FROM articles a WHERE a.feed_id = f.id),
	(SELECT count(*) FROM articles a WHERE a.feed_id = f.id AND a.read = 0)`

// Feeds returns every feed with its article and unread counts, by title.
func (s *Store) Feeds(ctx context.Context) ([]Feed, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+feedColumns+`
		FROM feeds f ORDER BY lower(CASE WHEN f.title != '' THEN f.title ELSE f.url END), f.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Feed returns one feed with its counts.
func (s *Store) Feed(ctx context.Context, id int64) (Feed, error) {
	f, err := scanFeed(s.db.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feeds f WHERE f.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return f, ErrNotFound
	}
	return f, err
}

func scanFeed(row interface{ Scan(...any) error }) (Feed, error) {
	var f Feed
	var fetched, success, retry, pruned int64
	err := row.Scan(&f.ID, &f.URL, &f.Kind, &f.Title, &f.SiteURL, &f.ETag, &f.LastModified,
		&f.LastError, &fetched, &success, &retry, &f.FullArticles, &pruned, &f.Articles, &f.Unread)
	f.LastFetched, f.LastSuccess, f.RetryAfter = fromUnix(fetched), fromUnix(success), fromUnix(retry)
	f.PrunedBefore = fromUnix(pruned)
	return f, err
}
