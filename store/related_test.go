package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// story is a handwritten article for the related-stories tests. Titles and
// texts are made of words no other story holds unless a test says so, so
// the only words two stories share are the ones a test put there.
type story struct {
	title   string
	day     int // days after 2025-01-01
	authors []string
	tags    []string
	text    string
}

func openRelatedStore(t *testing.T) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "herald.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

func saveStories(t *testing.T, st *store.Store, stories ...story) {
	t.Helper()
	items := make([]store.NewArticle, len(stories))
	for i, s := range stories {
		items[i] = store.NewArticle{
			GUID: s.title, Title: s.title, Text: s.text, Authors: s.authors, Tags: s.tags,
			Published: time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, s.day),
		}
	}
	if _, err := st.SaveArticles(context.Background(), store.FeedInfo{URL: "file:///stories", Title: "Stories", Kind: store.KindFile}, items); err != nil {
		t.Fatal(err)
	}
}

// filler returns n stories carrying tags (and nothing else in common), to
// make those tags common.
func filler(n int, tags ...string) []story {
	out := make([]story, n)
	for i := range out {
		out[i] = story{title: fmt.Sprintf("Filler%d", i), day: i, authors: []string{fmt.Sprintf("Writer%d", i)}, tags: tags,
			text: fmt.Sprintf("fillertext%d", i)}
	}
	return out
}

