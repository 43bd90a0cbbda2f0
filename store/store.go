// Package store keeps herald's articles in a local SQLite file: the schema
// and its migrations, the ingest path, keyset-paged queries, author and tag
// facets, and the full-text index.
//
// Every connection is opened here with the same settings (WAL, a busy
// timeout, foreign keys, BEGIN IMMEDIATE for writes); nothing else in herald
// opens the database file.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// busyTimeout is how long a statement waits for another writer (another
// herald process, say) before giving up. modernc's default is 0: fail at once.
var busyTimeout = 10 * time.Second

// ErrNotFound is returned when an article or feed does not exist.
var ErrNotFound = errors.New("not found")

// ErrBusy is returned when another process holds the store's write lock
// for longer than the busy timeout.
var ErrBusy = errors.New("store is busy")

// isBusy reports SQLite's SQLITE_BUSY (database is locked).
func isBusy(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "database is locked"))
}

// ErrTooNew is returned by Open for a store written by a newer herald.
var ErrTooNew = errors.New("store was written by a newer herald")

// Store is an open article store. It is safe for concurrent use.
type Store struct {
	db    *sql.DB
	path  string
	now   func() time.Time
	stmts sync.Map // query text -> *sql.Stmt, see prepared
	// related caches rankings and word counts for Related, under the
	// store-wide generation (see related.go).
	related relatedCache
}

// dsn builds the connection string. The settings are part of the store's
// contract and are tested in store_test.go.
func dsn(path string) string {
	q := url.Values{}
	q.Set("_txlock", "immediate")
	q.Add("_pragma", "busy_timeout("+strconv.Itoa(int(busyTimeout/time.Millisecond))+")")
	// Only a new store takes the page size (before WAL fixes it): bodies
	// of 10–20 KB then fit one or two pages instead of a chain of five.
	q.Add("_pragma", "page_size(16384)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	return path + "?" + q.Encode()
}

// Open opens (creating if needed) the store at path and brings its schema up
// to date. A store whose schema is newer than this binary knows is refused
// and left untouched.
func Open(path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create store folder: %w", err)
		}
	}
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, now: time.Now}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		if isBusy(err) {
			return nil, fmt.Errorf("%w: another herald has been writing to it for over %v; try again when it is done", ErrBusy, busyTimeout)
		}
		return nil, err
	}
	return s, nil
}

// Close closes the store.
func (s *Store) Close() error {
	s.stmts.Range(func(_, v any) bool { v.(*sql.Stmt).Close(); return true })
	return s.db.Close()
}

// prepared returns a prepared statement for a read query, preparing it on
// first use. Page queries are built from a filter's shape, so there are few
// distinct texts; parsing them again on every page cost a third of its time.
func (s *Store) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if old, loaded := s.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return old.(*sql.Stmt), nil
	}
	return st, nil
}

// Path is the file the store lives in.
func (s *Store) Path() string { return s.path }

// DB exposes the connection pool to this package's tests and benchmarks.
func (s *Store) DB() *sql.DB { return s.db }

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		n, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(n)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", e.Name())
		}
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// SchemaVersion is the newest schema this binary knows.
func SchemaVersion() int {
	ms, _ := loadMigrations()
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

func (s *Store) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	// Read the version first, outside a write transaction, so a store that
	// is too new is never written to (not even the version table).
	current, err := s.schemaVersion(ctx)
	if err != nil {
		return err
	}
	latest := ms[len(ms)-1].version
	if current > latest {
		return fmt.Errorf("%w (schema version %d, this herald knows up to %d): upgrade herald", ErrTooNew, current, latest)
	}
	if current == latest {
		return nil
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
			return err
		}
		// Re-read inside the write lock: another process may have migrated.
		var v int
		err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if m.version <= v {
				continue
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM schema_version; INSERT INTO schema_version VALUES (?)`, m.version); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) schemaVersion(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("read store: %w", err)
	}
	if n == 0 {
		return 0, nil
	}
	var v int
	err = s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v)
	return v, err
}

// write runs fn in a BEGIN IMMEDIATE transaction (the DSN's _txlock), so a
// writer takes the lock up front and waits busy_timeout for it instead of
// failing midway with SQLITE_BUSY on upgrade from a read lock.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func fromUnix(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(n, 0).UTC()
}
