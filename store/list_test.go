package store

import (
	"fmt"
	"strings"
	"testing"
)

// fillNumbered stores n articles, one a day, alternating two authors and
// three tags, titled "article i".
func fillNumbered(t testing.TB, s *Store, n int) {
	t.Helper()
	items := make([]NewArticle, n)
	for i := range items {
		items[i] = NewArticle{
			GUID: fmt.Sprint(i), Title: fmt.Sprintf("article %d", i), Published: day(i % 50),
			Text:    fmt.Sprintf("body of article %d word%d", i, i%7),
			Authors: []string{[]string{"Ann", "Bo"}[i%2]}, Tags: []string{[]string{"red", "green", "blue"}[i%3]},
		}
	}
	if _, err := s.SaveArticles(ctx, FeedInfo{URL: "file:///n", Title: "Numbers", Kind: KindFile}, items); err != nil {
		t.Fatal(err)
	}
}

func titles(page []Article) []string {
	var out []string
	for _, a := range page {
		out = append(out, a.Title)
	}
	return out
}

func TestPageKeysetWalksWholeListBothWays(t *testing.T) {
	s := openTest(t)
	fillNumbered(t, s, 230)
	var forward []Article
	var from *Key
	for {
		page, err := s.Page(ctx, PageRequest{From: from, Limit: 37})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		forward = append(forward, page...)
		k := page[len(page)-1].Key()
		from = &k
	}
	if len(forward) != 230 {
		t.Fatalf("walked %d rows, want 230", len(forward))
	}
	for i := 1; i < len(forward); i++ {
		a, b := forward[i-1].Key(), forward[i].Key()
		if a.Published < b.Published || (a.Published == b.Published && a.ID <= b.ID) {
			t.Fatalf("out of order at %d: %v then %v", i, a, b)
		}
	}
	// Newer from the last row walks back up in list order.
	last := forward[len(forward)-1].Key()
	up, _ := s.Page(ctx, PageRequest{From: &last, Dir: Newer, Limit: 5})
	if fmt.Sprint(titles(up)) != fmt.Sprint(titles(forward[len(forward)-6:len(forward)-1])) {
		t.Fatalf("newer page %v", titles(up))
	}
	at, _ := s.Page(ctx, PageRequest{From: &last, Inclusive: true, Limit: 5})
	if len(at) != 1 || at[0].ID != forward[len(forward)-1].ID {
		t.Fatalf("inclusive page %v", titles(at))
	}
	pos, _ := s.Position(ctx, Filter{}, forward[100].Key())
	if pos != 100 {
		t.Fatalf("position %d, want 100", pos)
	}
}

func TestFilters(t *testing.T) {
	s := openTest(t)
	fillNumbered(t, s, 60)
	yes, no := true, false
	s.SetRead(ctx, 1, true)
	s.SetStarred(ctx, 2, true)
	cases := []struct {
		name string
		f    Filter
		want int
	}{
		{"all", Filter{}, 60},
		{"author", Filter{Authors: []string{"ann"}}, 30},
		{"tag", Filter{Tags: []string{"RED"}}, 20},
		{"author and tag", Filter{Authors: []string{"Ann"}, Tags: []string{"red"}}, 10},
		{"two tags", Filter{Tags: []string{"red", "green"}}, 0},
		{"not tag", Filter{NotTags: []string{"red"}}, 40},
		{"not author", Filter{NotAuthors: []string{"Bo"}}, 30},
		{"feed title", Filter{Feeds: []string{"numbers"}}, 60},
		{"feed url", Filter{Feeds: []string{"file:///n"}}, 60},
		{"not feed", Filter{NotFeeds: []string{"Numbers"}}, 0},
		{"unread", Filter{Unread: &yes}, 59},
		{"read", Filter{Unread: &no}, 1},
		{"starred", Filter{Starred: &yes}, 1},
		{"after", Filter{After: day(40)}, 10},
		{"before", Filter{Before: day(10)}, 20},
		{"text", Filter{Match: `"word3"`}, 9},
		{"text prefix", Filter{Match: `"word"*`}, 60},
		{"text and author", Filter{Match: `"word3"`, Authors: []string{"Bo"}}, 5},
		{"not text", Filter{NotMatch: `"word3"`}, 51},
		{"author in fts", Filter{Match: `"ann"`}, 30},
		{"tag in fts", Filter{Match: `"green"`}, 20},
		{"unknown author", Filter{Authors: []string{"nobody"}}, 0},
	}
	for _, c := range cases {
		n, err := s.Count(ctx, c.f)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		page, err := s.Page(ctx, PageRequest{Filter: c.f, Limit: 1000})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if n != c.want || len(page) != c.want {
			t.Errorf("%s: count %d, page %d, want %d", c.name, n, len(page), c.want)
		}
	}
}

