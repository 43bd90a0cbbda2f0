package demo

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/herald-reader/herald/store"
)

// allArticles loads the embedded feeds and flattens them, remembering the
// feed each article came from.
func allArticles(t *testing.T) ([]Feed, []store.NewArticle, map[string]string) {
	t.Helper()
	feeds, err := Feeds()
	if err != nil {
		t.Fatalf("Feeds: %v", err)
	}
	var articles []store.NewArticle
	feedOf := map[string]string{} // GUID -> feed URL
	for _, f := range feeds {
		for _, a := range f.Articles {
			articles = append(articles, a)
			feedOf[a.GUID] = f.Info.URL
		}
	}
	return feeds, articles, feedOf
}

func TestFeedsCounts(t *testing.T) {
	feeds, articles, feedOf := allArticles(t)
	authors := map[string]bool{}
	tags := map[string]bool{}
	feedsOfAuthor := map[string]map[string]bool{}
	for _, a := range articles {
		for _, name := range a.Authors {
			authors[name] = true
			if feedsOfAuthor[name] == nil {
				feedsOfAuthor[name] = map[string]bool{}
			}
			feedsOfAuthor[name][feedOf[a.GUID]] = true
		}
		for _, tag := range a.Tags {
			tags[tag] = true
		}
	}
	crossFeedAuthors := 0
	for _, fs := range feedsOfAuthor {
		if len(fs) >= 2 {
			crossFeedAuthors++
		}
	}

	tests := []struct {
		what     string
		got, min int
	}{
		{"feeds", len(feeds), 4},
		{"articles", len(articles), 36},
		{"authors", len(authors), 9},
		{"tags", len(tags), 14},
		{"authors writing for two feeds", crossFeedAuthors, 3},
		{"pairs sharing an author and two tags", countRelatedPairs(articles), 5},
	}
	for _, tt := range tests {
		if tt.got < tt.min {
			t.Errorf("%s: %d, want at least %d", tt.what, tt.got, tt.min)
		}
	}
}

// countRelatedPairs counts pairs of articles that share an author and at
// least two tags: the pairs the reader's related-story jumps should find.
func countRelatedPairs(articles []store.NewArticle) int {
	shared := func(a, b []string) int {
		n := 0
		for _, x := range a {
			if slices.Contains(b, x) {
				n++
			}
		}
		return n
	}
	pairs := 0
	for i, a := range articles {
		for _, b := range articles[i+1:] {
			if shared(a.Authors, b.Authors) >= 1 && shared(a.Tags, b.Tags) >= 2 {
				pairs++
			}
		}
	}
	return pairs
}

func TestFeedInfo(t *testing.T) {
	feeds, _, _ := allArticles(t)
	wantTitles := []string{"The Loom Quarterly", "Harbour Notes", "Circuit Gazette", "Field & Fork"}
	for i, f := range feeds {
		if f.Info.Title != wantTitles[i] {
			t.Errorf("feed %d title = %q, want %q", i, f.Info.Title, wantTitles[i])
		}
		if !strings.HasPrefix(f.Info.URL, "demo:") || f.Info.Kind != store.KindFile {
			t.Errorf("feed %q: URL %q kind %q, want demo: URL and kind %q", f.Info.Title, f.Info.URL, f.Info.Kind, store.KindFile)
		}
		if !strings.HasPrefix(f.Info.SiteURL, siteRoot) {
			t.Errorf("feed %q site %q is not under %s", f.Info.Title, f.Info.SiteURL, siteRoot)
		}
		for j := 1; j < len(f.Articles); j++ {
			if f.Articles[j].Published.After(f.Articles[j-1].Published) {
				t.Errorf("feed %q is not newest first at %s", f.Info.Title, f.Articles[j].GUID)
			}
		}
	}
}

func TestEveryArticleIsComplete(t *testing.T) {
	_, articles, _ := allArticles(t)
	guids := map[string]bool{}
	links := map[string]bool{}
	for _, a := range articles {
		checks := []struct {
			what string
			ok   bool
		}{
			{"title", strings.TrimSpace(a.Title) != ""},
			{"markdown body", strings.TrimSpace(a.Markdown) != ""},
			{"text body", strings.TrimSpace(a.Text) != ""},
			{"date", !a.Published.IsZero()},
			{"link under " + siteRoot, strings.HasPrefix(a.Link, siteRoot)},
			{"demo: GUID", strings.HasPrefix(a.GUID, "demo:")},
			{"authors", len(a.Authors) > 0},
			{"tags", len(a.Tags) > 0},
			{"unique GUID", !guids[a.GUID]},
			{"unique link", !links[a.Link]},
		}
		for _, c := range checks {
			if !c.ok {
				t.Errorf("%s: no %s", a.GUID, c.what)
			}
		}
		guids[a.GUID] = true
		links[a.Link] = true
	}
}

