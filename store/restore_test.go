package store

import (
	"errors"
	"strings"
	"testing"
)

// restoreAll restores items in one transaction, a batch each.
func restoreAll(t *testing.T, s *Store, batches ...[]RestoredArticle) SaveResult {
	t.Helper()
	res, err := s.Restore(ctx, func(r *Restorer) error {
		for _, b := range batches {
			if err := r.Save(s.PrepareRestore(b)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func allArticles(t *testing.T, s *Store) []Article {
	t.Helper()
	page, err := s.Page(ctx, PageRequest{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return page
}

func restored(guid, title string, published int, read, starred bool) RestoredArticle {
	return RestoredArticle{
		NewArticle: NewArticle{GUID: guid, Link: "https://example.org/" + guid, Title: title, Published: day(published),
			Markdown: "Some *markdown* of " + title, Text: "Some markdown of " + title,
			Authors: []string{"Ann"}, Tags: []string{"t1", "t2"}},
		FeedURL: "https://example.org/feed.xml", FeedKind: KindHTTP, FeedName: "Example",
		Read: read, Starred: starred,
	}
}

// A restore adds articles with their states and bodies; restoring the
// same again changes nothing; a copy that says read or starred marks a
// stored article, one that says unread never un-marks it.
func TestRestoreStatesAndIdempotence(t *testing.T) {
	s := openTest(t)
	items := []RestoredArticle{
		restored("a", "Alpha", 3, true, false),
		restored("b", "Beta", 2, false, true),
		restored("c", "Gamma", 1, false, false),
	}
	if res := restoreAll(t, s, items); res != (SaveResult{Added: 3}) {
		t.Fatalf("first restore: %+v", res)
	}
	arts := allArticles(t, s)
	if len(arts) != 3 {
		t.Fatalf("%d articles", len(arts))
	}
	want := map[string][2]bool{"Alpha": {true, false}, "Beta": {false, true}, "Gamma": {false, false}}
	for _, a := range arts {
		if got := [2]bool{a.Read, a.Starred}; got != want[a.Title] {
			t.Errorf("%s: read, starred = %v, want %v", a.Title, got, want[a.Title])
		}
		if a.Feed != "Example" || strings.Join(a.Tags, ",") != "t1,t2" || strings.Join(a.Authors, ",") != "Ann" {
			t.Errorf("%s: %+v", a.Title, a)
		}
		b, err := s.Body(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if b.Markdown != "Some *markdown* of "+a.Title || b.Text != "Some markdown of "+a.Title || b.Content != "" {
			t.Errorf("%s body: %+v", a.Title, b)
		}
	}
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 1 || feeds[0].URL != "https://example.org/feed.xml" || feeds[0].Kind != KindHTTP || feeds[0].Title != "Example" {
		t.Fatalf("feeds: %+v", feeds)
	}

	if res := restoreAll(t, s, items); res != (SaveResult{Unchanged: 3}) {
		t.Errorf("same again: %+v", res)
	}
	items[2].Read, items[0].Read = true, false // Gamma read now; Alpha's copy says unread
	if res := restoreAll(t, s, items); res != (SaveResult{Updated: 1, Unchanged: 2}) {
		t.Errorf("raised: %+v", res)
	}
	for _, a := range allArticles(t, s) {
		if (a.Title == "Gamma" || a.Title == "Alpha") && !a.Read {
			t.Errorf("%s unread", a.Title)
		}
	}
	if n := len(allArticles(t, s)); n != 3 {
		t.Errorf("%d articles after restoring thrice", n)
	}
}

// An article the store has from its feed keeps its body as published: the
// export carries only markdown and text.
func TestRestoreLeavesStoredArticles(t *testing.T) {
	s := openTest(t)
	info := FeedInfo{URL: "https://example.org/feed.xml", Kind: KindHTTP, Title: "Example"}
	if _, err := s.SaveArticles(ctx, info, []NewArticle{{GUID: "a", Link: "https://example.org/a", Title: "Alpha",
		Published: day(3), Content: "<p>As <b>published</b></p>"}}); err != nil {
		t.Fatal(err)
	}
	a := restored("a", "Alpha retitled", 3, false, true)
	if res := restoreAll(t, s, []RestoredArticle{a}); res != (SaveResult{Updated: 1}) {
		t.Fatalf("%+v", res)
	}
	arts := allArticles(t, s)
	if len(arts) != 1 || arts[0].Title != "Alpha" || !arts[0].Starred {
		t.Fatalf("%+v", arts)
	}
	if b, _ := s.Body(ctx, arts[0].ID); b.Content != "<p>As <b>published</b></p>" || b.Markdown != "" {
		t.Errorf("body changed: %+v", b)
	}
}

// Articles of one date list in the order they were restored in, across
// batches: the list breaks ties by id.
func TestRestoreKeepsListOrderOfTies(t *testing.T) {
	s := openTest(t)
	var batches [][]RestoredArticle
	var want []string
	for b := range 3 {
		var batch []RestoredArticle
		for i := range 4 {
			title := string(rune('A' + b*4 + i))
			published := 5
			if b == 2 && i >= 2 {
				published = 4
			}
			batch = append(batch, restored(title, title, published, false, false))
			want = append(want, title)
		}
		batches = append(batches, batch)
	}
	restoreAll(t, s, batches...)
	var got []string
	for _, a := range allArticles(t, s) {
		got = append(got, a.Title)
	}
	if strings.Join(got, "") != strings.Join(want, "") {
		t.Errorf("list order %v, want %v", got, want)
	}
}

// Feeds: only an http(s) URL of kind http is a subscription; a feed the
// store has keeps its kind and title; an export without feed URLs finds
// feeds by name, else makes one.
func TestRestoreFeeds(t *testing.T) {
	s := openTest(t)
	if _, err := s.SaveArticles(ctx, FeedInfo{URL: "file:///notes", Kind: KindFile, Title: "Notes"},
		[]NewArticle{{GUID: "n1", Title: "Note", Published: day(1)}}); err != nil {
		t.Fatal(err)
	}
	a := restored("x", "X", 1, false, false)
	a.FeedURL, a.FeedKind = "javascript:alert(1)", KindHTTP
	b := restored("y", "Y", 1, false, false)
	b.FeedURL, b.FeedKind, b.FeedName = "file:///notes", KindHTTP, "Renamed"
	c := restored("z", "Z", 1, false, false)
	c.FeedURL, c.FeedKind, c.FeedName = "", "", "Notes"
	d := restored("w", "W", 1, false, false)
	d.FeedURL, d.FeedKind, d.FeedName = "", "", "Elsewhere"
	restoreAll(t, s, []RestoredArticle{a, b, c, d})
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Feed{}
	for _, f := range feeds {
		got[f.URL] = f
	}
	if f := got["javascript:alert(1)"]; f.Kind != KindFile {
		t.Errorf("a javascript: feed became %q", f.Kind)
	}
	if f := got["file:///notes"]; f.Kind != KindFile || f.Title != "Notes" || f.Articles != 3 {
		t.Errorf("stored feed changed or not found by name: %+v", f)
	}
	if f := got[RestoreFeedPrefix+"Elsewhere"]; f.Kind != KindFile || f.Title != "Elsewhere" || f.Articles != 1 {
		t.Errorf("no feed made for a name: %+v", feeds)
	}
	if len(feeds) != 3 {
		t.Errorf("%d feeds: %+v", len(feeds), feeds)
	}
}

// An export from an older herald has no guids or feed URLs: its articles
// are found by feed name, link, title and date (even when the store has
// them under their feed's guid), and articles that share a link are kept
// apart.
func TestRestoreWithoutIdentity(t *testing.T) {
	s := openTest(t)
	info := FeedInfo{URL: "https://example.org/feed.xml", Kind: KindHTTP, Title: "Example"}
	if _, err := s.SaveArticles(ctx, info, []NewArticle{
		{GUID: "ep1", Link: "https://example.org/show", Title: "Episode 1", Published: day(1)},
		{GUID: "ep2", Link: "https://example.org/show", Title: "Episode 2", Published: day(2)},
	}); err != nil {
		t.Fatal(err)
	}
	old := func(title string, published int, read bool) RestoredArticle {
		return RestoredArticle{NewArticle: NewArticle{Link: "https://example.org/show", Title: title, Published: day(published),
			Text: title}, FeedName: "Example", Read: read}
	}
	items := []RestoredArticle{old("Episode 2", 2, true), old("Episode 1", 1, false), old("Episode 3", 3, false)}
	if res := restoreAll(t, s, items); res != (SaveResult{Added: 1, Updated: 1, Unchanged: 1}) {
		t.Errorf("into the store it came from: %+v", res)
	}
	if res := restoreAll(t, s, items); res != (SaveResult{Unchanged: 3}) {
		t.Errorf("again: %+v", res)
	}
	fresh := openTest(t)
	if res := restoreAll(t, fresh, items); res != (SaveResult{Added: 3}) {
		t.Errorf("into a new store: %+v", res)
	}
	if res := restoreAll(t, fresh, items); res != (SaveResult{Unchanged: 3}) {
		t.Errorf("into a new store, again: %+v", res)
	}
}

// A restore that fails leaves the store as it was.
func TestRestoreRollsBack(t *testing.T) {
	s := openTest(t)
	boom := errors.New("bad line")
	_, err := s.Restore(ctx, func(r *Restorer) error {
		if err := r.Save(s.PrepareRestore([]RestoredArticle{restored("a", "A", 1, true, true)})); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if n := len(allArticles(t, s)); n != 0 {
		t.Errorf("%d articles stored by a failed restore", n)
	}
	if feeds, _ := s.Feeds(ctx); len(feeds) != 0 {
		t.Errorf("feeds stored by a failed restore: %+v", feeds)
	}
}

// Hostile text is cleaned like any import's.
func TestRestoreSanitises(t *testing.T) {
	s := openTest(t)
	evil := "\x1b[2J\u202e\u009b31m"
	a := restored("g"+evil, "Title"+evil, 1, false, false)
	a.Link = "https://example.org/" + evil
	a.Markdown, a.Text = "md"+evil, "text"+evil
	a.Authors, a.Tags = []string{"Ann" + evil}, []string{"tag" + evil}
	a.FeedURL, a.FeedName = "https://example.org/"+evil, "Feed"+evil
	restoreAll(t, s, []RestoredArticle{a})
	arts := allArticles(t, s)
	if len(arts) != 1 {
		t.Fatalf("%d articles", len(arts))
	}
	b, err := s.Body(ctx, arts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append([]string{b.GUID, b.Link, b.Title, b.Feed, b.Markdown, b.Text}, append(b.Authors, b.Tags...)...) {
		if strings.ContainsAny(f, "\x1b\u202e\u009b") {
			t.Errorf("stored uncleaned: %q", f)
		}
	}
	feeds, _ := s.Feeds(ctx)
	if len(feeds) != 1 || strings.ContainsAny(feeds[0].URL+feeds[0].Title, "\x1b\u202e\u009b") {
		t.Errorf("feed stored uncleaned: %+v", feeds)
	}
}