func TestSearchNeverMissesNewOrChangedArticles(t *testing.T) {
	s := openTest(t)
	info := FeedInfo{URL: "file:///s", Kind: KindFile}
	s.SaveArticles(ctx, info, []NewArticle{{GUID: "a", Title: "first", Text: "kittiwake"}})
	if n, _ := s.Count(ctx, Filter{Match: `"kittiwake"`}); n != 1 {
		t.Fatalf("fresh article not found: %d", n)
	}
	// Changed text: the old word is gone from the index, the new one is in.
	s.SaveArticles(ctx, info, []NewArticle{{GUID: "a", Title: "first", Text: "puffin"}})
	if n, _ := s.Count(ctx, Filter{Match: `"kittiwake"`}); n != 0 {
		t.Fatalf("stale index row still matches: %d", n)
	}
	if n, _ := s.Count(ctx, Filter{Match: `"puffin"`}); n != 1 {
		t.Fatalf("changed article not found: %d", n)
	}
	if p, _ := s.PendingIndex(ctx); p != 0 {
		t.Fatalf("pending %d after query", p)
	}
	// A deleted article leaves the index.
	s.db.Exec("DELETE FROM articles")
	var left int
	s.db.QueryRow("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'puffin'").Scan(&left)
	if left != 0 {
		t.Fatalf("deleted article still in index")
	}
}

func TestSearchPagesInListOrder(t *testing.T) {
	s := openTest(t)
	fillNumbered(t, s, 300)
	f := Filter{Match: `"word"*`, NotMatch: `"word3"`}
	var all []Article
	var from *Key
	for {
		page, err := s.Page(ctx, PageRequest{Filter: f, From: from, Limit: 23})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		all = append(all, page...)
		k := page[len(page)-1].Key()
		from = &k
	}
	// Same rows, same order as the date walk with the same rows kept.
	var want []Article
	from = nil
	for {
		page, _ := s.Page(ctx, PageRequest{From: from, Limit: 50})
		if len(page) == 0 {
			break
		}
		for _, a := range page {
			if strings.Contains(bodyText(t, s, a.ID), "word3") {
				continue
			}
			want = append(want, a)
		}
		k := page[len(page)-1].Key()
		from = &k
	}
	if fmt.Sprint(titles(all)) != fmt.Sprint(titles(want)) {
		t.Fatalf("search order differs from list order:\n%v\n%v", titles(all), titles(want))
	}
	mid := all[100].Key()
	up, _ := s.Page(ctx, PageRequest{Filter: f, From: &mid, Dir: Newer, Limit: 3})
	if fmt.Sprint(titles(up)) != fmt.Sprint(titles(all[97:100])) {
		t.Fatalf("newer search page %v", titles(up))
	}
	if pos, _ := s.Position(ctx, f, mid); pos != 100 {
		t.Fatalf("position in search %d, want 100", pos)
	}
	after, _ := s.Count(ctx, Filter{Match: `"word"*`, After: day(40)})
	if after != 60 {
		t.Fatalf("search after a date: %d, want 60", after)
	}
}

func bodyText(t *testing.T, s *Store, id int64) string {
	b, err := s.Body(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return b.Text
}

// The unfiltered count is the one the triggers keep (TestArticleStatsCount
// Articles checks that it agrees with the table): the reader shows it on
// its first screen, where walking a million rows would cost a second.
func TestCountWithoutFilterReadsTheKeptCount(t *testing.T) {
	s := openTest(t)
	fillNumbered(t, s, 12)
	if n, err := s.Count(ctx, Filter{}); n != 12 || err != nil {
		t.Fatalf("count %d (%v), want 12", n, err)
	}
	if _, err := s.DB().Exec("UPDATE article_stats SET articles = 1000000"); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx, Filter{}); n != 1000000 {
		t.Fatalf("count %d: the rows were walked instead of the kept count read", n)
	}
	if n, _ := s.Count(ctx, Filter{Authors: []string{"ann"}}); n != 6 {
		t.Fatalf("filtered count %d, want 6 (walked)", n)
	}
}

// A list row's authors and tags come from indexes by article that hold
// their order and ids (migration 9): without them every name was a read in
// the link table at a random place, most of a cold first screen's time.
func TestListReadsNamesFromCoveringIndexes(t *testing.T) {
	s := openTest(t)
	fillNumbered(t, s, 3)
	for link, names := range map[string]string{"article_authors": "authors n ON n.id = l.author_id",
		"article_tags": "tags n ON n.id = l.tag_id"} {
		plan := queryPlan(t, s, "SELECT group_concat(n.name, char(31) ORDER BY l.pos) FROM "+
			link+" l JOIN "+names+" WHERE l.article_id = 2")
		if !strings.Contains(plan, "USING COVERING INDEX "+link+"_by_article_pos") {
			t.Errorf("%s names are read with:\n%s", link, plan)
		}
	}
}

// Checking a second name (an author and a tag) looks the article up in the
// by-article index, not every article of that name in the link table.
func TestNameChecksGoByArticle(t *testing.T) {
	s := openTest(t)
	fillNumbered(t, s, 3)
	q, err := s.buildFilter(ctx, Filter{Authors: []string{"ann"}, Tags: []string{"red"},
		NotAuthors: []string{"bo"}, NotTags: []string{"green"}})
	if err != nil {
		t.Fatal(err)
	}
	plan := queryPlan(t, s, "SELECT a.id FROM "+q.from+q.whereClause(), q.args...)
	if strings.Contains(plan, "SEARCH x USING PRIMARY KEY") || strings.Count(plan, "_by_article_pos (article_id=?)") != 3 {
		t.Errorf("name checks:\n%s", plan)
	}
}
