package ui

import (
	"strings"
	"testing"
)

func TestSearchPromptFiltersTheList(t *testing.T) {
	h := newHarness(t, newFakeStore(100), Options{}, 160, 50, stubRender)
	h.press("/")
	if !h.m.prompt.open {
		t.Fatal("/ did not open the prompt")
	}
	h.typeText("author:Bob rust") // j, k, q, s, … are text here
	h.requireScreen("/ author:Bob rust")
	h.press("enter")
	if h.m.prompt.open {
		t.Fatal("the prompt stayed open after a good query")
	}
	// Bob: id%5==1; rust: id%4==1 → 1, 21, 41, 61, 81.
	h.requireScreen("5 articles", "filter: /author:Bob rust", "Article 81 about rust")
	// / again holds the current query.
	h.press("/")
	if h.m.prompt.Value() != "author:Bob rust" {
		t.Fatalf("prompt reopened with %q", h.m.prompt.Value())
	}
	h.press("esc")
	if h.m.prompt.open || h.m.filter.query != "author:Bob rust" {
		t.Fatal("esc in the prompt should close it and keep the filter")
	}
	h.press("esc")
	h.requireScreen("100 articles")
}

func TestBadQueryShowsAMessageInPlace(t *testing.T) {
	h := newHarness(t, newFakeStore(100), Options{}, 80, 24, stubRender)
	h.press("/")
	h.typeText("is:bogus")
	h.press("enter")
	if !h.m.prompt.open {
		t.Fatal("a bad query closed the prompt")
	}
	s := h.screen()
	status := strings.Split(s, "\n")[h.m.lay.Status.Y]
	if !strings.Contains(status, "is:bogus") || !strings.Contains(status, "✗") {
		t.Fatalf("status line %q does not show the query and why it failed", status)
	}
	if !h.m.filter.isZero() {
		t.Fatal("a bad query changed the filter")
	}
	h.requireFits()
	// Editing clears the message; a fixed query works.
	h.press("backspace", "backspace", "backspace", "backspace", "backspace")
	h.typeText("unread")
	if h.m.prompt.err != "" {
		t.Fatal("the message stayed after editing")
	}
	h.press("enter")
	h.requireScreen("filter: /is:unread")
}

func TestStoreErrorOnAFilteredReadIsShownNotFatal(t *testing.T) {
	st := newFakeStore(50)
	h := newHarness(t, st, Options{}, 160, 50, stubRender)
	st.failFilters = true
	h.press("/")
	h.typeText("anything")
	h.press("enter")
	h.requireScreen("could not read articles: fts5: syntax error")
	h.requireFits()
	st.failFilters = false
	h.press("esc")
	h.requireScreen("50 articles")
	h.requireNotScreen("could not read")
}

// ctrl+c quits from the prompt; q is a letter there.
func TestQuitKeysWhileTyping(t *testing.T) {
	h := newHarness(t, newFakeStore(5), Options{}, 80, 24, stubRender)
	h.press("/", "q")
	if h.quit {
		t.Fatal("q in the prompt quit")
	}
	h.press("ctrl+c")
	if !h.quit {
		t.Fatal("ctrl+c in the prompt did not quit")
	}
	h = newHarness(t, newFakeStore(5), Options{}, 80, 24, stubRender)
	h.press("q")
	if !h.quit {
		t.Fatal("q did not quit")
	}
}
