package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A command that adds nothing to the store, run where there is no store (a
// mistyped --db, say), answers as on an empty store and leaves nothing
// behind: no store file, no folders to it, no temporary stand-in. Where it
// has to name an article or a feed, its error says there is no store.
func TestCommandsThatOnlyReadMakeNoStore(t *testing.T) {
	<-binReady // the binary's build, beside the tests, must not take this TMPDIR for its own
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the empty stand-in is made, and must go
	dir := filepath.Join(t.TempDir(), "typo")
	db := filepath.Join(dir, "herald.db")
	empty := [][]string{
		{"ls"}, {"ls", "--json", "tag:x"}, {"authors"}, {"tags", "--json"}, {"feeds"},
		{"export", "json"}, {"prune", "--older-than", "90d"}, {"refresh"},
	}
	for _, args := range empty {
		r := herald(t, db, args...)
		if r.code != 0 {
			t.Errorf("herald %s on no store: %v", strings.Join(args, " "), r)
		}
		if args[0] != "prune" && args[0] != "refresh" && r.stdout != "" {
			t.Errorf("herald %s on no store printed %q", strings.Join(args, " "), r.stdout)
		}
	}
	if r := mustHerald(t, db, "export", "opml"); strings.Contains(r.stdout, "<outline ") {
		t.Errorf("export opml on no store listed feeds:\n%s", r.stdout)
	}
	notFound := [][]string{
		{"cat", "1"}, {"related", "1"}, {"open", "1"}, {"save", "1", t.TempDir()}, {"rm", "https://example.com/feed"},
	}
	for _, args := range notFound {
		r := herald(t, db, args...)
		if r.code != 1 || !strings.Contains(r.stderr, "there is no store at "+db) {
			t.Errorf("herald %s on no store: want exit 1 saying there is no store at %s, got %v", strings.Join(args, " "), db, r)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a command that only reads made %s (stat: %v)", dir, err)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("the empty stand-in was left in the temporary folder: %s", left[0].Name())
	}
}

// The commands that bring articles in make the store where there is none,
// as the reader does on first run.
func TestImportMakesTheStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new", "herald.db")
	mustHerald(t, db, "import", feedFixtures[0])
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("import made no store: %v", err)
	}
	if r := mustHerald(t, db, "ls"); !strings.Contains(r.stdout, tWeaving) {
		t.Errorf("ls after import:\n%s", r.stdout)
	}
}
