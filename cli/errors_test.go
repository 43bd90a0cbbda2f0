package cli_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// oneErrorLine checks that r failed with exit 1 and one `herald: ...` line
// on stderr holding each of wants, and nothing on stdout.
func oneErrorLine(t *testing.T, what string, r result, wants ...string) {
	t.Helper()
	if r.code != 1 {
		t.Errorf("%s: exit %d, want 1", what, r.code)
	}
	lines := nonEmptyLines(r.stderr)
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "herald: ") {
		t.Errorf("%s: stderr %q, want one `herald: what failed: why` line", what, r.stderr)
	}
	for _, w := range wants {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("%s: stderr %q does not mention %q", what, r.stderr, w)
		}
	}
	if r.stdout != "" {
		t.Errorf("%s: stdout %q, want nothing", what, r.stdout)
	}
}

func TestUnknownCommandAndFlags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "herald.db")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, "frobnicate"},
		{[]string{"lss"}, "lss"},
		{[]string{"--bogus"}, "--bogus"},
		{[]string{"ls", "--bogus"}, "--bogus"},
		{[]string{"ls", "--limit", "many"}, "many"},
		{[]string{"cat", "1", "--colour"}, "--colour"},
		{[]string{"import"}, ""},
		{[]string{"export", "xml"}, "xml"},
	}
	for _, c := range cases {
		r := herald(t, db, c.args...)
		oneErrorLine(t, "herald "+strings.Join(c.args, " "), r, c.want)
	}
	// A command line that does not parse opens no store.
	if _, err := os.Stat(db); err == nil {
		t.Errorf("a bad command line created the store %s", db)
	}
}

func TestHelpAndVersion(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	r := herald(t, db, "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "import") || !strings.Contains(r.stdout, "ls") {
		t.Errorf("--help: %v", r)
	}
	r = herald(t, db, "--version")
	if r.code != 0 || strings.TrimSpace(r.stdout) == "" {
		t.Errorf("--version: %v", r)
	}
}

// TestStoreCannotBeCreated points --db into a folder that cannot be made
// (its parent is a regular file; permissions mean nothing to root).
func TestStoreCannotBeCreated(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "plain-file")
	writeFile(t, file, "not a folder\n")
	db := filepath.Join(file, "sub", "herald.db")
	for _, args := range [][]string{
		{"ls"}, {"ls", "--json"}, {"import", "testdata/feeds/loom.atom"}, {"authors"}, {"tags"}, {"feeds"},
		{"cat", "1"}, {"export", "json"}, {"export", "opml"},
	} {
		r := herald(t, db, args...)
		oneErrorLine(t, "herald --db "+db+" "+strings.Join(args, " "), r, db, "not a directory")
	}

	// A folder where the file should be, and a file that is no store.
	notStore := filepath.Join(dir, "notes.txt")
	writeFile(t, notStore, strings.Repeat("These are notes, not a database.\n", 100))
	for _, db := range []string{dir, notStore} {
		oneErrorLine(t, "herald --db "+db+" ls", herald(t, db, "ls"), db)
	}
	if data, _ := os.ReadFile(notStore); !strings.HasPrefix(string(data), "These are notes") {
		t.Errorf("herald overwrote a file that is not a store")
	}

	// Another program's SQLite database: refused, and left as it was.
	contacts := filepath.Join(dir, "contacts.db")
	conn, err := sql.Open("sqlite", contacts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(`CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ann')`); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	before, _ := os.ReadFile(contacts)
	for _, args := range [][]string{{"ls"}, {"import", "testdata/feeds/loom.atom"}} {
		r := herald(t, contacts, args...)
		oneErrorLine(t, "herald --db "+contacts+" "+strings.Join(args, " "), r, contacts, "another program's SQLite database")
	}
	if after, _ := os.ReadFile(contacts); !bytes.Equal(before, after) {
		t.Errorf("herald changed another program's database")
	}
}

// TestStorePathFlagBeatsEnv: --db beats $HERALD_DB, which is used without it.
// (In-process: t.Setenv, so not parallel.)
func TestStorePathFlagBeatsEnv(t *testing.T) {
	dir := t.TempDir()
	flagDB := filepath.Join(dir, "flag", "herald.db")
	envDB := filepath.Join(dir, "env", "herald.db")
	t.Setenv("HERALD_DB", envDB)

	mustHerald(t, flagDB, "import", "testdata/feeds/loom.atom")
	if _, err := os.Stat(envDB); err == nil {
		t.Fatalf("--db was given, but $HERALD_DB %s was created", envDB)
	}
	if n := len(lsArticles(t, flagDB)); n != 2 {
		t.Errorf("--db store holds %d articles, want 2", n)
	}

	r := runHerald(t, nil, "import", "testdata/feeds/kettle.json") // no --db: $HERALD_DB
	if r.code != 0 {
		t.Fatalf("import with $HERALD_DB: %v", r)
	}
	if _, err := os.Stat(envDB); err != nil {
		t.Fatalf("$HERALD_DB store %s not created: %v", envDB, err)
	}
	r = runHerald(t, nil, "ls", "--json")
	if got := jsonLines[articleJSON](t, r.stdout); len(got) != 2 || got[0].Feed != "Kettle Club" {
		t.Errorf("ls with $HERALD_DB: %v", r)
	}
	if n := len(lsArticles(t, flagDB)); n != 2 {
		t.Errorf("--db store changed: %d articles", n)
	}
}

