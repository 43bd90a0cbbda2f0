package display

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// plain is what was written, without its escape sequences.
func plain(s string) string { return ansi.Strip(s) }

func newTestTerminal(t *testing.T, in io.Reader) (*Terminal, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	term := New(in, &out, []string{"TERM=xterm-256color"}, colorprofile.ANSI256)
	term.Resize(40, 5)
	if err := term.Start(); err != nil {
		t.Fatal(err)
	}
	return term, &out
}

func frame(lines ...string) tea.View {
	v := tea.NewView(strings.Join(lines, "\n"))
	v.AltScreen = true
	return v
}

func TestStartAndStopSetAndUndoTheModes(t *testing.T) {
	term, out := newTestTerminal(t, strings.NewReader(""))
	for _, seq := range []string{ansi.SetModeAltScreenSaveCursor, ansi.ResetModeTextCursorEnable,
		ansi.SetModeBracketedPaste, ansi.PushKittyKeyboard(1)} {
		if !strings.Contains(out.String(), seq) {
			t.Errorf("start did not write %q: %q", seq, out.String())
		}
	}
	v := frame("hello")
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "herald"
	term.Draw(v)
	for _, seq := range []string{ansi.SetModeMouseButtonEvent, ansi.SetModeMouseExtSgr, ansi.SetWindowTitle("herald")} {
		if !strings.Contains(out.String(), seq) {
			t.Errorf("the view's %q was not set: %q", seq, out.String())
		}
	}
	out.Reset()
	if err := term.Stop(); err != nil {
		t.Fatal(err)
	}
	stopped := out.String()
	for _, seq := range []string{ansi.ResetModeMouseButtonEvent, ansi.ResetModeBracketedPaste,
		ansi.PopKittyKeyboard(1), ansi.SetModeTextCursorEnable, ansi.ResetModeAltScreenSaveCursor} {
		if !strings.Contains(stopped, seq) {
			t.Errorf("stop did not write %q: %q", seq, stopped)
		}
	}
	if strings.Index(stopped, ansi.PopKittyKeyboard(1)) > strings.Index(stopped, ansi.ResetModeAltScreenSaveCursor) {
		t.Error("the keyboard mode was popped after leaving the alternate screen, where it was pushed")
	}
	out.Reset()
	term.Stop()
	term.Draw(frame("after"))
	if out.Len() != 0 {
		t.Errorf("a stopped terminal wrote %q", out.String())
	}
}

func TestWithoutKeyboardTheKeyboardModesAreLeftAlone(t *testing.T) {
	term, out := newTestTerminal(t, nil)
	term.Stop()
	if strings.Contains(out.String(), "\x1b[>") || strings.Contains(out.String(), "\x1b[<") {
		t.Errorf("keyboard modes touched without a keyboard: %q", out.String())
	}
	if term.RequestBackgroundColor() != nil {
		t.Error("a colour query without a keyboard to read the answer")
	}
}

func TestDrawSendsOnlyWhatChanged(t *testing.T) {
	term, out := newTestTerminal(t, nil)
	term.Draw(frame("first line", "kittiwake", "third line"))
	for _, want := range []string{"first line", "kittiwake", "third line"} {
		if !strings.Contains(plain(out.String()), want) {
			t.Fatalf("first frame lacks %q: %q", want, out.String())
		}
	}
	out.Reset()
	term.Draw(frame("first line", "puffin", "third line"))
	got := plain(out.String())
	if !strings.Contains(got, "puffin") || strings.Contains(got, "first line") || strings.Contains(got, "third line") {
		t.Fatalf("second frame sent %q, want only the changed line", got)
	}
	if !strings.HasPrefix(out.String(), ansi.SetModeSynchronizedOutput) || !strings.HasSuffix(out.String(), ansi.ResetModeSynchronizedOutput) {
		t.Errorf("a frame is not one synchronized update: %q", out.String())
	}
	out.Reset()
	term.Draw(frame("first line", "puffin", "third line"))
	if out.Len() != 0 {
		t.Errorf("an unchanged frame wrote %q", out.String())
	}
}

func TestResizeDrawsTheWholeFrameAgain(t *testing.T) {
	term, out := newTestTerminal(t, nil)
	term.Draw(frame("first line", "second line"))
	out.Reset()
	term.Resize(30, 5)
	term.Draw(frame("first line", "second line"))
	if got := plain(out.String()); !strings.Contains(got, "first line") || !strings.Contains(got, "second line") {
		t.Fatalf("after a resize the frame was not drawn whole: %q", got)
	}
}

func TestCursorIsShownWhereTheViewPutsIt(t *testing.T) {
	term, out := newTestTerminal(t, nil)
	v := frame("search: kit")
	v.Cursor = tea.NewCursor(3, 0)
	term.Draw(v)
	if !strings.Contains(out.String(), ansi.SetModeTextCursorEnable) || !strings.Contains(out.String(), ansi.CursorPosition(4, 1)) {
		t.Fatalf("cursor not shown at column 4: %q", out.String())
	}
	out.Reset()
	term.Draw(frame("search: kit"))
	if !strings.Contains(out.String(), ansi.ResetModeTextCursorEnable) {
		t.Fatalf("cursor not hidden again: %q", out.String())
	}
}

