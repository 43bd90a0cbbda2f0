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
	"io"
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

// ErrNotStore is returned by Open for a file that is not a herald store:
// not SQLite, or another program's SQLite database, which herald leaves
// as it is.
var ErrNotStore = errors.New("not a herald store")

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
	// The driver runs _pragma values in alphabetical order, where
	// journal_mode would come first and lock the page size at 4096; its
	// _journal_mode key runs after them.
	q.Add("_pragma", "page_size(16384)")
	q.Set("_journal_mode", "WAL")
	q.Add("_pragma", "synchronous(NORMAL)")
	// Statement journals (every insert that can hit a conflict or fire a
	// trigger keeps one) go to memory rather than to a temporary file:
	// on disk they cost an import half its writer time in pwrite calls.
	q.Add("_pragma", "temp_store(MEMORY)")
	// A list page touches some two hundred pages (the date index, fifty
	// rows, their author and tag links) scattered over a large store: more
	// than SQLite's default 2 MB cache holds at 16 KB a page, so every page
	// of the list was read from the file again (half its time, 3 ms at 1M
	// articles). 6 MB holds them (1.8 ms), with the reader at 1M articles
	// still under 60 MB; 8 MB was no faster.
	q.Add("_pragma", "cache_size(-6144)")
	// A commit that takes the WAL past wal_autocheckpoint pages copies it
	// into the database and waits for the disk to sync it, inside the
	// writer: at SQLite's default (1000 pages) an import stopped a dozen
	// times to do so, which cost it half its wall time. Writers that write
	// a lot call Checkpoint when they are done instead; this larger limit
	// is the backstop, and journal_size_limit gives the space back after.
	q.Add("_pragma", "wal_autocheckpoint("+strconv.Itoa(walAutoCheckpointPages)+")")
	q.Add("_pragma", "journal_size_limit("+strconv.Itoa(walSizeLimit)+")")
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
	if err := checkForeign(path); err != nil {
		return nil, err
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

// walAutoCheckpointPages is how large the WAL may grow (256 MB with 16 KB
// pages) before a commit checkpoints it; see dsn. walSizeLimit is what a
// checkpoint truncates it back to.
const (
	walAutoCheckpointPages = 16384
	walSizeLimit           = 64 << 20
)

// Checkpoint copies what the write-ahead log holds into the database file
// and empties the log. Imports and refreshes call it once they are done
// (after their articles are listable), rather than commits doing it as they
// go; a checkpoint that readers hold back is finished by a later one.
func (s *Store) Checkpoint(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return err
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
	if current == 0 {
		if tables, err := userTables(ctx, s.db); err != nil || len(tables) > 0 {
			return foreignError(tables, err)
		}
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

// checkForeign refuses, before anything is written, a file that is not a
// herald store. Opening runs pragmas that change a database's header (WAL
// mode), so another program's database is recognised first: by its header
// (a herald store is always in WAL mode; a file that is not in it is read,
// read-only, for its tables), and, in WAL mode, by migrate before it would
// add herald's tables (see userTables).
func checkForeign(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil // no file yet: Open makes a new store
	}
	defer f.Close()
	var header [100]byte
	n, _ := io.ReadFull(f, header[:])
	switch {
	case n == 0:
		return nil // an empty file: a new store
	case n < len(header) || string(header[:16]) != "SQLite format 3\x00":
		return fmt.Errorf("%w: not an SQLite database", ErrNotStore)
	case header[18] == 2:
		return nil // WAL mode, as herald's stores are
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var version int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'`).Scan(&version); err != nil {
		return fmt.Errorf("%w: %v", ErrNotStore, err)
	}
	if version > 0 {
		return nil // a herald store not in WAL mode (made by hand, say)
	}
	tables, err := userTables(context.Background(), db)
	if err != nil || len(tables) > 0 {
		return foreignError(tables, err)
	}
	return nil
}

// userTables names the tables of a database that has no herald schema.
func userTables(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

func foreignError(tables []string, err error) error {
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNotStore, err)
	}
	more := ""
	if len(tables) > 3 {
		tables, more = tables[:3], fmt.Sprintf(" and %d more", len(tables)-3)
	}
	return fmt.Errorf("%w: it is another program's SQLite database (tables %s%s); herald leaves it as it is", ErrNotStore, strings.Join(tables, ", "), more)
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
	return finish(tx, fn(tx))
}

// writeOn is write on a connection of the caller's.
func writeOn(ctx context.Context, conn *sql.Conn, fn func(tx *sql.Tx) error) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	return finish(tx, fn(tx))
}

// finish commits tx, or rolls it back after err.
func finish(tx *sql.Tx, err error) error {
	if err != nil {
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
