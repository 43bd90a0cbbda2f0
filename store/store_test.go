package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "herald.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var ctx = context.Background()

func day(n int) time.Time { return time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, n) }

func TestConnectionSettings(t *testing.T) {
	s := openTest(t)
	// Check on several pooled connections, not just the first.
	conns := make([]*sql.Conn, 3)
	for i := range conns {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	for i, c := range conns {
		for pragma, want := range map[string]string{
			"journal_mode": "wal", "busy_timeout": "10000", "foreign_keys": "1", "synchronous": "1",
			"temp_store": "2", "wal_autocheckpoint": "16384", "cache_size": "-6144", "journal_size_limit": "67108864",
		} {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("conn %d: PRAGMA %s = %s, want %s", i, pragma, got, want)
			}
		}
	}
	var pageSize int
	if err := s.db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	if pageSize != 16384 {
		t.Errorf("a new store has page_size %d, want 16384", pageSize)
	}
	if !strings.Contains(dsn("x.db"), "_txlock=immediate") {
		t.Error("writes must begin IMMEDIATE")
	}
}

// Connections that save or index articles in bulk take a larger page cache
// and checkpoint the log less often than the rest (see bulkWriter).
func TestBulkWritersTuneTheirConnection(t *testing.T) {
	s := openTest(t)
	s.db.SetMaxOpenConns(1) // so the pragmas can be read on the writer's connection
	pragmas := func() (cache, checkpoint string) {
		t.Helper()
		if err := s.db.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cache); err != nil {
			t.Fatal(err)
		}
		if err := s.db.QueryRowContext(ctx, "PRAGMA wal_autocheckpoint").Scan(&checkpoint); err != nil {
			t.Fatal(err)
		}
		return cache, checkpoint
	}
	if c, p := pragmas(); c != "-6144" || p != "16384" {
		t.Fatalf("before any bulk write: cache_size %s, wal_autocheckpoint %s", c, p)
	}
	if _, err := s.SaveArticles(ctx, FeedInfo{URL: "https://a.example/feed"}, []NewArticle{{GUID: "1", Title: "One"}}); err != nil {
		t.Fatal(err)
	}
	if c, p := pragmas(); c != "-32768" || p != "65536" {
		t.Errorf("after saving: cache_size %s, wal_autocheckpoint %s; want -32768, 65536", c, p)
	}

	// The index is written in bulk too.
	if _, err := s.db.ExecContext(ctx, "PRAGMA cache_size = -6144; PRAGMA wal_autocheckpoint = 16384"); err != nil {
		t.Fatal(err)
	}
	if n, err := s.IndexPending(ctx); err != nil || n != 1 {
		t.Fatalf("indexed %d: %v", n, err)
	}
	if c, p := pragmas(); c != "-32768" || p != "65536" {
		t.Errorf("after indexing: cache_size %s, wal_autocheckpoint %s; want -32768, 65536", c, p)
	}
}

