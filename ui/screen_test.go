package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/store"
)

func TestEmptyStoreOpensOnTheWelcomeScreen(t *testing.T) {
	st := newFakeStore(0)
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		h := newHarness(t, st, Options{}, size[0], size[1], stubRender)
		h.requireScreen("Welcome to herald", "herald add URL", "herald import PATH", "herald --demo")
		h.requireNotScreen("Articles")
		h.requireFits()
	}
	// Articles arrive (a refresh elsewhere): the reader appears.
	h := newHarness(t, st, Options{}, 160, 50, stubRender)
	st.add(3)
	h.send(storeChangedMsg{})
	h.requireNotScreen("Welcome to herald")
	h.requireScreen("Article 3 about", "3 articles")
}

// A filter that matches nothing is not the first run.
func TestNoWelcomeForAnEmptyFilter(t *testing.T) {
	h := newHarness(t, newFakeStore(10), Options{}, 80, 24, stubRender)
	h.press("/")
	h.typeText("zzz")
	h.press("enter")
	h.requireNotScreen("Welcome to herald")
}

// The store tells the reader about changes through Options.Changes; the
// reader waits on it in a command, so an idle reader does nothing.
func TestChangesChannelReloads(t *testing.T) {
	st := newFakeStore(10)
	changes := make(chan struct{}, 1)
	m := New(st, Options{Changes: changes})
	h := &harness{t: t, m: m}
	h.send(tea.WindowSizeMsg{Width: 160, Height: 50})
	// Run Init's commands but the one waiting on the channel.
	st.add(2)
	changes <- struct{}{}
	close(changes) // so the wait that follows the reload ends
	h.run(m.Init())
	h.requireScreen("12 articles")
}

// Resizing at any moment, to any size, redraws within the terminal.
func TestResizeAtAnyMomentFits(t *testing.T) {
	st := newFakeStore(300)
	st.words = 400
	h := newHarness(t, st, Options{}, 160, 50)
	sizes := [][2]int{{80, 24}, {200, 60}, {1, 1}, {10, 3}, {79, 24}, {119, 40}, {120, 40}, {0, 0}, {45, 12}, {160, 50}}
	steps := [][]string{nil, {"enter"}, {"1"}, {"2", "f"}, {"esc", "esc", "3", "?"}, {"?", "/"}, {"esc", "4", "space"}}
	for _, step := range steps {
		h.press(step...)
		for _, s := range sizes {
			h.send(tea.WindowSizeMsg{Width: s[0], Height: s[1]})
			h.requireFits()
		}
	}
}

// Wide characters and emoji in every pane are measured by display width.
func TestWideCharactersNeverOverflow(t *testing.T) {
	st := newFakeStore(40)
	st.edit[40] = func(b *store.Body) {
		b.Title = "絵文字🎉🎉とカタカナのタイトルはとても長いのでどこかで切られなければならない"
		b.Authors = []string{"山田太郎👨‍👩‍👧‍👦"}
		b.Feed = "フィード🚀🚀🚀🚀🚀🚀🚀"
		b.Tags = []string{"タグ", "🏷️"}
		b.Content = "<p>本文は日本語です。" + strings.Repeat("とても長い文章。", 80) + "</p><p>😀😃😄😁😆😅😂🤣</p>"
	}
	for _, size := range [][2]int{{160, 50}, {121, 40}, {100, 30}, {80, 24}, {61, 20}, {33, 15}} {
		h := newHarness(t, st, Options{}, size[0], size[1])
		h.requireFits()
		h.press("enter")
		h.requireFits()
		h.press("1")
		h.requireFits()
	}
}
