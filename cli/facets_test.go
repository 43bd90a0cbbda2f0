package cli_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// facet is an author or tag as `--json` prints it.
type facet struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

var facetRowRE = regexp.MustCompile(`^ *(\d+)  (.+)$`)

// facets runs `herald CMD --json` and `herald CMD`, checks that they agree,
// and returns the JSON ones.
func facets(t *testing.T, db, cmd string) []facet {
	t.Helper()
	r := mustHerald(t, db, cmd, "--json")
	raws := jsonLines[map[string]json.RawMessage](t, r.stdout)
	for i, raw := range raws {
		if got := keys(raw); !equal(got, []string{"count", "name"}) {
			t.Errorf("%s --json line %d has keys %q, want exactly name and count", cmd, i, got)
		}
	}
	list := jsonLines[facet](t, r.stdout)
	rows := nonEmptyLines(mustHerald(t, db, cmd).stdout)
	if len(rows) != len(list) {
		t.Fatalf("%s prints %d rows, --json %d", cmd, len(rows), len(list))
	}
	for i, row := range rows {
		m := facetRowRE.FindStringSubmatch(row)
		if m == nil || m[2] != list[i].Name || m[1] != strconv.Itoa(list[i].Count) {
			t.Errorf("%s row %d = %q, --json says %+v", cmd, i, row, list[i])
		}
	}
	for i := 1; i < len(list); i++ {
		if list[i].Count > list[i-1].Count {
			t.Errorf("%s not by count, descending: %+v before %+v", cmd, list[i-1], list[i])
		}
	}
	return list
}

func facetMap(list []facet) map[string]int {
	m := map[string]int{}
	for _, f := range list {
		m[f.Name] = f.Count
	}
	return m
}

func TestAuthors(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	got := facetMap(facets(t, db, "authors"))
	want := map[string]int{"Xia Hua": 3, "Priya Nair": 2, "Lena Berg": 2, "Sam Okafor": 1, "Ode Tamsin": 1}
	if len(got) != len(want) {
		t.Errorf("authors %v, want %v", got, want)
	}
	for name, n := range want {
		if got[name] != n {
			t.Errorf("author %q has count %d, want %d (all: %v)", name, got[name], n, got)
		}
	}
}

