package feed

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/herald-reader/herald/store"
)

func parseArticleFixture(t *testing.T, name string) store.NewArticle {
	t.Helper()
	path := filepath.Join("testdata", name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, err := ParseArticleFile(path, f)
	if err != nil {
		t.Fatalf("ParseArticleFile(%s): %v", name, err)
	}
	checkCleanArticle(t, name, a)
	abs, _ := filepath.Abs(path)
	if a.GUID != "file:"+abs {
		t.Errorf("GUID %q, want file: and the absolute path", a.GUID)
	}
	return a
}

func TestMarkdownWithYAMLFrontMatter(t *testing.T) {
	a := parseArticleFixture(t, "yaml-front-matter.md")
	if a.Title != "Notes on: tidal power" || a.Link != "https://rae.example.org/tidal" {
		t.Errorf("title %q link %q: want them from the front matter", a.Title, a.Link)
	}
	if !reflect.DeepEqual(a.Authors, []string{"Rae Marsh"}) {
		t.Errorf("authors %q", a.Authors)
	}
	if !reflect.DeepEqual(a.Tags, []string{"energy", "sea, and sky"}) {
		t.Errorf("tags %q: want the inline list, quotes kept together, deduped", a.Tags)
	}
	if !a.Published.Equal(utc("2024-04-01T07:30:00Z")) {
		t.Errorf("published %v", a.Published)
	}
	if !strings.HasPrefix(a.Markdown, "# A heading that is not the title") || strings.Contains(a.Markdown, "title:") {
		t.Errorf("markdown %q: want the body without its front matter", a.Markdown)
	}
	if !strings.Contains(a.PlainText(), "Tidal power is predictable.") || strings.Contains(a.PlainText(), "**") {
		t.Errorf("text %q: want the markdown as plain text", a.PlainText())
	}
	if a.Content != "" {
		t.Errorf("content %q: a markdown article has no HTML as published", a.Content)
	}
}

func TestMarkdownWithTOMLFrontMatter(t *testing.T) {
	a := parseArticleFixture(t, "toml-front-matter.md")
	if a.Title != "Shipping logs" || a.Link != "https://kit.example.org/logs" {
		t.Errorf("title %q link %q", a.Title, a.Link)
	}
	if !reflect.DeepEqual(a.Authors, []string{"Kit Harbour", "Lee Dock"}) || !reflect.DeepEqual(a.Tags, []string{"logistics", "Sea"}) {
		t.Errorf("authors %q tags %q", a.Authors, a.Tags)
	}
	if !a.Published.Equal(utc("2023-11-05T18:00:00Z")) {
		t.Errorf("published %v", a.Published)
	}
	if a.Markdown != "Logs are *boring* until they are not." {
		t.Errorf("markdown %q", a.Markdown)
	}
}

func TestMarkdownTitleFromHeading(t *testing.T) {
	a := parseArticleFixture(t, "heading-only.md")
	if a.Title != "Just a heading title" {
		t.Errorf("title %q: want the first # heading", a.Title)
	}
	noHeading, err := ParseArticleFile("x.md", strings.NewReader("\n\nFirst **line** here.\n\nMore."))
	if err != nil || noHeading.Title != "First line here." {
		t.Errorf("title %q, %v: want the first line as plain text", noHeading.Title, err)
	}
}

func TestTextFile(t *testing.T) {
	a := parseArticleFixture(t, "note.txt")
	if a.Title != "Groceries and other thoughts" {
		t.Errorf("title %q: want the first non-empty line", a.Title)
	}
	if a.PlainText() != "Milk, eggs & bread.\n\nSecond paragraph <not a tag>." {
		t.Errorf("text %q: want the rest, as is", a.PlainText())
	}
	if !strings.Contains(a.Content, "&lt;not a tag&gt;") {
		t.Errorf("content %q: want the text escaped into HTML", a.Content)
	}
}

func TestHTMLFile(t *testing.T) {
	a := parseArticleFixture(t, "page.html")
	if a.Title != "Lighthouses of the north" {
		t.Errorf("title %q", a.Title)
	}
	if !reflect.DeepEqual(a.Authors, []string{"Morgan Keeper"}) {
		t.Errorf("authors %q: want the byline", a.Authors)
	}
	if want := []string{"lighthouses", "coast", "history", "Maritime"}; !reflect.DeepEqual(a.Tags, want) {
		t.Errorf("tags %q, want %q (keywords split, article:tag, article:section deduped)", a.Tags, want)
	}
	if a.Link != "https://coastal.example.com/lighthouses" {
		t.Errorf("link %q: want the canonical URL", a.Link)
	}
	if !a.Published.Equal(utc("2022-06-15T07:45:00Z")) {
		t.Errorf("published %v", a.Published)
	}
	if !strings.Contains(a.PlainText(), "whale oil") || strings.Contains(a.PlainText(), "About") {
		t.Errorf("text %q: want the article without the navigation", a.PlainText())
	}
}

func TestArticleFileFromStdin(t *testing.T) {
	page, err := ParseArticleFile("", strings.NewReader("<!DOCTYPE html><html><head><title>Piped</title></head><body><article><p>"+strings.Repeat("Some words in a paragraph. ", 40)+"</p></article></body></html>"))
	if err != nil || page.Title != "Piped" || !strings.HasPrefix(page.GUID, "sha256:") {
		t.Errorf("got %q guid %q, %v: want HTML sniffed and a content id", page.Title, page.GUID, err)
	}
	md, err := ParseArticleFile("", strings.NewReader("# Piped markdown\n\nbody"))
	if err != nil || md.Title != "Piped markdown" || md.Markdown == "" {
		t.Errorf("got %+v, %v: want markdown", md, err)
	}
}

func TestArticleFileErrors(t *testing.T) {
	for _, tc := range []struct{ path, doc, want string }{
		{"empty.md", "  \n", "empty file"},
		{"bin.txt", "\x00\x01\x02binary", "binary data, not an article"},
		{"nothing.html", "<html><body></body></html>", "no readable article"},
	} {
		_, err := ParseArticleFile(tc.path, strings.NewReader(tc.doc))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.path, err, tc.want)
			continue
		}
		checkOneLineError(t, err, tc.path)
	}
}

