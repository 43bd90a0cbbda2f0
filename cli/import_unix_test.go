//go:build unix

package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A folder's pipe would block an import for ever and a link to a folder
// may loop: found in a folder, they are skipped, while a link to a file is
// read like the file.
func TestImportFolderSkipsPipesAndFolderLinks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	copyFile(t, "testdata/feeds/harbour.rss", filepath.Join(in, "harbour.rss"))
	if err := syscall.Mkfifo(filepath.Join(in, "pipe.xml"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if err := os.Symlink(in, filepath.Join(in, "loop")); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(in, "sub"), 0o755)
	if err := os.Symlink(filepath.Join(in, "harbour.rss"), filepath.Join(in, "sub", "linked.rss")); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "herald.db")
	r := mustHerald(t, db, "import", in) // would hang on the pipe
	s := parseSummary(t, r.stderr)
	if s.files != 2 || s.failed != 0 {
		t.Errorf("summary = %+v, want 2 files (the feed and the link to it), none failed\n%s", s, r.stderr)
	}
	for _, name := range []string{"pipe.xml", "loop"} {
		if !strings.Contains(r.stderr, filepath.Join(in, name)) {
			t.Errorf("stderr does not list %s as skipped:\n%s", name, r.stderr)
		}
	}
}

// An error names the file once, even when the file's name holds control
// characters (which are cleaned from it).
func TestImportErrorNamesTheFileOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "evil\x1b[31mname.xml")
	writeFile(t, bad, "junk")
	r := herald(t, filepath.Join(dir, "herald.db"), "import", bad)
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if r.code != 1 || len(lines) != 2 || strings.Count(lines[0], "name.xml") != 1 {
		t.Errorf("exit %d, stderr:\n%s\nwant one line naming the file once, then the summary", r.code, r.stderr)
	}
	if strings.ContainsRune(r.stderr, 0x1b) {
		t.Errorf("the name's escape reached stderr: %q", r.stderr)
	}
}
