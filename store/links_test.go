package store

import (
	"reflect"
	"strings"
	"testing"
)

func TestLinkVariants(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ", nil},
		{"not a url", []string{"not a url"}},
		{"https://a.example/x", []string{"https://a.example/x", "https://a.example/x/", "http://a.example/x", "http://a.example/x/"}},
		{"https://a.example/x/", []string{"https://a.example/x/", "https://a.example/x", "http://a.example/x/", "http://a.example/x"}},
		{"HTTPS://A.Example:443/Path?q=1#frag", []string{"HTTPS://A.Example:443/Path?q=1#frag", "https://A.Example:443/Path?q=1",
			"https://a.example/Path?q=1", "https://a.example/Path/?q=1", "http://a.example/Path?q=1", "http://a.example/Path/?q=1"}},
		{"http://a.example", []string{"http://a.example", "http://a.example/", "https://a.example/", "https://a.example"}},
		{"ftp://a.example/f", []string{"ftp://a.example/f", "ftp://a.example/f/"}},
	}
	for _, tt := range tests {
		if got := linkVariants(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("linkVariants(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestArticlesByLink(t *testing.T) {
	s := openTest(t)
	items := []NewArticle{
		{GUID: "1", Title: "Exact", Link: "https://news.example/a", Published: day(1)},
		{GUID: "2", Title: "Slash", Link: "https://news.example/b/", Published: day(2)},
		{GUID: "3", Title: "Plain http", Link: "http://news.example/c", Published: day(3)},
		{GUID: "4", Title: "Old copy", Link: "https://news.example/d", Published: day(4)},
		{GUID: "6", Title: "No link", Published: day(6)},
	}
	if _, err := s.SaveArticles(ctx, FeedInfo{URL: "file:///one", Kind: KindFile}, items); err != nil {
		t.Fatal(err)
	}
	// The same story in another feed, newer: it is the one taken.
	if _, err := s.SaveArticles(ctx, FeedInfo{URL: "file:///two", Kind: KindFile},
		[]NewArticle{{GUID: "5", Title: "New copy", Link: "https://news.example/d", Published: day(5)}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.ArticlesByLink(ctx, []string{
		"https://news.example/a",
		"https://NEWS.example/b#comments",
		"https://news.example/c/",
		"https://news.example/d",
		"https://news.example/elsewhere",
		"",
		"https://news.example/a", // asked twice
	})
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]string{}
	for l, a := range got {
		titles[l] = a.Title
		if len(a.Authors) != 0 || a.Feed == "" {
			t.Errorf("%s: list row not filled: %+v", l, a)
		}
	}
	want := map[string]string{
		"https://news.example/a":          "Exact",
		"https://NEWS.example/b#comments": "Slash",
		"https://news.example/c/":         "Plain http",
		"https://news.example/d":          "New copy",
	}
	if !reflect.DeepEqual(titles, want) {
		t.Fatalf("got %v\nwant %v", titles, want)
	}
}

// Many links are looked up in chunks, not one statement over SQLite's
// limit on parameters.
func TestArticlesByLinkMany(t *testing.T) {
	s := openTest(t)
	if _, err := s.SaveArticles(ctx, FeedInfo{URL: "file:///one", Kind: KindFile},
		[]NewArticle{{GUID: "1", Title: "Last", Link: "https://news.example/9999", Published: day(1)}}); err != nil {
		t.Fatal(err)
	}
	var links []string
	for i := range 10000 {
		links = append(links, "https://news.example/"+strings.Repeat("x", i%3)+itoa(i))
	}
	got, err := s.ArticlesByLink(ctx, links)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got["https://news.example/9999"].Title != "Last" {
		t.Fatalf("got %v", got)
	}
}

func itoa(i int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + i%10)}, b...)
		if i /= 10; i == 0 {
			return string(b)
		}
	}
}

// The lookup is an index search, not a scan of every article.
func TestArticlesByLinkUsesIndex(t *testing.T) {
	s := openTest(t)
	plan := queryPlan(t, s, articlesWithLinksQuery(3), "a", "b", "c")
	if !strings.Contains(plan, "articles_by_link") || strings.Contains(plan, "SCAN a") {
		t.Fatalf("plan does not search articles_by_link:\n%s", plan)
	}
}

// queryPlan is SQLite's plan for query, one step a line.
func queryPlan(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "\n")
}
