package ui

import (
	"testing"

	"github.com/herald-reader/herald/store"
)

// m and s work on the open article in the reader as they do on the
// cursor's in the list, and say what they did (the row may be hidden).
func TestReaderTogglesReadAndStar(t *testing.T) {
	for _, sz := range relatedSizes {
		st := newFakeStore(100)
		h := newHarness(t, st, Options{}, sz.w, sz.h, stubRender)
		h.press("enter") // opens 100, marking it read
		h.press("m")
		h.requireScreen("marked unread")
		if st.read[100] || h.m.reader.article.Read {
			t.Fatalf("%dx%d: m in the reader: store read %v, reader %v", sz.w, sz.h, st.read[100], h.m.reader.article.Read)
		}
		if a, _ := h.m.list.current(); a.ID != 100 || a.Read {
			t.Fatalf("%dx%d: the list row of %d shows read %v", sz.w, sz.h, a.ID, a.Read)
		}
		h.press("s")
		h.requireScreen("starred")
		if !st.starred[100] || !h.m.reader.article.Starred {
			t.Fatalf("%dx%d: s in the reader did not star 100", sz.w, sz.h)
		}
		if a, _ := h.m.list.current(); !a.Starred {
			t.Fatalf("%dx%d: the list row does not show the star", sz.w, sz.h)
		}
		h.press("s", "m")
		if st.starred[100] || !st.read[100] {
			t.Fatalf("%dx%d: s and m again: starred %v, read %v", sz.w, sz.h, st.starred[100], st.read[100])
		}
		h.requireFits()
	}
}

// L in the list acts on the cursor's article, like the other keys that
// act on an article: it opens it and lists its links.
func TestLinksKeyWorksFromTheList(t *testing.T) {
	h := newHarness(t, linkedStore(), Options{}, 80, 24, stubRender)
	h.press("L")
	if h.m.links == nil || h.m.reader.article.ID != 100 {
		t.Fatalf("L in the list: picker %v, article %d; want 100's links", h.m.links != nil, h.m.reader.article.ID)
	}
	h.requireScreen("1  the forty-two story")
	h.requireFits()
}

// # says it waits for a number; n and p at the ends of the list say so
// instead of doing nothing.
func TestReaderKeysSayWhatTheyWaitFor(t *testing.T) {
	h := newHarness(t, newFakeStore(100), Options{}, 80, 24, stubRender)
	h.press("enter", "#")
	h.requireScreen("related story number")
	h.press("1")
	if got := h.m.reader.article.ID; got != 95 {
		t.Fatalf("#1 opened %d, want 95", got)
	}
	h.requireNotScreen("related story number")
	h.press("ctrl+o", "p") // 100 is the first article
	h.requireScreen("this is the list's first article")
	if got := h.m.reader.article.ID; got != 100 {
		t.Fatalf("p at the top opened %d", got)
	}
	h.press("G", "3", "G", "enter", "n") // 1 is the last article
	h.requireScreen("this is the list's last article")
	if got := h.m.reader.article.ID; got != 1 {
		t.Fatalf("n at the end: article %d, want 1", got)
	}
}

// In the chooser a digit past the names keeps it open; another key closes
// it and does what it does.
func TestChooserKeepsItsKeys(t *testing.T) {
	st := newFakeStore(100)
	st.edit[100] = func(b *store.Body) { b.Tags = []string{"go", "rust"} }
	h := newHarness(t, st, Options{}, 80, 24, stubRender)
	h.press("enter", "T", "7")
	if h.m.chooser == nil {
		t.Fatal("7 of two names closed the chooser")
	}
	h.requireScreen("next by tag: 1 go · 2 rust")
	h.press("j") // closes it and scrolls the reader
	if h.m.chooser != nil {
		t.Fatal("j left the chooser open")
	}
	if h.m.reader.vp.YOffset() != 1 {
		t.Fatalf("j after the chooser scrolled the reader to %d, want 1", h.m.reader.vp.YOffset())
	}
}

// The full key table has the link picker's and the chooser's keys.
func TestFullHelpListsPickerAndChooserKeys(t *testing.T) {
	h := newHarness(t, newFakeStore(20), Options{}, 200, 60, stubRender)
	h.press("?")
	h.requireScreen("Links (after L)", "open link", "Choosing a name (A, T)", "next by that name", "its links")
	h.requireFits()
}