func TestFrontMatterEdgeCases(t *testing.T) {
	// An unclosed block is not front matter: the file is all body.
	meta, body, found := splitFrontMatter("---\ntitle: x\nno closing fence")
	if found || meta.Title != "" || !strings.HasPrefix(body, "---") {
		t.Errorf("unclosed: found=%v meta=%+v", found, meta)
	}
	// Block lists, comments, quoted values, nested maps skipped.
	meta, _, found = splitFrontMatter("---\n# comment\ntitle: 'It''s here' # trailing\nauthors:\n  - Ann\n  - \"Bo\"\nsocial:\n  title: nested\ncategories: a, b\ndate: 2021-05-06\n---\nbody")
	if !found || meta.Title != "It's here" || !reflect.DeepEqual(meta.Authors, []string{"Ann", "Bo"}) ||
		!reflect.DeepEqual(meta.Tags, []string{"a", "b"}) || !meta.Date.Equal(utc("2021-05-06T00:00:00Z")) {
		t.Errorf("got %+v", meta)
	}
	// Invalid TOML says nothing but is still cut from the body.
	meta, body, found = splitFrontMatter("+++\ntitle = [unclosed\n+++\nbody")
	if !found || meta.Title != "" || body != "body" {
		t.Errorf("bad TOML: found=%v meta=%+v body=%q", found, meta, body)
	}
	// An author given as a table.
	meta, _, _ = splitFrontMatter("+++\n[author]\nname = \"Tab Le\"\n+++\n")
	if !reflect.DeepEqual(meta.Authors, []string{"Tab Le"}) {
		t.Errorf("author table: %q", meta.Authors)
	}
}

// TestCorpusArticles runs ParseArticleFile over the real article pages of
// the shared corpus and compares titles with readability.js's results.
func TestCorpusArticles(t *testing.T) {
	pages, _ := filepath.Glob(filepath.Join(corpusDir, "articles", "*.source.html"))
	if len(pages) == 0 {
		t.Skip("shared corpus not found at " + corpusDir + "; skipping article corpus test")
	}
	titles, bylines, withByline := 0, 0, 0
	for _, page := range pages {
		var meta struct{ Title, Byline string }
		raw, err := os.ReadFile(strings.TrimSuffix(page, ".source.html") + ".meta.json")
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &meta); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(page)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ParseArticleFile(page, f)
		f.Close()
		name := filepath.Base(page)
		if err != nil {
			checkOneLineError(t, err, page)
			t.Logf("FAIL %s: %v", name, err)
			continue
		}
		checkCleanArticle(t, name, a)
		if strings.Join(strings.Fields(a.Title), " ") == strings.Join(strings.Fields(meta.Title), " ") {
			titles++
		} else {
			t.Logf("TITLE %s: got %q, readability.js %q", name, a.Title, meta.Title)
		}
		if meta.Byline != "" {
			withByline++
			if len(a.Authors) > 0 && a.Authors[0] == strings.Join(strings.Fields(meta.Byline), " ") {
				bylines++
			}
		}
		if strings.TrimSpace(a.PlainText()) == "" {
			t.Errorf("%s: no text", name)
		}
	}
	t.Logf("%d pages: %d titles and %d of %d bylines as readability.js has them", len(pages), titles, bylines, withByline)
	if titles*10 < len(pages)*9 {
		t.Errorf("only %d of %d titles match, want at least 90%%", titles, len(pages))
	}
}

func TestHTMLFileCharsets(t *testing.T) {
	body := "<article><p>" + strings.Repeat("Plain ASCII words fill the start of this page. ", 30) + "</p></article>"
	// UTF-8 whose first kilobyte is plain ASCII and whose charset meta comes late.
	late := "<html><head><!--" + strings.Repeat(" ", 1100) + "--><title>Yahoo’s sale</title><meta charset=utf-8></head><body>" + body + "</body></html>"
	a, err := ParseArticleFile("late.html", strings.NewReader(late))
	if err != nil || a.Title != "Yahoo’s sale" {
		t.Errorf("title %q, %v: want the UTF-8 page read as UTF-8", a.Title, err)
	}
	// A legacy encoding named by its meta tag.
	cp1251, _ := charmap.Windows1251.NewEncoder().String(`<html><head><meta charset="windows-1251"><title>Новости дня</title></head><body>` + body + "</body></html>")
	a, err = ParseArticleFile("cp1251.html", strings.NewReader(cp1251))
	if err != nil || a.Title != "Новости дня" {
		t.Errorf("title %q, %v: want windows-1251 decoded", a.Title, err)
	}
}