func storyID(t *testing.T, st *store.Store, title string) int64 {
	t.Helper()
	page, err := st.Page(context.Background(), store.PageRequest{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range page {
		if a.Title == title {
			return a.ID
		}
	}
	t.Fatalf("no story titled %q", title)
	return 0
}

func related(t *testing.T, st *store.Store, title string, n int) []store.Related {
	t.Helper()
	rel, err := st.Related(context.Background(), storyID(t, st, title), n)
	if err != nil {
		t.Fatal(err)
	}
	return rel
}

func relatedTitles(rel []store.Related) []string {
	var out []string
	for _, r := range rel {
		out = append(out, r.Title)
	}
	return out
}

// find returns the related entry titled title, or fails.
func find(t *testing.T, rel []store.Related, title string) store.Related {
	t.Helper()
	for _, r := range rel {
		if r.Title == title {
			return r
		}
	}
	t.Fatalf("%q is not among the related stories %q", title, relatedTitles(rel))
	return store.Related{}
}

func rankOf(rel []store.Related, title string) int {
	return slices.IndexFunc(rel, func(r store.Related) bool { return r.Title == title })
}

func TestRelatedAuthorAndTwoTagsOutrankOneCommonTag(t *testing.T) {
	st, _ := openRelatedStore(t)
	saveStories(t, st, filler(6, "Crafts")...)
	saveStories(t, st,
		// "Winter" in the title must not count again as a shared word.
		story{title: "Winter Weaving", day: 10, authors: []string{"Xia Hua"}, tags: []string{"Crafts", "Winter", "China"}, text: "alpha"},
		story{title: "Embroidery", day: 1, authors: []string{"Xia Hua"}, tags: []string{"Winter", "China"}, text: "bravo"},
		// Newer than Embroidery, so recency cannot be why it ranks lower.
		story{title: "Pottery", day: 20, authors: []string{"Sam Okafor"}, tags: []string{"Crafts"}, text: "charlie"},
	)
	rel := related(t, st, "Winter Weaving", 10)
	if got := relatedTitles(rel); len(got) < 2 || got[0] != "Embroidery" || rankOf(rel, "Pottery") < 1 {
		t.Fatalf("related = %q, want Embroidery first and Pottery after it", got)
	}
	emb := find(t, rel, "Embroidery")
	if want := []string{"same author: Xia Hua", "tags: Winter, China"}; !reflect.DeepEqual(emb.Reasons, want) {
		t.Errorf("Embroidery reasons = %q, want %q", emb.Reasons, want)
	}
	if got, want := emb.Reason(), "same author: Xia Hua · tags: Winter, China"; got != want {
		t.Errorf("Reason() = %q, want %q", got, want)
	}
	if got := find(t, rel, "Pottery").Reasons; !reflect.DeepEqual(got, []string{"tags: Crafts"}) {
		t.Errorf("Pottery reasons = %q", got)
	}
	if emb.Score <= find(t, rel, "Pottery").Score {
		t.Errorf("scores: Embroidery %v <= Pottery %v", emb.Score, find(t, rel, "Pottery").Score)
	}
	if emb.Authors[0] != "Xia Hua" || len(emb.Tags) != 2 || emb.Feed != "Stories" {
		t.Errorf("related article fields not filled: %+v", emb.Article)
	}
	if rankOf(rel, "Winter Weaving") >= 0 {
		t.Error("an article is listed as related to itself")
	}
}

func TestRelatedRareTagOutranksCommonTag(t *testing.T) {
	st, _ := openRelatedStore(t)
	saveStories(t, st, filler(8, "News")...)
	saveStories(t, st,
		story{title: "Cliffs", day: 30, authors: []string{"Ann"}, tags: []string{"News", "Kittiwakes"}, text: "alpha"},
		story{title: "Nesting", day: 5, authors: []string{"Cy"}, tags: []string{"Kittiwakes"}, text: "charlie"},
		// Newer than Nesting, so recency cannot be why it ranks lower.
		story{title: "Headlines", day: 40, authors: []string{"Bo"}, tags: []string{"News"}, text: "bravo"},
	)
	rel := related(t, st, "Cliffs", 20)
	rare, common := rankOf(rel, "Nesting"), rankOf(rel, "Headlines")
	if rare != 0 || common < 0 {
		t.Fatalf("related = %q: the story sharing the rare tag must come first, then the one sharing the common tag", relatedTitles(rel))
	}
	if got := rel[rare].Reasons; !reflect.DeepEqual(got, []string{"tags: Kittiwakes"}) {
		t.Errorf("reasons = %q", got)
	}
}

func TestRelatedFindsTextSimilarStory(t *testing.T) {
	st, _ := openRelatedStore(t)
	saveStories(t, st, filler(6, "Misc")...)
	saveStories(t, st,
		story{title: "Loom notes", day: 10, authors: []string{"Ann"},
			text: "Weaving and embroidery by the window. The weaving frame; embroidery hoops; weaving again."},
		story{title: "Stitches", day: 2, authors: []string{"Bo"}, tags: []string{"Other"},
			text: "An afternoon of embroidery, then weaving a scarf."},
		story{title: "Harbour", day: 3, authors: []string{"Cy"}, text: "Boats in the harbour at dawn."},
	)
	rel := related(t, st, "Loom notes", 10)
	if len(rel) == 0 || rel[0].Title != "Stitches" {
		t.Fatalf("related = %q, want Stitches first", relatedTitles(rel))
	}
	if got, want := rel[0].Reasons, []string{"words: weaving, embroidery"}; !reflect.DeepEqual(got, want) {
		t.Errorf("reasons = %q, want %q", got, want)
	}
	if rankOf(rel, "Harbour") >= 0 {
		t.Errorf("Harbour shares nothing but is related: %q", relatedTitles(rel))
	}
}

// A popular tag's window holds only the articles nearest in date; a story
// met through its author must still be credited with the tag it shares.
func TestRelatedCreditsSharedTagsBeyondTheTagWindow(t *testing.T) {
	st, _ := openRelatedStore(t)
	stories := filler(300, "Daily")
	for i := range stories {
		stories[i].day = 100 + i
	}
	saveStories(t, st, stories...)
	saveStories(t, st,
		story{title: "Source", day: 400, authors: []string{"Ann"}, tags: []string{"Daily"}, text: "alpha"},
		story{title: "Long ago", day: 1, authors: []string{"Ann"}, tags: []string{"Daily"}, text: "bravo"},
	)
	rel := related(t, st, "Source", 5)
	if len(rel) == 0 || rel[0].Title != "Long ago" {
		t.Fatalf("related = %q, want Long ago first", relatedTitles(rel))
	}
	if want := []string{"same author: Ann", "tags: Daily"}; !reflect.DeepEqual(rel[0].Reasons, want) {
		t.Errorf("reasons = %q, want %q", rel[0].Reasons, want)
	}
}

func TestRelatedIsDeterministicAndOrdered(t *testing.T) {
	st, path := openRelatedStore(t)
	var stories []story
	for i := range 80 {
		stories = append(stories, story{
			title: fmt.Sprintf("Story%d", i), day: i % 9, // many share a date
			authors: []string{[]string{"Ann", "Bo", "Cy"}[i%3]},
			tags:    []string{[]string{"red", "green"}[i%2], []string{"up", "down", "flat", "round"}[i%4]},
			text:    fmt.Sprintf("common words here %s", []string{"tapestry", "lantern", "orchard", "meadow", "harbour"}[i%5]),
		})
	}
	saveStories(t, st, stories...)
	first := related(t, st, "Story7", 50)
	if len(first) != 50 {
		t.Fatalf("got %d related, want 50", len(first))
	}
	for i := 1; i < len(first); i++ {
		a, b := first[i-1], first[i]
		inOrder := a.Score > b.Score || a.Score == b.Score &&
			(a.Published.After(b.Published) || a.Published.Equal(b.Published) && a.ID > b.ID)
		if !inOrder {
			t.Fatalf("rows %d and %d out of order: %v %v %d, %v %v %d", i-1, i, a.Score, a.Published, a.ID, b.Score, b.Published, b.ID)
		}
	}
	// The same store opened afresh (no cache) ranks the same way.
	other, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	again, err := other.Related(context.Background(), storyID(t, st, "Story7"), 50)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, again) {
		t.Errorf("two rankings of one store differ:\n%q\n%q", relatedTitles(first), relatedTitles(again))
	}
}

func TestRelatedLimits(t *testing.T) {
	st, _ := openRelatedStore(t)
	saveStories(t, st, filler(70, "Shared")...)
	for _, c := range []struct{ n, want int }{{3, 3}, {0, 10}, {-1, 10}, {500, 50}} {
		if got := len(related(t, st, "Filler0", c.n)); got != c.want {
			t.Errorf("Related(n=%d) returned %d, want %d", c.n, got, c.want)
		}
	}
}

func TestRelatedUnknownArticle(t *testing.T) {
	st, _ := openRelatedStore(t)
	saveStories(t, st, filler(2, "x")...)
	if _, err := st.Related(context.Background(), 999, 10); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
}

func TestRelatedOfArticleSharingNothing(t *testing.T) {
	st, _ := openRelatedStore(t)
	saveStories(t, st, filler(3)...)
	rel, err := st.Related(context.Background(), storyID(t, st, "Filler1"), 10)
	if err != nil || len(rel) != 0 {
		t.Fatalf("Related = %q, %v; want none", relatedTitles(rel), err)
	}
}

func TestRelatedCacheFollowsTheStore(t *testing.T) {
	st, path := openRelatedStore(t)
	saveStories(t, st, filler(6, "Crafts")...)
	saveStories(t, st, story{title: "Weaving", day: 10, authors: []string{"Xia Hua"}, tags: []string{"Crafts", "Winter"}, text: "alpha"})
	id := storyID(t, st, "Weaving")
	ctx := context.Background()
	before, err := st.Related(ctx, id, 10) // ranked and cached
	if err != nil {
		t.Fatal(err)
	}
	if rankOf(before, "Shawl") >= 0 {
		t.Fatal("Shawl is related before it exists")
	}

	t.Run("a new article", func(t *testing.T) {
		saveStories(t, st, story{title: "Shawl", day: 11, authors: []string{"Xia Hua"}, tags: []string{"Winter"}, text: "bravo"})
		if rel := related(t, st, "Weaving", 10); len(rel) == 0 || rel[0].Title != "Shawl" {
			t.Fatalf("after adding Shawl: related = %q, want Shawl first", relatedTitles(rel))
		}
	})
	t.Run("a changed article", func(t *testing.T) {
		saveStories(t, st, story{title: "Filler3", day: 3, authors: []string{"Xia Hua"}, tags: []string{"Crafts", "Winter"}, text: "fillertext3"})
		if rel := related(t, st, "Weaving", 10); rankOf(rel, "Filler3") != 0 {
			t.Fatalf("after retagging Filler3: related = %q, want Filler3 first", relatedTitles(rel))
		}
	})
	t.Run("a change made by another process", func(t *testing.T) {
		other, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		if _, err := other.DB().Exec("DELETE FROM feeds"); err != nil { // cascades to every article
			t.Fatal(err)
		}
		if _, err := st.Related(ctx, id, 10); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("after the articles were removed elsewhere: err = %v, want ErrNotFound", err)
		}
	})
}

