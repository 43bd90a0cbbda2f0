package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// articleJSON is the JSON Lines object DESIGN.md fixes for an article.
// Markdown and Text are only set by `cat --format json` and `export json`.
type articleJSON struct {
	ID        int64    `json:"id"`
	Title     string   `json:"title"`
	URL       string   `json:"url"`
	Feed      string   `json:"feed"`
	Authors   []string `json:"authors"`
	Tags      []string `json:"tags"`
	Published string   `json:"published"`
	Read      bool     `json:"read"`
	Starred   bool     `json:"starred"`
	Markdown  *string  `json:"markdown,omitempty"`
	Text      *string  `json:"text,omitempty"`
}

// toJSON converts a stored article, cleaning every field for output: a
// store written by an older herald may hold what this one would strip.
func toJSON(a store.Article) articleJSON {
	return articleJSON{
		ID:        a.ID,
		Title:     sanitize.Line(a.Title),
		URL:       sanitize.Line(a.Link),
		Feed:      sanitize.Line(a.Feed),
		Authors:   cleanList(a.Authors),
		Tags:      cleanList(a.Tags),
		Published: a.Published.UTC().Format(time.RFC3339),
		Read:      a.Read,
		Starred:   a.Starred,
	}
}

// cleanList sanitises names and never returns nil, so JSON has [] not null.
func cleanList(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, sanitize.Line(n))
	}
	return out
}

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
		title += " — " + strings.Join(cleanList(a.Authors), ", ")
	}
	return fmt.Sprintf("%6d  %s  %s  %s  %s", a.ID, a.Published.UTC().Format("2006-01-02"), flags, feed, title)
}

// facetRow formats an author or tag line: count, then name.
func facetRow(f store.Facet) string {
	return fmt.Sprintf("%6d  %s", f.Count, sanitize.Line(f.Name))
}

// feedRow formats a feed line of `herald feeds`.
func feedRow(f store.Feed) string {
	title := sanitize.Line(f.Title)
	if title == "" {
		title = "(untitled)"
	}
	row := fmt.Sprintf("%6d  %6d unread  %s  <%s>", f.Articles, f.Unread, title, sanitize.Line(f.URL))
	if f.LastError != "" {
		row += "  error: " + sanitize.Line(f.LastError)
	}
	return row
}

// textHeader is the header block `cat` prints above an article's text.
func textHeader(a store.Article) string {
	var b strings.Builder
	b.WriteString(sanitize.Line(a.Title) + "\n")
	if len(a.Authors) > 0 {
		b.WriteString("By " + strings.Join(cleanList(a.Authors), ", ") + "\n")
	}
	b.WriteString(sanitize.Line(a.Feed) + " · " + a.Published.UTC().Format("2006-01-02 15:04 UTC") + "\n")
	if len(a.Tags) > 0 {
		b.WriteString("Tags: " + strings.Join(cleanList(a.Tags), ", ") + "\n")
	}
	if a.Link != "" {
		b.WriteString(sanitize.Line(a.Link) + "\n")
	}
	return b.String()
}
