package ui

import (
	"strings"
	"testing"

	"github.com/herald-reader/herald/store"
)

func TestListShowsNewestFirstWithCountInStatus(t *testing.T) {
	h := newHarness(t, newFakeStore(1234), Options{}, 160, 50)
	h.requireScreen("Article 1234 about", "Article 1233 about", "1,234 articles", "1/1,234")
	if h.cursorID() != 1234 {
		t.Fatalf("cursor on %d, want the newest", h.cursorID())
	}
	h.requireFits()
}

func TestListKeysMoveTheCursor(t *testing.T) {
	h := newHarness(t, newFakeStore(500), Options{}, 80, 24)
	h.press("j", "j", "down")
	if h.cursorID() != 497 {
		t.Fatalf("after three downs the cursor is on %d, want 497", h.cursorID())
	}
	h.press("k")
	if h.cursorID() != 498 {
		t.Fatalf("after up the cursor is on %d, want 498", h.cursorID())
	}
	h.press("pgdown")
	if h.m.list.cursor != 2+h.m.list.visible() {
		t.Fatalf("pgdown: cursor at %d, want %d", h.m.list.cursor, 2+h.m.list.visible())
	}
	h.press("G")
	if h.cursorID() != 1 {
		t.Fatalf("G: cursor on %d, want the oldest", h.cursorID())
	}
	h.requireScreen("Article 1 about", "500/500")
	h.press("g")
	if h.cursorID() != 500 {
		t.Fatalf("g: cursor on %d, want the newest", h.cursorID())
	}
	h.requireFits()
}

// The list is virtual: at a million articles it reads a few pages, holds a
// bounded window, and still reaches the last article.
func TestListIsVirtualAtAMillionArticles(t *testing.T) {
	st := newFakeStore(1_000_000)
	h := newHarness(t, st, Options{}, 160, 50, stubRender)
	h.requireScreen("1,000,000 articles")
	for range 300 {
		h.press("j")
	}
	if h.cursorID() != 1_000_000-300 {
		t.Fatalf("cursor on %d after 300 downs", h.cursorID())
	}
	for range 50 {
		h.press("pgdown")
	}
	h.press("G")
	if h.cursorID() != 1 {
		t.Fatalf("G: cursor on %d, want article 1", h.cursorID())
	}
	h.requireScreen("Article 1 about", "1,000,000/1,000,000")
	if n := len(h.m.list.win.rows); n > h.m.list.maxRows() {
		t.Fatalf("the list holds %d rows, more than its bound %d", n, h.m.list.maxRows())
	}
	if st.maxLimit > maxStorePage {
		t.Fatalf("a page asked for %d rows", st.maxLimit)
	}
	if st.pageCalls > 100 {
		t.Fatalf("%d page reads for 300 rows, 50 pages and a jump", st.pageCalls)
	}
}

// Scrolling pages rows in ahead of the cursor, so the cursor never lands on
// a row still loading, and lets rows far behind go.
func TestListPagesAheadAndTrimsBehind(t *testing.T) {
	st := newFakeStore(20_000)
	h := newHarness(t, st, Options{}, 80, 24, stubRender)
	for i := range 3000 {
		h.press("j")
		if _, ok := h.m.list.current(); !ok {
			t.Fatalf("after %d downs the cursor is on a row not loaded", i+1)
		}
	}
	if n := len(h.m.list.win.rows); n > h.m.list.maxRows() {
		t.Fatalf("window of %d rows after scrolling, bound %d", n, h.m.list.maxRows())
	}
	if h.m.list.win.start == 0 {
		t.Fatal("rows far above the cursor were never let go")
	}
	// And back up again, reading the rows it let go.
	for range 3000 {
		h.press("k")
	}
	if h.cursorID() != 20_000 {
		t.Fatalf("back at the top the cursor is on %d", h.cursorID())
	}
}