func TestTags(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	// One file at a time, so "first written" is well defined: harbour.rss
	// writes "Crafts" and "China" before anything writes "crafts" or "china".
	mustHerald(t, db, "import", "testdata/feeds/harbour.rss")
	mustHerald(t, db, "import", "testdata/feeds/loom.atom", "testdata/feeds/kettle.json", "testdata/articles")
	list := facets(t, db, "tags")
	got := facetMap(list)
	want := map[string]int{
		"Crafts": 3, // harbour "Crafts", loom "crafts", field-notes.md "Crafts"
		"China":  2, // harbour "China" and "china"
		"home":   2, "harbour": 1, "dyes": 1, "weather": 1, "notes": 1, "repair": 1, "wheels": 1,
	}
	for name, n := range want {
		if got[name] != n {
			t.Errorf("tag %q has count %d, want %d (all: %v)", name, got[name], n, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("tags %v, want %v", got, want)
	}
	for _, f := range list {
		if f.Name == "china" || f.Name == "crafts" {
			t.Errorf("tag %q listed apart from its first-written spelling", f.Name)
		}
	}
	// Articles show the one spelling too, and tag: matches every case.
	for _, a := range lsArticles(t, db, "tag:china") {
		if !contains(a.Tags, "China") || contains(a.Tags, "china") {
			t.Errorf("%q has tags %q, want \"China\"", a.Title, a.Tags)
		}
	}
	if n := len(lsArticles(t, db, "tag:CRAFTS")); n != 3 {
		t.Errorf("tag:CRAFTS matches %d articles, want 3", n)
	}
}

func TestFeeds(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	r := mustHerald(t, db, "feeds", "--json")
	raws := jsonLines[map[string]json.RawMessage](t, r.stdout)
	for i, raw := range raws {
		for _, k := range []string{"id", "title", "url", "kind", "articles", "unread"} {
			if _, ok := raw[k]; !ok {
				t.Errorf("feeds --json line %d lacks %q: %v", i, k, keys(raw))
			}
		}
	}
	feeds := feedList(t, db)
	abs := func(p string) string { return "file://" + absPath(t, p) }
	want := map[string]struct {
		title    string
		kind     string
		articles int
	}{
		abs("testdata/feeds/harbour.rss"): {"Harbour Notes", "file", 3},
		abs("testdata/feeds/loom.atom"):   {"Loom Weekly", "file", 2},
		abs("testdata/feeds/kettle.json"): {"Kettle Club", "file", 2},
		abs("testdata/articles"):          {"articles", "file", 3},
		"https://alpha.example/feed.xml":  {"Alpha Daily", "http", 0},
		"http://beta.example/rss":         {"Beta Weekly", "http", 0},
	}
	if len(feeds) != len(want) {
		t.Errorf("feeds %v, want %d", keys(feeds), len(want))
	}
	for u, w := range want {
		f, ok := feeds[u]
		if !ok {
			t.Errorf("no feed %s (have %v)", u, keys(feeds))
			continue
		}
		if f.Title != w.title || f.Kind != w.kind || f.Articles != w.articles || f.Unread != w.articles {
			t.Errorf("feed %s = %+v, want title %q kind %s, %d articles all unread", u, f, w.title, w.kind, w.articles)
		}
	}
	// The text form: one row per feed naming its title and URL.
	rows := nonEmptyLines(mustHerald(t, db, "feeds").stdout)
	if len(rows) != len(want) {
		t.Errorf("feeds printed %d rows, want %d", len(rows), len(want))
	}
	for u, w := range want {
		found := false
		for _, row := range rows {
			if strings.Contains(row, w.title) && strings.Contains(row, u) {
				found = true
			}
		}
		if !found {
			t.Errorf("no row for %s (%s):\n%s", w.title, u, strings.Join(rows, "\n"))
		}
	}
}

func TestExportJSON(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	r := mustHerald(t, db, "export", "json")
	arts := jsonLines[articleJSON](t, r.stdout)
	listed := lsArticles(t, db)
	if len(arts) != len(listed) || len(arts) != fixtureArticles {
		t.Fatalf("export json has %d articles, ls %d, want %d", len(arts), len(listed), fixtureArticles)
	}
	raws := jsonLines[map[string]json.RawMessage](t, r.stdout)
	// The documented keys, and what identifies the article and its feed
	// in any store (for `herald import` to read the export back).
	want := []string{"authors", "feed", "feed_kind", "feed_url", "guid", "id", "markdown", "published", "read", "starred", "tags", "text", "title", "url"}
	for i, raw := range raws {
		if got := keys(raw); !equal(got, want) {
			t.Errorf("line %d keys %q, want %q", i, got, want)
		}
	}
	byTitle := map[string]articleJSON{}
	for i, a := range arts {
		byTitle[a.Title] = a
		if a.Markdown == nil || a.Text == nil || strings.TrimSpace(*a.Text) == "" || strings.TrimSpace(*a.Markdown) == "" {
			t.Errorf("article %q exported without markdown or text", a.Title)
		}
		if l := listed[i]; l.ID != a.ID || l.Title != a.Title || l.Published != a.Published || !equal(l.Tags, a.Tags) {
			t.Errorf("export line %d %+v differs from ls line %+v", i, a, l)
		}
	}
	checks := map[string][2]string{ // title: {in markdown, in text}
		tWeaving:  {"**shuttles**", "Second paragraph about shuttles."},
		tField:    {"*uneven*", "The warp was uneven today"},
		tShopping: {"Beeswax", "Beeswax, linen thread"},
		tWheel:    {"leather washer", "leather washer"},
		tTea:      {"strong tea", "Cold days want strong tea."},
	}
	for title, c := range checks {
		a, ok := byTitle[title]
		if !ok || a.Markdown == nil || a.Text == nil {
			t.Errorf("%q missing from export", title)
			continue
		}
		if !strings.Contains(*a.Markdown, c[0]) {
			t.Errorf("%q markdown lacks %q: %q", title, c[0], *a.Markdown)
		}
		if !strings.Contains(*a.Text, c[1]) || strings.Contains(*a.Text, "<p>") {
			t.Errorf("%q text lacks %q (or holds tags): %q", title, c[1], *a.Text)
		}
	}
	// Exporting is the same as cat --format json of every article.
	cat := mustHerald(t, db, "cat", "--format", "json", itoa(byTitle[tWeaving].ID))
	if c := jsonLines[articleJSON](t, cat.stdout)[0]; *c.Markdown != *byTitle[tWeaving].Markdown || *c.Text != *byTitle[tWeaving].Text {
		t.Errorf("cat --format json and export json disagree on %q", tWeaving)
	}
}

// opml is what TestExportOPML reads back.
type opml struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	Body    struct {
		Outlines []outline `xml:"outline"`
	} `xml:"body"`
}

type outline struct {
	Text     string    `xml:"text,attr"`
	Title    string    `xml:"title,attr"`
	Type     string    `xml:"type,attr"`
	XMLURL   string    `xml:"xmlUrl,attr"`
	HTMLURL  string    `xml:"htmlUrl,attr"`
	Outlines []outline `xml:"outline"`
}

func flatten(list []outline) []outline {
	var out []outline
	for _, o := range list {
		if o.XMLURL != "" {
			out = append(out, o)
		}
		out = append(out, flatten(o.Outlines)...)
	}
	return out
}

func TestExportOPML(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	r := mustHerald(t, db, "export", "opml")
	// Well-formed: the whole document parses with a strict decoder.
	dec := xml.NewDecoder(bytes.NewReader([]byte(r.stdout)))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("export opml is not well-formed XML: %v\n%s", err, r.stdout)
		}
	}
	var doc opml
	if err := xml.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("export opml: %v\n%s", err, r.stdout)
	}
	if doc.Version == "" {
		t.Errorf("no OPML version")
	}
	subs := flatten(doc.Body.Outlines)
	got := map[string]outline{}
	for _, o := range subs {
		got[o.XMLURL] = o
	}
	want := map[string]string{"https://alpha.example/feed.xml": "Alpha Daily", "http://beta.example/rss": "Beta Weekly"}
	if len(subs) != len(want) {
		t.Errorf("export opml lists %d feeds, want only the %d http subscriptions (no imported files):\n%s", len(subs), len(want), r.stdout)
	}
	for u, title := range want {
		o, ok := got[u]
		if !ok {
			t.Errorf("export opml lacks %s:\n%s", u, r.stdout)
			continue
		}
		if o.Text != title && o.Title != title {
			t.Errorf("outline for %s titled %q/%q, want %q", u, o.Text, o.Title, title)
		}
	}
	if got["https://alpha.example/feed.xml"].HTMLURL != "https://alpha.example/" {
		t.Errorf("htmlUrl lost: %+v", got["https://alpha.example/feed.xml"])
	}
	if strings.Contains(r.stdout, "file://") {
		t.Errorf("export opml lists imported files:\n%s", r.stdout)
	}

	// Round trip: the exported list imports into a new store as the same subscriptions.
	dir := t.TempDir()
	writeFile(t, dir+"/out.opml", r.stdout)
	db2 := dir + "/herald.db"
	r2 := mustHerald(t, db2, "import", dir+"/out.opml")
	if s := parseSummary(t, r2.stderr); s.subscriptions != 2 {
		t.Errorf("re-importing the export: %+v", s)
	}
	feeds := feedList(t, db2)
	for u := range want {
		if _, ok := feeds[u]; !ok {
			t.Errorf("round trip lost %s", u)
		}
	}
}

