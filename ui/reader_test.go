package ui

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/store"
)

func TestOpeningAnArticleShowsHeaderAndBodyAndMarksItRead(t *testing.T) {
	st := newFakeStore(20)
	h := newHarness(t, st, Options{}, 160, 50)
	h.press("j", "enter") // article 19: Eve 🚀, Tech News, tag 日本
	if h.m.focus != paneReader {
		t.Fatalf("focus %d after enter, want the reader", h.m.focus)
	}
	h.requireScreen("Article 19 about 日本", "by Eve 🚀 · Tech News · 2024-01-01", "#日本",
		"https://example.com/a/19", "Part one of 19", "word0 word1")
	if !slices.Contains(st.setReadIDs, 19) || !st.read[19] {
		t.Fatal("opening did not mark the article read in the store")
	}
	if a, _ := h.m.list.current(); !a.Read {
		t.Fatal("the list still shows the article unread")
	}
	if st.markdown[19] == "" {
		t.Fatal("the markdown conversion was not stored")
	}
	h.requireFits()
}

func TestReaderScrollsWithAPositionIndicator(t *testing.T) {
	st := newFakeStore(5)
	st.words = 2000
	h := newHarness(t, st, Options{}, 120, 30)
	h.press("enter")
	footer := func() string {
		lines := strings.Split(h.screen(), "\n")
		return lines[h.m.lay.Panes[paneReader].H-1]
	}
	if !strings.Contains(footer(), " 0% ") {
		t.Fatalf("reader footer %q at the top, want 0%%", footer())
	}
	h.press("space")
	if h.m.reader.vp.YOffset() == 0 {
		t.Fatal("space did not scroll")
	}
	h.press("G")
	if !strings.Contains(footer(), " 100% ") {
		t.Fatalf("reader footer %q at the bottom, want 100%%", footer())
	}
	h.requireScreen("word1999")
	h.press("g", "j", "j")
	if h.m.reader.vp.YOffset() != 2 {
		t.Fatalf("offset %d after g j j", h.m.reader.vp.YOffset())
	}
	// A short article fits: the indicator says so.
	st = newFakeStore(5)
	st.words = 5
	h = newHarness(t, st, Options{}, 120, 30)
	h.press("enter")
	if !strings.Contains(footer(), " all ") {
		t.Fatalf("short article footer %q, want all", footer())
	}
}

func TestNextAndPreviousArticleFromTheReader(t *testing.T) {
	h := newHarness(t, newFakeStore(20), Options{}, 160, 50, stubRender)
	h.press("enter", "n", "n")
	if h.m.reader.article.ID != 18 || h.cursorID() != 18 {
		t.Fatalf("after n n the reader shows %d (cursor %d), want 18", h.m.reader.article.ID, h.cursorID())
	}
	h.press("p")
	if h.m.reader.article.ID != 19 {
		t.Fatalf("after p the reader shows %d, want 19", h.m.reader.article.ID)
	}
	h.requireScreen("body of 19")
}

// The article under the cursor and its neighbours are rendered before they
// are opened, so opening one reads nothing and renders nothing.
func TestArticlesAreRenderedAheadAndCached(t *testing.T) {
	st := newFakeStore(50)
	h := newHarness(t, st, Options{}, 160, 50)
	h.press("j", "j")
	for _, id := range []int64{48, 47, 49} {
		if !h.m.renders.has(h.m.renderKeyFor(id)) {
			t.Fatalf("article %d was not rendered ahead", id)
		}
	}
	// The body shows as the key is handled, before any command runs.
	cmd := h.sendOnly(keyPress("enter"))
	h.requireScreen("Part one of 48")
	if h.m.rendering[h.m.reader.want] {
		t.Fatal("opening a rendered article rendered it again")
	}
	h.run(cmd)
	h.press("3")
	h.sendOnly(keyPress("k"))
	h.sendOnly(keyPress("enter")) // 49: a neighbour, rendered ahead too
	h.requireScreen("Part one of 49")
}

