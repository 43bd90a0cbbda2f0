package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

var refreshSizes = []struct{ w, h int }{{80, 24}, {160, 50}}

// fakeRefresher stands in for main's refresh: its events are ready at once
// (the test decides when the reader takes each), or, when block is set, it
// runs until its context is canceled.
type fakeRefresher struct {
	mu      sync.Mutex
	events  []RefreshProgress
	result  RefreshResult
	err     error
	block   bool
	calls   int
	ctxs    []context.Context
	started chan struct{} // closed at the first call, when set
}

func (f *fakeRefresher) refresh(ctx context.Context) (<-chan RefreshProgress, func() (RefreshResult, error)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	f.ctxs = append(f.ctxs, ctx)
	if f.started != nil && f.calls == 1 {
		close(f.started)
	}
	ch := make(chan RefreshProgress, len(f.events))
	for _, p := range f.events {
		ch <- p
	}
	if !f.block {
		close(ch)
		return ch, func() (RefreshResult, error) { return f.result, f.err }
	}
	go func() { <-ctx.Done(); close(ch) }()
	return ch, func() (RefreshResult, error) { return RefreshResult{}, ctx.Err() }
}

func (f *fakeRefresher) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// steppingClock makes each reading a second after the last, so the reader
// never holds a reload back (throttling has its own test).
func steppingClock(m *Model) {
	t := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	m.refresh.clock = func() time.Time { t = t.Add(time.Second); return t }
}

// sendHolding sends msg and runs what it sets off, like send, but holds
// back the messages hold picks and returns them, so the test decides when
// the reader gets them.
func (h *harness) sendHolding(msg tea.Msg, hold func(tea.Msg) bool) []tea.Msg {
	h.t.Helper()
	next, cmd := h.m.Update(msg)
	h.m = next.(Model)
	var held []tea.Msg
	for _, out := range collect(cmd) {
		switch {
		case hold(out):
			held = append(held, out)
		default:
			if _, ok := out.(tea.QuitMsg); ok {
				h.quit = true
				continue
			}
			h.send(out)
		}
	}
	return held
}

func isRefreshEvent(msg tea.Msg) bool {
	switch msg.(type) {
	case refreshProgressMsg, refreshDoneMsg:
		return true
	}
	return false
}

// one returns the single held message.
func one(t *testing.T, held []tea.Msg) tea.Msg {
	t.Helper()
	if len(held) != 1 {
		t.Fatalf("held %d messages, want 1: %#v", len(held), held)
	}
	return held[0]
}

// New articles show up as each feed's are stored, while the cursor stays on
// its article and that article on its row of the screen; the end says what
// the refresh did.
func TestRefreshShowsNewArticlesAndKeepsTheCursor(t *testing.T) {
	for _, sz := range refreshSizes {
		st := newFakeStore(100)
		ref := &fakeRefresher{
			events: []RefreshProgress{{Done: 1, Total: 3, New: 5}, {Done: 2, Total: 3, New: 10}, {Done: 3, Total: 3, New: 10, Failed: 1}},
			result: RefreshResult{Feeds: 3, New: 10, Failed: 1,
				Failures: []RefreshFailure{{Feed: "Broken feed", Reason: "connection refused"}}},
		}
		h := newHarness(t, st, Options{Refresh: ref.refresh}, sz.w, sz.h, stubRender, steppingClock)
		h.press("j", "j", "j", "j", "j")
		id, row := h.cursorID(), h.m.list.cursor-h.m.list.offset
		if id != 95 || row != 5 {
			t.Fatalf("cursor on %d at row %d, want 95 at row 5", id, row)
		}
		requireCursorAt := func(when string) {
			t.Helper()
			if got, gotRow := h.cursorID(), h.m.list.cursor-h.m.list.offset; got != id || gotRow != row {
				t.Fatalf("%s: cursor on %d at row %d, want %d at row %d", when, got, gotRow, id, row)
			}
		}

		next := one(t, h.sendHolding(keyPress("r"), isRefreshEvent))
		h.requireScreen("Refreshing feeds…", "100 articles")
		st.add(5) // the first feed's articles are stored
		next = one(t, h.sendHolding(next, isRefreshEvent))
		// The new articles are above the screen: what is on it stays put.
		h.requireScreen("Refreshing 1/3 feeds… 5 new", "105 articles")
		requireCursorAt("after the first feed")
		h.requireFits()

		st.add(5)
		next = one(t, h.sendHolding(next, isRefreshEvent))
		h.requireScreen("Refreshing 2/3 feeds… 10 new", "110 articles")
		requireCursorAt("after the second feed")

		next = one(t, h.sendHolding(next, isRefreshEvent))
		h.requireScreen("Refreshing 3/3 feeds… 10 new, 1 failed")
		if _, ok := next.(refreshDoneMsg); !ok {
			t.Fatalf("after the last event got %T, want the end", next)
		}
		h.send(next)
		h.requireScreen("3 feeds, 10 new articles, 1 failed")
		if sz.w >= 160 {
			h.requireScreen("3 feeds, 10 new articles, 1 failed · Broken feed: connection refused")
		}
		requireCursorAt("at the end")
		h.requireFits()
		if h.m.refresh.running || ref.callCount() != 1 {
			t.Fatalf("running %v after the end, %d refreshes", h.m.refresh.running, ref.callCount())
		}
		// esc dismisses the outcome; the new articles are at the top.
		h.press("esc", "g")
		h.requireNotScreen("new articles")
		h.requireScreen("Article 110 about")
	}
}

