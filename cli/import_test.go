package cli_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestImportFiles imports each kind of file the contract names (RSS, Atom,
// JSON Feed, OPML, .md/.txt/.html) and checks what landed.
func TestImportFiles(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	args := append([]string{"import"}, feedFixtures...)
	args = append(args, articleFixtures...)
	args = append(args, opmlFixture)
	r := mustHerald(t, db, args...)
	if r.stdout != "" {
		t.Errorf("import printed on stdout: %q", r.stdout)
	}
	s := parseSummary(t, r.stderr)
	if want := (importSummary{files: 7, added: fixtureArticles, subscriptions: 2}); s != want {
		t.Errorf("summary = %+v, want %+v\n%s", s, want, r.stderr)
	}
	if lines := nonEmptyLines(r.stderr); len(lines) != 1 {
		t.Errorf("stderr should be the summary line alone, got:\n%s", r.stderr)
	}

	got := map[string]articleJSON{}
	for _, a := range lsArticles(t, db) {
		got[a.Title] = a
	}
	if len(got) != fixtureArticles {
		t.Errorf("ls lists %d articles, want %d: %v", len(got), fixtureArticles, keys(got))
	}
	checks := []struct {
		title, feed, author, tag, published string
	}{
		{tWeaving, "Harbour Notes", "Xia Hua", "Crafts", "2024-01-15T10:00:00Z"},   // RSS 2.0
		{tThreads, "Loom Weekly", "Priya Nair", "dyes", "2024-04-01T10:00:00Z"},    // Atom, +02:00 offset
		{tKettle, "Kettle Club", "Lena Berg", "home", "2024-05-01T06:00:00Z"},      // JSON Feed, +02:00 offset
		{tField, "articles", "Xia Hua", "notes", "2024-06-01T09:00:00Z"},           // markdown, front matter
		{tWheel, "articles", "Ode Tamsin", "repair", ""},                           // HTML page
		{tShopping, "articles", "", "", ""},                                        // plain text
		{tTea, "Kettle Club", "Lena Berg", "weather", "2023-12-24T18:00:00Z"},      // JSON Feed, content_text
		{tOpenLoom, "Loom Weekly", "Priya Nair", "crafts", "2024-01-20T09:00:00Z"}, // Atom
	}
	for _, c := range checks {
		a, ok := got[c.title]
		if !ok {
			t.Errorf("%q not imported", c.title)
			continue
		}
		if a.Feed != c.feed {
			t.Errorf("%q: feed %q, want %q", c.title, a.Feed, c.feed)
		}
		if c.author != "" && !contains(a.Authors, c.author) {
			t.Errorf("%q: authors %q, want %q among them", c.title, a.Authors, c.author)
		}
		if c.tag != "" && !containsFold(a.Tags, c.tag) {
			t.Errorf("%q: tags %q, want %q among them", c.title, a.Tags, c.tag)
		}
		if c.published != "" && a.Published != c.published {
			t.Errorf("%q: published %q, want %q", c.title, a.Published, c.published)
		}
	}

	// The OPML list's outlines became subscriptions.
	feeds := feedList(t, db)
	for _, u := range []string{"https://alpha.example/feed.xml", "http://beta.example/rss"} {
		f, ok := feeds[u]
		if !ok {
			t.Errorf("subscription %s from the OPML list is missing; feeds: %v", u, keys(feeds))
		} else if f.Kind != "http" {
			t.Errorf("subscription %s has kind %q, want http", u, f.Kind)
		}
	}
}

// TestImportFolder imports folders: every file in them, hidden ones skipped.
func TestImportFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, f := range append(append([]string{}, feedFixtures...), articleFixtures...) {
		copyFile(t, f, filepath.Join(dir, "in", filepath.Base(f)))
	}
	copyFile(t, "testdata/feeds/harbour.rss", filepath.Join(dir, "in", "nested", "harbour-copy.rss"))
	// A hidden file: skipped, so its bad content is no failure.
	writeFile(t, filepath.Join(dir, "in", ".hidden.xml"), "not a feed at all")
	db := filepath.Join(dir, "herald.db")
	r := mustHerald(t, db, "import", filepath.Join(dir, "in"))
	s := parseSummary(t, r.stderr)
	if s.files != 7 || s.added != fixtureArticles+3 || s.failed != 0 {
		t.Errorf("summary = %+v, want 7 files, %d new, none failed\n%s", s, fixtureArticles+3, r.stderr)
	}
	if n := len(lsArticles(t, db)); n != fixtureArticles+3 {
		t.Errorf("ls lists %d articles, want %d", n, fixtureArticles+3)
	}
}

