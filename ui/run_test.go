package ui

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/store"
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

// Run starts the first screen's reads itself, before Bubble Tea has set up:
// the top of the list (only the rows that fit), its count and the
// sidebars; Init then reads none of them again.
func TestFirstScreenReadsComeBeforeInit(t *testing.T) {
	st := newFakeStore(500)
	m := New(st, Options{})
	m, _ = m.resize(160, 40)
	reads := m.firstScreenReads()
	if len(reads) != 3 {
		t.Fatalf("%d first reads, want the list, its count and the sidebars", len(reads))
	}
	h := &harness{t: t, m: m}
	h.run(m.Init())
	if st.pageCalls != 0 {
		t.Fatalf("Init read the list again (%d reads)", st.pageCalls)
	}
	top := reads[0]()
	if st.maxLimit != h.m.list.visible() {
		t.Fatalf("the first read asked for %d rows, %d fit", st.maxLimit, h.m.list.visible())
	}
	h.send(top, reads[1](), reads[2]())
	h.requireScreen("Article 500 about", "500 articles", "Authors")
	h.press("j", "j")
	if h.m.list.cursor != 2 {
		t.Fatalf("cursor %d after two downs", h.m.list.cursor)
	}
}