// r works from every pane, the reader's included (where it used to be the
// related-story prefix, now #).
func TestRefreshKeyWorksInEveryPane(t *testing.T) {
	for _, sz := range refreshSizes {
		for _, focus := range []string{"1", "2", "3", "4"} {
			ref := &fakeRefresher{result: RefreshResult{Feeds: 2, New: 0}}
			h := newHarness(t, newFakeStore(50), Options{Refresh: ref.refresh}, sz.w, sz.h, stubRender)
			if focus == "4" {
				h.press("enter")
			}
			h.press(focus, "r")
			if ref.callCount() != 1 {
				t.Fatalf("%dx%d, pane %s: r started %d refreshes, want 1", sz.w, sz.h, focus, ref.callCount())
			}
			h.requireScreen("2 feeds, 0 new articles, 0 failed")
			h.requireFits()
		}
	}
}

// r in the reader followed by a digit is a refresh and a focus key, not a
// related story.
func TestRefreshKeyIsNoLongerTheRelatedPrefix(t *testing.T) {
	ref := &fakeRefresher{result: RefreshResult{Feeds: 1}}
	h := newHarness(t, newFakeStore(100), Options{Refresh: ref.refresh}, 80, 24, stubRender)
	h.press("enter", "r", "3")
	if got := h.m.reader.article.ID; got != 100 {
		t.Fatalf("r 3 opened %d, want 100 still open", got)
	}
	if h.m.focus != paneList || ref.callCount() != 1 {
		t.Fatalf("r 3: focus %v, %d refreshes; want the list and 1", h.m.focus, ref.callCount())
	}
	h.press("4")
	h.requireScreen("Related stories (# then a number")
}

// Typing in the search prompt or a sidebar's filter takes r as a letter.
func TestRefreshKeyIsTextWhileTyping(t *testing.T) {
	ref := &fakeRefresher{result: RefreshResult{Feeds: 1}}
	h := newHarness(t, newFakeStore(50), Options{Refresh: ref.refresh}, 80, 24, stubRender)
	h.press("/", "r")
	if got := h.m.prompt.Value(); got != "r" || ref.callCount() != 0 {
		t.Fatalf("prompt holds %q after r, %d refreshes", got, ref.callCount())
	}
	h.press("esc", "1", "f", "r")
	if h.m.authors.query != "r" || ref.callCount() != 0 {
		t.Fatalf("sidebar filter %q after r, %d refreshes", h.m.authors.query, ref.callCount())
	}
}

// A second r while a refresh runs starts none and says one is running.
func TestSecondRefreshSaysOneIsRunning(t *testing.T) {
	for _, sz := range refreshSizes {
		ref := &fakeRefresher{block: true}
		h := newHarness(t, newFakeStore(50), Options{Refresh: ref.refresh}, sz.w, sz.h, stubRender)
		start := h.sendOnly(keyPress("r")) // started, not run: the refresh is under way
		if start == nil || !h.m.refresh.running {
			t.Fatal("r started no refresh")
		}
		gen := h.m.refresh.gen
		if cmd := h.sendOnly(keyPress("r")); cmd != nil {
			t.Fatal("a second r started work")
		}
		h.requireScreen("a refresh is already running")
		if h.m.refresh.gen != gen {
			t.Fatalf("a second r started refresh %d", h.m.refresh.gen)
		}
		h.requireFits()
		// The note goes with the next key; the progress stays.
		h.press("j")
		h.requireScreen("Refreshing feeds…")
		// Or it goes when the refresh ends, no longer being true.
		h.sendOnly(keyPress("r"))
		h.sendOnly(refreshDoneMsg{gen: gen, result: RefreshResult{Feeds: 1}})
		h.requireNotScreen("already running")
		h.requireScreen("1 feed, 0 new articles")
	}
}