// counter is a model whose view is its count; "boom" panics.
type counter struct{ n int }

func (c counter) Init() tea.Cmd { return nil }

func (c counter) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg {
	case "boom":
		panic("boom in update")
	case "cmd boom":
		return c, tea.Batch(func() tea.Msg { return nil }, func() tea.Msg { panic("boom in a command") })
	}
	c.n++
	return c, nil
}

func (c counter) View() tea.View { return frame("count " + strings.Repeat("|", c.n)) }

// The point of the package: the frame is on the terminal when Update
// returns, not on the next tick of a renderer.
func TestWrappedModelIsDrawnWhenUpdateReturns(t *testing.T) {
	term, out := newTestTerminal(t, nil)
	m := term.Wrap(counter{})
	m, _ = m.Update("tick")
	if !strings.Contains(plain(out.String()), "count |") {
		t.Fatalf("no frame after the first update: %q", out.String())
	}
	m, _ = m.Update("tick")
	if !strings.Contains(plain(out.String()), "||") {
		t.Fatalf("no frame after the second update: %q", out.String())
	}
	if m.View().Content != "" {
		t.Error("the wrapper's own view should be empty: Bubble Tea must draw nothing")
	}
	if m.(drawnModel).inner.(counter).n != 2 {
		t.Error("the wrapped model was not kept")
	}
}

func TestResizeMessageResizesTheTerminal(t *testing.T) {
	term, _ := newTestTerminal(t, nil)
	m := term.Wrap(counter{})
	m.Update(tea.WindowSizeMsg{Width: 77, Height: 11})
	if term.width != 77 || term.height != 11 {
		t.Fatalf("terminal is %dx%d", term.width, term.height)
	}
}

// recovered runs f and returns what it panicked with.
func recovered(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}

func TestPanicStopsTheTerminalBeforeItIsReported(t *testing.T) {
	term, out := newTestTerminal(t, nil)
	m := term.Wrap(counter{})
	if r := recovered(func() { m.Update("boom") }); r != "boom in update" {
		t.Fatalf("panic %v, want it passed on", r)
	}
	if !strings.HasSuffix(out.String(), ansi.ResetModeAltScreenSaveCursor) || term.shown {
		t.Fatalf("terminal not stopped by a panic in Update: %q", out.String())
	}

	term, out = newTestTerminal(t, nil)
	m = term.Wrap(counter{})
	_, cmd := m.Update("cmd boom")
	batch, ok := cmd().(tea.BatchMsg)
	if !ok {
		t.Fatalf("the batch was not passed on")
	}
	if r := recovered(func() { batch[1]() }); r != "boom in a command" {
		t.Fatalf("panic %v, want it passed on", r)
	}
	if term.shown || !strings.Contains(out.String(), ansi.ResetModeAltScreenSaveCursor) {
		t.Fatalf("terminal not stopped by a panic in a command: %q", out.String())
	}
}

// fakeCommand records what the terminal looked like when it ran.
type fakeCommand struct {
	out      *bytes.Buffer
	sawShown bool
	term     *Terminal
	err      error
}

func (c *fakeCommand) Run() error {
	c.sawShown = c.term.shown
	c.out.WriteString("[command output]")
	return c.err
}
func (c *fakeCommand) SetStdin(io.Reader)  {}
func (c *fakeCommand) SetStdout(io.Writer) {}
func (c *fakeCommand) SetStderr(io.Writer) {}

func TestExecHandsTheTerminalOverAndTakesItBack(t *testing.T) {
	term, out := newTestTerminal(t, nil)
	term.Draw(frame("the reader"))
	cmd := &fakeCommand{out: out, term: term, err: errors.New("exit status 1")}
	err := handedOver{ExecCommand: cmd, t: term}.Run()
	if err == nil || err.Error() != "exit status 1" {
		t.Fatalf("the command's error was %v", err)
	}
	if cmd.sawShown {
		t.Fatal("the command ran on the reader's screen")
	}
	s := out.String()
	at := strings.Index(s, "[command output]")
	if left := strings.LastIndex(s[:at], ansi.ResetModeAltScreenSaveCursor); left < 0 {
		t.Fatalf("the alternate screen was not left before the command: %q", s)
	}
	after := s[at:]
	if !strings.Contains(after, ansi.SetModeAltScreenSaveCursor) || !strings.Contains(plain(after), "the reader") {
		t.Fatalf("the reader's screen was not drawn again after the command: %q", after)
	}
}

func TestClipboardIsWrittenAtOnce(t *testing.T) {
	term, out := newTestTerminal(t, nil)
	out.Reset()
	if msg := term.SetClipboard("https://example.com/a")(); msg != nil {
		t.Fatalf("clipboard command returned %v", msg)
	}
	if out.String() != ansi.SetSystemClipboard("https://example.com/a") {
		t.Fatalf("wrote %q", out.String())
	}
}
