package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func saveFeedItems(t *testing.T, s *Store, url string, items ...NewArticle) {
	t.Helper()
	if _, err := s.SaveArticles(ctx, FeedInfo{URL: url, Kind: KindHTTP, Title: "Feed " + url}, items); err != nil {
		t.Fatal(err)
	}
}

func feedByURL(t *testing.T, s *Store, url string) Feed {
	t.Helper()
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feeds {
		if f.URL == url {
			return f
		}
	}
	t.Fatalf("no feed %s", url)
	return Feed{}
}

func articleID(t *testing.T, s *Store, guid string) int64 {
	t.Helper()
	var id int64
	if err := s.db.QueryRow("SELECT id FROM articles WHERE guid = ?", guid).Scan(&id); err != nil {
		t.Fatalf("article %s: %v", guid, err)
	}
	return id
}

func TestSubscribe(t *testing.T) {
	s := openTest(t)
	id, existed, err := s.Subscribe(ctx, FeedInfo{URL: "https://e.test/feed", Title: "E"})
	if err != nil || existed || id == 0 {
		t.Fatalf("first subscribe: %d %v %v", id, existed, err)
	}
	id2, existed, err := s.Subscribe(ctx, FeedInfo{URL: "https://e.test/feed"})
	if err != nil || !existed || id2 != id {
		t.Fatalf("second subscribe: %d %v %v", id2, existed, err)
	}
	f, err := s.Feed(ctx, id)
	if err != nil || f.Title != "E" || f.Kind != KindHTTP {
		t.Fatalf("feed: %+v %v (an empty title must keep the known one)", f, err)
	}
	// An imported file's source with the same URL becomes a subscription.
	saveFeedItems(t, s, "https://e.test/other")
	s.db.Exec("UPDATE feeds SET kind = 'file' WHERE url = 'https://e.test/other'")
	_, existed, err = s.Subscribe(ctx, FeedInfo{URL: "https://e.test/other"})
	if err != nil || existed || feedByURL(t, s, "https://e.test/other").Kind != KindHTTP {
		t.Fatalf("archive not subscribed again: %v %v", existed, err)
	}
	if err := s.SetFullArticles(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	if f, _ := s.Feed(ctx, id); !f.FullArticles {
		t.Error("full_articles not set")
	}
	if err := s.SetFullArticles(ctx, 999, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown feed: %v", err)
	}
}

func TestRecordFetch(t *testing.T) {
	s := openTest(t)
	id, _, _ := s.Subscribe(ctx, FeedInfo{URL: "https://e.test/feed"})
	t1 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	if err := s.RecordFetch(ctx, id, FetchRecord{At: t1, ETag: `"v1"`, LastModified: "Sun, 01 Mar 2026 09:00:00 GMT"}); err != nil {
		t.Fatal(err)
	}
	t2 := t1.Add(time.Hour)
	retry := t2.Add(30 * time.Minute)
	err := s.RecordFetch(ctx, id, FetchRecord{At: t2, Err: "HTTP 503 Service Unavailable\n\x1b[31mred", RetryAfter: retry})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := s.Feed(ctx, id)
	if f.ETag != `"v1"` || f.LastModified == "" || !f.LastSuccess.Equal(t1) || !f.LastFetched.Equal(t2) ||
		!f.RetryAfter.Equal(retry) || f.LastError != "HTTP 503 Service Unavailable [31mred" {
		t.Fatalf("after a failure: %+v", f)
	}
	t3 := t2.Add(time.Hour)
	if err := s.RecordFetch(ctx, id, FetchRecord{At: t3, ETag: `"v2"`}); err != nil {
		t.Fatal(err)
	}
	f, _ = s.Feed(ctx, id)
	if f.LastError != "" || !f.RetryAfter.IsZero() || f.ETag != `"v2"` || f.LastModified != "" || !f.LastSuccess.Equal(t3) {
		t.Fatalf("a success must clear the error and the wait: %+v", f)
	}
	if err := s.RecordFetch(ctx, 999, FetchRecord{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown feed: %v", err)
	}
}

func TestMoveFeed(t *testing.T) {
	s := openTest(t)
	a, _, _ := s.Subscribe(ctx, FeedInfo{URL: "http://e.test/a"})
	s.Subscribe(ctx, FeedInfo{URL: "http://e.test/b"})
	if err := s.MoveFeed(ctx, a, "https://e.test/a2"); err != nil {
		t.Fatal(err)
	}
	if f, _ := s.Feed(ctx, a); f.URL != "https://e.test/a2" {
		t.Errorf("url %q", f.URL)
	}
	if err := s.MoveFeed(ctx, a, "http://e.test/b"); !errors.Is(err, ErrFeedExists) {
		t.Errorf("move onto another feed's URL: %v", err)
	}
}

func facetCount(t *testing.T, s *Store, table, name string) int {
	t.Helper()
	var n int
	err := s.db.QueryRow("SELECT count FROM "+table+" WHERE key = ?", strings.ToLower(name)).Scan(&n)
	if err != nil {
		return -1
	}
	return n
}

func checkStats(t *testing.T, s *Store) {
	t.Helper()
	var kept, counted int
	s.db.QueryRow("SELECT articles FROM article_stats").Scan(&kept)
	s.db.QueryRow("SELECT count(*) FROM articles").Scan(&counted)
	if kept != counted {
		t.Errorf("article_stats says %d articles, the table holds %d", kept, counted)
	}
	var links, sum int
	s.db.QueryRow("SELECT count(*) FROM article_authors").Scan(&links)
	s.db.QueryRow("SELECT coalesce(sum(count), 0) FROM authors").Scan(&sum)
	if links != sum {
		t.Errorf("author counts sum to %d, %d links", sum, links)
	}
	s.db.QueryRow("SELECT count(*) FROM article_tags").Scan(&links)
	s.db.QueryRow("SELECT coalesce(sum(count), 0) FROM tags").Scan(&sum)
	if links != sum {
		t.Errorf("tag counts sum to %d, %d links", sum, links)
	}
}

func TestRemoveFeedKeepsStarred(t *testing.T) {
	s := openTest(t)
	saveFeedItems(t, s, "https://e.test/a",
		NewArticle{GUID: "a1", Title: "Puffin one", Text: "puffins", Authors: []string{"Ann"}, Tags: []string{"birds"}, Published: day(1)},
		NewArticle{GUID: "a2", Title: "Puffin two", Text: "puffins", Authors: []string{"Ann"}, Tags: []string{"birds"}, Published: day(2)})
	saveFeedItems(t, s, "https://e.test/b",
		NewArticle{GUID: "b1", Title: "Other", Text: "puffins", Authors: []string{"Ann"}, Published: day(3)})
	s.IndexPending(ctx)
	a := feedByURL(t, s, "https://e.test/a")
	b := feedByURL(t, s, "https://e.test/b")

	r, err := s.RemoveFeed(ctx, b.ID)
	if err != nil || r.Removed != 1 || r.Kept != 0 {
		t.Fatalf("remove b: %+v %v", r, err)
	}
	if _, err := s.Feed(ctx, b.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("feed b still there: %v", err)
	}
	s.SetStarred(ctx, articleID(t, s, "a2"), true)
	r, err = s.RemoveFeed(ctx, a.ID)
	if err != nil || r.Removed != 1 || r.Kept != 1 {
		t.Fatalf("remove a: %+v %v", r, err)
	}
	f, err := s.Feed(ctx, a.ID)
	if err != nil || f.Kind != KindFile || f.Articles != 1 {
		t.Fatalf("a feed with a starred article stays as an archive: %+v %v", f, err)
	}
	if n, _ := s.Count(ctx, Filter{Match: `"puffins"`}); n != 1 {
		t.Errorf("search finds %d articles, want the starred one", n)
	}
	if c := facetCount(t, s, "authors", "Ann"); c != 1 {
		t.Errorf("Ann counts %d", c)
	}
	checkStats(t, s)
	if _, err := s.RemoveFeed(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown feed: %v", err)
	}
}

func TestFullArticleIsShownAndSearched(t *testing.T) {
	s := openTest(t)
	saveFeedItems(t, s, "https://e.test/a",
		NewArticle{GUID: "a1", Link: "https://e.test/1", Title: "Gannets", Summary: "<p>A teaser.</p>",
			Content: "<p>A teaser.</p>", Text: "A teaser.", Published: day(1)})
	id := articleID(t, s, "a1")
	s.IndexPending(ctx)
	full := FullArticle{URL: "https://e.test/1", HTML: "<p>The whole story of the kittiwake.</p>",
		Markdown: "The whole story of the kittiwake.", Text: "The whole story of the kittiwake."}
	if err := s.SetFullArticle(ctx, id, full); err != nil {
		t.Fatal(err)
	}
	b, err := s.Body(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !b.Full || b.Content != full.HTML || b.Markdown != full.Markdown || b.Text != full.Text || b.Summary != "<p>A teaser.</p>" {
		t.Fatalf("body: %+v", b)
	}
	if n, _ := s.Count(ctx, Filter{Match: `"kittiwake"`}); n != 1 {
		t.Errorf("search misses the full article's words: %d", n)
	}
	// A feed update rewrites the article's body; the full article stays.
	saveFeedItems(t, s, "https://e.test/a",
		NewArticle{GUID: "a1", Link: "https://e.test/1", Title: "Gannets", Content: "<p>A new teaser.</p>", Text: "A new teaser.", Published: day(1)})
	b, _ = s.Body(ctx, id)
	if !b.Full || b.Text != full.Text || b.Summary != "<p>A new teaser.</p>" {
		t.Fatalf("after a feed update: %+v", b)
	}
	if err := s.SetFullArticle(ctx, 999, full); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown article: %v", err)
	}
	// An article without one reads as before.
	saveFeedItems(t, s, "https://e.test/a", NewArticle{GUID: "a2", Title: "Plain", Content: "<p>x</p>", Text: "x", Published: day(2)})
	if b, _ := s.Body(ctx, articleID(t, s, "a2")); b.Full || b.Content != "<p>x</p>" {
		t.Errorf("plain body: %+v", b)
	}
}

func TestWithoutFullArticle(t *testing.T) {
	s := openTest(t)
	s.now = func() time.Time { return day(10) }
	saveFeedItems(t, s, "https://e.test/a", NewArticle{GUID: "old", Link: "https://e.test/old", Published: day(1)})
	s.now = func() time.Time { return day(20) }
	saveFeedItems(t, s, "https://e.test/a",
		NewArticle{GUID: "n1", Link: "https://e.test/n1", Published: day(11)},
		NewArticle{GUID: "n2", Link: "https://e.test/n2", Published: day(12)},
		NewArticle{GUID: "nolink", Title: "no link", Published: day(13)})
	f := feedByURL(t, s, "https://e.test/a")
	s.SetFullArticle(ctx, articleID(t, s, "n2"), FullArticle{HTML: "<p>x</p>"})
	refs, err := s.WithoutFullArticle(ctx, f.ID, day(20), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 1 || refs[0].Link != "https://e.test/n1" {
		t.Fatalf("got %+v, want only n1 (old, fetched and link-less ones are left)", refs)
	}
}

func TestPrune(t *testing.T) {
	s := openTest(t)
	s.now = func() time.Time { return day(200) }
	var items []NewArticle
	body := strings.Repeat("cormorant shag guillemot razorbill ", 400)
	for i := range 300 {
		items = append(items, NewArticle{GUID: fmt.Sprint(i), Title: fmt.Sprintf("Story %d", i),
			Text: body + fmt.Sprint(i), Content: "<p>" + body + "</p>",
			Authors: []string{fmt.Sprintf("Author %d", i%7)}, Tags: []string{"sea", fmt.Sprintf("t%d", i)}, Published: day(i % 200)})
	}
	saveFeedItems(t, s, "https://e.test/a", items...)
	if _, err := s.IndexPending(ctx); err != nil {
		t.Fatal(err)
	}
	starred := articleID(t, s, "3") // published day(3), old
	s.SetStarred(ctx, starred, true)
	cutoff := day(100)
	var wantGone, wantKept int
	for i := range 300 {
		if i%200 < 100 {
			wantGone++
		} else {
			wantKept++
		}
	}
	wantGone-- // the starred one
	r, err := s.Prune(ctx, cutoff)
	if err != nil {
		t.Fatal(err)
	}
	if r.Removed != wantGone || r.KeptStarred != 1 {
		t.Fatalf("prune: %+v, want %d removed, 1 starred kept", r, wantGone)
	}
	if r.SizeAfter >= r.SizeBefore {
		t.Errorf("store not compacted: %d -> %d bytes", r.SizeBefore, r.SizeAfter)
	}
	var n int
	s.db.QueryRow("SELECT count(*) FROM articles").Scan(&n)
	if n != wantKept+1 {
		t.Errorf("%d articles left, want %d", n, wantKept+1)
	}
	if _, err := s.Body(ctx, starred); err != nil {
		t.Errorf("starred article: %v", err)
	}
	// The full-text index holds exactly what is left.
	if c, _ := s.Count(ctx, Filter{Match: `"cormorant"`}); c != wantKept+1 {
		t.Errorf("search finds %d, want %d", c, wantKept+1)
	}
	var ftsRows int
	s.db.QueryRow("SELECT count(*) FROM articles_fts").Scan(&ftsRows)
	if ftsRows != wantKept+1 {
		t.Errorf("index holds %d rows, want %d", ftsRows, wantKept+1)
	}
	checkStats(t, s)
	if c := facetCount(t, s, "tags", "t0"); c != -1 {
		t.Errorf("tag of pruned articles only is left with count %d", c)
	}
	if c := facetCount(t, s, "tags", "t3"); c != 1 {
		t.Errorf("the starred article's tag counts %d", c)
	}
	if f := feedByURL(t, s, "https://e.test/a"); !f.PrunedBefore.Equal(cutoff) {
		t.Errorf("pruned_before %v", f.PrunedBefore)
	}
	var check string
	s.db.QueryRow("PRAGMA integrity_check").Scan(&check)
	if check != "ok" {
		t.Errorf("integrity: %s", check)
	}
	// A second prune with an earlier cutoff keeps the later one.
	if _, err := s.Prune(ctx, day(50)); err != nil {
		t.Fatal(err)
	}
	if f := feedByURL(t, s, "https://e.test/a"); !f.PrunedBefore.Equal(cutoff) {
		t.Errorf("pruned_before moved back to %v", f.PrunedBefore)
	}
}

// Articles saved for a subscription by its id land only while it is one:
// not after it was removed, nor once rm left it as an archive of starred
// articles; while it is, its title follows the feed's.
func TestSaveForASubscriptionThatWentAway(t *testing.T) {
	s := openTest(t)
	id, _, err := s.Subscribe(ctx, FeedInfo{URL: "https://a.example/feed", Kind: KindHTTP})
	if err != nil {
		t.Fatal(err)
	}
	info := FeedInfo{URL: "https://a.example/feed", Kind: KindHTTP, Title: "Alpha", ID: id}
	if _, err := s.SaveArticles(ctx, info, []NewArticle{{GUID: "1", Title: "Kept"}}); err != nil {
		t.Fatal(err)
	}
	if f, err := s.Feed(ctx, id); err != nil || f.Title != "Alpha" {
		t.Fatalf("feed %+v, %v; want it titled Alpha", f, err)
	}
	rows, err := s.Page(ctx, PageRequest{Limit: 1})
	if err != nil || len(rows) != 1 {
		t.Fatal(rows, err)
	}
	if err := s.SetStarred(ctx, rows[0].ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RemoveFeed(ctx, id); err != nil { // kept as an archive of the starred one
		t.Fatal(err)
	}
	if _, err := s.SaveArticles(ctx, info, []NewArticle{{GUID: "2", Title: "Late"}}); !errors.Is(err, ErrFeedGone) {
		t.Fatalf("saving for an archived feed: %v, want ErrFeedGone", err)
	}
	info.ID = id + 100 // no such feed
	if _, err := s.SaveArticles(ctx, info, []NewArticle{{GUID: "3", Title: "Later"}}); !errors.Is(err, ErrFeedGone) {
		t.Fatalf("saving for a removed feed: %v, want ErrFeedGone", err)
	}
	if n, err := s.Count(ctx, Filter{}); err != nil || n != 1 {
		t.Fatalf("%d articles (%v), want only the starred one", n, err)
	}
}
