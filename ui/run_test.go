package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/ui/display"
)

// panickyStore fails the way a bug would: a panic in a command, once the
// test lets it (after the first frame is on the screen).
type panickyStore struct {
	*fakeStore
	release chan struct{}
}

func (p panickyStore) Body(context.Context, int64) (store.Body, error) {
	<-p.release
	panic("boom in the store")
}

// syncBuffer is the program's output, read by the test while written.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A panic anywhere (here: in a command, off the update loop) ends the
// program with the terminal restored, and Run reports it.
func TestPanicRestoresTheTerminalAndReturnsAnError(t *testing.T) {
	var out syncBuffer
	st := panickyStore{newFakeStore(5), make(chan struct{})}
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), New(st, Options{}), console{out: &out, width: 80, height: 24})
	}()
	deadline := time.Now().Add(10 * time.Second)             // a hang, not a timing assertion
	for !strings.Contains(out.String(), "Article 5 about") { // the first frame with data
		if time.Now().After(deadline) {
			t.Fatal("no first frame")
		}
		time.Sleep(5 * time.Millisecond)
	}
	close(st.release)
	var err error
	select {
	case err = <-done:
	case <-time.After(10 * time.Second): // a hang, not a timing assertion
		t.Fatal("the program did not end after a panic")
	}
	if !errors.Is(err, tea.ErrProgramPanic) {
		t.Fatalf("run returned %v, want a panic error", err)
	}
	s := out.String()
	enter, leave := strings.Index(s, "\x1b[?1049h"), strings.LastIndex(s, "\x1b[?1049l")
	if enter < 0 || leave < enter {
		t.Fatalf("the alternate screen was not left (enter %d, leave %d): %q", enter, leave, s)
	}
	if !strings.Contains(s[leave:], "\x1b[?25h") && !strings.Contains(s[enter:], "\x1b[?25h") {
		t.Fatalf("the cursor was not shown again: %q", s[leave:])
	}
}

// Cancelling the context ends the reader without an error.
func TestCancelledContextEndsRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, newModel(ctx, newFakeStore(5), Options{}),
			console{out: &out, width: 80, height: 24})
	}()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run returned %v after the context ended", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the program did not end with its context")
	}
}

// Run reads the top of the list (only the rows that fit) and its count
// itself and draws them, with no frame between showing rows without the
// count, before Bubble Tea has set up; the sidebars are read after. Init
// reads neither again, and runs what the first rows started.
func TestFirstScreenIsReadBeforeTheProgramRuns(t *testing.T) {
	st := newFakeStore(500)
	m := New(st, Options{})
	m, _ = m.resize(160, 40)
	list, sidebars := m.firstScreenReads()
	first := list()
	if st.maxLimit != m.list.visible() {
		t.Fatalf("the first read asked for %d rows, %d fit", st.maxLimit, m.list.visible())
	}
	next, cmd := m.Update(first)
	m = next.(Model).startingWith(cmd)
	for _, want := range []string{"Article 500 about", "500 articles"} {
		if !strings.Contains(ansi.Strip(m.View().Content), want) {
			t.Fatalf("the first screen lacks %q:\n%s", want, ansi.Strip(m.View().Content))
		}
	}
	reads := st.pageCalls
	collect(m.startingWith(nil).Init())
	if st.pageCalls != reads {
		t.Fatalf("Init read the list again (%d reads)", st.pageCalls-reads)
	}
	h := &harness{t: t, m: m}
	h.run(m.Init())
	if len(h.m.renders.entries) == 0 {
		t.Fatal("Init did not run what the first rows started: nothing was rendered ahead")
	}
	h.send(sidebars())
	h.requireScreen("Article 500 about", "500 articles", "Authors")
	h.press("j", "j")
	if h.m.list.cursor != 2 {
		t.Fatalf("cursor %d after two downs", h.m.list.cursor)
	}
}

// slowStore is a store on a slow disk: the list's reads wait for release.
type slowStore struct {
	*fakeStore
	release chan struct{}
}

func (s slowStore) Page(ctx context.Context, req store.PageRequest) ([]store.Article, error) {
	<-s.release
	return s.fakeStore.Page(ctx, req)
}

// When the first rows are slow to come, the reader does not wait for them
// to take keys: q quits while the read is still out, and rows that come
// later are shown as they would be from any read.
func TestSlowFirstRowsDoNotHoldKeys(t *testing.T) {
	st := slowStore{newFakeStore(50), make(chan struct{})}
	defer close(st.release)
	keys, typing := io.Pipe()
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), New(st, Options{}), console{in: keys, out: &out, width: 80, height: 24})
	}()
	go typing.Write([]byte("q"))
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(10 * time.Second): // a hang, not a timing assertion
		t.Fatal("q did not quit while the first rows were being read")
	}
	if strings.Contains(out.String(), "Article 50 about") {
		t.Fatal("rows were drawn that the store had not given")
	}
}

// Rows that come after the reader has started taking keys are drawn, with
// their count, as one frame.
func TestLateFirstRowsAreDrawn(t *testing.T) {
	st := slowStore{newFakeStore(50), make(chan struct{})}
	var out syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, New(st, Options{}), console{out: &out, width: 80, height: 24})
	}()
	time.Sleep(2 * firstScreenWait) // past the wait: the program runs (not a timing assertion: either way the rows must come)
	close(st.release)
	deadline := time.Now().Add(10 * time.Second) // a hang, not a timing assertion
	for !strings.Contains(out.String(), "50 articles") || !strings.Contains(out.String(), "Article 50 about") {
		if time.Now().After(deadline) {
			t.Fatalf("the late rows were not drawn:\n%q", out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
}

// A panic in the first screen's update or drawing, which run does before
// Bubble Tea runs, is returned as Bubble Tea returns one from its loop, for
// run to report once it has restored the terminal.
func TestPanicInTheFirstScreenIsReturned(t *testing.T) {
	var out syncBuffer
	term := display.New(nil, &out, nil, colorprofile.NoTTY)
	term.Resize(80, 24)
	m := New(newFakeStore(5), Options{})
	m, _ = m.resize(80, 24)
	m.styles = nil // drawing now fails, as a bug in View would
	listRead := make(chan tea.Msg, 1)
	listRead <- firstScreenMsg{}
	_, _, err := drawFirstScreen(term, m, listRead)
	if !errors.Is(err, tea.ErrProgramPanic) {
		t.Fatalf("drawFirstScreen returned %v, want a panic error", err)
	}
}
