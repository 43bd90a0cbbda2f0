package ui

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/herald-reader/herald/content"
	"github.com/herald-reader/herald/store"
)

// withLinks gives article id of the fake a body holding html (its own
// link is https://example.com/a/ID, so "/a/7" is article 7).
func withLinks(st *fakeStore, id int64, html string) {
	st.edit[id] = func(b *store.Body) { b.Content = "<p>Intro.</p>" + html + b.Content }
}

// linkedStore: article 100 links to article 42 (absolutely), to an outside
// page, to article 7 (relatively), to a mail address and to itself.
func linkedStore() *fakeStore {
	st := newFakeStore(100)
	withLinks(st, 100, `<p>See <a href="https://example.com/a/42">the forty-two story</a>, `+
		`<a href="https://outside.example/page">a page elsewhere</a>, <a href="/a/7">number seven</a>, `+
		`<a href="mailto:x@example.com">mail</a> and <a href="#top">the top</a>.</p>`)
	return st
}

func TestLinkPickerListsLinksInStoreMarked(t *testing.T) {
	for _, sz := range relatedSizes {
		h := newHarness(t, linkedStore(), Options{}, sz.w, sz.h, stubRender)
		h.press("enter", "L")
		if h.m.links == nil {
			t.Fatalf("%dx%d: L opened no picker (message %q)", sz.w, sz.h, h.m.message)
		}
		h.requireScreen("Links", "1  the forty-two story", "2  a page elsewhere", "3  number seven", inStoreMark,
			"outside.example/page", "open link", "esc close")
		h.requireNotScreen("mail", "the top")
		h.requireFits()
		rows := linkRowsOnScreen(h)
		if len(rows) != 3 || !strings.Contains(rows[0], inStoreMark) || strings.Contains(rows[1], inStoreMark) ||
			!strings.Contains(rows[2], inStoreMark) {
			t.Fatalf("%dx%d: rows %q", sz.w, sz.h, rows)
		}
		h.press("esc")
		if h.m.links != nil {
			t.Fatal("esc left the picker open")
		}
		h.requireNotScreen("number seven")
		if h.m.reader.article.ID != 100 {
			t.Fatalf("esc changed the article to %d", h.m.reader.article.ID)
		}
	}
}

// linkRowsOnScreen are the screen lines holding a numbered link.
func linkRowsOnScreen(h *harness) []string {
	var rows []string
	for _, l := range strings.Split(h.screen(), "\n") {
		for _, want := range []string{"the forty-two story", "a page elsewhere", "number seven"} {
			if strings.Contains(l, want) {
				rows = append(rows, l)
			}
		}
	}
	return rows
}

// Following a link to an article of the store is a jump: the reader opens
// it, the list's cursor follows, ctrl+o comes back to where the reader was.
func TestLinkToStoreArticleOpensInHerald(t *testing.T) {
	for _, sz := range relatedSizes {
		st := linkedStore()
		st.words = 2000
		h := newHarness(t, st, Options{}, sz.w, sz.h)
		h.press("enter", "j", "j", "j")
		y := h.m.reader.vp.YOffset()
		h.press("L", "1")
		if got := h.m.reader.article.ID; got != 42 {
			t.Fatalf("%dx%d: link 1 opened %d, want 42", sz.w, sz.h, got)
		}
		if h.m.links != nil {
			t.Fatal("the picker stayed open")
		}
		if got := h.cursorID(); got != 42 {
			t.Fatalf("list cursor on %d, want 42", got)
		}
		h.requireScreen("Article 42 about")
		h.requireFits()
		h.press("ctrl+o")
		if got := h.m.reader.article.ID; got != 100 {
			t.Fatalf("ctrl+o went to %d, want 100", got)
		}
		if got := h.m.reader.vp.YOffset(); got != y {
			t.Fatalf("ctrl+o restored scroll %d, want %d", got, y)
		}
		// A relative link, by the cursor and enter.
		h.press("L", "j", "j", "enter")
		if got := h.m.reader.article.ID; got != 7 {
			t.Fatalf("link 3 opened %d, want 7", got)
		}
		if got := h.cursorID(); got != 7 {
			t.Fatalf("list cursor on %d, want 7", got)
		}
	}
}

// A jump from a link lands outside the filter: the filter is suspended so
// the list can show the article, as after any other jump.
func TestLinkJumpSuspendsFilter(t *testing.T) {
	h := newHarness(t, linkedStore(), Options{}, 160, 50, stubRender)
	h.press("/")
	h.typeText("about go")
	h.press("enter", "enter") // 100 is about go; 42 is about climate
	if h.m.reader.article.ID != 100 {
		t.Fatalf("opened %d", h.m.reader.article.ID)
	}
	h.press("L", "1")
	if h.m.reader.article.ID != 42 || !h.m.filterSuspended || h.cursorID() != 42 {
		t.Fatalf("article %d, suspended %v, cursor %d", h.m.reader.article.ID, h.m.filterSuspended, h.cursorID())
	}
	h.requireScreen("(suspended: esc restores it)")
}

