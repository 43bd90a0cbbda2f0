package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/herald-reader/herald/store"
)

// statusText is the status line as text, without styling.
func (h *harness) statusText() string {
	h.t.Helper()
	return strings.Split(h.screen(), "\n")[h.m.lay.Status.Y]
}

// requireWholeTerms fails unless the filter on the status line is query
// (after its "/") or a run of its first terms followed by " …": never a
// term cut in the middle.
func (h *harness) requireWholeTerms(query string) {
	h.t.Helper()
	status := h.statusText()
	i := strings.Index(status, "/")
	if i < 0 {
		h.t.Fatalf("status line %q shows no filter", status)
	}
	shown := status[i+1:]
	if strings.HasPrefix(shown, query) {
		return
	}
	cut := strings.Index(shown, " …")
	if cut < 0 {
		h.t.Fatalf("status line %q cuts the filter without an ellipsis", status)
	}
	terms := strings.Fields(query)
	for j, f := range strings.Fields(shown[:cut]) {
		if j >= len(terms) || f != terms[j] {
			h.t.Fatalf("status line %q shows %q, not a whole term of %q", status, f, query)
		}
	}
}

// A long filter leaves the message what the user just caused, and is cut at
// a term with an ellipsis; the count always shows.
func TestStatusMessageBesideALongFilter(t *testing.T) {
	const query = "is:unread -is:starred after:2020-01-01 before:2030-01-01 -tag:zzz"
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		dir := t.TempDir()
		h := newHarness(t, newFakeStore(100), Options{SaveDir: dir}, size[0], size[1], stubRender)
		h.press("/")
		h.typeText(query)
		h.press("enter")
		h.requireScreen("100 articles · filter: /is:unread")
		h.requireWholeTerms(query)
		h.requireFits()

		h.press("y")
		h.requireScreen("100 articles", "copied link https://example.com/a/100")
		h.requireWholeTerms(query)
		h.requireFits()

		h.press("S")
		h.requireScreen("100 articles", "/is:unread", "saved /")
		h.requireWholeTerms(query)
		h.requireFits()
	}
}

// A filter that matches nothing still leaves room for the message that
// says so.
func TestStatusMessageBesideAFilterMatchingNothing(t *testing.T) {
	const query = "zzzz is:unread -is:starred after:2020-01-01 before:2030-01-01"
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		h := newHarness(t, newFakeStore(100), Options{}, size[0], size[1], stubRender)
		h.press("/")
		h.typeText(query)
		h.press("enter", "y")
		h.requireScreen("0 articles", "no article to act on")
		h.requireWholeTerms(query)
		h.requireFits()
	}
}

// A failed open keeps its cause, which says what to do, and cuts the link
// before it.
func TestOpenErrorKeepsItsCause(t *testing.T) {
	st := newFakeStore(38)
	st.edit[38] = func(b *store.Body) { b.Link = "https://herald.example/loom/winter-light-and-indigo" }
	const cause = "xdg-open is not installed (set $BROWSER to your browser)"
	opener := func(context.Context, string) error { return errors.New("open link: " + cause) }
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		h := newHarness(t, st, Options{OpenURL: opener}, size[0], size[1], stubRender)
		h.press("o")
		h.requireScreen("38 articles", "open ", cause)
		h.requireFits()
	}
}

// However narrow the terminal, the count shows and the line fits.
func TestStatusLineAtNarrowWidths(t *testing.T) {
	h := newHarness(t, newFakeStore(8000), Options{}, 80, 24, stubRender)
	h.press("/")
	h.typeText("is:unread about 日本 after:2020-01-01 before:2030-01-01") // a quarter of the titles
	h.press("enter", "4", "y")                                          // the reader with nothing open: a message
	for w := 100; w >= 8; w-- {
		h.send(tea.WindowSizeMsg{Width: w, Height: 24})
		h.requireFits()
		if !strings.Contains(h.statusText(), "2,000") {
			t.Fatalf("at %d columns the status line %q lacks the count", w, h.statusText())
		}
		if w >= 30 && !strings.Contains(h.statusText(), "no article to act on") {
			t.Fatalf("at %d columns the status line %q lacks the message", w, h.statusText())
		}
	}
}