// openTwice opens one store file twice: two herald processes.
func openTwice(t *testing.T) (a, b *Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "h.db")
	var err error
	if a, err = Open(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	if b, err = Open(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return a, b
}

func TestWritesBeginImmediate(t *testing.T) {
	// With BEGIN IMMEDIATE, a second writer waits on busy_timeout instead of
	// failing with SQLITE_BUSY when it upgrades a read lock. Two stores on one
	// file stand in for two herald processes.
	a, b := openTwice(t)
	errs := make(chan error, 2)
	for i, st := range []*Store{a, b} {
		go func() {
			for j := 0; j < 20; j++ {
				_, err := st.SaveArticles(ctx, FeedInfo{URL: fmt.Sprintf("file:///f%d", i), Kind: KindFile},
					[]NewArticle{{GUID: fmt.Sprint(j), Title: "t", Text: "x"}})
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

func TestMigrateFromEmptyAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := s.schemaVersion(ctx)
	if v != SchemaVersion() || v < 1 {
		t.Fatalf("version %d, want %d", v, SchemaVersion())
	}
	s.Close()
	s, err = Open(path) // already current: no-op
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

func TestRefusesNewerStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("UPDATE schema_version SET version = 999"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(path)
	if !errors.Is(err, ErrTooNew) || !strings.Contains(err.Error(), "999") {
		t.Fatalf("got %v, want ErrTooNew naming version 999", err)
	}
	// And it was not modified.
	db, _ := sql.Open("sqlite", path)
	defer db.Close()
	var v int
	db.QueryRow("SELECT version FROM schema_version").Scan(&v)
	if v != 999 {
		t.Fatalf("version changed to %d", v)
	}
}

func sampleFeed() (FeedInfo, []NewArticle) {
	return FeedInfo{URL: "https://example.org/feed", Title: "Example", Kind: KindHTTP}, []NewArticle{
		{GUID: "1", Link: "https://example.org/1", Title: "Weaving in winter", Published: day(1),
			Text: "The loom hums through the cold months.", Authors: []string{"Xia Hua", "Ann Lee"}, Tags: []string{"Crafts", "Winter"}},
		{GUID: "2", Link: "https://example.org/2", Title: "Embroidery basics", Published: day(2),
			Text: "Needle and thread, nothing more.", Authors: []string{"Xia Hua"}, Tags: []string{"crafts"}},
		{GUID: "3", Link: "https://example.org/3", Title: "Harbour lights", Published: day(3),
			Text: "Boats come home at dusk.", Authors: []string{"Bo Ek"}, Tags: []string{"Sea"}},
	}
}

func TestSaveAddsUpdatesAndKeepsState(t *testing.T) {
	s := openTest(t)
	info, items := sampleFeed()
	res, err := s.SaveArticles(ctx, info, items)
	if err != nil {
		t.Fatal(err)
	}
	if res != (SaveResult{Added: 3}) {
		t.Fatalf("first save %+v", res)
	}
	res, _ = s.SaveArticles(ctx, info, items)
	if res != (SaveResult{Unchanged: 3}) {
		t.Fatalf("second save %+v, want all unchanged", res)
	}
	page, _ := s.Page(ctx, PageRequest{})
	id := page[0].ID // newest: Harbour lights
	if err := s.SetRead(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	items[2].Title = "Harbour lights, revised"
	res, _ = s.SaveArticles(ctx, info, items)
	if res != (SaveResult{Updated: 1, Unchanged: 2}) {
		t.Fatalf("third save %+v", res)
	}
	b, err := s.Body(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if b.Title != "Harbour lights, revised" || !b.Read || !b.Starred {
		t.Fatalf("updated in place should keep state: %+v", b.Article)
	}
}

func TestIdentityFallbacks(t *testing.T) {
	s := openTest(t)
	info := FeedInfo{URL: "file:///x", Kind: KindFile}
	items := []NewArticle{
		{Link: "https://e/1", Title: "by link"},
		{Title: "by hash", Text: "body"},
		{Title: "by hash", Text: "other body"},
	}
	if res, _ := s.SaveArticles(ctx, info, items); res.Added != 3 {
		t.Fatalf("%+v", res)
	}
	items[0].Title = "by link, changed"
	if res, _ := s.SaveArticles(ctx, info, items); res != (SaveResult{Updated: 1, Unchanged: 2}) {
		t.Fatalf("%+v", res)
	}
	// The same guid in another feed is another article.
	if res, _ := s.SaveArticles(ctx, FeedInfo{URL: "file:///y", Kind: KindFile}, items[:1]); res.Added != 1 {
		t.Fatalf("%+v", res)
	}
}

func TestFacetsCaseFoldedAndCounted(t *testing.T) {
	s := openTest(t)
	info, items := sampleFeed()
	s.SaveArticles(ctx, info, items)
	tags, _ := s.Tags(ctx)
	want := []Facet{{"Crafts", 2}, {"Sea", 1}, {"Winter", 1}}
	if !reflect.DeepEqual(tags, want) {
		t.Fatalf("tags %v, want %v", tags, want)
	}
	authors, _ := s.Authors(ctx)
	if authors[0] != (Facet{"Xia Hua", 2}) || len(authors) != 3 {
		t.Fatalf("authors %v", authors)
	}
	// An update that drops a tag lowers its count.
	items[0].Tags = []string{"Winter"}
	s.SaveArticles(ctx, info, items)
	tags, _ = s.Tags(ctx)
	if tags[0] != (Facet{"Crafts", 1}) && tags[1] != (Facet{"Crafts", 1}) {
		t.Fatalf("after update %v", tags)
	}
	// Authors keep their published order.
	b, _ := s.Body(ctx, 1)
	if !reflect.DeepEqual(b.Authors, []string{"Xia Hua", "Ann Lee"}) {
		t.Fatalf("authors of 1: %v", b.Authors)
	}
}

func TestSanitisesEveryField(t *testing.T) {
	s := openTest(t)
	bad := "a\x1b[2Jb\x07c\u202ed&#27;[31m"
	s.SaveArticles(ctx, FeedInfo{URL: "file:///" + bad, Title: bad, Kind: KindFile}, []NewArticle{{
		GUID: bad, Link: bad, Title: bad, Summary: bad, Content: bad, Markdown: bad, Text: bad,
		Authors: []string{bad}, Tags: []string{bad},
	}})
	var dump string
	err := s.db.QueryRow(`SELECT group_concat(v, '|') FROM (
		SELECT url || title AS v FROM feeds UNION ALL
		SELECT guid || link || title FROM articles UNION ALL
		SELECT summary || content || markdown || text FROM article_bodies UNION ALL
		SELECT name FROM authors UNION ALL SELECT name FROM tags)`).Scan(&dump)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(dump, "\x1b\x07\u202e") || strings.Contains(dump, "&#27;") {
		t.Fatalf("unsafe text stored: %q", dump)
	}
}

func TestDates(t *testing.T) {
	now := day(100)
	cases := []struct {
		name               string
		published, updated time.Time
		want               time.Time
	}{
		{"published", day(1), day(2), day(1)},
		{"updated when no published", time.Time{}, day(2), day(2)},
		{"now when neither", time.Time{}, time.Time{}, now},
		{"future clamped", day(400), time.Time{}, now},
		{"before epoch", time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), day(3), day(3)},
	}
	for _, c := range cases {
		if got := publishedDate(c.published, c.updated, now); got != c.want.Unix() {
			t.Errorf("%s: got %v want %v", c.name, time.Unix(got, 0).UTC(), c.want)
		}
	}
}

func TestOpenAndReadWhileAnotherProcessWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	info, items := sampleFeed()
	a.SaveArticles(ctx, info, items)
	// a holds the write lock, as a long import or indexing run does.
	tx, err := a.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE articles SET read = 1"); err != nil {
		t.Fatal(err)
	}
	b, err := Open(path)
	if err != nil {
		t.Fatalf("open while another writes: %v", err)
	}
	defer b.Close()
	page, err := b.Page(ctx, PageRequest{})
	if err != nil || len(page) != 3 {
		t.Fatalf("read while another writes: %d rows, %v", len(page), err)
	}
	if page[0].Read {
		t.Fatal("saw uncommitted data")
	}
}

func TestSummaryEqualToContentIsStoredOnce(t *testing.T) {
	s := openTest(t)
	body := "<p>" + strings.Repeat("a long description ", 100) + "</p>"
	s.SaveArticles(ctx, FeedInfo{URL: "file:///d", Kind: KindFile}, []NewArticle{{GUID: "1", Title: "t", Summary: body, Content: body}})
	var stored int
	s.db.QueryRow("SELECT length(summary) FROM article_bodies").Scan(&stored)
	if stored != 0 {
		t.Fatalf("summary stored again (%d bytes)", stored)
	}
	b, _ := s.Body(ctx, 1)
	if b.Summary != body || b.Content != body {
		t.Fatal("Body must still report both")
	}
}

func TestCheckpointEmptiesTheLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	info, items := sampleFeed()
	if _, err := s.SaveArticles(ctx, info, items); err != nil {
		t.Fatal(err)
	}
	// Commits leave the log for Checkpoint (see dsn).
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatalf("after a save the log should hold it: %v %v", fi, err)
	}
	if err := s.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() != 0 {
		t.Fatalf("after Checkpoint the log should be empty: %v %v", fi, err)
	}
	if n, _ := s.Count(ctx, Filter{}); n != 3 {
		t.Fatalf("articles after checkpoint: %d", n)
	}
}

// A search indexes what is pending first; when another herald holds the
// write lock meanwhile (a refresh indexing what it stored, batch after
// batch), it reads the index as it stands instead of waiting out the busy
// timeout and failing, and catches up once the lock is free.
func TestSearchDoesNotWaitForAnotherIndexer(t *testing.T) {
	a, b := openTwice(t)
	info := FeedInfo{URL: "https://a.example/feed"}
	if _, err := a.SaveArticles(ctx, info, []NewArticle{{GUID: "1", Title: "Puffin one", Published: day(1)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.IndexPending(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SaveArticles(ctx, info, []NewArticle{{GUID: "2", Title: "Puffin two", Published: day(2)}}); err != nil {
		t.Fatal(err)
	}
	// The other herald takes the write lock and keeps it.
	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE feeds SET title = title"); err != nil {
		t.Fatal(err)
	}
	search := PageRequest{Filter: Filter{Match: `"puffin"`}, Limit: 10}
	// Waiting for the lock would end in SQLITE_BUSY after busyTimeout.
	rows, err := a.Page(ctx, search)
	if err != nil {
		t.Fatalf("search while another herald writes: %v", err)
	}
	if len(rows) != 1 || rows[0].Title != "Puffin one" {
		t.Fatalf("search found %v, want the article indexed before", rows)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if rows, err = a.Page(ctx, search); err != nil || len(rows) != 2 {
		t.Fatalf("once the lock is free the search finds %d (%v), want 2", len(rows), err)
	}
	// The connection the search used went back with the store's timeout.
	a.db.SetMaxOpenConns(1)
	var timeout int
	if err := a.db.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&timeout); err != nil || timeout != int(busyTimeout/time.Millisecond) {
		t.Fatalf("busy_timeout %d (%v) after a search", timeout, err)
	}
}

// Short prefixes (fin*, fi*) match thousands of words; the full-text index
// keeps 2- and 3-letter prefix indexes so that such a search walks one list
// in order and stops after a page (0.6 ms instead of 0.5 s at 100k articles,
// see BenchmarkSearch). Longer prefixes match few words and need none.
func TestFullTextIndexKeepsShortPrefixes(t *testing.T) {
	s := openTest(t)
	var schema string
	if err := s.db.QueryRowContext(ctx, "SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(schema, "prefix = '2 3'") {
		t.Fatalf("the full-text index keeps no 2- and 3-letter prefixes:\n%s", schema)
	}
	// And they find what the words do.
	info := FeedInfo{URL: "https://a.example/feed"}
	if _, err := s.SaveArticles(ctx, info, []NewArticle{
		{GUID: "1", Title: "Finches at dawn"}, {GUID: "2", Title: "Final whistle"}, {GUID: "3", Title: "Fish market"}, {GUID: "4", Title: "Harbour"},
	}); err != nil {
		t.Fatal(err)
	}
	for match, want := range map[string]int{`"fin"*`: 2, `"fi"*`: 3, `"finch"*`: 1, `"f"*`: 3} {
		rows, err := s.Page(ctx, PageRequest{Filter: Filter{Match: match}, Limit: 10})
		if err != nil || len(rows) != want {
			t.Errorf("%s: %d articles (%v), want %d", match, len(rows), err, want)
		}
	}
}
