package ui

import (
	"testing"

	"github.com/herald-reader/herald/store"
)

var relatedSizes = []struct{ w, h int }{{80, 24}, {160, 50}}

func TestRelatedSectionRendersWithReasons(t *testing.T) {
	for _, sz := range relatedSizes {
		h := newHarness(t, newFakeStore(100), Options{}, sz.w, sz.h, stubRender)
		h.press("enter")
		if got := h.m.reader.article.ID; got != 100 {
			t.Fatalf("open article %d, want 100", got)
		}
		h.press("G")
		h.requireScreen("Related stories", "1. Article 95", "same author: Alice")
		h.requireFits()
	}
}

func TestNextRelatedOpensItAndListFollows(t *testing.T) {
	for _, sz := range relatedSizes {
		h := newHarness(t, newFakeStore(100), Options{}, sz.w, sz.h, stubRender)
		h.press("enter", "]")
		if got := h.m.reader.article.ID; got != 95 {
			t.Fatalf("] opened %d, want 95", got)
		}
		if got := h.cursorID(); got != 95 {
			t.Fatalf("list cursor on %d, want 95", got)
		}
		// Repeated ] walks down the list of the article the walk started at
		// (95's own first related story is 100).
		h.press("]", "]")
		if got := h.m.reader.article.ID; got != 85 {
			t.Fatalf("]]] opened %d, want 85", got)
		}
		h.press("[", "[", "[")
		if got := h.m.reader.article.ID; got != 100 {
			t.Fatalf("[ back to %d, want 100", got)
		}
		if got := h.cursorID(); got != 100 {
			t.Fatalf("list cursor on %d, want 100", got)
		}
		h.requireFits()
	}
}

func TestWalkKeepsOriginList(t *testing.T) {
	st := newFakeStore(100)
	h := newHarness(t, st, Options{}, 80, 24, stubRender)
	// Open 99: its related are 94, 89, 84; 94's are 99, 89. ] then ] walks
	// 99's list to 89.
	h.press("j", "enter", "]", "]")
	if got := h.m.reader.article.ID; got != 89 {
		t.Fatalf("got %d, want 89", got)
	}
}

func TestOpenRelatedByNumber(t *testing.T) {
	h := newHarness(t, newFakeStore(100), Options{}, 80, 24, stubRender)
	h.press("enter", "#", "3")
	if got := h.m.reader.article.ID; got != 85 {
		t.Fatalf("# 3 opened %d, want 85", got)
	}
	if h.m.focus != paneReader {
		t.Fatalf("focus %v, want the reader", h.m.focus)
	}
	// A digit without # is still a focus key.
	h.press("3")
	if h.m.focus != paneList {
		t.Fatalf("3 focused %v, want the list", h.m.focus)
	}
}

func TestStaleRelatedDropped(t *testing.T) {
	st := newFakeStore(100)
	h := newHarness(t, st, Options{}, 80, 24, stubRender)
	h.press("enter")
	// A late answer for another article must not show under this one.
	h.send(relatedMsg{id: 42, related: nil})
	stale, _ := st.Related(h.m.ctx, 50, 3)
	h.send(relatedMsg{id: 50, related: stale})
	if _, ok := h.m.related[50]; ok {
		t.Fatal("result for an article not shown was cached")
	}
	h.press("G")
	h.requireScreen("1. Article 95")
	h.requireNotScreen("Article 45")
}

func TestRelatedFetchedOncePerArticle(t *testing.T) {
	st := newFakeStore(100)
	h := newHarness(t, st, Options{}, 80, 24, stubRender)
	h.press("enter", "3", "enter")
	if n := len(st.relatedCalls); n != 1 {
		t.Fatalf("Related asked %d times (%v), want once", n, st.relatedCalls)
	}
}