// The prompt's error gets the room the typed text leaves.
func TestPromptErrorGetsTheRoomTheTextLeaves(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		for _, c := range []struct{ typed, want string }{
			{"is:bogus", `✗ is: "bogus" is not one of unread, read, starred`},
			{"after:notadate", `✗ after: "notadate" is not a date (use YYYY-MM-DD)`},
		} {
			h := newHarness(t, newFakeStore(100), Options{}, size[0], size[1], stubRender)
			h.press("/")
			h.typeText(c.typed)
			h.press("enter")
			h.requireScreen("/ "+c.typed, c.want)
			h.requireFits()
		}
	}
	// A long entry scrolls to its end and the error takes half the line.
	h := newHarness(t, newFakeStore(100), Options{}, 80, 24, stubRender)
	h.press("/")
	h.typeText(strings.Repeat("word ", 20) + "is:bogus")
	h.press("enter")
	h.requireScreen(`word is:bogus`, `✗ is: "bogus" is not one of`)
	h.requireFits()
	if c := h.m.View().Cursor; c == nil || c.X >= 80 {
		t.Fatalf("cursor %v is off the line", c)
	}
}

// Typing past the end of the line scrolls the entry so the cursor and the
// text by it show.
func TestLongEntryScrollsToTheCursor(t *testing.T) {
	h := newHarness(t, newFakeStore(100), Options{}, 80, 24, stubRender)
	h.press("/")
	h.typeText(strings.Repeat("abcdefghi ", 10) + "THE-END")
	h.requireScreen("THE-END")
	if c := h.m.View().Cursor; c == nil || c.X != strings.Index(h.statusText(), "THE-END")+len("THE-END") {
		t.Fatalf("cursor %v is not after the text typed: %q", c, h.statusText())
	}
	h.requireFits()
}

// A hint that does not fit is cut at a word or a " · ", with an ellipsis.
func TestPromptPlaceholderCutAtAWord(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {70, 24}, {50, 20}, {160, 50}} {
		for _, k := range []string{"/", "|"} {
			h := newHarness(t, newFakeStore(100), Options{}, size[0], size[1], stubRender)
			h.press(k)
			h.requireFits()
			hint := h.m.prompt.input.Placeholder
			status := strings.TrimRight(h.statusText(), " ")
			label := h.m.prompt.input.Prompt
			shown := strings.TrimPrefix(status, label)
			if shown == status {
				t.Fatalf("%dx%d %s: status line %q lacks %q", size[0], size[1], k, status, label)
			}
			if shown == hint {
				continue
			}
			kept, ok := strings.CutSuffix(shown, " …")
			if !ok || !strings.HasPrefix(hint, kept) {
				t.Fatalf("%dx%d %s: hint %q shown as %q", size[0], size[1], k, hint, shown)
			}
			if next := hint[len(kept)]; next != ' ' && next != ',' && next != ';' {
				t.Fatalf("%dx%d %s: hint %q cut mid-word: %q", size[0], size[1], k, hint, shown)
			}
		}
	}
}

func TestCutText(t *testing.T) {
	for _, c := range []struct {
		in   string
		w    int
		want string
	}{
		{"short", 10, "short"},
		{"short", 5, "short"},
		{"is:unread before:2030-01-01", 20, "is:unread …"},
		{"is:unread -is:starred after:2020-01-01 before:2030-01-01", 50, "is:unread -is:starred after:2020-01-01 …"},
		{"pick the format · ↑ earlier commands", 30, "pick the format …"},
		{"words, author:NAME, tag:NAME, is:unread", 32, "words, author:NAME, tag:NAME …"},
		{"copied link https://example.com/a/very/long/path", 30, "copied link https://example.c…"},
		{"日本語 のとても長い 検索語", 16, "日本語 …"},
		{"日本語のとても長い検索語", 9, "日本語の…"},
		{"🚀🚀🚀🚀", 5, "🚀🚀…"},
		{"abc def", 1, "…"},
		{"abc def", 0, ""},
	} {
		got := cutText(c.in, c.w)
		if got != c.want {
			t.Errorf("cutText(%q, %d) = %q, want %q", c.in, c.w, got, c.want)
		}
		if w := ansi.StringWidth(got); w > c.w {
			t.Errorf("cutText(%q, %d) is %d cells", c.in, c.w, w)
		}
	}
}

