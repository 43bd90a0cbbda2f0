package handoff

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

func TestSlug(t *testing.T) {
	long := strings.Repeat("word ", 40)
	for _, tc := range []struct{ title, want string }{
		{"Hello, World!", "hello-world"},
		{"$(rm -rf ~)", "rm-rf"},
		{"`id` ; echo pwned", "id-echo-pwned"},
		{`"quoted" 'title'`, "quoted-title"},
		{"line one\nline two", "line-one-line-two"},
		{"../../etc/passwd", "etc-passwd"},
		{"-rf --help", "rf-help"},
		{"..", "article-9"},
		{"", "article-9"},
		{"\x1b[2J\u202e", "2j"},
		{"C:\\Windows\\system32", "c-windows-system32"},
		{"Café à Paris", "café-à-paris"},
		{"日本語のニュース", "日本語のニュース"},
		{"नमस्ते दुनिया", "नमस्ते-दुनिया"},
		{"a/b\\c:d*e?f<g>h|i", "a-b-c-d-e-f-g-h-i"},
	} {
		if got := Slug(tc.title, 9); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
	if got := Slug(long, 1); len(got) > maxSlugBytes || strings.HasSuffix(got, "-") {
		t.Errorf("long title slug %q (%d bytes)", got, len(got))
	}
	// A cut never splits a character.
	if got := Slug(strings.Repeat("é", 100), 1); !strings.HasPrefix(got, "éé") || len(got) > maxSlugBytes || !isValidUTF8(got) {
		t.Errorf("slug %q", got)
	}
}

func isValidUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func hostileTitled(id int64, title string) store.Body {
	return store.Body{
		Article: store.Article{ID: id, Title: title, Feed: "Feed", Link: "https://example.com/x",
			Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
		Content: "<p>Saved <em>body</em>.</p>",
	}
}

// Whatever the title holds, the file lands in the folder, as markdown.
func TestSaveStaysInItsFolder(t *testing.T) {
	titles := []string{"../../../../tmp/escaped", "/etc/passwd", "$(touch pwned)", "`id`", "a;b", "-rf",
		"\"q\"", "two\nlines", ".hidden", "..", "~/home", "x/../../y"}
	var bodies []store.Body
	for i, title := range titles {
		bodies = append(bodies, hostileTitled(int64(i+1), title))
	}
	st := newMemStore(bodies...)
	root := t.TempDir()
	dir := filepath.Join(root, "saved")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, title := range titles {
		path, err := Save(context.Background(), st, int64(i+1), dir)
		if err != nil {
			t.Fatalf("%q: %v", title, err)
		}
		if filepath.Dir(path) != dir {
			t.Errorf("%q saved as %s, outside %s", title, path, dir)
		}
		name := filepath.Base(path)
		if strings.HasPrefix(name, "-") || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".md") {
			t.Errorf("%q saved as %q", title, name)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "Saved *body*.") {
			t.Errorf("%s holds:\n%s", name, data)
		}
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("files outside the save folder: %v", entries)
	}
	if _, err := os.Stat("pwned"); err == nil {
		t.Error("a title ran a command")
	}
}

func TestSaveNeverOverwrites(t *testing.T) {
	st := newMemStore(hostileTitled(1, "Same title"), hostileTitled(2, "Same title"))
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "same-title.md"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A symbolic link in the folder, named as the next file would be, that
	// points outside: it is a taken name, never followed.
	outside := filepath.Join(t.TempDir(), "target")
	if err := os.Symlink(outside, filepath.Join(dir, "same-title-2.md")); err != nil {
		t.Fatal(err)
	}
	p1, err := Save(context.Background(), st, 1, dir)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := Save(context.Background(), st, 2, dir)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p1) != "same-title-3.md" || filepath.Base(p2) != "same-title-4.md" {
		t.Errorf("saved as %s and %s", p1, p2)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "same-title.md")); string(data) != "mine" {
		t.Error("an existing file was overwritten")
	}
	if _, err := os.Stat(outside); err == nil {
		t.Error("the save followed a symbolic link out of its folder")
	}
}

func TestSaveErrors(t *testing.T) {
	st := newMemStore(hostileTitled(1, "x"))
	if _, err := Save(context.Background(), st, 99, t.TempDir()); err == nil {
		t.Error("saving a missing article succeeded")
	}
	if _, err := Save(context.Background(), st, 1, filepath.Join(t.TempDir(), "nope")); err == nil ||
		!strings.Contains(err.Error(), "save folder") {
		t.Errorf("missing folder: %v", err)
	}
}

func TestSaveToTheCurrentFolderByDefault(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	st := newMemStore(hostileTitled(1, "Here"))
	path, err := Save(context.Background(), st, 1, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "here.md")); err != nil || path != "here.md" {
		t.Errorf("saved as %q: %v", path, err)
	}
}
