package feed

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/herald-reader/herald/content"
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

// The reader prints the title above the body, so the heading the title
// comes from is not left at the top of the body to show a second time.
func TestMarkdownTitleHeadingNotRepeated(t *testing.T) {
	tests := []struct {
		name, doc   string
		title, body string
	}{
		{"heading first", "# Weaving on a loom\n\nSee the warp.", "Weaving on a loom", "See the warp."},
		{"blank lines first", "\n\n  # Weaving *on* a loom #\nSee the warp.", "Weaving on a loom", "See the warp."},
		{"setext heading", "Weaving on a loom\n=================\n\nSee the warp.", "Weaving on a loom", "See the warp."},
		{"front matter without a title", "---\nauthor: Ann\n---\n\n# Weaving\n\nSee the warp.", "Weaving", "See the warp."},
		{"heading alone", "# Weaving", "Weaving", ""},
		{"later headings stay", "# One\n\nText.\n\n# Two\n\n## Three", "One", "Text.\n\n# Two\n\n## Three"},
		{"a heading after text is the title but stays", "Intro.\n\n# Later\n\nMore.", "Later", "Intro.\n\n# Later\n\nMore."},
		{"front matter title and another heading", "---\ntitle: Notes\n---\n# A heading of its own\n\nBody.",
			"Notes", "# A heading of its own\n\nBody."},
		{"front matter title that the heading repeats", "---\ntitle: Weaving  on a Loom\n---\n\n# Weaving on a loom\n\nBody.",
			"Weaving  on a Loom", "Body."},
		{"front matter title repeated further down", "---\ntitle: Weaving\n---\nIntro.\n\n# Weaving\n\nBody.",
			"Weaving", "Intro.\n\n# Weaving\n\nBody."},
		{"toml front matter title repeated", "+++\ntitle = \"Weaving\"\n+++\n# Weaving\n\nBody.", "Weaving", "Body."},
		{"a second-level heading stays", "## Weaving\n\nBody.", "Weaving", "## Weaving\n\nBody."},
		{"no heading: the first line stays", "First **line** here.\n\nMore.", "First line here.", "First **line** here.\n\nMore."},
		{"a hash in code is no heading", "```sh\n# install it\n```\n\n# Setup\n\nRun it.", "Setup", "```sh\n# install it\n```\n\n# Setup\n\nRun it."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseArticleFile("a.md", strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title || a.Markdown != tt.body {
				t.Errorf("title %q, markdown %q; want %q, %q", a.Title, a.Markdown, tt.title, tt.body)
			}
			if want := content.MarkdownText(tt.body); a.Text != want {
				t.Errorf("text %q, want %q: the text of the markdown kept", a.Text, want)
			}
		})
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
	if strings.Contains(a.Content, "Groceries") {
		t.Errorf("content %q: the title line is the title, not the body's too", a.Content)
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

// A saved page's heading is not shown twice either: as the title and again
// at the top of the content.
func TestHTMLFileTitleHeadingNotRepeated(t *testing.T) {
	paras := "<p>" + strings.Repeat("Lighthouses have guided ships along the northern coast for centuries. ", 6) + "</p>" +
		"<p>" + strings.Repeat("The oldest light still standing was lit in 1791 and still turns. ", 6) + "</p>"
	page := func(head, body string) string {
		return "<!DOCTYPE html><html><head><meta charset=utf-8>" + head + "</head><body><article>" + body + "</article></body></html>"
	}
	tests := []struct {
		name, doc, title string
		heading          string // the heading's text
		kept             bool   // the content keeps the heading
	}{
		{"no title: the leading heading is the title", page("", "<h1>Lights of the <em>north</em></h1>"+paras),
			"Lights of the north", "Lights of the", false},
		{"no title: an image before the heading", page("", `<figure><img src="https://a.example/i.png" alt="A tower"></figure><h1>Lights of the north</h1>`+paras),
			"Lights of the north", "Lights of the north", false},
		{"no title: text before the heading", page("", "<p>"+strings.Repeat("A word first. ", 30)+"</p><h2>Lights of the north</h2>"+paras),
			"", "Lights of the north", true},
		{"a title of its own and another heading", page("<title>Coastal notes</title>", "<h1>Lights of the north</h1>"+paras),
			"Coastal notes", "Lights of the north", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseArticleFile("p.html", strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if tt.title != "" && a.Title != tt.title {
				t.Errorf("title %q, want %q", a.Title, tt.title)
			}
			if tt.title == "" && a.Title == tt.heading {
				t.Errorf("title %q: the heading is not the title when text comes before it", a.Title)
			}
			if got := strings.Contains(a.Content, tt.heading); got != tt.kept {
				t.Errorf("content %q: holds the heading %v, want %v", a.Content, got, tt.kept)
			}
		})
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