func TestCutError(t *testing.T) {
	const open = "open https://herald.example/loom/winter-light-and-indigo: open link: xdg-open is not installed (set $BROWSER to your browser)"
	for _, c := range []struct {
		in   string
		w    int
		want string
	}{
		{"save: no room", 20, "save: no room"},
		{open, 66, "open ht…: xdg-open is not installed (set $BROWSER to your browser)"},
		{open, 90, "open https://herald.example/loo…: xdg-open is not installed (set $BROWSER to your browser)"},
		{open, 40, "xdg-open is not installed (set …"},
		{"no colon here at all", 10, "no colon …"},
	} {
		got := cutError(c.in, c.w)
		if got != c.want {
			t.Errorf("cutError(%q, %d) = %q, want %q", c.in, c.w, got, c.want)
		}
		if w := ansi.StringWidth(got); w > c.w {
			t.Errorf("cutError(%q, %d) is %d cells", c.in, c.w, w)
		}
	}
}

func TestFitStatus(t *testing.T) {
	const filter = "/is:unread -is:starred after:2020-01-01 before:2030-01-01 -tag:zzz"
	for _, c := range []struct {
		name                  string
		width                 int
		filter, message       string
		suspended, isError    bool
		count, label, fl, msg string
	}{
		{name: "all fits", width: 160, filter: filter, message: "copied link x",
			count: "38 articles", label: filterLabel, fl: filter, msg: "copied link x"},
		{name: "no message", width: 80, filter: filter,
			count: "38 articles", label: filterLabel, fl: "/is:unread -is:starred after:2020-01-01 …"},
		{name: "suspended", width: 70, filter: filter, suspended: true,
			count: "38 articles", label: filterLabel, fl: "/is:unread … (suspended: esc restores it)"},
		{name: "short message", width: 80, filter: filter, message: "no article to act on", isError: true,
			count: "38 articles", label: filterLabel, fl: "/is:unread -is:starred …", msg: "no article to act on"},
		{name: "long message leaves the filter a third", width: 80, filter: filter,
			message: "copied link https://herald.example/loom/winter-light-and-indigo",
			count:   "38 articles", label: " · ", fl: "/is:unread …", msg: "copied link https://herald.example/loom/winter-li…"},
		{name: "narrow: the number, the message", width: 30, filter: filter, message: "no article to act on", isError: true,
			count: "38", msg: "no article to act on"},
		{name: "very narrow", width: 12, filter: filter, message: "no article to act on", isError: true,
			count: "38", msg: "no …"},
		{name: "narrow, no message", width: 12, filter: filter, count: "38"},
		{name: "tiny", width: 4, filter: filter, message: "no article to act on",
			count: "38"},
		{name: "none", width: 2, filter: filter, message: "no article to act on"},
	} {
		p := fitStatus(c.width, statusTexts{count: "38 articles", number: "38", filter: c.filter, suspended: c.suspended, message: c.message, isError: c.isError})
		if p.count != c.count || p.filterLabel != c.label || p.filter != c.fl || p.message != c.msg {
			t.Errorf("%s: got %+v", c.name, p)
		}
		w := 2 + cellWidth(p.count) + cellWidth(p.filterLabel) + cellWidth(p.filter)
		if p.message != "" {
			w += statusGap + cellWidth(p.message)
		}
		if c.width >= 2 && w > c.width {
			t.Errorf("%s: %d cells in %d", c.name, w, c.width)
		}
	}
}

// countFailStore cannot count: its article_stats table is gone, say.
type countFailStore struct{ *fakeStore }

func (countFailStore) Count(context.Context, store.Filter) (int, error) {
	return 0, errors.New("no such table: article_stats")
}

// A count that fails says so on the status line, and keeps saying so after
// the pages read later succeed (they cleared the error, which left
// "… articles" and no word of why).
func TestAFailedCountStaysOnTheStatusLine(t *testing.T) {
	h := newHarness(t, countFailStore{newFakeStore(300)}, Options{}, 120, 30, stubRender)
	h.requireScreen("Article 300 about", "could not count the articles: no such table: article_stats")
	h.press("j", "j", "pgdown", "pgdown", "pgdown")
	h.requireScreen("could not count the articles: no such table: article_stats")
}
