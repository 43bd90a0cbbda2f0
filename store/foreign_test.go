package store

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Another program's SQLite database given as the store is refused before
// anything is written to it: not herald's tables, not even WAL mode.
func TestOpenLeavesAnotherProgramsDatabaseAlone(t *testing.T) {
	for _, mode := range []string{"DELETE", "WAL"} {
		path := filepath.Join(t.TempDir(), "contacts.db")
		db, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"PRAGMA journal_mode=" + mode, "CREATE TABLE contacts (name TEXT)", "INSERT INTO contacts VALUES ('Ann')"} {
			if _, err := db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		before, _ := os.ReadFile(path)
		st, err := Open(path)
		if err == nil {
			st.Close()
			t.Fatalf("%s: Open took another program's database as a store", mode)
		}
		if !errors.Is(err, ErrNotStore) {
			t.Fatalf("%s: Open: %v; want ErrNotStore", mode, err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Errorf("%s: Open changed the database's file", mode)
		}
		db, _ = sql.Open("sqlite", "file:"+path+"?mode=ro")
		var n int
		db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name IN ('articles', 'schema_version')`).Scan(&n)
		db.Close()
		if n != 0 {
			t.Errorf("%s: Open added herald's tables to it", mode)
		}
	}
}

// A file that is not SQLite at all is refused; an empty file, or none, is a
// new store; a store in another journal mode is still a store.
func TestOpenTellsStoresFromOtherFiles(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("not a database, but long enough to hold a header of one hundred bytes, which SQLite files start with."), 0o644)
	if _, err := Open(text); !errors.Is(err, ErrNotStore) {
		t.Errorf("a text file: %v; want ErrNotStore", err)
	}
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	for _, path := range []string{empty, filepath.Join(dir, "new.db")} {
		st, err := Open(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		st.Close()
	}
	// A herald store turned to rollback-journal mode by hand opens.
	db, _ := sql.Open("sqlite", "file:"+empty)
	if _, err := db.Exec("PRAGMA journal_mode=DELETE"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err := Open(empty)
	if err != nil {
		t.Fatalf("a store in rollback-journal mode: %v", err)
	}
	st.Close()
}