// A folder may hold more than feeds and articles: what is neither (by name
// or content) is skipped and listed, not failed; a broken feed in it is
// still a failure, named by the path the user gave.
func TestImportFolderSkipsFilesOfNoKind(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	copyFile(t, "testdata/feeds/harbour.rss", filepath.Join(in, "harbour.rss"))
	writeFile(t, filepath.Join(in, "urls"), "https://example.com/feed.xml\nhttps://example.org/rss \"tech\"\n")
	writeFile(t, filepath.Join(in, "img", "logo.svg"), `<svg xmlns="http://www.w3.org/2000/svg"/>`)
	writeFile(t, filepath.Join(in, "photo.png"), "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	writeFile(t, filepath.Join(in, "note.md"), "# A note\n\nText.")
	db := filepath.Join(dir, "herald.db")
	r := mustHerald(t, db, "import", in)
	s := parseSummary(t, r.stderr)
	if s.files != 2 || s.failed != 0 || s.added != 4 {
		t.Errorf("summary = %+v, want 2 files (the feed and the note), 4 new, none failed\n%s", s, r.stderr)
	}
	want := "skipped 3 files found in folders, neither feeds, OPML lists nor article files: "
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr does not say what was skipped (%q):\n%s", want, r.stderr)
	}
	for _, name := range []string{"urls", "photo.png", filepath.Join("img", "logo.svg")} {
		if !strings.Contains(r.stderr, filepath.Join(in, name)) {
			t.Errorf("stderr does not name %s:\n%s", name, r.stderr)
		}
	}
	for _, a := range lsArticles(t, db) {
		if strings.Contains(a.Title, "example.com") {
			t.Errorf("the urls file became an article: %+v", a)
		}
	}

	// A broken feed found in a folder is a failure, named as the user
	// would name it: the folder they gave and the file's place in it.
	writeFile(t, filepath.Join(in, "broken.xml"), "<rss><channel><item><title>x")
	r = herald(t, db, "import", in)
	if r.code != 1 || !strings.Contains(r.stderr, "herald: import "+filepath.Join(in, "broken.xml")+": ") {
		t.Errorf("a broken feed in the folder: exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// TestImportStdin imports a feed from '-'.
func TestImportStdin(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	data, err := os.ReadFile("testdata/feeds/kettle.json")
	if err != nil {
		t.Fatal(err)
	}
	r := runHerald(t, strings.NewReader(string(data)), "--db", db, "import", "-")
	if r.code != 0 {
		t.Fatalf("import -: %v", r)
	}
	if s := parseSummary(t, r.stderr); s.files != 1 || s.added != 2 || !strings.HasPrefix(r.stderr, "1 file: ") {
		t.Errorf("summary = %+v, want `1 file: 2 new…`\n%s", s, r.stderr)
	}
	titles := lsTitles(t, db)
	sort.Strings(titles)
	if want := []string{tKettle, tTea}; !equal(titles, want) {
		t.Errorf("titles %q, want %q", titles, want)
	}

	// An RSS document on stdin too, into the same store.
	data, err = os.ReadFile("testdata/feeds/harbour.rss")
	if err != nil {
		t.Fatal(err)
	}
	r = runHerald(t, strings.NewReader(string(data)), "--db", db, "import", "-")
	if r.code != 0 || parseSummary(t, r.stderr).added != 3 {
		t.Fatalf("import - (RSS): %v", r)
	}
}

// TestImportStdinArticle imports article files from '-': the contract says
// '-' is stdin for every kind import takes, and markdown or plain text has
// no extension there to say what it is.
func TestImportStdinArticle(t *testing.T) {
	t.Parallel()
	for _, f := range []string{"testdata/articles/field-notes.md", "testdata/articles/shopping.txt", "testdata/articles/page.html"} {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			db := newDB(t)
			r := runHerald(t, strings.NewReader(string(data)), "--db", db, "import", "-")
			if r.code != 0 {
				t.Fatalf("herald import - < %s: %v", f, r)
			}
			if n := len(lsArticles(t, db)); n != 1 {
				t.Errorf("ls lists %d articles, want 1", n)
			}
		})
	}
}

// TestImportAgainAddsNothing re-imports the same files: nothing new.
func TestImportAgainAddsNothing(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	before := len(lsArticles(t, db))
	feedsBefore := len(feedList(t, db))
	r := mustHerald(t, db, "import", "testdata/feeds", "testdata/articles", opmlFixture)
	s := parseSummary(t, r.stderr)
	if s.added != 0 || s.updated != 0 || s.unchanged != fixtureArticles || s.failed != 0 {
		t.Errorf("second import: %+v, want 0 new, 0 updated, %d unchanged\n%s", s, fixtureArticles, r.stderr)
	}
	if !strings.Contains(r.stderr, " 0 new,") {
		t.Errorf("summary should say `0 new`: %q", r.stderr)
	}
	if after := len(lsArticles(t, db)); after != before {
		t.Errorf("ls count changed from %d to %d", before, after)
	}
	if after := len(feedList(t, db)); after != feedsBefore {
		t.Errorf("feeds count changed from %d to %d", feedsBefore, after)
	}
	// Text ls agrees with the JSON one.
	if rows := nonEmptyLines(mustHerald(t, db, "ls").stdout); len(rows) != before {
		t.Errorf("ls prints %d rows, want %d", len(rows), before)
	}
}

// TestImportBadFiles mixes broken files with good ones: each bad one gets
// one `herald: import PATH: reason` line, the good ones land, exit 1.
func TestImportBadFiles(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "no-such-feed.rss")
	bad := []string{
		"testdata/bad/empty.xml",      // empty
		"testdata/bad/truncated.rss",  // XML cut short
		"testdata/bad/error-page.rss", // an HTML error page saved as a feed
		"testdata/bad/blob.xml",       // binary
		missing,                       // no such file
	}
	db := newDB(t)
	args := []string{"import", feedFixtures[0], bad[0], bad[1], feedFixtures[1], bad[2], bad[3], missing, feedFixtures[2]}
	r := herald(t, db, args...)
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	lines := nonEmptyLines(r.stderr)
	for _, p := range bad {
		var found []string
		for _, l := range lines {
			if strings.HasPrefix(l, "herald: import "+p+": ") {
				found = append(found, l)
			}
		}
		if len(found) != 1 {
			t.Errorf("want exactly one `herald: import %s: reason` line, got %d:\n%s", p, len(found), r.stderr)
			continue
		}
		if reason := strings.TrimPrefix(found[0], "herald: import "+p+": "); strings.TrimSpace(reason) == "" {
			t.Errorf("no reason given for %s: %q", p, found[0])
		}
	}
	for _, good := range feedFixtures {
		if strings.Contains(r.stderr, good) {
			t.Errorf("good file %s reported as failing:\n%s", good, r.stderr)
		}
	}
	s := parseSummary(t, r.stderr)
	if s.failed != len(bad) || s.added != 7 || s.files != 8 {
		t.Errorf("summary %+v, want 8 files, 7 new, %d failed\n%s", s, len(bad), r.stderr)
	}
	if len(lines) != len(bad)+1 {
		t.Errorf("stderr has %d lines, want one per bad file and the summary:\n%s", len(lines), r.stderr)
	}
	if n := len(lsArticles(t, db)); n != 7 {
		t.Errorf("ls lists %d articles, want the 7 from the good feeds", n)
	}
}

