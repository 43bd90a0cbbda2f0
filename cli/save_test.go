package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSaveWritesMarkdownNamedFromTheTitle(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	dir := t.TempDir()
	id := itoa(idOf(t, db, tWeaving))
	r := mustHerald(t, db, "save", id, dir)
	path := strings.TrimSpace(r.stdout)
	if path != filepath.Join(dir, "weaving-on-the-old-loom.md") {
		t.Fatalf("saved as %q", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The same document as `cat --format markdown`.
	if md := mustHerald(t, db, "cat", "--format", "markdown", id).stdout; string(data) != md {
		t.Errorf("saved:\n%s\ncat --format markdown:\n%s", data, md)
	}
	// Again: a new file; the first is kept.
	r = mustHerald(t, db, "save", id, dir)
	if got := strings.TrimSpace(r.stdout); got != filepath.Join(dir, "weaving-on-the-old-loom-2.md") {
		t.Errorf("second save as %q", got)
	}
}

func TestSaveHostileTitleStaysInItsFolder(t *testing.T) {
	t.Parallel()
	db := hostileLinksDB(t)
	root := t.TempDir()
	dir := filepath.Join(root, "in")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	r := mustHerald(t, db, "save", idByTitlePrefix(t, db, "$(touch"), dir)
	path := strings.TrimSpace(r.stdout)
	if filepath.Dir(path) != dir || strings.HasPrefix(filepath.Base(path), "-") {
		t.Fatalf("saved as %q", path)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("files beside the folder: %v", entries)
	}
	for _, f := range []string{"pwned", "pwned2"} {
		if _, err := os.Stat(filepath.Join(root, f)); err == nil {
			t.Errorf("%s exists", f)
		}
	}
}

// Without DIR, save uses save_dir from the config file.
func TestSaveUsesTheConfiguredFolder(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	dir := t.TempDir()
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte("save_dir = \""+dir+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := execHerald(t, []string{"HERALD_CONFIG=" + cfg}, "--db", db, "save", itoa(idOf(t, db, tKettle)))
	if r.code != 0 || strings.TrimSpace(r.stdout) != filepath.Join(dir, "kettle-descaling-guide.md") {
		t.Fatalf("%v", r)
	}
}

func TestSaveErrors(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	for _, args := range [][]string{{"save", "x"}, {"save", "-1"}, {"save", "99999", t.TempDir()},
		{"save", itoa(idOf(t, db, tKettle)), filepath.Join(t.TempDir(), "missing")}} {
		r := herald(t, db, args...)
		if r.code != 1 || !strings.HasPrefix(r.stderr, "herald: ") || r.stdout != "" {
			t.Errorf("%v: %v", args, r)
		}
	}
}
