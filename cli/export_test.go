package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// HeraldBinary returns the herald binary the external tests build (see
// helpers_test.go, which sets it in TestMain), for the tests in here that
// run it: the reader's refresh runs in a child process.
var HeraldBinary func(t *testing.T) string

// The tests below are of `export json` as herald's backup and migration
// format: what it writes, `herald import` reads back.

// backupRun runs herald in-process on the store db with stdin.
func backupRun(t *testing.T, db string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func backupMust(t *testing.T, db string, args ...string) (stdout, stderr string) {
	t.Helper()
	code, stdout, stderr := backupRun(t, db, "", args...)
	if code != 0 {
		t.Fatalf("herald %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	return stdout, stderr
}

// backupSource is a store of the test fixtures (three feed files and a
// folder of article files) and an http feed, some read and some starred.
func backupSource(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "source.db")
	backupMust(t, db, "import", "testdata/feeds", "testdata/articles")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	day := func(d int) time.Time { return time.Date(2024, 3, d, 8, 0, 0, 0, time.UTC) }
	_, err = st.SaveArticles(ctx, store.FeedInfo{URL: "https://gazette.example/feed.xml", Kind: store.KindHTTP, Title: "Gazette"},
		[]store.NewArticle{
			{GUID: "gz-1", Link: "https://gazette.example/1", Title: "Morning edition", Published: day(1),
				Content: "<p>The <em>morning</em> news, with a <a href=\"https://gazette.example/2\">link</a>.</p>", Authors: []string{"Ida Moss"}, Tags: []string{"news"}},
			// Two episodes at one link, told apart by their guids.
			{GUID: "gz-2a", Link: "https://gazette.example/2", Title: "Evening edition", Published: day(2), Content: "<p>Evening.</p>"},
			{GUID: "gz-2b", Link: "https://gazette.example/2", Title: "Evening edition, late", Published: day(2), Content: "<p>Late.</p>"},
		})
	if err != nil {
		t.Fatal(err)
	}
	page, err := st.Page(ctx, store.PageRequest{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range page {
		if i%3 == 0 {
			if err := st.SetRead(ctx, a.ID, true); err != nil {
				t.Fatal(err)
			}
		}
		if i%4 == 1 {
			if err := st.SetStarred(ctx, a.ID, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	return db
}

// withoutIDs decodes JSON Lines and drops each object's store-local id.
func withoutIDs(t *testing.T, out string) []map[string]any {
	t.Helper()
	var objs []map[string]any
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if line == "" {
			continue
		}
		var o map[string]any
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			t.Fatalf("line %d: %v: %q", i+1, err, line)
		}
		delete(o, "id")
		objs = append(objs, o)
	}
	return objs
}

func sameObjects(t *testing.T, what string, got, want []map[string]any) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d objects, want %d", what, len(got), len(want))
		return
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s: line %d is\n%v\nwant\n%v", what, i+1, got[i], want[i])
		}
	}
}

// feedsByURL lists `feeds --json` by URL, without ids and counts of
// unread articles' ids.
func feedsByURL(t *testing.T, db string) map[string]map[string]any {
	t.Helper()
	out, _ := backupMust(t, db, "feeds", "--json")
	feeds := map[string]map[string]any{}
	for _, f := range withoutIDs(t, out) {
		delete(f, "site_url") // the export carries articles, not feeds' home pages (export opml does)
		feeds[f["url"].(string)] = f
	}
	return feeds
}

// checkRoundTrip says whether the store at db holds what source does:
// the same list, the same export (ids apart) and the same feeds.
func checkRoundTrip(t *testing.T, db, source string) {
	t.Helper()
	for _, args := range [][]string{{"ls", "--json"}, {"export", "json"}} {
		want, _ := backupMust(t, source, args...)
		got, _ := backupMust(t, db, args...)
		sameObjects(t, strings.Join(args, " "), withoutIDs(t, got), withoutIDs(t, want))
	}
	if got, want := feedsByURL(t, db), feedsByURL(t, source); !reflect.DeepEqual(got, want) {
		t.Errorf("feeds:\n%v\nwant\n%v", got, want)
	}
}

// Into a new store, the export gives back every article as it was: title,
// link, feed (name, URL and kind), authors, tags, date, read, starred,
// markdown and text, in the same order.
func TestExportImportsIntoANewStore(t *testing.T) {
	t.Parallel()
	source := backupSource(t)
	export, _ := backupMust(t, source, "export", "json")
	backup := filepath.Join(t.TempDir(), "backup.jsonl")
	if err := os.WriteFile(backup, []byte(export), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, line := range withoutIDs(t, export) {
		for _, k := range []string{"guid", "feed_url", "feed_kind"} {
			if s, _ := line[k].(string); s == "" {
				t.Errorf("%q exported without %s: %v", line["title"], k, line)
			}
		}
	}
	var read, starred int
	for _, a := range withoutIDs(t, export) {
		if a["read"] == true {
			read++
		}
		if a["starred"] == true {
			starred++
		}
	}
	if read == 0 || starred == 0 {
		t.Fatalf("the source has %d read, %d starred articles", read, starred)
	}

	db := filepath.Join(t.TempDir(), "new.db")
	_, stderr := backupMust(t, db, "import", backup)
	if !strings.Contains(stderr, "1 file: 13 new, 0 updated, 0 unchanged articles") {
		t.Errorf("import says %q", stderr)
	}
	checkRoundTrip(t, db, source)
	if f := feedsByURL(t, db)["https://gazette.example/feed.xml"]; f["kind"] != "http" {
		t.Errorf("the subscription came back as %v", f)
	}

	// Ids are the store's own: in a store that has an article already,
	// the export's ids are not taken, and that article stays as it was.
	other := filepath.Join(t.TempDir(), "other.db")
	note := filepath.Join(t.TempDir(), "note.md")
	os.WriteFile(note, []byte("# A note of my own\n\nKept.\n"), 0o644)
	backupMust(t, other, "import", note)
	backupMust(t, other, "import", backup)
	titles := func(db string) map[string]float64 {
		out, _ := backupMust(t, db, "ls", "--json")
		ids := map[string]float64{}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var a struct {
				ID    float64 `json:"id"`
				Title string  `json:"title"`
			}
			json.Unmarshal([]byte(line), &a)
			ids[a.Title] = a.ID
		}
		return ids
	}
	was, now := titles(source), titles(other)
	distinct := map[float64]bool{}
	for _, id := range now {
		distinct[id] = true
	}
	if len(now) != 14 || len(distinct) != 14 || now["A note of my own"] != 1 {
		t.Errorf("the store of one article and the export of 13 holds %v", now)
	}
	if was[tWheelTitle] == now[tWheelTitle] && was[tKettleTitle] == now[tKettleTitle] {
		t.Errorf("ids taken from the export: %v, was %v", now, was)
	}
}

// Titles in the fixtures.
const (
	tWheelTitle  = "Repairing a spinning wheel"
	tKettleTitle = "Kettle descaling guide"
)

// Into the store it came from, the export changes nothing.
func TestExportImportsIntoItsOwnStore(t *testing.T) {
	t.Parallel()
	db := backupSource(t)
	export, _ := backupMust(t, db, "export", "json")
	list, _ := backupMust(t, db, "ls", "--json")
	backup := filepath.Join(t.TempDir(), "backup.jsonl")
	os.WriteFile(backup, []byte(export), 0o644)
	_, stderr := backupMust(t, db, "import", backup)
	if !strings.Contains(stderr, "1 file: 0 new, 0 updated, 13 unchanged articles") {
		t.Errorf("import says %q", stderr)
	}
	if got, _ := backupMust(t, db, "ls", "--json"); got != list {
		t.Errorf("ls --json changed:\n%s\nwas\n%s", got, list)
	}
	if got, _ := backupMust(t, db, "export", "json"); got != export {
		t.Errorf("export changed")
	}
}

// `herald export json | herald --db other.db import -`
func TestExportImportsFromStdin(t *testing.T) {
	t.Parallel()
	source := backupSource(t)
	export, _ := backupMust(t, source, "export", "json")
	db := filepath.Join(t.TempDir(), "new.db")
	code, _, stderr := backupRun(t, db, export, "import", "-")
	if code != 0 || !strings.Contains(stderr, "13 new") {
		t.Fatalf("import -: exit %d: %s", code, stderr)
	}
	checkRoundTrip(t, db, source)
	code, _, stderr = backupRun(t, db, export, "import", "-")
	if code != 0 || !strings.Contains(stderr, "0 new, 0 updated, 13 unchanged") {
		t.Errorf("import - again: exit %d: %s", code, stderr)
	}
}

// An export from an older herald has no guid, feed_url or feed_kind: it
// imports all the same, its articles found by feed name, link, title and
// date, and into the store it came from it changes nothing.
func TestOldExportImports(t *testing.T) {
	t.Parallel()
	source := backupSource(t)
	export, _ := backupMust(t, source, "export", "json")
	var old strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(export), "\n") {
		var o map[string]json.RawMessage
		json.Unmarshal([]byte(line), &o)
		delete(o, "guid")
		delete(o, "feed_url")
		delete(o, "feed_kind")
		b, _ := json.Marshal(o)
		old.Write(b)
		old.WriteByte('\n')
	}
	backup := filepath.Join(t.TempDir(), "old.jsonl")
	os.WriteFile(backup, []byte(old.String()), 0o644)

	list, _ := backupMust(t, source, "ls", "--json")
	if _, stderr := backupMust(t, source, "import", backup); !strings.Contains(stderr, "0 new, 0 updated, 13 unchanged") {
		t.Errorf("into its own store: %s", stderr)
	}
	if got, _ := backupMust(t, source, "ls", "--json"); got != list {
		t.Errorf("its own store changed:\n%s\nwas\n%s", got, list)
	}

	db := filepath.Join(t.TempDir(), "new.db")
	if _, stderr := backupMust(t, db, "import", backup); !strings.Contains(stderr, "13 new") {
		t.Errorf("into a new store: %s", stderr)
	}
	// Everything but the feeds' URLs comes back.
	got, _ := backupMust(t, db, "ls", "--json")
	sameObjects(t, "ls --json", withoutIDs(t, got), withoutIDs(t, list))
	exported, _ := backupMust(t, db, "export", "json")
	want := withoutIDs(t, export)
	for _, o := range want {
		o["guid"] = ""
		o["feed_url"] = "herald-export:" + o["feed"].(string)
		o["feed_kind"] = "file"
	}
	sameObjects(t, "export json", withoutIDs(t, exported), want)
	if _, stderr := backupMust(t, db, "import", backup); !strings.Contains(stderr, "0 new, 0 updated, 13 unchanged") {
		t.Errorf("into the new store again: %s", stderr)
	}
}

// A bad line fails its file, naming the file and the line, and nothing of
// that file is stored; the other files of the import are, and what the
// store held stays.
func TestExportWithABadLine(t *testing.T) {
	t.Parallel()
	source := backupSource(t)
	export, _ := backupMust(t, source, "export", "json")
	lines := strings.Split(strings.TrimSpace(export), "\n")
	lines[6] = lines[6][:len(lines[6])/2]
	backup := filepath.Join(t.TempDir(), "backup.jsonl")
	os.WriteFile(backup, []byte(strings.Join(lines, "\n")+"\n"), 0o644)

	db := filepath.Join(t.TempDir(), "new.db")
	backupMust(t, db, "import", "testdata/articles/shopping.txt")
	code, _, stderr := backupRun(t, db, "", "import", backup, "testdata/feeds/harbour.rss")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	want := "herald: import " + backup + ": malformed JSON at line 7: "
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "nothing of this file was imported") {
		t.Errorf("stderr %q, want it to say %q", stderr, want)
	}
	if !strings.Contains(stderr, "2 files: 3 new, 0 updated, 0 unchanged articles, 1 failed") {
		t.Errorf("summary: %q", stderr)
	}
	out, _ := backupMust(t, db, "ls", "--json")
	if n := len(withoutIDs(t, out)); n != 4 {
		t.Errorf("%d articles stored, want the article file's and the feed's 3", n)
	}
}