func TestRenderForAStaleArticleOrWidthIsDropped(t *testing.T) {
	h := newHarness(t, newFakeStore(50), Options{}, 160, 50, stubRender)
	h.press("enter")
	want := h.m.reader.want

	// A render for another article arrives: not shown.
	other := renderKey{id: 3, width: want.width, style: want.style}
	h.send(renderedMsg{key: other, rendering: rendering{lines: []string{"OTHER ARTICLE"}}})
	h.requireNotScreen("OTHER ARTICLE")

	// Renders at the old width arrive after a resize: neither shown nor cached.
	h.send(tea.WindowSizeMsg{Width: 130, Height: 40})
	if h.m.reader.want.width == want.width {
		t.Fatal("the reader still waits for the old width")
	}
	neighbour := renderKey{id: 20, width: want.width, style: want.style}
	h.send(renderedMsg{key: want, rendering: rendering{lines: []string{"OLD WIDTH"}}}, renderedMsg{key: neighbour, rendering: rendering{lines: []string{"OLD WIDTH"}}})
	h.requireNotScreen("OLD WIDTH")
	if h.m.renders.has(neighbour) {
		t.Fatal("a render for the old width was cached")
	}
	h.requireScreen("body of 50 at " + itoa(h.m.reader.want.width))
}

func itoa(n int) string { return formatCount(n) }

// A render that is still running when another article is opened does not
// replace it.
func TestSlowRenderOfThePreviousArticleDoesNotReplaceTheCurrent(t *testing.T) {
	h := newHarness(t, newFakeStore(50), Options{}, 160, 50, stubRender)
	h.m.renders = newRenderCache(renderCacheSize) // nothing ahead
	first := h.sendOnly(keyPress("enter"))        // render of 50 starts, not finished
	h.press("3", "j", "enter")                    // open 49 meanwhile
	h.run(first)                                  // 50's render lands now
	if h.m.reader.article.ID != 49 {
		t.Fatalf("reader shows %d", h.m.reader.article.ID)
	}
	h.requireScreen("body of 49")
	h.requireNotScreen("body of 50")
}

func TestStyleFollowsTheTerminalBackgroundUnlessConfigured(t *testing.T) {
	light := tea.BackgroundColorMsg{Color: color.White}
	dark := tea.BackgroundColorMsg{Color: color.Black}

	h := newHarness(t, newFakeStore(10), Options{}, 160, 50, stubRender)
	h.press("enter")
	if h.m.reader.want.style != "dark" {
		t.Fatalf("style %q before the terminal answers, want dark", h.m.reader.want.style)
	}
	h.send(light)
	if h.m.reader.want.style != "light" || h.m.dark {
		t.Fatalf("style %q on a light terminal", h.m.reader.want.style)
	}
	w := itoa(h.m.reader.want.width)
	h.requireScreen("body of 10 at " + w + " in light")
	h.send(dark)
	h.requireScreen("body of 10 at " + w + " in dark")

	h = newHarness(t, newFakeStore(10), Options{Theme: "dark"}, 160, 50, stubRender)
	h.send(light)
	if !h.m.dark || h.m.glamourStyle() != "dark" {
		t.Fatal("theme dark followed a light terminal")
	}
	h = newHarness(t, newFakeStore(10), Options{GlamourStyle: "dracula"}, 160, 50, stubRender)
	h.send(light)
	if h.m.glamourStyle() != "dracula" {
		t.Fatalf("glamour style %q, want the configured dracula", h.m.glamourStyle())
	}
}

func TestRealRenderUsesTheConfiguredStyle(t *testing.T) {
	h := newHarness(t, newFakeStore(10), Options{GlamourStyle: "ascii"}, 160, 50)
	h.press("enter")
	h.requireScreen("## Part one of 10")
	if strings.Contains(h.m.View().Content, "\x1b[38;5") {
		t.Error("the ascii style rendered colours")
	}
}

func TestRenderErrorIsShownNotFatal(t *testing.T) {
	h := newHarness(t, newFakeStore(10), Options{GlamourStyle: "/no/such/style.json"}, 160, 50)
	h.press("enter")
	h.requireScreen("Article 10 about", "Could not show this article")
	h.requireFits()
}