func TestRefreshWithNoSubscriptions(t *testing.T) {
	for _, sz := range refreshSizes {
		ref := &fakeRefresher{result: RefreshResult{Feeds: 0}}
		h := newHarness(t, newFakeStore(30), Options{Refresh: ref.refresh}, sz.w, sz.h, stubRender)
		h.press("r")
		h.requireScreen("no subscriptions (herald add URL)")
		h.requireFits()
	}
}

func TestRefreshFailureIsShown(t *testing.T) {
	ref := &fakeRefresher{err: errors.New("database is locked")}
	h := newHarness(t, newFakeStore(30), Options{Refresh: ref.refresh}, 80, 24, stubRender)
	h.press("r")
	h.requireScreen("refresh failed: database is locked")
	if h.m.refresh.running {
		t.Fatal("still running after a failure")
	}
	h.press("r") // and it can be tried again
	if ref.callCount() != 2 {
		t.Fatalf("%d refreshes, want 2", ref.callCount())
	}
}

func TestRefreshUnavailableWithoutARefresher(t *testing.T) {
	h := newHarness(t, newFakeStore(30), Options{}, 80, 24, stubRender)
	h.press("r")
	h.requireScreen("refreshing feeds is not available here")
	if h.m.refresh.running {
		t.Fatal("running with nothing to run")
	}
}

// A burst of progress reads the list once, then once more when
// refreshReloadEvery has passed, and once at the end.
func TestRefreshReloadsAreThrottled(t *testing.T) {
	ref := &fakeRefresher{block: true}
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	h := newHarness(t, newFakeStore(50), Options{Refresh: ref.refresh}, 80, 24, stubRender,
		func(m *Model) { m.refresh.clock = func() time.Time { return now } })
	h.sendOnly(keyPress("r"))
	gen := h.m.refresh.gen
	run := refreshRun{gen: gen}
	progress := func(done, added int) tea.Cmd {
		return h.sendOnly(refreshProgressMsg{run: run, progress: RefreshProgress{Done: done, Total: 10, New: added}})
	}
	reads := h.m.list.gen
	progress(1, 0) // nothing new: no read
	if h.m.list.gen != reads {
		t.Fatal("read the list with nothing new")
	}
	progress(2, 5)
	if h.m.list.gen != reads+1 {
		t.Fatalf("first new articles: %d reads, want 1", h.m.list.gen-reads)
	}
	progress(3, 7)
	progress(4, 9)
	if h.m.list.gen != reads+1 || !h.m.refresh.reloadDue {
		t.Fatalf("a burst read the list %d times (due %v), want once and one due", h.m.list.gen-reads, h.m.refresh.reloadDue)
	}
	now = now.Add(refreshReloadEvery)
	h.sendOnly(refreshReloadMsg{gen: gen})
	if h.m.list.gen != reads+2 || h.m.refresh.shownNew != 9 {
		t.Fatalf("due read: %d reads, shown %d; want 2 and 9", h.m.list.gen-reads, h.m.refresh.shownNew)
	}
	h.sendOnly(refreshReloadMsg{gen: gen - 1}) // another refresh's
	if h.m.list.gen != reads+2 {
		t.Fatal("a stale due read read the list")
	}
	h.sendOnly(refreshDoneMsg{gen: gen, result: RefreshResult{Feeds: 10, New: 9}})
	if h.m.list.gen != reads+3 {
		t.Fatalf("the end: %d reads, want 3", h.m.list.gen-reads)
	}
	h.sendOnly(refreshReloadMsg{gen: gen}) // due after the end: nothing more
	if h.m.list.gen != reads+3 {
		t.Fatal("read again after the end")
	}
}

// A refresh that stores nothing does not read the list again.
func TestRefreshWithNothingNewKeepsTheList(t *testing.T) {
	ref := &fakeRefresher{events: []RefreshProgress{{Done: 1, Total: 1}}, result: RefreshResult{Feeds: 1}}
	h := newHarness(t, newFakeStore(50), Options{Refresh: ref.refresh}, 80, 24, stubRender)
	reads := h.m.list.gen
	h.press("r")
	if h.m.list.gen != reads {
		t.Fatalf("%d reads for nothing new", h.m.list.gen-reads)
	}
	h.requireScreen("1 feed, 0 new articles, 0 failed")
}

