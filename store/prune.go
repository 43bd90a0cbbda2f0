package store

import (
	"context"
	"database/sql"
	"os"
	"time"
)

// pruneBatch is how many articles one prune transaction deletes, so another
// herald (the reader) never waits long for the write lock.
const pruneBatch = 5000

// PruneResult says what Prune did.
type PruneResult struct {
	Removed     int   // articles deleted
	KeptStarred int   // starred articles older than the cutoff, kept
	SizeBefore  int64 // bytes of the store (with its write-ahead log) before
	SizeAfter   int64 // and after compacting
}

// Prune deletes every article published before cutoff that is not starred,
// then compacts the store. Deleting a row takes it out of the full-text
// index and the author, tag and article counts with it (triggers); authors
// and tags left with no article go too. Each feed remembers the cutoff, so
// a refresh does not bring the pruned articles back as new ones.
func (s *Store) Prune(ctx context.Context, cutoff time.Time) (PruneResult, error) {
	r := PruneResult{SizeBefore: s.fileSize()}
	for {
		var n int64
		err := s.write(ctx, func(tx *sql.Tx) error {
			res, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id IN (
				SELECT id FROM articles WHERE published < ? AND starred = 0 LIMIT ?)`, cutoff.Unix(), pruneBatch)
			if err != nil {
				return err
			}
			n, err = res.RowsAffected()
			return err
		})
		if err != nil {
			return r, err
		}
		r.Removed += int(n)
		if n < pruneBatch {
			break
		}
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE feeds SET pruned_before = max(pruned_before, ?)`, cutoff.Unix()); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM authors WHERE count <= 0`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE count <= 0`); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE published < ? AND starred = 1`,
			cutoff.Unix()).Scan(&r.KeptStarred)
	})
	if err != nil {
		return r, err
	}
	if r.Removed > 0 {
		if err := s.Compact(ctx); err != nil {
			return r, err
		}
	}
	r.SizeAfter = s.fileSize()
	return r, nil
}

// Compact gives the space of deleted rows back to the file system: the
// full-text index merges its segments (dropping deleted rows' entries),
// VACUUM rewrites the store, and a truncating checkpoint empties the
// write-ahead log VACUUM wrote through.
func (s *Store) Compact(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts) VALUES ('optimize')`); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM`); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

// fileSize is the store's size on disk: the file and its write-ahead log.
func (s *Store) fileSize() int64 {
	var n int64
	for _, p := range []string{s.path, s.path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}