func TestRelatedReadsFlagsFresh(t *testing.T) {
	st, _ := openRelatedStore(t)
	saveStories(t, st, filler(3, "Crafts")...)
	ctx := context.Background()
	id := storyID(t, st, "Filler0")
	rel := related(t, st, "Filler0", 10) // ranked and cached
	if len(rel) == 0 || rel[0].Read || rel[0].Starred {
		t.Fatalf("related = %+v", rel)
	}
	if err := st.SetRead(ctx, rel[0].ID, true); err != nil {
		t.Fatal(err)
	}
	if err := st.SetStarred(ctx, rel[0].ID, true); err != nil {
		t.Fatal(err)
	}
	again, err := st.Related(ctx, id, 10)
	if err != nil {
		t.Fatal(err)
	}
	if again[0].ID != rel[0].ID || !again[0].Read || !again[0].Starred {
		t.Errorf("flags not current: %+v", again[0].Article)
	}
}

// The article count that weighs rarity is kept by triggers; it must agree
// with the articles table through adds, removals and cascades.
func TestArticleStatsCountArticles(t *testing.T) {
	st, _ := openRelatedStore(t)
	check := func(when string) {
		t.Helper()
		var kept, counted int
		if err := st.DB().QueryRow("SELECT articles FROM article_stats").Scan(&kept); err != nil {
			t.Fatal(err)
		}
		st.DB().QueryRow("SELECT count(*) FROM articles").Scan(&counted)
		if kept != counted {
			t.Errorf("%s: article_stats says %d articles, the table holds %d", when, kept, counted)
		}
	}
	check("empty")
	saveStories(t, st, filler(5, "a")...)
	check("after adding")
	saveStories(t, st, filler(5, "b")...) // the same five, changed
	check("after changing")
	if _, err := st.DB().Exec("DELETE FROM articles WHERE title = 'Filler2'"); err != nil {
		t.Fatal(err)
	}
	check("after removing one")
	st.DB().Exec("DELETE FROM feeds")
	check("after removing the feed")
}

// Related is called from the reader's commands, several at a time, while a
// refresh may be saving; run with -race.
func TestRelatedConcurrently(t *testing.T) {
	st, _ := openRelatedStore(t)
	saveStories(t, st, filler(30, "Crafts", "Winter")...)
	ctx := context.Background()
	errs := make(chan error, 9)
	for g := range 8 {
		go func() {
			var err error
			for i := range 20 {
				if _, err = st.Related(ctx, int64(1+(g*7+i)%30), 5); err != nil {
					break
				}
			}
			errs <- err
		}()
	}
	go func() {
		var err error
		for i := range 10 {
			_, err = st.SaveArticles(ctx, store.FeedInfo{URL: "file:///more", Kind: store.KindFile},
				[]store.NewArticle{{GUID: fmt.Sprint(i), Title: fmt.Sprintf("More%d", i), Tags: []string{"Crafts"}}})
			if err != nil {
				break
			}
		}
		errs <- err
	}()
	for range 9 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