// indexingStore is a store that indexes apart from storing, counting how
// often it is asked to.
type indexingStore struct {
	*fakeStore
	mu                   sync.Mutex
	indexed, checkpoints int
}

func (s *indexingStore) IndexPending(context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.indexed++
	return 0, nil
}

func (s *indexingStore) Checkpoint(context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.checkpoints++
	return nil
}

// After a refresh that stored articles the reader indexes them and
// checkpoints the store, unless the refresh did so itself (as the child
// process main runs does).
func TestRefreshIndexesUnlessTheRefreshDid(t *testing.T) {
	for _, did := range []bool{false, true} {
		st := &indexingStore{fakeStore: newFakeStore(50)}
		ref := &fakeRefresher{events: []RefreshProgress{{Done: 1, Total: 1, New: 2}}, result: RefreshResult{Feeds: 1, New: 2, Indexed: did}}
		h := newHarness(t, st, Options{Refresh: ref.refresh}, 80, 24, stubRender, steppingClock)
		h.press("r")
		h.requireScreen("1 feed, 2 new articles, 0 failed")
		want := 1
		if did {
			want = 0
		}
		if st.indexed != want || st.checkpoints != want {
			t.Errorf("refresh indexed itself %v: the reader indexed %d times and checkpointed %d, want %d", did, st.indexed, st.checkpoints, want)
		}
	}
}

// With an interval the timer starts refreshes, never two at once; without
// one, no timer runs at all.
func TestAutoRefresh(t *testing.T) {
	ref := &fakeRefresher{block: true}
	idle := newModel(context.Background(), newFakeStore(5), Options{Refresh: ref.refresh})
	auto := newModel(context.Background(), newFakeStore(5), Options{Refresh: ref.refresh, AutoRefresh: time.Hour})
	if idle.autoRefreshTick() != nil || len(auto.initCmds()) != len(idle.initCmds())+1 {
		t.Fatal("the timer runs without an interval, or not with one")
	}
	noRefresher := newModel(context.Background(), newFakeStore(5), Options{AutoRefresh: time.Hour})
	if noRefresher.autoRefreshTick() != nil {
		t.Fatal("a timer runs with nothing to refresh")
	}

	h := newHarness(t, newFakeStore(50), Options{Refresh: ref.refresh}, 80, 24, stubRender)
	h.m.opts.AutoRefresh = time.Hour // after Init: the harness would wait out the timer
	if cmd := h.sendOnly(autoRefreshMsg{}); cmd == nil || !h.m.refresh.running {
		t.Fatal("the timer started no refresh")
	}
	gen := h.m.refresh.gen
	if cmd := h.sendOnly(autoRefreshMsg{}); cmd == nil {
		t.Fatal("the timer was not set again")
	}
	if h.m.refresh.gen != gen {
		t.Fatal("the timer started a second refresh while one ran")
	}
	h.requireNotScreen("already running") // the timer says nothing
	h.requireScreen("Refreshing feeds…")
	h.m.refresh.cancel()
}

// Quitting during a refresh cancels its context.
func TestQuitCancelsTheRefresh(t *testing.T) {
	ref := &fakeRefresher{block: true, started: make(chan struct{})}
	in, keys := io.Pipe()
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- runReader(context.Background(), newFakeStore(20), Options{Refresh: ref.refresh},
			console{in: in, out: &out, width: 80, height: 24})
	}()
	deadline := time.Now().Add(10 * time.Second) // a hang, not a timing assertion
	for !strings.Contains(out.String(), "Article 20 about") {
		if time.Now().After(deadline) {
			t.Fatal("no first frame")
		}
		time.Sleep(5 * time.Millisecond)
	}
	go keys.Write([]byte("r"))
	select {
	case <-ref.started:
	case <-time.After(10 * time.Second):
		t.Fatal("r started no refresh")
	}
	go keys.Write([]byte("q"))
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("q did not end the reader")
	}
	ref.mu.Lock()
	ctx := ref.ctxs[0]
	ref.mu.Unlock()
	if ctx.Err() == nil {
		t.Fatal("the refresh's context is still live after quitting")
	}
	keys.Close()
}