// Hostile article text never reaches the terminal as an escape sequence:
// not in the list, the header, the body (where glamour would decode
// "&#27;" into ESC), the status line or the window title.
func TestHostileArticleTextEmitsNoEscapeSequence(t *testing.T) {
	st := newFakeStore(3)
	st.edit[3] = func(b *store.Body) {
		b.Title = "Evil \x1b]0;pwned\x07 title \x1b[2J"
		b.Feed = "feed\x1bP+q\x1b\\"
		b.Authors = []string{"Mallory\x9b31m"}
		b.Tags = []string{"tag\x1b]52;c;aGk=\x07"}
		b.Link = "https://evil.example/\x1b]8;;http://x\x1b\\"
		b.Content = `<p>Hi &#27;]0;pwned&#7; and &#x1b;[31m red &amp;#27;]52;c;aGk=&#7;</p>` +
			"<p>raw \x1b]2;title\x07 and \x1b[1;1H</p><pre>\tcode\x1b(0</pre>" +
			`<p><a href="https://x.example/&#27;]8;;">link</a></p>`
	}
	// A stored conversion goes to glamour as it is: entities glamour decodes
	// after parsing (into ESC, into a tab), a link it would make an OSC 8
	// hyperlink of.
	st.markdown[2] = "Hi &#27;]0;pwned&#7; [a link](https://example.com/x) &Tab;tabbed \x1b[2J &#x9b;31m"
	h := newHarness(t, st, Options{}, 160, 50)
	for _, k := range []string{"enter", "n"} {
		h.press(k)
		h.requireScreen("Hi")
		v := h.m.View()
		requireOnlySGR(t, v.Content)
		if strings.ContainsAny(v.WindowTitle, "\x1b\x07") {
			t.Errorf("window title %q", v.WindowTitle)
		}
		if strings.Contains(v.Content, "\t") {
			t.Error("a tab reached the screen")
		}
		h.requireFits()
	}
	h.requireScreen("a link", "tabbed")
}

// requireOnlySGR fails if s holds any escape sequence but ESC [ … m, or any
// other control character but newline.
func requireOnlySGR(t *testing.T, s string) {
	t.Helper()
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 0x1b:
			j := i + 1
			if j >= len(s) || s[j] != '[' {
				t.Fatalf("non-CSI escape at %d: %q", i, s[i:min(i+20, len(s))])
			}
			for j++; j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':'); j++ {
			}
			if j >= len(s) || s[j] != 'm' {
				t.Fatalf("non-SGR sequence at %d: %q", i, s[i:min(i+20, len(s))])
			}
			i = j
		case c < 0x20 && c != '\n', c == 0x7f:
			t.Fatalf("control %#x at %d: %q", c, i, s[max(i-10, 0):min(i+10, len(s))])
		}
	}
	if strings.Contains(s, "\u009b") || strings.Contains(s, "\u202e") {
		t.Fatal("a C1 control or bidi override reached the screen")
	}
}

// With nothing open, the reading pane says how to open an article, wrapped
// to the pane: at 80×24 the sentence is longer than the pane is wide.
func TestReaderHintWrapsToThePane(t *testing.T) {
	h := newHarness(t, newFakeStore(5), Options{}, 80, 24, stubRender)
	screen := h.screen()
	for _, w := range []string{"Select an article", "enter", "read", "it."} {
		if !strings.Contains(screen, w) {
			t.Fatalf("the hint lost %q:\n%s", w, screen)
		}
	}
}

// A resize renders the article again at the new width; the reader keeps
// its place in it (the bottom stays the bottom, the middle the middle)
// rather than what was left of it after the "Rendering…" in between.
func TestResizeKeepsThePlaceInTheArticle(t *testing.T) {
	h := newHarness(t, newFakeStore(10), Options{}, 120, 40, func(m *Model) {
		m.render = func(_ context.Context, _ Store, k renderKey) ([]string, error) {
			// 6000 cells of text, wrapped at the width.
			lines := make([]string, 6000/max(k.width, 1))
			for i := range lines {
				lines[i] = fmt.Sprintf("line %d of %d", i+1, len(lines))
			}
			return lines, nil
		}
	})
	h.press("enter", "G")
	atBottom := func(when string) {
		t.Helper()
		r := h.m.reader
		if got, want := r.vp.YOffset(), len(r.content)-r.vp.Height(); got != want || r.position() != "100%" {
			t.Fatalf("%s: scrolled to line %d (%s), want the bottom, %d", when, got, r.position(), want)
		}
	}
	atBottom("before resizing")
	for _, sz := range []struct{ w, h int }{{100, 30}, {80, 24}, {200, 60}, {120, 40}} {
		h.send(tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
		atBottom(fmt.Sprintf("at %dx%d", sz.w, sz.h))
	}
	h.press("g")
	for range 5 {
		h.press("pgdown")
	}
	before := h.m.reader.scrolled()
	h.send(tea.WindowSizeMsg{Width: 200, Height: 60})
	if after := h.m.reader.scrolled(); math.Abs(after-before) > 0.05 {
		t.Fatalf("scrolled %.2f of the way before the resize, %.2f after", before, after)
	}
}
