package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// harness drives the root model the way Bubble Tea would, but in the test's
// goroutine: every command a message returns is run at once and its message
// fed back, until none are left. So after send, all store reads and renders
// the message started are done.
type harness struct {
	t    testing.TB
	m    Model
	quit bool
}

func newHarness(t testing.TB, st Store, opts Options, w, h int, setup ...func(*Model)) *harness {
	t.Helper()
	hs := &harness{t: t, m: New(st, opts)}
	for _, f := range setup {
		f(&hs.m)
	}
	hs.run(hs.m.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// send feeds msgs in order, each with everything it sets off.
func (h *harness) send(msgs ...tea.Msg) {
	h.t.Helper()
	for _, msg := range msgs {
		next, cmd := h.m.Update(msg)
		h.m = next.(Model)
		h.run(cmd)
	}
}

// sendOnly feeds one message and returns its command without running it.
func (h *harness) sendOnly(msg tea.Msg) tea.Cmd {
	next, cmd := h.m.Update(msg)
	h.m = next.(Model)
	return cmd
}

func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	for _, msg := range collect(cmd) {
		if _, ok := msg.(tea.QuitMsg); ok {
			h.quit = true
			continue
		}
		h.send(msg)
	}
}

// collect runs cmd and returns the messages it (and any batch in it) makes.
func collect(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, collect(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// press sends key presses by name: "j", "G", "enter", "shift+tab", "ctrl+c".
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyPress(k))
	}
}

// typeText sends each character of s as a key press.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyPress(name string) tea.KeyPressMsg {
	special := map[string]tea.KeyPressMsg{
		"enter":     {Code: tea.KeyEnter},
		"tab":       {Code: tea.KeyTab},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
		"esc":       {Code: tea.KeyEscape},
		"backspace": {Code: tea.KeyBackspace},
		"space":     {Code: tea.KeySpace, Text: " "},
		"up":        {Code: tea.KeyUp},
		"down":      {Code: tea.KeyDown},
		"pgup":      {Code: tea.KeyPgUp},
		"pgdown":    {Code: tea.KeyPgDown},
		"home":      {Code: tea.KeyHome},
		"end":       {Code: tea.KeyEnd},
		"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
		"ctrl+r":    {Code: 'r', Mod: tea.ModCtrl},
		"ctrl+o":    {Code: 'o', Mod: tea.ModCtrl},
		"ctrl+n":    {Code: 'n', Mod: tea.ModCtrl},
		"ctrl+u":    {Code: 'u', Mod: tea.ModCtrl},
	}
	if k, ok := special[name]; ok {
		return k
	}
	if utf8.RuneCountInString(name) != 1 {
		panic("unknown key " + name)
	}
	r, _ := utf8.DecodeRuneInString(name)
	return tea.KeyPressMsg{Code: r, Text: name}
}

// screen is the view as text, without styling.
func (h *harness) screen() string { return ansi.Strip(h.m.View().Content) }

// lines is the view's lines, styled.
func (h *harness) lines() []string { return strings.Split(h.m.View().Content, "\n") }

// requireFits fails unless every line of the view is exactly the terminal's
// width and there are exactly as many lines as it is high.
func (h *harness) requireFits() {
	h.t.Helper()
	if h.m.width <= 0 || h.m.height <= 0 {
		if c := h.m.View().Content; c != "" {
			h.t.Fatalf("view %q on a %dx%d terminal", c, h.m.width, h.m.height)
		}
		return
	}
	lines := h.lines()
	if len(lines) != h.m.height {
		h.t.Fatalf("view has %d lines, terminal is %d high", len(lines), h.m.height)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != h.m.width {
			h.t.Fatalf("line %d is %d cells wide, terminal is %d:\n%q", i, w, h.m.width, ansi.Strip(l))
		}
	}
}

// requireScreen fails unless the view holds every want.
func (h *harness) requireScreen(want ...string) {
	h.t.Helper()
	s := h.screen()
	for _, w := range want {
		if !strings.Contains(s, w) {
			h.t.Fatalf("view lacks %q:\n%s", w, s)
		}
	}
}

func (h *harness) requireNotScreen(unwanted ...string) {
	h.t.Helper()
	s := h.screen()
	for _, w := range unwanted {
		if strings.Contains(s, w) {
			h.t.Fatalf("view has %q:\n%s", w, s)
		}
	}
}

// cursorID is the id of the article under the list's cursor.
func (h *harness) cursorID() int64 {
	h.t.Helper()
	a, ok := h.m.list.current()
	if !ok {
		h.t.Fatalf("no article under the cursor (cursor %d, window %d+%d)", h.m.list.cursor, h.m.list.win.start, len(h.m.list.win.rows))
	}
	return a.ID
}

// stubRender replaces glamour with a cheap rendering, for tests about
// everything but rendering (scrolling a long list renders ahead each row).
func stubRender(m *Model) {
	m.render = func(_ context.Context, _ Store, k renderKey) ([]string, error) {
		return []string{fmt.Sprintf("body of %d at %d in %s", k.id, k.width, k.style)}, nil
	}
}