func TestExportBadFormat(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	for _, args := range [][]string{{"export"}, {"export", "csv"}} {
		r := herald(t, db, args...)
		if r.code != 1 || !strings.HasPrefix(r.stderr, "herald: ") || r.stdout != "" {
			t.Errorf("herald %q: %v", args, r)
		}
	}
}

// A feed's full-articles setting (herald add --full) goes out with herald
// export opml as herald's own attribute and comes back in with an import;
// a list without it leaves the setting alone.
func TestOPMLKeepsFullArticles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	list := filepath.Join(dir, "in.opml")
	if err := os.WriteFile(list, []byte(`<?xml version="1.0"?>
<opml version="2.0" xmlns:herald="https://github.com/herald-reader/herald"><body>
<outline text="Whole" xmlUrl="https://whole.example/feed" herald:fullArticles="true"/>
<outline text="Summaries" xmlUrl="https://summaries.example/feed"/>
</body></opml>`), 0o644); err != nil {
		t.Fatal(err)
	}
	full := func(db string) map[string]bool {
		t.Helper()
		out := map[string]bool{}
		for _, line := range strings.Split(strings.TrimSpace(mustHerald(t, db, "feeds", "--json").stdout), "\n") {
			var f struct {
				URL  string `json:"url"`
				Full bool   `json:"full_articles"`
			}
			if err := json.Unmarshal([]byte(line), &f); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			out[f.URL] = f.Full
		}
		return out
	}
	want := map[string]bool{"https://whole.example/feed": true, "https://summaries.example/feed": false}
	first := filepath.Join(dir, "first.db")
	mustHerald(t, first, "import", list)
	if got := full(first); !reflect.DeepEqual(got, want) {
		t.Fatalf("after importing the list: %v, want %v", got, want)
	}
	exported := mustHerald(t, first, "export", "opml").stdout
	if n := strings.Count(exported, `herald:fullArticles="true"`); n != 1 {
		t.Fatalf("export marks %d feeds for full articles, want 1:\n%s", n, exported)
	}
	again := filepath.Join(dir, "again.opml")
	if err := os.WriteFile(again, []byte(exported), 0o644); err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(dir, "second.db")
	mustHerald(t, second, "import", again)
	if got := full(second); !reflect.DeepEqual(got, want) {
		t.Fatalf("after the round trip: %v, want %v", got, want)
	}
	// Another reader's list, without the attribute, changes nothing.
	plain := filepath.Join(dir, "plain.opml")
	if err := os.WriteFile(plain, []byte(`<opml version="1.0"><body><outline xmlUrl="https://whole.example/feed"/></body></opml>`), 0o644); err != nil {
		t.Fatal(err)
	}
	mustHerald(t, second, "import", plain)
	if got := full(second); !reflect.DeepEqual(got, want) {
		t.Fatalf("after a list without the attribute: %v, want %v", got, want)
	}
}