func TestOutsideLinkGoesToTheOpener(t *testing.T) {
	var opened []string
	opts := Options{OpenURL: func(_ context.Context, url string) error {
		opened = append(opened, url)
		return nil
	}}
	h := newHarness(t, linkedStore(), opts, 80, 24, stubRender)
	h.press("enter", "L", "2")
	if len(opened) != 1 || opened[0] != "https://outside.example/page" {
		t.Fatalf("opened %q", opened)
	}
	if h.m.reader.article.ID != 100 || h.m.links != nil {
		t.Fatalf("article %d, picker %v", h.m.reader.article.ID, h.m.links != nil)
	}
	h.requireScreen("opened https://outside.example/page")
	h.requireFits()

	failing := Options{OpenURL: func(context.Context, string) error { return errors.New("no display") }}
	h = newHarness(t, linkedStore(), failing, 80, 24, stubRender)
	h.press("enter", "L", "2")
	h.requireScreen("no display")

	h = newHarness(t, linkedStore(), Options{}, 160, 50, stubRender)
	h.press("enter", "L", "2")
	h.requireScreen("https://outside.example/page", errNoOpener.Error())

	// The browser opener's own errors say "open link: why"; the link is
	// not named again, so that the why fits at 80 columns.
	missing := Options{OpenURL: func(context.Context, string) error {
		return errors.New("open link: xdg-open is not installed (set $BROWSER to your browser)")
	}}
	h = newHarness(t, linkedStore(), missing, 80, 24, stubRender)
	h.press("enter", "L", "2")
	h.requireScreen("xdg-open is not installed (set $BROWSER to your browser)")
	h.requireNotScreen("outside.example")
}

// While the picker is open, keys are its own: n does not change the
// article, digits are link numbers rather than focus keys.
func TestLinkPickerTakesTheKeys(t *testing.T) {
	h := newHarness(t, linkedStore(), Options{}, 160, 50, stubRender)
	h.press("enter", "L", "n", "4", "tab")
	if h.m.links == nil || h.m.reader.article.ID != 100 || h.m.focus != paneReader {
		t.Fatalf("picker %v, article %d, focus %v", h.m.links != nil, h.m.reader.article.ID, h.m.focus)
	}
	h.press("ctrl+c")
	if !h.quit {
		t.Fatal("ctrl+c did not quit from the picker")
	}
}

func TestManyLinksTypedByNumber(t *testing.T) {
	st := newFakeStore(100)
	var b strings.Builder
	for i := 1; i <= 25; i++ {
		fmt.Fprintf(&b, `<a href="https://example.com/a/%d">link to %d</a> `, i, i)
	}
	withLinks(st, 100, b.String())
	for _, sz := range relatedSizes {
		h := newHarness(t, st, Options{}, sz.w, sz.h, stubRender)
		h.press("enter", "L", "1", "2") // 12: no 120, so it opens at once
		if got := h.m.reader.article.ID; got != 12 {
			t.Fatalf("1 2 opened %d, want 12", got)
		}
		h.press("ctrl+o", "L", "3") // 3: no 30
		if got := h.m.reader.article.ID; got != 3 {
			t.Fatalf("3 opened %d, want 3", got)
		}
		h.press("ctrl+o", "L", "2") // 2 could be 20-25: wait
		if h.m.links == nil || h.m.links.cursor != 1 {
			t.Fatalf("2 alone: picker %v", h.m.links)
		}
		h.requireScreen("2…")
		h.press("enter")
		if got := h.m.reader.article.ID; got != 2 {
			t.Fatalf("2 enter opened %d, want 2", got)
		}
		// The cursor scrolls the picker to the last link.
		h.press("ctrl+o", "L", "G")
		h.requireScreen("link to 25", "25 of 25")
		h.requireFits()
		h.press("enter")
		if got := h.m.reader.article.ID; got != 25 {
			t.Fatalf("G enter opened %d, want 25", got)
		}
	}
}

func TestLinkPickerClick(t *testing.T) {
	h := newHarness(t, linkedStore(), Options{}, 160, 50, stubRender)
	h.press("enter", "L")
	r := h.m.linkPickerRect()
	h.send(click(r.X+5, r.Y+1+2)) // the third row: article 7
	if got := h.m.reader.article.ID; got != 7 {
		t.Fatalf("click opened %d, want 7", got)
	}
	h.press("L")
	h.send(click(0, h.m.lay.Body.H-1)) // outside: closes it
	if h.m.links != nil || h.m.reader.article.ID != 7 {
		t.Fatalf("click outside: picker %v, article %d", h.m.links != nil, h.m.reader.article.ID)
	}
}

func TestArticleWithoutLinks(t *testing.T) {
	h := newHarness(t, newFakeStore(100), Options{}, 80, 24, stubRender)
	h.press("enter", "L")
	if h.m.links != nil {
		t.Fatal("a picker for no links")
	}
	h.requireScreen("this article has no links")
}

