package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/herald-reader/herald/store"
)

func TestListColumnsDropColumnsAsTheListNarrows(t *testing.T) {
	cases := []struct {
		width                      int
		date, feed, author, hasTtl bool
	}{
		{20, false, false, false, true},
		{36, true, false, false, true},
		{50, true, false, true, true},
		{90, true, true, true, true},
	}
	for _, c := range cases {
		cols := listColumns(c.width, 10)
		if (cols.date > 0) != c.date || (cols.feed > 0) != c.feed || (cols.author > 0) != c.author || (cols.title > 0) != c.hasTtl {
			t.Errorf("listColumns(%d) = %+v", c.width, cols)
		}
		if cols.width() != c.width {
			t.Errorf("listColumns(%d) adds up to %d cells", c.width, cols.width())
		}
	}
}

func TestFormatRow(t *testing.T) {
	pub := time.Date(2024, 3, 9, 10, 0, 0, 0, time.Local)
	a := store.Article{Title: "Hello world", Feed: "Go Blog", Authors: []string{"Rob", "Ken"}, Published: pub}
	cols := rowColumns{date: 10, feed: 8, author: 8, title: 11}
	cases := []struct {
		name string
		a    func(store.Article) store.Article
		want string
	}{
		{"unread", func(a store.Article) store.Article { return a },
			"•  2024-03-09 Go Blog  Rob, Ken Hello world"},
		{"read and starred", func(a store.Article) store.Article { a.Read, a.Starred = true, true; return a },
			" ★ 2024-03-09 Go Blog  Rob, Ken Hello world"},
		{"long title cut with an ellipsis", func(a store.Article) store.Article { a.Title = "Hello wonderful world"; return a },
			"•  2024-03-09 Go Blog  Rob, Ken Hello wond…"},
		{"wide characters measured by display width", func(a store.Article) store.Article { a.Title = "日本語のタイトル"; return a },
			"•  2024-03-09 Go Blog  Rob, Ken 日本語のタ…"},
		{"emoji", func(a store.Article) store.Article { a.Feed = "🚀🚀🚀🚀🚀"; return a },
			"•  2024-03-09 🚀🚀🚀…  Rob, Ken Hello world"},
		{"escape sequences removed", func(a store.Article) store.Article { a.Title = "Hi\x1b]0;pwned\x07\x1b[2J"; return a },
			"•  2024-03-09 Go Blog  Rob, Ken Hi]0;pwned…"},
		{"no title", func(a store.Article) store.Article { a.Title = " \x1b "; return a },
			"•  2024-03-09 Go Blog  Rob, Ken (untitled) "},
		{"unknown date", func(a store.Article) store.Article { a.Published = time.Time{}; return a },
			"•             Go Blog  Rob, Ken Hello world"},
	}
	for _, c := range cases {
		got := formatRow(c.a(a), cols, "2006-01-02")
		if got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
		if w := ansi.StringWidth(got); w != cols.width() {
			t.Errorf("%s: %d cells, want %d", c.name, w, cols.width())
		}
		if strings.ContainsAny(got, "\x1b\x07") {
			t.Errorf("%s: row holds a control character: %q", c.name, got)
		}
	}
}

func TestFormatCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := formatCount(n); got != want {
			t.Errorf("formatCount(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFacetRow(t *testing.T) {
	cases := []struct {
		f      store.Facet
		width  int
		active bool
		want   string
	}{
		{store.Facet{Name: "Alice", Count: 12}, 14, false, "  Alice     12"},
		{store.Facet{Name: "Alice", Count: 12}, 14, true, "✓ Alice     12"},
		{store.Facet{Name: "Bartholomew", Count: 1200}, 14, false, "  Barth… 1,200"},
		{store.Facet{Name: "日本語", Count: 3}, 10, false, "  日本語 3"},
		{store.Facet{Name: "日本語です", Count: 3}, 10, false, "  日本…  3"},
	}
	for _, c := range cases {
		if got := facetRow(c.f, c.width, c.active); got != c.want {
			t.Errorf("facetRow(%v, %d, %v) = %q, want %q", c.f, c.width, c.active, got, c.want)
		}
	}
}

func TestDateWidthFitsTheWidestDate(t *testing.T) {
	for _, layout := range []string{"2006-01-02", "Jan 2", "Monday, January 2 15:04", "02/01"} {
		w := dateWidth(layout)
		for m := time.January; m <= time.December; m++ {
			for d := 1; d <= 28; d += 3 {
				s := formatDate(time.Date(2024, m, d, 9, 5, 0, 0, time.Local), layout)
				if ansi.StringWidth(s) > w {
					t.Fatalf("%q: %q is wider than %d", layout, s, w)
				}
			}
		}
	}
}

func TestFitLineIsExactlyTheWidth(t *testing.T) {
	cases := []struct {
		s string
		w int
	}{{"abc", 5}, {"abcdef", 3}, {"日本語", 5}, {"日本語", 4}, {"🚀x", 2}, {"\x1b[1mbold\x1b[0m", 2}, {"", 0}}
	for _, c := range cases {
		if got := ansi.StringWidth(fitLine(c.s, c.w)); got != c.w {
			t.Errorf("fitLine(%q, %d) is %d wide", c.s, c.w, got)
		}
	}
}

func TestFilterDescribeAndCombine(t *testing.T) {
	f := listFilter{author: "Jane Doe", tag: "go", query: "climate", parsed: store.Filter{Authors: []string{"Bob"}}}
	if got := f.describe(); got != `author:"Jane Doe" tag:go /climate` {
		t.Errorf("describe = %q", got)
	}
	sf := f.storeFilter()
	if strings.Join(sf.Authors, ",") != "Bob,Jane Doe" || strings.Join(sf.Tags, ",") != "go" {
		t.Errorf("storeFilter = %+v", sf)
	}
	if len(f.parsed.Authors) != 1 {
		t.Error("storeFilter changed the parsed query's slice")
	}
}

func TestNarrowSymbolsAreOneCell(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		if isNarrowSymbol(r) && ansi.StringWidth(string(r)) != 1 {
			t.Errorf("%U %q is %d cells", r, r, ansi.StringWidth(string(r)))
		}
	}
}

func TestCellWidthAgreesWithStringWidth(t *testing.T) {
	for _, s := range []string{
		"", "plain", "\x1b[1;38;2;1;2;3mstyled\x1b[m", "╭─ Tags ─╮", "• ★ ✓ ✗ … —", "café",
		"日本語", "🚀x", "e\u0301", "👨‍👩‍👧", "a\x1b]8;;http://x\x1b\\b", "\x1b[", "tab\there", "é\u0301",
		"★\ufe0f", "→\ufe0f",
	} {
		if got, want := cellWidth(s), ansi.StringWidth(s); got != want {
			t.Errorf("cellWidth(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	}
}

func TestJoinWrappedBreaksBetweenParts(t *testing.T) {
	parts := []string{"by Rafael Quint", "Field & Fork", "2026-11-15"}
	cases := map[int]string{
		60: "by Rafael Quint · Field & Fork · 2026-11-15",
		40: "by Rafael Quint · Field & Fork|2026-11-15",
		20: "by Rafael Quint|Field & Fork|2026-11-15",
	}
	for w, want := range cases {
		if got := strings.Join(joinWrapped(parts, " · ", w), "|"); got != want {
			t.Errorf("width %d: %q, want %q", w, got, want)
		}
	}
}

func TestBylineHashtagsAndDates(t *testing.T) {
	if got := byline([]string{"Ada", "", "Bo\x1b[31m"}); got != "Ada, Bo[31m" {
		t.Errorf("byline = %q", got)
	}
	if got := byline(nil); got != "" {
		t.Errorf("byline(nil) = %q", got)
	}
	if got := hashtags([]string{"go", "", "open source"}); got != "#go #open source" {
		t.Errorf("hashtags = %q", got)
	}
	d := time.Date(2024, 2, 29, 23, 30, 0, 0, time.Local)
	for layout, want := range map[string]string{"2006-01-02": "2024-02-29", "Jan 2 15:04": "Feb 29 23:30", "02/01/06": "29/02/24"} {
		if got := formatDate(d, layout); got != want {
			t.Errorf("formatDate(%q) = %q, want %q", layout, got, want)
		}
	}
	if got := formatDate(time.Time{}, "2006"); got != "" {
		t.Errorf("zero date = %q", got)
	}
}