// TestStorePathResolution checks the whole order, --db, then $HERALD_DB,
// then $XDG_DATA_HOME/herald/herald.db, with the real binary: the xdg
// package reads XDG_DATA_HOME once, when the process starts, so an
// in-process test cannot change it (and must not fall back to the real
// data home of whoever runs the tests).
func TestStorePathResolution(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	xdgHome := filepath.Join(dir, "xdg")
	home := filepath.Join(dir, "home")
	envDB := filepath.Join(dir, "env", "herald.db")
	flagDB := filepath.Join(dir, "flag", "herald.db")
	xdgDB := filepath.Join(xdgHome, "herald", "herald.db")
	feed := absPath(t, "testdata/feeds/loom.atom")
	base := []string{"HOME=" + home, "XDG_DATA_HOME=" + xdgHome}

	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }

	// Neither --db nor $HERALD_DB: the XDG data home.
	r := execHerald(t, append(base, "HERALD_DB="), "import", feed)
	if r.code != 0 {
		t.Fatalf("import: %v", r)
	}
	if !exists(xdgDB) {
		t.Fatalf("no store at $XDG_DATA_HOME/herald/herald.db (%s); home holds: %v", xdgDB, listTree(home))
	}
	if exists(envDB) || exists(flagDB) {
		t.Errorf("stores made where none was asked for")
	}
	if tree := listTree(home); len(tree) != 0 {
		t.Errorf("$HOME was written to although $XDG_DATA_HOME is set: %v", tree)
	}

	// $HERALD_DB beats XDG.
	r = execHerald(t, append(base, "HERALD_DB="+envDB), "import", feed)
	if r.code != 0 || !exists(envDB) {
		t.Fatalf("import with $HERALD_DB: %v; store exists: %v", r, exists(envDB))
	}
	// --db beats both.
	r = execHerald(t, append(base, "HERALD_DB="+envDB), "--db", flagDB, "import", "testdata/feeds/kettle.json")
	if r.code != 0 || !exists(flagDB) {
		t.Fatalf("import with --db: %v", r)
	}
	// Each store holds what went into it: read them back the same ways.
	count := func(env []string, args ...string) int {
		r := execHerald(t, env, append(args, "ls", "--json")...)
		if r.code != 0 {
			t.Fatalf("ls %v: %v", env, r)
		}
		return len(jsonLines[articleJSON](t, r.stdout))
	}
	if n := count(append(base, "HERALD_DB=")); n != 2 {
		t.Errorf("XDG store holds %d articles, want 2", n)
	}
	if n := count(append(base, "HERALD_DB="+envDB)); n != 2 {
		t.Errorf("$HERALD_DB store holds %d articles, want 2", n)
	}
	if n := count(append(base, "HERALD_DB="+envDB), "--db", flagDB); n != 2 {
		t.Errorf("--db store holds %d articles, want 2", n)
	}
	if n := len(lsArticles(t, flagDB)); n != 2 || lsArticles(t, flagDB)[0].Feed != "Kettle Club" {
		t.Errorf("--db store does not hold the Kettle Club feed")
	}

	// Without XDG_DATA_HOME: $HOME/.local/share/herald/herald.db.
	home2 := filepath.Join(dir, "home2")
	env := []string{"HOME=" + home2, "XDG_DATA_HOME=", "HERALD_DB="}
	if r := execHerald(t, env, "import", feed); r.code != 0 {
		t.Fatalf("import with only $HOME: %v", r)
	}
	if p := filepath.Join(home2, ".local", "share", "herald", "herald.db"); !exists(p) {
		t.Errorf("no store at %s; home holds %v", p, listTree(home2))
	}
}

// listTree lists the files under dir (relative paths); nil if none.
func listTree(dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}

// Flags that would quietly do something else than asked are refused: an
// empty --db would use the default store, and --demo with a command would
// run it on the real store.
func TestFlagsThatWouldMisleadAreRefused(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "herald.db")
	for _, args := range [][]string{{"--db", "", "ls"}, {"--db=", "ls"}, {"ls", "--db"}, {"--db"}, {"--demo", "ls"}, {"--db", db, "--demo", "authors"}} {
		r := execHerald(t, []string{"HERALD_DB=" + db}, args...)
		what := fmt.Sprintf("herald %q", args)
		if r.code != 1 || !strings.HasPrefix(r.stderr, "herald: ") || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q; want one error line", what, r.code, r.stderr)
		}
		if _, err := os.Stat(db); err == nil {
			t.Fatalf("%s made a store", what)
		}
	}
}