// Links read for an article no longer shown are dropped.
func TestStaleLinksDropped(t *testing.T) {
	h := newHarness(t, linkedStore(), Options{}, 80, 24, stubRender)
	h.press("enter")
	cmd := h.sendOnly(keyPress("L"))
	h.press("n") // on to 99 before the links are in
	h.run(cmd)
	if h.m.links != nil {
		t.Fatal("the picker opened over another article")
	}
}

func TestLinksKeyIsConfigurable(t *testing.T) {
	keys := DefaultKeyMap()
	if err := keys.Apply(map[string][]string{"reader.links": {"f"}}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, linkedStore(), Options{Keys: keys}, 160, 50, stubRender)
	h.press("enter", "L")
	if h.m.links != nil {
		t.Fatal("L still opens the picker")
	}
	h.press("f")
	if h.m.links == nil {
		t.Fatal("f does not open the picker")
	}
	h.press("esc", "?")
	if !regexp.MustCompile(`\bf +links\b`).MatchString(h.screen()) {
		t.Fatalf("the key table does not list f for links:\n%s", h.screen())
	}
}

// With the real store: markdown links to other articles' links are found
// through ArticlesByLink, whatever the spelling.
func TestLinksWithTheRealStore(t *testing.T) {
	st := openTestStore(t, 30)
	md := "Read [story five](http://BLOG.example/5/#more) and [elsewhere](https://elsewhere.example/).\n"
	if _, err := st.SaveArticles(context.Background(), store.FeedInfo{URL: "file:///notes", Kind: store.KindFile},
		[]store.NewArticle{{GUID: "n", Title: "Notes", Link: "https://notes.example/1", Markdown: md,
			Text: "Read story five", Published: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, st, Options{}, 160, 50)
	h.press("enter", "L")
	h.requireScreen("1  story five", inStoreMark, "2  elsewhere", "elsewhere.example")
	h.press("1")
	if got := h.m.reader.article.Title; got != "Real story 5" {
		t.Fatalf("opened %q", got)
	}
	h.requireScreen("Heading 5")
	h.requireFits()
}

func TestLinkRow(t *testing.T) {
	in := &store.Article{ID: 1}
	tests := []struct {
		name string
		n    int
		l    articleLink
		w    int
		want string
	}{
		{"outside", 1, articleLink{Link: content.Link{Text: "A page", URL: "https://a.example/page/"}}, 40,
			" 1  A page  a.example/page"},
		{"in store", 2, articleLink{Link: content.Link{Text: "A story", URL: "https://a.example/s"}, article: in}, 40,
			" 2  A story  " + inStoreMark},
		{"no text shows the address once", 3, articleLink{Link: content.Link{URL: "http://a.example/x"}}, 40,
			" 3  a.example/x"},
		{"text equal to the address", 4, articleLink{Link: content.Link{Text: "a.example/x", URL: "https://a.example/x"}}, 40,
			" 4  a.example/x"},
		{"narrow: the mark stays, the text gives way", 12, articleLink{Link: content.Link{Text: "A rather long story title", URL: "https://a.example/s"}, article: in}, 30,
			"12  A rather lon…  " + inStoreMark},
		{"narrow: text keeps half, address the rest", 5, articleLink{Link: content.Link{Text: "A rather long link text", URL: "https://a.example/a/very/long/path"}}, 30,
			" 5  A rather lo…  a.example/a…"},
		{"wide text", 6, articleLink{Link: content.Link{Text: "日本語のリンク", URL: "https://a.example/j"}}, 20,
			" 6  日本語…  a.exam…"},
		{"hostile text", 7, articleLink{Link: content.Link{Text: "evil\x1b[2Jtext", URL: "https://a.example/e\x07"}}, 40,
			" 7  evil[2Jtext  a.example/e"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := linkRow(tt.n, tt.l, tt.w)
			if got != tt.want {
				t.Fatalf("linkRow = %q, want %q", got, tt.want)
			}
			if w := ansi.StringWidth(got); w > tt.w {
				t.Fatalf("%d cells wide, want at most %d", w, tt.w)
			}
		})
	}
}

func TestPickerRect(t *testing.T) {
	tests := []struct {
		body            rect
		links, rowWidth int
		want            rect
	}{
		{rect{0, 0, 160, 47}, 4, 30, rect{58, 1, minPickerWidth, 6}},     // narrow rows: the minimum width, centred
		{rect{0, 0, 160, 47}, 4, 70, rect{43, 1, 74, 6}},                 // as wide as the rows
		{rect{0, 0, 160, 47}, 100, 200, rect{30, 1, maxPickerWidth, 46}}, // at most maxPickerWidth, as high as the body
		{rect{0, 0, 40, 10}, 100, 200, rect{1, 1, 38, 9}},                // a small screen
		{rect{0, 0, 7, 10}, 3, 20, rect{}},                               // too small to draw
		{rect{0, 0, 80, 2}, 3, 20, rect{}},
	}
	for _, tt := range tests {
		if got := pickerRect(tt.body, tt.links, tt.rowWidth); got != tt.want {
			t.Errorf("pickerRect(%v, %d, %d) = %v, want %v", tt.body, tt.links, tt.rowWidth, got, tt.want)
		}
	}
}
