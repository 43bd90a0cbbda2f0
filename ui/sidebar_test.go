package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/herald-reader/herald/store"
)

func TestSortFacetsByCountThenName(t *testing.T) {
	in := []store.Facet{{Name: "bob", Count: 3}, {Name: "Alice", Count: 3}, {Name: "zed", Count: 10}, {Name: "carol", Count: 1}, {Name: "alice", Count: 3}}
	got := sortFacets(in)
	want := []store.Facet{{Name: "zed", Count: 10}, {Name: "Alice", Count: 3}, {Name: "alice", Count: 3}, {Name: "bob", Count: 3}, {Name: "carol", Count: 1}}
	if !slices.Equal(got, want) {
		t.Fatalf("sortFacets = %v, want %v", got, want)
	}
	if in[0].Name != "bob" {
		t.Fatal("sortFacets changed its input")
	}
}

func TestSidebarsListAuthorsAndTagsWithCounts(t *testing.T) {
	h := newHarness(t, newFakeStore(23), Options{}, 160, 50, stubRender)
	// 23 articles: authors by id%5, tags by id%4.
	h.requireScreen("Authors", "Tags", "Bob                 5", "climate             6")
	lines := strings.Split(h.screen(), "\n")
	if !strings.Contains(lines[1], "Bob") || !strings.Contains(lines[4], "Alice") {
		t.Fatalf("authors not sorted by count then name:\n%s", strings.Join(lines[:7], "\n"))
	}
}

func TestSidebarEnterFiltersTheListAndAgainClears(t *testing.T) {
	st := newFakeStore(100)
	h := newHarness(t, st, Options{}, 160, 50, stubRender)
	h.press("1", "j", "enter") // the second author: Bob
	if h.m.filter.author != "Bob" {
		t.Fatalf("author filter %q", h.m.filter.author)
	}
	h.requireScreen("20 articles", "filter: author:Bob", "✓ Bob")
	h.requireNotScreen("Article 100 about")
	for _, a := range h.m.list.win.rows {
		if a.Authors[0] != "Bob" {
			t.Fatalf("row %d by %v in Bob's list", a.ID, a.Authors)
		}
	}
	h.press("enter")
	if h.m.filter.author != "" {
		t.Fatal("enter on the active entry did not clear it")
	}
	h.requireScreen("100 articles")
	h.requireNotScreen("filter:")
}

// Below 120 columns a sidebar is drawn over the list (or alone, below
// 80x24): enter filters and shows the list; esc closes the sidebar and
// keeps the filter, and esc again clears it. Beside the list (wide), the
// sidebar keeps the focus and esc clears.
func TestFoldedSidebarEnterShowsTheListAndEscClosesIt(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {60, 20}} {
		h := newHarness(t, newFakeStore(100), Options{}, sz.w, sz.h, stubRender)
		h.press("1", "j", "enter")
		if h.m.filter.author != "Bob" || h.m.focus != paneList {
			t.Fatalf("%dx%d: after enter, author filter %q, focus %v; want Bob, the list", sz.w, sz.h, h.m.filter.author, h.m.focus)
		}
		h.requireNotScreen("Authors")
		h.requireScreen("20 articles")
		h.press("2", "esc")
		if h.m.focus != paneList || h.m.filter.author != "Bob" {
			t.Fatalf("%dx%d: esc in the tags sidebar: focus %v, author %q; want the list, Bob kept", sz.w, sz.h, h.m.focus, h.m.filter.author)
		}
		h.requireNotScreen("Tags")
		h.press("esc")
		if h.m.filter.author != "" {
			t.Fatalf("%dx%d: esc in the list left the author filter %q", sz.w, sz.h, h.m.filter.author)
		}
		h.requireFits()
	}
	h := newHarness(t, newFakeStore(100), Options{}, 160, 50, stubRender)
	h.press("1", "j", "enter")
	if h.m.focus != paneAuthors {
		t.Fatalf("wide: enter moved the focus to %v", h.m.focus)
	}
	h.press("esc")
	if h.m.focus != paneAuthors || h.m.filter.author != "" {
		t.Fatalf("wide: esc: focus %v, author %q; want the authors, no filter", h.m.focus, h.m.filter.author)
	}
}

func TestAuthorAndTagFiltersCombineAndEscClears(t *testing.T) {
	h := newHarness(t, newFakeStore(100), Options{}, 160, 50, stubRender)
	h.press("1", "enter") // Alice (id%5 == 0), first by count then name
	h.press("2")
	// Tags sorted by count then name: climate(25) go(25) rust(25) 日本(25).
	h.press("enter") // climate (id%4 == 2)
	h.requireScreen("filter: author:Alice tag:climate")
	// Alice and climate: id%5==0 and id%4==2: 10, 30, 50, 70, 90.
	h.requireScreen("5 articles", "Article 90 about climate", "Article 10 about climate")
	h.press("esc")
	if !h.m.filter.isZero() {
		t.Fatalf("esc left filter %+v", h.m.filter)
	}
	h.requireScreen("100 articles")
	h.requireNotScreen("filter:", "✓")
}

func TestSidebarTypeToFilter(t *testing.T) {
	h := newHarness(t, newFakeStore(100), Options{}, 160, 50, stubRender)
	h.press("1", "f")
	h.typeText("ca") // "q" or "j" typed here must not quit or move
	h.requireScreen("find: ca")
	if got := h.m.authors.shown; len(got) != 1 || got[0].Name != "Carol" {
		t.Fatalf("shown %v, want only Carol", got)
	}
	h.typeText("q")
	if h.quit {
		t.Fatal("typing q in the sidebar's filter quit")
	}
	h.press("backspace", "enter") // keep "ca", back to the keys
	if h.m.authors.Typing() || h.m.authors.query != "ca" {
		t.Fatalf("typing %v query %q", h.m.authors.Typing(), h.m.authors.query)
	}
	h.press("enter") // filter the list by Carol
	if h.m.filter.author != "Carol" {
		t.Fatalf("author filter %q", h.m.filter.author)
	}
	h.press("f", "esc") // typing again, cancel: the query goes
	if h.m.authors.query != "" || len(h.m.authors.shown) != 5 {
		t.Fatalf("cancel left query %q and %d entries", h.m.authors.query, len(h.m.authors.shown))
	}
	if h.m.filter.author != "Carol" {
		t.Fatal("cancelling the sidebar's query dropped the list's filter")
	}
	h.requireFits()
}

func TestSidebarScrollsLongLists(t *testing.T) {
	h := newHarness(t, newFakeStore(10), Options{}, 80, 24, stubRender)
	var many []store.Facet
	for i := range 200 {
		many = append(many, store.Facet{Name: fmt.Sprintf("x%03d", i), Count: 1000 - i})
	}
	h.send(facetsMsg{authors: many, tags: nil})
	h.press("1", "G")
	h.requireScreen("x199")
	h.requireNotScreen("x000")
	h.press("g")
	h.requireScreen("x000")
	h.requireFits()
}
