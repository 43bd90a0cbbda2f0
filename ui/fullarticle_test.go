package ui

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/store"
)

// fakeFullFetcher stands in for main's full-article fetch: it stores a
// "full text" in the fake store, as SetFullArticle would.
type fakeFullFetcher struct {
	st    *fakeStore
	err   error
	mu    sync.Mutex
	calls []int64
}

func (f *fakeFullFetcher) fetch(_ context.Context, id int64) error {
	f.mu.Lock()
	f.calls = append(f.calls, id)
	n := len(f.calls)
	f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	f.st.mu.Lock()
	defer f.st.mu.Unlock()
	f.st.edit[id] = func(b *store.Body) {
		b.Full = true
		b.Markdown = fmt.Sprintf("FULL TEXT %d", n)
	}
	return nil
}

// bodyRender renders what the store's body says: the full text once there
// is one, else the summary.
func bodyRender(m *Model) {
	m.render = func(ctx context.Context, st Store, k renderKey) ([]string, error) {
		b, err := st.Body(ctx, k.id)
		if err != nil {
			return nil, err
		}
		if b.Full {
			return []string{b.Markdown + fmt.Sprintf(" of %d", k.id)}, nil
		}
		return []string{fmt.Sprintf("summary of %d", k.id)}, nil
	}
}

func isFullArticleMsg(msg tea.Msg) bool { _, ok := msg.(fullArticleMsg); return ok }

// F fetches the open article's full text, says so while it runs, and then
// shows it in place of the summary (no cached render of the summary is
// shown again, at this width or another).
func TestFullArticleReplacesTheSummary(t *testing.T) {
	for _, sz := range refreshSizes {
		st := newFakeStore(50)
		ff := &fakeFullFetcher{st: st}
		h := newHarness(t, st, Options{FetchFull: ff.fetch}, sz.w, sz.h, bodyRender)
		h.press("enter")
		h.requireScreen("summary of 50")
		done := one(t, h.sendHolding(keyPress("F"), isFullArticleMsg))
		h.requireScreen("Fetching the full article…", "summary of 50")
		h.requireFits()
		h.send(done)
		h.requireScreen("FULL TEXT 1 of 50", "showing the full article")
		h.requireNotScreen("summary of 50", "Fetching")
		h.requireFits()
		if len(ff.calls) != 1 || ff.calls[0] != 50 {
			t.Fatalf("fetched %v, want [50]", ff.calls)
		}
		// Away and back: the cache has the full text, not the summary.
		h.press("n", "p")
		h.requireScreen("FULL TEXT 1 of 50")
		// F again fetches it again, and says so.
		h.press("F")
		h.requireScreen("FULL TEXT 2 of 50", "fetched the full article again")
		h.requireFits()
	}
}

// A render of the summary that finishes after the full text was stored is
// stale: it is neither shown nor cached.
func TestFullArticleDropsAStaleRender(t *testing.T) {
	st := newFakeStore(50)
	ff := &fakeFullFetcher{st: st}
	h := newHarness(t, st, Options{FetchFull: ff.fetch}, 80, 24, bodyRender)
	h.press("enter")
	old := h.m.reader.want
	h.press("F")
	h.requireScreen("FULL TEXT 1 of 50")
	h.send(renderedMsg{key: old, rendering: rendering{lines: []string{"STALE SUMMARY"}}})
	h.requireNotScreen("STALE SUMMARY")
	if _, ok := h.m.renders.get(old); ok {
		t.Fatal("the summary's render is still cached")
	}
	h.press("n", "p")
	h.requireNotScreen("STALE SUMMARY")
	h.requireScreen("FULL TEXT 1 of 50")
}

func TestFullArticleFailureIsShown(t *testing.T) {
	for _, sz := range refreshSizes {
		st := newFakeStore(50)
		ff := &fakeFullFetcher{st: st, err: errors.New("the link is not a web page")}
		h := newHarness(t, st, Options{FetchFull: ff.fetch}, sz.w, sz.h, bodyRender)
		h.press("enter", "F")
		h.requireScreen("full article: the link is not a web page", "summary of 50")
		h.requireFits()
		if h.m.full.running {
			t.Fatal("still fetching after a failure")
		}
	}
}

// One fetch at a time: F while one runs says so.
func TestFullArticleOneAtATime(t *testing.T) {
	st := newFakeStore(50)
	ff := &fakeFullFetcher{st: st}
	h := newHarness(t, st, Options{FetchFull: ff.fetch}, 80, 24, bodyRender)
	h.press("enter")
	if cmd := h.sendOnly(keyPress("F")); cmd == nil {
		t.Fatal("F started nothing")
	}
	if cmd := h.sendOnly(keyPress("F")); cmd != nil {
		t.Fatal("a second F started a fetch")
	}
	h.requireScreen("already fetching the full article")
}

// The fetch can end after the reader moved on: the article's renders are
// still replaced, and the note names it.
func TestFullArticleArrivingForAnotherArticle(t *testing.T) {
	st := newFakeStore(50)
	ff := &fakeFullFetcher{st: st}
	h := newHarness(t, st, Options{FetchFull: ff.fetch}, 160, 50, bodyRender)
	h.press("enter")
	done := one(t, h.sendHolding(keyPress("F"), isFullArticleMsg))
	h.press("n")
	h.requireScreen("summary of 49")
	h.send(done)
	h.requireScreen("stored the full article of “Article 50", "summary of 49")
	h.press("p")
	h.requireScreen("FULL TEXT 1 of 50")
}

func TestFullArticleKeyNeedsAFetcherAndTheReader(t *testing.T) {
	h := newHarness(t, newFakeStore(50), Options{}, 80, 24, bodyRender)
	h.press("enter", "F")
	h.requireScreen("fetching full articles is not available here")
	st := newFakeStore(50)
	ff := &fakeFullFetcher{st: st}
	h = newHarness(t, st, Options{FetchFull: ff.fetch}, 80, 24, bodyRender)
	h.press("F") // in the list: not the reader's key
	if len(ff.calls) != 0 {
		t.Fatal("F in the list fetched")
	}
}

func TestHelpListsRefreshAndFullArticle(t *testing.T) {
	h := newHarness(t, newFakeStore(50), Options{}, 160, 50, stubRender)
	h.press("?")
	h.requireScreen("refresh feeds", "full article", "related 1-9")
	h.requireFits()
	k := DefaultKeyMap()
	for name, b := range map[string][]string{
		"refresh":             k.Refresh.Keys(),
		"reader.full_article": k.Reader.FullArticle.Keys(),
		"reader.open_related": k.Reader.OpenRelated.Keys(),
	} {
		want := map[string]string{"refresh": "r", "reader.full_article": "F", "reader.open_related": "#"}[name]
		if len(b) != 1 || b[0] != want {
			t.Errorf("%s: keys %v, want [%s]", name, b, want)
		}
	}
}
