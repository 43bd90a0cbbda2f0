package store

import "context"

// Feeds returns every feed with its article and unread counts, by title.
func (s *Store) Feeds(ctx context.Context) ([]Feed, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT f.id, f.url, f.kind, f.title, f.site_url, f.etag, f.last_modified, f.last_error,
			f.last_fetched, f.last_success, f.retry_after,
			(SELECT count(*) FROM articles a WHERE a.feed_id = f.id),
			(SELECT count(*) FROM articles a WHERE a.feed_id = f.id AND a.read = 0)
		FROM feeds f ORDER BY lower(CASE WHEN f.title != '' THEN f.title ELSE f.url END), f.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		var f Feed
		var fetched, success, retry int64
		if err := rows.Scan(&f.ID, &f.URL, &f.Kind, &f.Title, &f.SiteURL, &f.ETag, &f.LastModified,
			&f.LastError, &fetched, &success, &retry, &f.Articles, &f.Unread); err != nil {
			return nil, err
		}
		f.LastFetched, f.LastSuccess, f.RetryAfter = fromUnix(fetched), fromUnix(success), fromUnix(retry)
		out = append(out, f)
	}
	return out, rows.Err()
}
