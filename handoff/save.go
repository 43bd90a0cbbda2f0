package handoff

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// Bodies reads an article's body and keeps markdown conversions
// (*store.Store is one).
type Bodies interface {
	MarkdownCache
	Body(ctx context.Context, id int64) (store.Body, error)
}

// maxSlugBytes keeps a file name well under every file system's limit (255
// bytes) with room for "-999.md".
const maxSlugBytes = 80

// maxSaveTries is how many numbered names Save tries before giving up.
const maxSaveTries = 1000

// Save writes article id as a markdown document to a new file in dir ("" is
// the current folder) named from its title, and returns the file's path. An
// existing file is never overwritten: "title.md" taken, it tries
// "title-2.md", "title-3.md", and so on. The file is created through an
// os.Root on dir, so no title (nor a symbolic link planted in dir) can make
// it land outside dir.
func Save(ctx context.Context, st Bodies, id int64, dir string) (string, error) {
	b, err := st.Body(ctx, id)
	if err != nil {
		return "", err
	}
	md, err := BodyMarkdown(ctx, st, b)
	if err != nil {
		return "", err
	}
	return saveFile(dir, Slug(b.Title, b.ID), MarkdownDocument(b.Article, md))
}

// saveFile writes text to a new file dir/slug.md (or slug-N.md).
func saveFile(dir, slug, text string) (string, error) {
	if dir == "" {
		dir = "."
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return "", fmt.Errorf("save folder: %w", err)
	}
	defer root.Close()
	for n := 1; n <= maxSaveTries; n++ {
		name := slug + ".md"
		if n > 1 {
			name = slug + "-" + strconv.Itoa(n) + ".md"
		}
		f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		path := filepath.Join(dir, name)
		_, werr := f.WriteString(text)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			_ = root.Remove(name) // no half-written article left behind
			return "", fmt.Errorf("write %s: %w", path, werr)
		}
		return path, nil
	}
	return "", fmt.Errorf("save: %s.md and %d numbered names after it are all taken in %s", slug, maxSaveTries-1, dir)
}

// Slug turns a title into a file name stem: lower case letters and digits of
// any script, every run of anything else one "-", no "-" at either end, at
// most maxSlugBytes. It never holds a path separator, a dot, a control
// character or a leading "-", so it is one plain name in its folder and
// never read as an option. An empty result is "article-ID".
func Slug(title string, id int64) string {
	title = norm.NFC.String(sanitize.Line(title))
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || (unicode.IsMark(r) && b.Len() > 0 && !dash) {
			if b.Len()+utf8.RuneLen(r) > maxSlugBytes {
				break
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		if b.Len() > 0 && !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		return "article-" + strconv.FormatInt(id, 10)
	}
	return slug
}