func TestRefreshTexts(t *testing.T) {
	progress := []struct {
		p    RefreshProgress
		want string
	}{
		{RefreshProgress{}, "Refreshing feeds…"},
		{RefreshProgress{Done: 12, Total: 100}, "Refreshing 12/100 feeds…"},
		{RefreshProgress{Done: 12, Total: 100, New: 1234}, "Refreshing 12/100 feeds… 1,234 new"},
		{RefreshProgress{Done: 12, Total: 100, Failed: 2}, "Refreshing 12/100 feeds… 2 failed"},
		{RefreshProgress{Done: 99, Total: 100, New: 3, Failed: 2}, "Refreshing 99/100 feeds… 3 new, 2 failed"},
		{RefreshProgress{Done: 100, Total: 100, New: 1234, Indexing: true}, "Refreshed 100 feeds, 1,234 new · making them searchable…"},
	}
	for _, c := range progress {
		if got := refreshProgressText(c.p); got != c.want {
			t.Errorf("%+v: %q, want %q", c.p, got, c.want)
		}
	}
	summaries := []struct {
		res  RefreshResult
		err  error
		want string
	}{
		{RefreshResult{}, nil, "no subscriptions (herald add URL)"},
		{RefreshResult{Feeds: 1, New: 1}, nil, "1 feed, 1 new article, 0 failed"},
		{RefreshResult{Feeds: 100, New: 10000}, nil, "100 feeds, 10,000 new articles, 0 failed"},
		{RefreshResult{Feeds: 3, New: 2, Failed: 1, Deferred: 1, Failures: []RefreshFailure{{"Gazette", "HTTP 500"}}}, nil,
			"3 feeds, 2 new articles, 1 failed, 1 waiting · Gazette: HTTP 500"},
		{RefreshResult{Feeds: 9, Failed: 3, Failures: []RefreshFailure{{"A", "x"}, {"B", "y"}, {"C", "z"}}}, nil,
			"9 feeds, 0 new articles, 3 failed · A: x (and 2 more: herald feeds)"},
		{RefreshResult{}, errors.New("disk full"), "refresh failed: disk full"},
		{RefreshResult{New: 4}, context.Canceled, "refresh canceled (4 new articles kept)"},
	}
	for _, c := range summaries {
		if got := refreshSummary(c.res, c.err); got != c.want {
			t.Errorf("%+v, %v: %q, want %q", c.res, c.err, got, c.want)
		}
	}
}

// The refresh's status line is cut to the width, like every line.
func TestRefreshStatusFitsNarrowScreens(t *testing.T) {
	ref := &fakeRefresher{result: RefreshResult{Feeds: 100, New: 12345, Failed: 7,
		Failures: []RefreshFailure{{strings.Repeat("A very long feed title ", 5), strings.Repeat("why ", 40)}}}}
	for _, w := range []int{40, 80, 160} {
		h := newHarness(t, newFakeStore(30), Options{Refresh: ref.refresh}, w, 24, stubRender)
		h.press("r")
		h.requireScreen("100 feeds")
		h.requireFits()
	}
}

// A refresh that updated articles in place makes their renderings stale:
// the open article is rendered again (the new body replaces the old where
// the reader is), and the others are on their next opening.
func TestRefreshThatUpdatesRendersAgain(t *testing.T) {
	var mu sync.Mutex
	renders := 0
	countingRender := func(m *Model) {
		m.render = func(_ context.Context, _ Store, k renderKey) ([]string, error) {
			mu.Lock()
			defer mu.Unlock()
			renders++
			return []string{fmt.Sprintf("body of %d, render %d", k.id, renders)}, nil
		}
	}
	ref := &fakeRefresher{events: []RefreshProgress{{Done: 1, Total: 1}}, result: RefreshResult{Feeds: 1, Updated: 1}}
	h := newHarness(t, newFakeStore(50), Options{Refresh: ref.refresh}, 160, 50, countingRender, steppingClock)
	h.press("enter")
	before := h.m.reader.body.lines[0]
	h.press("r")
	h.requireScreen("1 feed, 0 new articles, 0 failed")
	after := h.m.reader.body.lines[0]
	if before == after || !strings.HasPrefix(after, fmt.Sprintf("body of %d,", h.m.reader.article.ID)) {
		t.Fatalf("open article's body %q after a refresh that updated articles, was %q; want a new rendering of it", after, before)
	}

	// Nothing updated: the rendering stands.
	ref.result = RefreshResult{Feeds: 1}
	h.press("r")
	if again := h.m.reader.body.lines[0]; again != after {
		t.Fatalf("a refresh that changed nothing rendered the article again: %q, was %q", again, after)
	}
}