func TestDatesAreSpreadOut(t *testing.T) {
	_, articles, _ := allArticles(t)
	// Dates stay before the day the demo was written (2026-11-28): the store
	// clamps a future date to "now", which would reorder the sample.
	first := time.Date(2026, time.July, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2026, time.November, 27, 0, 0, 0, 0, time.UTC)
	days := map[string]string{}
	oldest, newest := end, first
	for _, a := range articles {
		p := a.Published
		if p.Before(first) || !p.Before(end) {
			t.Errorf("%s: date %s is not between July and 26 November 2026", a.GUID, p)
		}
		day := p.Format(time.DateOnly)
		if other, ok := days[day]; ok {
			t.Errorf("%s and %s share the day %s", a.GUID, other, day)
		}
		days[day] = a.GUID
		if p.Before(oldest) {
			oldest = p
		}
		if p.After(newest) {
			newest = p
		}
	}
	if span := newest.Sub(oldest); span < 90*24*time.Hour {
		t.Errorf("articles span %s, want at least 90 days", span)
	}
}

func TestNoControlCharacters(t *testing.T) {
	feeds, articles, _ := allArticles(t)
	check := func(where, s string, allowNewline bool) {
		for _, r := range s {
			if unicode.IsControl(r) && !(allowNewline && r == '\n') || r == unicode.ReplacementChar {
				t.Errorf("%s holds control character %U", where, r)
				return
			}
		}
	}
	for _, f := range feeds {
		check("feed title", f.Info.Title, false)
		check("feed URL", f.Info.URL, false)
		check("feed site", f.Info.SiteURL, false)
	}
	for _, a := range articles {
		for _, s := range append([]string{a.Title, a.Link, a.GUID}, append(a.Authors, a.Tags...)...) {
			check(a.GUID, s, false)
		}
		check(a.GUID+" markdown", a.Markdown, true)
		check(a.GUID+" text", a.Text, true)
	}
}

// The long articles show off the reading pane: every kind of block it renders.
func TestLongArticlesUseEveryBlock(t *testing.T) {
	_, articles, _ := allArticles(t)
	blocks := []struct {
		name    string
		pattern *regexp.Regexp
	}{
		{"heading", regexp.MustCompile(`(?m)^## \S`)},
		{"bullet list", regexp.MustCompile(`(?m)^- \S`)},
		{"numbered list", regexp.MustCompile(`(?m)^1\. \S`)},
		{"table", regexp.MustCompile(`(?m)^\|---`)},
		{"code block", regexp.MustCompile("(?m)^```")},
		{"blockquote", regexp.MustCompile(`(?m)^> \S`)},
		{"link", regexp.MustCompile(`\]\(https://`)},
	}
	long := 0
	for _, a := range articles {
		if len(strings.Fields(a.Text)) < 1500 {
			continue
		}
		long++
		for _, b := range blocks {
			if !b.pattern.MatchString(a.Markdown) {
				t.Errorf("long article %s has no %s", a.GUID, b.name)
			}
		}
	}
	if long < 2 {
		t.Errorf("%d articles of 1,500+ words, want at least 2", long)
	}
}

// Links between demo articles use each other's link URLs, so the reader can
// follow them inside the demo store; none may point nowhere.
func TestLinksBetweenArticlesResolve(t *testing.T) {
	_, articles, _ := allArticles(t)
	links := map[string]bool{}
	for _, a := range articles {
		links[a.Link] = true
	}
	internal := regexp.MustCompile(`\]\((https://herald\.example/[^)]*)\)`)
	found := 0
	for _, a := range articles {
		for _, m := range internal.FindAllStringSubmatch(a.Markdown, -1) {
			found++
			if !links[m[1]] {
				t.Errorf("%s links to %s, which is no demo article", a.GUID, m[1])
			}
			if m[1] == a.Link {
				t.Errorf("%s links to itself", a.GUID)
			}
		}
	}
	if found < 5 {
		t.Errorf("%d links between demo articles, want at least 5", found)
	}
}

func TestTextHasNoMarkdownSyntax(t *testing.T) {
	_, articles, _ := allArticles(t)
	leftovers := []struct {
		name    string
		pattern *regexp.Regexp
	}{
		{"heading marker", regexp.MustCompile(`(?m)^#+ `)},
		{"link syntax", regexp.MustCompile(`\]\(`)},
		{"strong emphasis", regexp.MustCompile(`\*\*`)},
		{"code fence", regexp.MustCompile("```")},
		{"table divider", regexp.MustCompile(`\|---`)},
		{"blockquote marker", regexp.MustCompile(`(?m)^> `)},
	}
	for _, a := range articles {
		for _, l := range leftovers {
			if l.pattern.MatchString(a.Text) {
				t.Errorf("%s: text still holds a %s", a.GUID, l.name)
			}
		}
	}
}
