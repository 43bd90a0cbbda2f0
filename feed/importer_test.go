package feed

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/herald-reader/herald/store"
)

// Files found in a folder that are none of herald's are skipped: not
// imported as articles, not failures, and not read past their start. The
// same file named by the user is still tried.
func TestImportSkipsFoundFilesOfNoKind(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"feed":      `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>One</title><guid>1</guid></item></channel></rss>`,
		"urls":      "https://example.com/feed.xml\n",
		"photo.png": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"note.md":   "# A note\n\nText.",
		"logo.svg":  `<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>`,
	}
	var found []Source
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		found = append(found, Source{Name: "in/" + name, Path: path, Found: true,
			Open: func() (io.ReadCloser, error) { return os.Open(path) }})
	}
	st := openStore(t)
	var failures []string
	stats, err := Import(context.Background(), st, found, func(src string, err error) { failures = append(failures, src+": "+err.Error()) })
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(stats.Skipped)
	if want := []string{"in/logo.svg", "in/photo.png", "in/urls"}; !slices.Equal(stats.Skipped, want) || stats.Failed != 0 || len(failures) != 0 {
		t.Fatalf("skipped %q, failed %d %q; want %q skipped, none failed", stats.Skipped, stats.Failed, failures, want)
	}
	if stats.Added != 2 {
		t.Errorf("added %d articles, want the feed's and the note's: 2", stats.Added)
	}
	rows, err := st.Page(context.Background(), store.PageRequest{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range rows {
		if a.Title != "One" && a.Title != "A note" {
			t.Errorf("stored %q, which came from a skipped file", a.Title)
		}
	}

	// Named by the user, the urls file is tried: plain text is an article.
	urls := found[slices.IndexFunc(found, func(s Source) bool { return s.Name == "in/urls" })]
	urls.Found = false
	stats, err = Import(context.Background(), st, []Source{urls}, func(src string, err error) { t.Error(src, err) })
	if err != nil || stats.Added != 1 || len(stats.Skipped) != 0 {
		t.Errorf("the named urls file: %+v, %v; want it imported as an article", stats, err)
	}
}

// A found file is decided from its start: a large file of no kind is not
// read to its end.
func TestImportReadsOnlyTheStartOfAFoundFileOfNoKind(t *testing.T) {
	path := filepath.Join(t.TempDir(), "film.mkv")
	big := make([]byte, 4<<20)
	copy(big, "\x1aE\xdf\xa3")
	if err := os.WriteFile(path, big, 0o644); err != nil {
		t.Fatal(err)
	}
	var f *countingFile
	src := Source{Name: "film.mkv", Path: path, Found: true, Open: func() (io.ReadCloser, error) {
		file, err := os.Open(path)
		f = &countingFile{File: file}
		return f, err
	}}
	stats, err := Import(context.Background(), openStore(t), []Source{src}, func(src string, err error) { t.Error(src, err) })
	if err != nil || len(stats.Skipped) != 1 {
		t.Fatalf("%+v, %v; want the film skipped", stats, err)
	}
	if f.read > SniffSize {
		t.Errorf("read %d bytes of a file of no kind, want at most %d", f.read, SniffSize)
	}
}

type countingFile struct {
	*os.File
	read int
}

func (c *countingFile) Read(p []byte) (int, error) {
	n, err := c.File.Read(p)
	c.read += n
	return n, err
}
