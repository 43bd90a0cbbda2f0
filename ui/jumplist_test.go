package ui

import (
	"fmt"
	"testing"
)

// After a jump the list is re-anchored at the article: its rows around the
// cursor are the list in order, with none missing.
func TestJumpReanchorsListWithoutGaps(t *testing.T) {
	st := openTestStore(t, 30)
	h := newHarness(t, st, Options{}, 80, 24)
	h.press("enter", "A") // Real story 29 is by Writer 2; next older by them: 26
	if got := h.m.reader.article.Title; got != "Real story 26" {
		t.Fatalf("A opened %q", got)
	}
	if got := h.cursorID(); got != h.m.reader.article.ID {
		t.Fatalf("cursor on %d, reader on %d", got, h.m.reader.article.ID)
	}
	for i := 0; i < 8; i++ {
		want := fmt.Sprintf("Real story %d", 26-i)
		a, ok := h.m.list.current()
		if !ok || a.Title != want {
			t.Fatalf("row %d below the cursor is %q, want %q", i, a.Title, want)
		}
		h.m.list.MoveBy(1)
	}
}