// Article data in an export is hostile like any: it is cleaned when
// stored, and nothing of it reaches a terminal.
func TestExportWithHostileText(t *testing.T) {
	t.Parallel()
	evil := "\x1b[2J\x1b]0;pwned\x07\u009b31m\u202egnp.exe\x00&#27;[31m"
	line, _ := json.Marshal(map[string]any{
		"id": 1, "title": "Title " + evil, "url": "https://evil.example/" + evil, "feed": "Feed " + evil,
		"authors": []string{"Mal" + evil}, "tags": []string{"tag" + evil}, "published": "2024-07-01T10:00:00Z",
		"read": false, "starred": true, "markdown": "# Body " + evil + "\n\nmore *" + evil + "*", "text": "Body " + evil,
		"guid": "g" + evil, "feed_url": "https://evil.example/feed" + evil, "feed_kind": "http",
	})
	backup := filepath.Join(t.TempDir(), "evil.jsonl")
	os.WriteFile(backup, append(line, '\n'), 0o644)
	db := filepath.Join(t.TempDir(), "new.db")
	backupMust(t, db, "import", backup)
	list, _ := backupMust(t, db, "ls", "--json")
	if n := len(withoutIDs(t, list)); n != 1 {
		t.Fatalf("%d articles", n)
	}
	var outputs []string
	for _, args := range [][]string{
		{"ls"}, {"ls", "--json"}, {"feeds"}, {"feeds", "--json"}, {"authors"}, {"tags"}, {"export", "json"},
		{"cat", "1", "--format", "text"}, {"cat", "1", "--format", "markdown"}, {"cat", "1", "--format", "json"},
	} {
		out, errs := backupMust(t, db, args...)
		outputs = append(outputs, out+errs)
		for _, bad := range []string{"\x1b", "\u009b", "\u202e", "\x00", "\x07", "&#27;"} {
			if strings.Contains(out+errs, bad) {
				t.Errorf("herald %s printed %q:\n%q", strings.Join(args, " "), bad, out+errs)
			}
		}
	}
	if !strings.Contains(strings.Join(outputs, ""), "gnp.exe") {
		t.Errorf("cleaning removed the text around the sequences too")
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	b, err := st.Body(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append([]string{b.GUID, b.Link, b.Title, b.Feed, b.Markdown, b.Text}, append(b.Authors, b.Tags...)...) {
		if f != sanitize.Text(f) {
			t.Errorf("stored uncleaned: %q", f)
		}
	}
	if !b.Starred || b.Read {
		t.Errorf("read %v, starred %v", b.Read, b.Starred)
	}
}