func TestHistoryRoundTripRestoresScroll(t *testing.T) {
	st := newFakeStore(100)
	st.words = 2000
	h := newHarness(t, st, Options{}, 80, 24)
	h.press("enter")
	var ids []int64
	var ys []int
	for i := 0; i < 5; i++ {
		for j := 0; j <= i; j++ {
			h.press("j", "j")
		}
		ids = append(ids, h.m.reader.article.ID)
		ys = append(ys, h.m.reader.vp.YOffset())
		h.press("]")
	}
	last := h.m.reader.article.ID
	for i := 4; i >= 0; i-- {
		h.press("ctrl+o")
		if got := h.m.reader.article.ID; got != ids[i] {
			t.Fatalf("back %d: article %d, want %d", 5-i, got, ids[i])
		}
		if got := h.m.reader.vp.YOffset(); got != ys[i] {
			t.Fatalf("back to %d: scrolled to %d, want %d", ids[i], got, ys[i])
		}
		if got := h.cursorID(); got != ids[i] {
			t.Fatalf("list cursor on %d, want %d", got, ids[i])
		}
	}
	h.press("ctrl+o") // nothing further back
	if got := h.m.reader.article.ID; got != ids[0] {
		t.Fatalf("back past the start moved to %d", got)
	}
	for i := 1; i < 5; i++ {
		h.press("ctrl+n")
		if got := h.m.reader.article.ID; got != ids[i] {
			t.Fatalf("forward: article %d, want %d", got, ids[i])
		}
		if got := h.m.reader.vp.YOffset(); got != ys[i] {
			t.Fatalf("forward to %d: scrolled to %d, want %d", ids[i], got, ys[i])
		}
	}
	h.press("ctrl+n")
	if got := h.m.reader.article.ID; got != last {
		t.Fatalf("forward to %d, want %d", got, last)
	}
	// Going somewhere new after going back truncates the forward history.
	h.press("ctrl+o", "ctrl+o", "n", "ctrl+n")
	if len(h.m.forward) != 0 {
		t.Fatalf("forward history %d deep after a new article", len(h.m.forward))
	}
	h.requireFits()
}

// A short article's scroll position can lie in its related stories, which
// arrive after the body; going back must still land there.
func TestHistoryRestoresScrollIntoRelatedStories(t *testing.T) {
	st := newFakeStore(100)
	st.words = 30
	h := newHarness(t, st, Options{}, 80, 24)
	h.press("enter", "G")
	y := h.m.reader.vp.YOffset()
	if y == 0 {
		t.Fatal("the article and its related stories should scroll")
	}
	h.press("]")
	h.m.related = map[int64][]store.Related{} // related stories come in after the body
	h.press("ctrl+o")
	if got := h.m.reader.vp.YOffset(); got != y {
		t.Fatalf("back: scrolled to %d, want %d", got, y)
	}
}

func TestNextByAuthorAndTag(t *testing.T) {
	for _, sz := range relatedSizes {
		h := newHarness(t, newFakeStore(100), Options{}, sz.w, sz.h, stubRender)
		h.press("enter", "A") // 100 is Alice's; the next older of hers is 95
		if got := h.m.reader.article.ID; got != 95 {
			t.Fatalf("A opened %d, want 95", got)
		}
		if got := h.cursorID(); got != 95 {
			t.Fatalf("list cursor on %d, want 95", got)
		}
		h.press("T") // 95 is tagged 日本 (95%4 == 3); the next older so tagged: 91
		if got := h.m.reader.article.ID; got != 91 {
			t.Fatalf("T opened %d, want 91", got)
		}
		h.press("ctrl+o", "ctrl+o")
		if got := h.m.reader.article.ID; got != 100 {
			t.Fatalf("back twice to %d, want 100", got)
		}
		h.requireFits()
	}
}

func TestNextByChooser(t *testing.T) {
	st := newFakeStore(100)
	st.edit[100] = func(b *store.Body) { b.Tags = []string{"go", "rust"} }
	h := newHarness(t, st, Options{}, 80, 24, stubRender)
	h.press("enter", "T")
	if h.m.chooser == nil {
		t.Fatal("T on an article with two tags opened no chooser")
	}
	h.requireScreen("next by tag: 1 go · 2 rust")
	h.requireFits()
	if got := h.m.reader.article.ID; got != 100 {
		t.Fatalf("chooser opened %d already", got)
	}
	h.press("2") // rust: id%4 == 1, next older is 97
	if got := h.m.reader.article.ID; got != 97 {
		t.Fatalf("T 2 opened %d, want 97", got)
	}
	if h.m.focus != paneReader {
		t.Fatalf("the digit moved the focus to %v", h.m.focus)
	}
	h.press("ctrl+o", "T", "esc")
	if h.m.chooser != nil || h.m.reader.article.ID != 100 {
		t.Fatalf("esc left chooser %v, article %d", h.m.chooser, h.m.reader.article.ID)
	}
	h.press("T", "1") // go: id%4 == 0, next older is 96
	if got := h.m.reader.article.ID; got != 96 {
		t.Fatalf("T 1 opened %d, want 96", got)
	}
}

