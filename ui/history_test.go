package ui

import (
	"os"
	"path/filepath"
	"testing"
)

// The / prompt keeps the queries given, as the | prompt keeps commands: ↑
// and ↓ walk them, and a new reader reads them back from their file.
func TestSearchHistory(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "state", "herald", "search_history")
	h := newHarness(t, newFakeStore(40), Options{SearchHistory: hist}, 80, 24, stubRender)
	for _, q := range []string{"tag:go", "tag:rust is:unread"} {
		h.press("/")
		h.press("ctrl+u")
		h.typeText(q)
		h.press("enter")
	}
	h.requireScreen("filter: /tag:rust is:unread")
	if got := readFile(t, hist); got != "tag:go\ntag:rust is:unread\n" {
		t.Fatalf("history file:\n%q", got)
	}
	if info, err := os.Stat(hist); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("history file mode %v (%v); queries are private", info.Mode(), err)
	}
	h.press("/", "up")
	if got := h.m.prompt.Value(); got != "tag:rust is:unread" {
		t.Fatalf("↑ gave %q", got)
	}

	h2 := newHarness(t, newFakeStore(40), Options{SearchHistory: hist}, 80, 24, stubRender)
	h2.press("/", "up", "up")
	if got := h2.m.prompt.Value(); got != "tag:go" {
		t.Fatalf("a new reader: ↑↑ gave %q", got)
	}
	h2.press("enter")
	h2.requireScreen("filter: /tag:go")
	if got := readFile(t, hist); got != "tag:rust is:unread\ntag:go\n" {
		t.Fatalf("searching an old query again should move it last:\n%q", got)
	}
	// A query refused stays out of the history.
	h2.press("/", "ctrl+u")
	h2.typeText("is:bogus")
	h2.press("enter", "esc")
	if got := readFile(t, hist); got != "tag:rust is:unread\ntag:go\n" {
		t.Fatalf("a refused query was kept:\n%q", got)
	}
}