// A row whose page has not arrived shows a placeholder, not stale data.
func TestListShowsPlaceholderForRowsStillLoading(t *testing.T) {
	h := newHarness(t, newFakeStore(5000), Options{}, 80, 24)
	// Jump well past the loaded window without running the page reads.
	for range 12 {
		h.sendOnly(keyPress("pgdown"))
	}
	if _, ok := h.m.list.current(); ok {
		t.Skip("the window already covered the jump")
	}
	h.requireScreen("…")
}

func TestListKeepsCursorAndScrollWhenArticlesAreAdded(t *testing.T) {
	st := newFakeStore(300)
	h := newHarness(t, st, Options{}, 160, 50)
	for range 30 {
		h.press("j")
	}
	id, row := h.cursorID(), h.m.list.cursor-h.m.list.offset
	st.add(5)
	h.send(storeChangedMsg{})
	if h.cursorID() != id {
		t.Fatalf("after 5 new articles the cursor is on %d, want %d", h.cursorID(), id)
	}
	if got := h.m.list.cursor - h.m.list.offset; got != row {
		t.Fatalf("the cursor moved from screen row %d to %d", row, got)
	}
	h.requireScreen("305 articles")
	h.press("g")
	h.requireScreen("Article 305 about")
}

// Filtering keeps the cursor on its article when it still matches.
func TestListKeepsCursorWhenTheFilterChangesAroundIt(t *testing.T) {
	st := newFakeStore(300)
	h := newHarness(t, st, Options{}, 160, 50, stubRender)
	for range 200 {
		h.press("j")
	}
	id := h.cursorID() // 100: author Alice (100 % 5 == 0), 40th of hers
	h.press("1", "enter")
	if h.m.filter.author != "Alice" {
		t.Fatalf("filter author %q, want Alice", h.m.filter.author)
	}
	if h.cursorID() != id {
		t.Fatalf("after filtering by its author the cursor is on %d, want %d", h.cursorID(), id)
	}
	if h.m.list.cursor != 40 {
		t.Fatalf("cursor at %d in the filtered list, want 40", h.m.list.cursor)
	}
	row := h.m.list.cursor - h.m.list.offset
	h.press("3", "esc") // back to the list, clear
	if h.cursorID() != id {
		t.Fatalf("after clearing the filter the cursor is on %d, want %d", h.cursorID(), id)
	}
	if got := h.m.list.cursor - h.m.list.offset; got != row {
		t.Fatalf("cursor moved from screen row %d to %d", row, got)
	}
}

// A reply for an earlier load (another filter) is dropped.
func TestListDropsRepliesForAnEarlierLoad(t *testing.T) {
	h := newHarness(t, newFakeStore(100), Options{}, 160, 50)
	stale := listAnchorMsg{gen: h.m.list.gen - 1, rows: []store.Article{{ID: 9999, Title: "stale row"}}}
	h.send(stale, listCountMsg{gen: h.m.list.gen - 1, count: 1})
	h.requireNotScreen("stale row")
	h.requireScreen("100 articles")
}

func TestListTogglesReadAndStar(t *testing.T) {
	st := newFakeStore(10)
	h := newHarness(t, st, Options{}, 160, 50)
	h.press("s", "m")
	a, _ := h.m.list.current()
	if !a.Starred || !a.Read {
		t.Fatalf("after s and m the row is %+v", a)
	}
	if !st.starred[10] || !st.read[10] {
		t.Fatal("the flags did not reach the store")
	}
	first := strings.Split(h.screen(), "\n")[1]
	if !strings.Contains(first, "▌ ★") {
		t.Fatalf("row %q does not show read and starred", first)
	}
	h.press("m")
	if a, _ := h.m.list.current(); a.Read || st.read[10] {
		t.Fatal("m again did not mark it unread")
	}
}

func TestEmptyFilterResultSaysSo(t *testing.T) {
	h := newHarness(t, newFakeStore(10), Options{}, 160, 50)
	h.press("/")
	h.typeText("nothingmatchesthis")
	h.press("enter")
	h.requireScreen("No articles match the filter.", "0 articles", "filter: /nothingmatchesthis")
}
