package ui

import (
	"strings"
	"testing"
)

func TestTabCyclesFocusAndNumbersJump(t *testing.T) {
	h := newHarness(t, newFakeStore(20), Options{}, 160, 50)
	if h.m.focus != paneList {
		t.Fatalf("starts focused on %d, want the list", h.m.focus)
	}
	for _, want := range []paneID{paneReader, paneAuthors, paneTags, paneList} {
		h.press("tab")
		if h.m.focus != want {
			t.Fatalf("tab: focus %d, want %d", h.m.focus, want)
		}
	}
	h.press("shift+tab")
	if h.m.focus != paneTags {
		t.Fatalf("shift+tab: focus %d, want tags", h.m.focus)
	}
	for key, want := range map[string]paneID{"1": paneAuthors, "2": paneTags, "3": paneList, "4": paneReader} {
		h.press(key)
		if h.m.focus != want {
			t.Fatalf("%s: focus %d, want %d", key, h.m.focus, want)
		}
	}
}

// The focused pane, and only it, has the heavy border.
func TestFocusedPaneHasAHeavyBorder(t *testing.T) {
	h := newHarness(t, newFakeStore(20), Options{}, 160, 50)
	for key, title := range map[string]string{"1": "Authors", "2": "Tags", "3": "Articles", "4": "Reader"} {
		h.press(key)
		s := h.screen()
		if !strings.Contains(s, "┏━ "+title+" ") {
			t.Fatalf("after %s the %s pane has no heavy border:\n%s", key, title, s)
		}
		if strings.Count(s, "┏") != 1 {
			t.Fatalf("after %s more than one pane has a heavy border:\n%s", key, s)
		}
	}
}

// The help line shows the focused pane's keys; ? shows all of them.
func TestHelpFollowsFocusAndQuestionMarkShowsAll(t *testing.T) {
	h := newHarness(t, newFakeStore(20), Options{}, 160, 50)
	helpLine := func() string {
		lines := strings.Split(h.screen(), "\n")
		return lines[len(lines)-1]
	}
	if l := helpLine(); !strings.Contains(l, "star") || !strings.Contains(l, "read/unread") {
		t.Fatalf("list help line %q lacks the list's keys", l)
	}
	h.press("4")
	if l := helpLine(); !strings.Contains(l, "next article") || strings.Contains(l, "star") {
		t.Fatalf("reader help line %q", l)
	}
	h.press("1")
	if l := helpLine(); !strings.Contains(l, "filter list") {
		t.Fatalf("sidebar help line %q", l)
	}
	h.press("?")
	h.requireScreen("quit", "star", "next article", "filter list", "previous pane", "page down", "find entry")
	h.requireFits()
	h.press("?")
	h.requireNotScreen("previous pane")

	// On a small terminal the table flows into rows (and scrolls: see
	// TestKeyTableScrollsOnASmallTerminal).
	h = newHarness(t, newFakeStore(20), Options{}, 80, 24, stubRender)
	h.press("?")
	h.requireScreen("Everywhere", "Panes", "Articles", "Reader", "Authors and tags", "Prompts",
		"quit", "star", "filter list", "find entry", "cancel")
	h.requireFits()
}

// On a small terminal the key table is taller than the screen: it says so
// and scrolls with the reader's keys, so every key can be read; esc closes
// it, and any other key closes it and does what it does.
func TestKeyTableScrollsOnASmallTerminal(t *testing.T) {
	h := newHarness(t, newFakeStore(20), Options{}, 80, 24, stubRender)
	h.press("?")
	h.requireScreen("lines 1–", "j/k, space/b scroll")
	h.requireNotScreen("forward") // ctrl+n, the reader's last key, is below
	h.requireFits()
	h.press("G")
	h.requireScreen("forward", "links")
	h.requireFits()
	h.press("g")
	h.requireScreen("Everywhere", "lines 1–")
	h.press("j", "j")
	h.requireScreen("lines 3–")
	h.press("esc")
	h.requireNotScreen("Everywhere")
	if h.m.showKeys {
		t.Fatal("esc left the key table open")
	}

	h.press("?", "1")
	if h.m.showKeys || h.m.focus != paneAuthors {
		t.Fatalf("1 over the key table: table open %v, focus %v; want it closed and the authors focused", h.m.showKeys, h.m.focus)
	}

	// Where it fits, nothing scrolls and nothing says so.
	h = newHarness(t, newFakeStore(20), Options{}, 160, 50, stubRender)
	h.press("?")
	h.requireScreen("forward", "links")
	h.requireNotScreen("j/k, space/b scroll")
}

// The key table's scroll hint names the keys as the config binds them, and
// those keys scroll it.
func TestKeyTableHintFollowsRebinding(t *testing.T) {
	keys := DefaultKeyMap()
	if err := keys.Apply(map[string][]string{"reader.down": {"x"}, "reader.up": {"z"}}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, newFakeStore(20), Options{Keys: keys}, 80, 24, stubRender)
	h.press("?")
	h.requireScreen("x/z, space/b scroll")
	h.press("x")
	h.requireScreen("lines 2–")
}

// On a narrow terminal the help line is cut; "? help", the way to every
// other key, is never what is cut.
func TestShortHelpKeepsTheHelpKey(t *testing.T) {
	for _, w := range []int{80, 60} {
		h := newHarness(t, newFakeStore(20), Options{}, w, 24, stubRender)
		h.press("enter")
		lines := strings.Split(h.screen(), "\n")
		last := lines[len(lines)-1]
		if !strings.Contains(last, "? help") {
			t.Errorf("%d columns: the help line lost \"? help\": %q", w, last)
		}
		h.requireFits()
	}
	h := newHarness(t, newFakeStore(20), Options{}, 200, 50, stubRender)
	h.press("enter")
	lines := strings.Split(h.screen(), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(strings.TrimSpace(last), "j/↓") {
		t.Errorf("wide, the pane's keys come first: %q", last)
	}
}