func TestJumpOutsideFilterSuspendsIt(t *testing.T) {
	for _, sz := range relatedSizes {
		h := newHarness(t, newFakeStore(100), Options{}, sz.w, sz.h, stubRender)
		h.press("/")
		h.typeText("tag:go")
		h.press("enter", "enter") // the list holds 100, 96, 92…; read 100
		if got := h.m.reader.article.ID; got != 100 {
			t.Fatalf("opened %d, want 100", got)
		}
		h.press("]") // 95 is tagged 日本, outside the filter
		if got := h.cursorID(); got != 95 {
			t.Fatalf("list cursor on %d, want 95", got)
		}
		if !h.m.filterSuspended || !h.m.list.filter.IsZero() {
			t.Fatalf("filter not suspended (suspended %v, list filter %+v)", h.m.filterSuspended, h.m.list.filter)
		}
		h.requireScreen("(suspended: esc restores it)")
		h.requireFits()
		h.press("[") // back to 100, which matches: the filter is back
		if h.m.filterSuspended || h.m.list.filter.IsZero() || h.cursorID() != 100 {
			t.Fatalf("filter not restored on a matching article (suspended %v, cursor %d)", h.m.filterSuspended, h.cursorID())
		}
		h.requireNotScreen("(suspended")
		h.press("]", "esc") // esc restores the filter rather than clearing it
		if h.m.filterSuspended || h.m.list.filter.IsZero() || h.m.filter.isZero() {
			t.Fatalf("esc did not restore the filter (suspended %v)", h.m.filterSuspended)
		}
		h.requireScreen("tag:go")
		h.requireNotScreen("(suspended")
	}
}

func TestRelatedPrefixLetsOtherKeysThrough(t *testing.T) {
	h := newHarness(t, newFakeStore(100), Options{}, 80, 24, stubRender)
	h.press("enter", "#", "tab")
	if h.m.focus == paneReader {
		t.Fatal("tab after # did not move the focus")
	}
	h.press("4", "#", "q")
	if !h.quit {
		t.Fatal("q after # did not quit")
	}
}

func TestReaderHelpListsRelatedKeys(t *testing.T) {
	h := newHarness(t, newFakeStore(100), Options{}, 160, 50, stubRender)
	h.press("enter", "?")
	h.requireScreen("next related", "previous related", "related 1-9", "next by author",
		"next by tag", "ctrl+o", "back", "ctrl+n", "forward")
	h.requireFits()
}

// A refresh that stored articles forgets the related stories the reader
// cached, as the new ones may rank among them: opening an article again
// asks the store anew.
func TestRefreshForgetsRelatedStories(t *testing.T) {
	st := newFakeStore(100)
	ref := &fakeRefresher{events: []RefreshProgress{{Done: 1, Total: 1, New: 1}}, result: RefreshResult{Feeds: 1, New: 1}}
	h := newHarness(t, st, Options{Refresh: ref.refresh}, 160, 50, stubRender, steppingClock)
	h.press("enter")
	id := h.m.reader.article.ID
	h.requireScreen("Related stories")
	h.press("3", "enter")
	if n := len(st.relatedCalls); n != 1 {
		t.Fatalf("opening the article again asked the store %d times, want once (cached)", n)
	}
	h.press("r")
	h.requireScreen("1 feed, 1 new article")
	h.press("esc", "3", "enter")
	if got := st.relatedCalls; len(got) != 2 || got[1] != id {
		t.Fatalf("after a refresh the store was asked for %v; want %d's list ranked anew", got, id)
	}
}

// Marking read and starring are written in the background, so a list read
// can start before the write lands; the rows that read brings back show
// what the user set anyway (an article opened by a jump showed unread).
func TestRowsShowReadAndStarredBeforeTheirWritesLand(t *testing.T) {
	st := newFakeStore(100)
	h := newHarness(t, st, Options{}, 80, 24, stubRender)
	st.holdWrites = true
	h.press("enter", "]") // opens 100, then jumps to 95
	h.press("3", "s")     // stars 95 from the list
	h.press("ctrl+r")     // reads the rows again, before the writes land
	for _, id := range []int64{100, 95} {
		pos, ok := h.m.list.win.indexOf(id)
		if !ok {
			t.Fatalf("article %d is not loaded", id)
		}
		if a, _ := h.m.list.win.at(pos); !a.Read {
			t.Errorf("article %d, opened, shows unread before its write lands", id)
		}
	}
	pos, _ := h.m.list.win.indexOf(95)
	if a, _ := h.m.list.win.at(pos); !a.Starred {
		t.Errorf("article 95, starred, shows unstarred before its write lands")
	}
	st.landWrites()
	h.press("m") // and back to unread: the last state set wins
	h.press("ctrl+r")
	if a, _ := h.m.list.win.at(pos); a.Read {
		t.Errorf("article 95, marked unread, shows read")
	}
}
