package store

import (
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// createAtVersion makes a store file whose schema stops at version v, as an
// older herald would have left it.
func createAtVersion(t *testing.T, path string, v int) {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, _ := loadMigrations()
	if _, err := db.Exec("CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (0)"); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:v] {
		if _, err := db.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		db.Exec("UPDATE schema_version SET version = ?", m.version)
	}
}

func TestMigrateFromEachOlderVersion(t *testing.T) {
	for v := 1; v < SchemaVersion(); v++ {
		path := filepath.Join(t.TempDir(), "old.db")
		createAtVersion(t, path, v)
		// Data written by the old version.
		db, _ := sql.Open("sqlite", dsn(path))
		body := `INSERT INTO article_bodies (article_id, text) VALUES (1, 'a kittiwake on the cliff')`
		if v < 4 { // bodies lived in the articles table
			body = `UPDATE articles SET text = 'a kittiwake on the cliff' WHERE id = 1`
		}
		_, err := db.Exec(`INSERT INTO feeds (id, url, title, added) VALUES (1, 'https://e/f', 'E', 0);
			INSERT INTO articles (id, feed_id, ident, title, published, added, read)
			VALUES (1, 1, 'g:1', 'Old story', 1700000000, 0, 1);` + body)
		db.Close()
		if err != nil {
			t.Fatalf("v%d: %v", v, err)
		}
		s, err := Open(path)
		if err != nil {
			t.Fatalf("migrate from v%d: %v", v, err)
		}
		if got, _ := s.schemaVersion(ctx); got != SchemaVersion() {
			t.Fatalf("from v%d: at version %d", v, got)
		}
		b, err := s.Body(ctx, 1)
		if err != nil || b.Title != "Old story" || !b.Read {
			t.Fatalf("from v%d: article lost or changed: %+v %v", v, b.Article, err)
		}
		if n, err := s.Count(ctx, Filter{Match: `"kittiwake"`}); n != 1 || err != nil {
			t.Fatalf("from v%d: search finds %d (%v)", v, n, err)
		}
		// 0005: fetch settings default off; full articles have a table.
		if f, err := s.Feed(ctx, 1); err != nil || f.FullArticles || !f.PrunedBefore.IsZero() || f.URL != "https://e/f" {
			t.Fatalf("from v%d: feed %+v (%v)", v, f, err)
		}
		if err := s.SetFullArticle(ctx, 1, FullArticle{HTML: "<p>x</p>", Text: "x"}); err != nil {
			t.Fatalf("from v%d: full article: %v", v, err)
		}
		s.Close()
	}
}

func TestOpenReportsABusyStore(t *testing.T) {
	old := busyTimeout
	busyTimeout = 200 * time.Millisecond
	defer func() { busyTimeout = old }()
	path := filepath.Join(t.TempDir(), "old.db")
	createAtVersion(t, path, 1) // Open will want to migrate: a write
	db, _ := sql.Open("sqlite", dsn(path))
	defer db.Close()
	tx, err := db.Begin() // another process's long write
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE feeds SET title = 'x'"); err != nil {
		t.Fatal(err)
	}
	_, err = Open(path)
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "another herald") {
		t.Fatalf("got %v, want ErrBusy naming another herald", err)
	}
}
