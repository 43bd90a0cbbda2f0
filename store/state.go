package store

import (
	"context"
	"database/sql"

	"github.com/herald-reader/herald/sanitize"
)

// SetRead marks an article read or unread.
func (s *Store) SetRead(ctx context.Context, id int64, read bool) error {
	return s.setFlag(ctx, "UPDATE articles SET read = ? WHERE id = ?", boolInt(read), id)
}

// SetStarred stars or unstars an article.
func (s *Store) SetStarred(ctx context.Context, id int64, starred bool) error {
	return s.setFlag(ctx, "UPDATE articles SET starred = ? WHERE id = ?", boolInt(starred), id)
}

// SetMarkdown caches the markdown conversion of an article's content.
// Conversion is lazy (see package content): this stores its result so it is
// done once per article.
func (s *Store) SetMarkdown(ctx context.Context, id int64, markdown string) error {
	return s.setFlag(ctx, "UPDATE article_bodies SET markdown = ? WHERE article_id = ?", sanitize.Text(markdown), id)
}

func (s *Store) setFlag(ctx context.Context, query string, value any, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, query, value, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}
