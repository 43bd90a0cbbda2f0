package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/handoff"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// facetJSON is an author or tag in JSON Lines.
type facetJSON struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// feedJSON is a feed in JSON Lines.
type feedJSON struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	URL         string `json:"url"`
	Kind        string `json:"kind"`
	SiteURL     string `json:"site_url"`
	Articles    int    `json:"articles"`
	Unread      int    `json:"unread"`
	LastFetched string `json:"last_fetched,omitempty"`
	LastSuccess string `json:"last_success,omitempty"`
	LastError   string `json:"last_error,omitempty"`
	RetryAfter  string `json:"retry_after,omitempty"`
	Full        bool   `json:"full_articles"`
}

func toFeedJSON(f store.Feed) feedJSON {
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	return feedJSON{
		ID: f.ID, Title: sanitize.Line(f.Title), URL: sanitize.Line(f.URL), Kind: f.Kind,
		SiteURL: sanitize.Line(f.SiteURL), Articles: f.Articles, Unread: f.Unread,
		LastFetched: stamp(f.LastFetched), LastSuccess: stamp(f.LastSuccess), LastError: sanitize.Line(f.LastError),
		RetryAfter: stamp(f.RetryAfter), Full: f.FullArticles,
	}
}

// feedColumnWidth is the display width of the feed column in `ls`.
const feedColumnWidth = 18

// listRow formats an article as one line of `herald ls`:
//
//	1234  2026-01-31  N*  Feed title          Article title — Author
//
// N marks unread, * starred. Widths are display widths, so CJK feed titles
// keep the columns aligned.
func listRow(a store.Article) string {
	flags := []byte("  ")
	if !a.Read {
		flags[0] = 'N'
	}
	if a.Starred {
		flags[1] = '*'
	}
	feed := ansi.Truncate(sanitize.Line(a.Feed), feedColumnWidth, "…")
	feed += strings.Repeat(" ", feedColumnWidth-ansi.StringWidth(feed))
	title := sanitize.Line(a.Title)
	if title == "" {
		title = "(untitled)"
	}
	if len(a.Authors) > 0 {
		title += " — " + strings.Join(handoff.CleanNames(a.Authors), ", ")
	}
	return fmt.Sprintf("%6d  %s  %s  %s  %s", a.ID, a.Published.UTC().Format("2006-01-02"), flags, feed, title)
}

// facetRow formats an author or tag line: count, then name.
func facetRow(f store.Facet) string {
	return fmt.Sprintf("%6d  %s", f.Count, sanitize.Line(f.Name))
}

// feedRow formats a feed line of `herald feeds`:
//
//	12   120 articles    4 unread  Harbour Notes  <https://…/rss>  fetched 2026-11-28 09:41  error: HTTP 503 …
//
// The id comes first: `herald rm` and `herald refresh` take it. The error
// is the last fetch's, shown until a fetch succeeds.
func feedRow(f store.Feed) string {
	title := sanitize.Line(f.Title)
	if title == "" {
		title = "(untitled)"
	}
	noun := "articles"
	if f.Articles == 1 {
		noun = "article " // the column keeps its width
	}
	row := fmt.Sprintf("%4d  %5d %s  %5d unread  %s  <%s>  %s", f.ID, f.Articles, noun, f.Unread, title,
		sanitize.Line(f.URL), feedState(f))
	if f.FullArticles {
		row += " · full articles"
	}
	if f.LastError != "" {
		row += "  error: " + sanitize.Line(f.LastError)
	}
	return row
}

// feedState says when a feed last fetched well.
func feedState(f store.Feed) string {
	switch {
	case f.Kind != store.KindHTTP:
		return "imported"
	case f.LastSuccess.IsZero():
		return "never fetched"
	}
	return "fetched " + f.LastSuccess.Local().Format("2006-01-02 15:04")
}