// manifestRow is one line of the corpus MANIFEST.tsv.
type manifestRow struct {
	path, format string
	expected     int
	hasExpected  bool
	wellFormed   bool
}

func readManifest(t *testing.T, path string) []manifestRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []manifestRow
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	header := true
	for sc.Scan() {
		if header {
			header = false
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 4 {
			continue
		}
		r := manifestRow{path: cols[0], format: cols[1], wellFormed: cols[3] == "yes"}
		if n, err := strconv.Atoi(strings.TrimSpace(cols[2])); err == nil {
			r.expected, r.hasExpected = n, true
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestImportCorpus imports every file of the shared real-world corpus in
// one go and checks that what the MANIFEST says each file holds landed.
func TestImportCorpus(t *testing.T) {
	t.Parallel()
	shared := sharedDir(t)
	corpus := filepath.Join(shared, "corpus")
	feedsDir := filepath.Join(corpus, "feeds")
	if _, err := os.Stat(feedsDir); err != nil {
		t.Skipf("no corpus at %s", feedsDir)
	}
	manifest := readManifest(t, filepath.Join(corpus, "MANIFEST.tsv"))

	var files []string
	err := filepath.WalkDir(feedsDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// The real binary does the import: in-process under -race the 14 MB
	// corpus takes minutes, and a real process is the truer test anyway.
	db := newDB(t)
	r := execHerald(t, nil, append([]string{"--db", db, "import"}, files...)...)
	if r.code != 1 {
		t.Errorf("exit %d, want 1 (some corpus files are broken)", r.code)
	}
	if r.code == 2 || strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") ||
		strings.Contains(r.stderr, "parser failed") { // a parser panic, recovered by the importer
		t.Errorf("stderr mentions a panic:\n%s", r.stderr)
	}
	s := parseSummary(t, r.stderr)
	failures := map[string]string{}
	for _, l := range nonEmptyLines(r.stderr) {
		if summaryRE.MatchString(l) {
			continue
		}
		rest, ok := strings.CutPrefix(l, "herald: import ")
		if !ok {
			t.Errorf("stderr line is neither a failure nor the summary: %q", l)
			continue
		}
		var path, reason string
		for _, f := range files { // paths hold no ": ", but match them exactly anyway
			if strings.HasPrefix(rest, f+": ") {
				path, reason = f, strings.TrimPrefix(rest, f+": ")
			}
		}
		if path == "" {
			t.Errorf("failure line names no imported file: %q", l)
			continue
		}
		if _, dup := failures[path]; dup {
			t.Errorf("%s reported twice", path)
		}
		failures[path] = reason
	}
	if s.files != len(files) || s.failed != len(failures) || s.failed == 0 {
		t.Errorf("summary %+v: want %d files and one failure line per failed file (%d lines)", s, len(files), len(failures))
	}

	// Articles landed per file: `feeds --json` counts articles per feed, and
	// a file's feed URL is file:// + its absolute path.
	perFile := map[string]int{}
	for u, f := range feedList(t, db) {
		if p, ok := strings.CutPrefix(u, "file://"); ok {
			perFile[p] = f.Articles
		}
	}
	type shortfall struct {
		path          string
		expected, got int
		failure       string
	}
	var total, landed int
	var worst []shortfall
	wellFormedFailed := 0
	for _, m := range manifest {
		if !strings.HasPrefix(m.path, "feeds/") {
			continue
		}
		abs := filepath.Join(corpus, filepath.FromSlash(m.path))
		if reason, failed := failures[abs]; failed && m.wellFormed && m.hasExpected && m.expected > 0 {
			wellFormedFailed++
			t.Logf("well-formed file with %d items failed: %s: %s", m.expected, m.path, reason)
		}
		if !m.hasExpected {
			continue
		}
		got := perFile[abs]
		total += m.expected
		landed += min(got, m.expected)
		if got < m.expected {
			worst = append(worst, shortfall{m.path, m.expected, got, failures[abs]})
		}
	}
	sort.Slice(worst, func(i, j int) bool {
		return worst[i].expected-worst[i].got > worst[j].expected-worst[j].got
	})
	var b strings.Builder
	for i, w := range worst {
		if i == 25 {
			fmt.Fprintf(&b, "  ... and %d more\n", len(worst)-i)
			break
		}
		fmt.Fprintf(&b, "  %-70s expected %4d, landed %4d  %s\n", w.path, w.expected, w.got, w.failure)
	}
	t.Logf("corpus: %d files, %d failed; %d of %d expected items landed (%.1f%%); files short of their items, worst first:\n%s",
		len(files), len(failures), landed, total, 100*float64(landed)/float64(max(total, 1)), b.String())
	if total == 0 {
		t.Fatal("MANIFEST lists no expected items under feeds/")
	}
	if float64(landed) < 0.9*float64(total) {
		t.Errorf("only %d of %d expected items landed (want at least 90%%)", landed, total)
	}
	if wellFormedFailed > 0 {
		t.Logf("%d well-formed files with items failed to import (see above)", wellFormedFailed)
	}
}

// feedJSON is a feed as `feeds --json` prints it.
type feedJSON struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	URL      string `json:"url"`
	Kind     string `json:"kind"`
	SiteURL  string `json:"site_url"`
	Articles int    `json:"articles"`
	Unread   int    `json:"unread"`
}

// feedList returns `feeds --json` keyed by URL.
func feedList(t *testing.T, db string) map[string]feedJSON {
	t.Helper()
	r := mustHerald(t, db, "feeds", "--json")
	out := map[string]feedJSON{}
	for _, f := range jsonLines[feedJSON](t, r.stdout) {
		if _, dup := out[f.URL]; dup {
			t.Errorf("feed %s listed twice", f.URL)
		}
		out[f.URL] = f
	}
	return out
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, string(data))
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
