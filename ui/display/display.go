// Package display puts a full-screen Bubble Tea program's frames on the
// terminal the moment Update has run.
//
// Bubble Tea 2.1.1's renderer writes frames from a ticker, 60 a second:
// a key waits 8 ms on average for its frame, and the ticker wakes the
// program 60 times a second while nothing happens. The reader runs its
// program without that renderer (tea.WithoutRenderer) and draws through a
// Terminal instead: Wrap draws the model's view after every Update that
// changed it, with ultraviolet's renderer (the one Bubble Tea's uses) to
// send only what changed. The Terminal also owns what the renderer used to
// set up: raw mode, the alternate screen, mouse reports, bracketed paste
// and the keyboard protocol, and it undoes them on the way out, before a
// command runs on the terminal, and before a panic is reported.
//
// It draws full-screen views only: View.AltScreen is taken as given, and
// of the rest of tea.View it honours Content, Cursor (position and
// visibility), MouseMode and WindowTitle.
package display

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
)

// Terminal is the screen a program draws on. Its methods are safe to call
// from commands while the program runs.
type Terminal struct {
	mu      sync.Mutex
	in      io.Reader // the keyboard; nil when the program reads no keys
	out     io.Writer
	env     []string
	profile colorprofile.Profile

	raw   *term.State // the terminal's state before Start made it raw
	rawFd uintptr

	scr     *uv.TerminalRenderer // writes what changed into pending
	pending bytes.Buffer
	frame   uv.ScreenBuffer // the frame being drawn
	width   int
	height  int

	shown   bool     // the alternate screen and the modes below are on
	last    tea.View // the last view drawn (or to draw once shown)
	drawn   bool     // last holds a view
	content string   // last content sent to the renderer
	cursor  bool     // the text cursor is visible
	mouse   tea.MouseMode
	title   string
}

// New returns a terminal that reads keys from in (nil: none) and draws on
// out, downsampling colours to profile. env is the program's environment,
// for the terminal's type.
func New(in io.Reader, out io.Writer, env []string, profile colorprofile.Profile) *Terminal {
	go warmWidths()
	return &Terminal{in: in, out: out, env: env, profile: profile}
}

// warmWidths builds the cell-width table the renderer measures with (the
// first width asked beyond U+0300, a box-drawing line, builds 2 MB of it),
// on another core while the program starts, instead of in its first frame.
func warmWidths() { ansi.WcWidth.StringWidth("─") }

// Start makes the keyboard's terminal raw (when it is one), switches to the
// alternate screen with the cursor hidden, and draws the last view again if
// there is one (after Stop, when a command has had the terminal).
func (t *Terminal) Start() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.shown {
		return nil
	}
	if f, ok := t.in.(*os.File); ok && term.IsTerminal(f.Fd()) {
		st, err := term.MakeRaw(f.Fd())
		if err != nil {
			return fmt.Errorf("the terminal would not enter raw mode: %w", err)
		}
		t.raw, t.rawFd = st, f.Fd()
	}
	t.newRenderer()
	seq := ansi.SetModeAltScreenSaveCursor + ansi.ResetModeTextCursorEnable + ansi.SetModeBracketedPaste
	if t.in != nil {
		// What Bubble Tea's renderer asks for: keys with modifiers told
		// apart, and esc that never waits to see whether a sequence follows.
		seq += ansi.SetModifyOtherKeys2 + ansi.PushKittyKeyboard(1)
	}
	t.shown, t.cursor, t.mouse, t.title, t.content = true, false, tea.MouseModeNone, "", ""
	if _, err := io.WriteString(t.out, seq); err != nil {
		return err
	}
	if t.drawn {
		return t.draw(t.last)
	}
	return nil
}

// newRenderer starts ultraviolet's renderer afresh: it knows nothing of
// what is on the screen, so the next frame is drawn whole.
func (t *Terminal) newRenderer() {
	t.pending.Reset()
	t.scr = uv.NewTerminalRenderer(&t.pending, t.env)
	t.scr.SetColorProfile(t.profile)
	t.scr.SetFullscreen(true)
	t.scr.SetRelativeCursor(false)
	// Without raw mode (a test's writer), the terminal's driver would not
	// turn "\n" into a carriage return and a line feed.
	t.scr.SetMapNewline(t.raw == nil)
	t.scr.SetScrollOptim(true)
	if t.width > 0 && t.height > 0 {
		t.scr.Resize(t.width, t.height)
	}
	t.scr.Erase()
}

// Stop undoes Start: the modes off, the cursor shown, the main screen back
// and the terminal as it was. Stopping a stopped terminal does nothing.
func (t *Terminal) Stop() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.shown {
		return nil
	}
	t.shown = false
	seq := mouseModeChange(t.mouse, tea.MouseModeNone) + ansi.ResetModeBracketedPaste
	if t.in != nil {
		seq += ansi.ResetModifyOtherKeys + ansi.PopKittyKeyboard(1)
	}
	seq += ansi.SetModeTextCursorEnable + ansi.ResetModeAltScreenSaveCursor
	_, err := io.WriteString(t.out, seq)
	if t.raw != nil {
		if rerr := term.Restore(t.rawFd, t.raw); rerr != nil && err == nil {
			err = fmt.Errorf("the terminal could not be restored: %w", rerr)
		}
		t.raw = nil
	}
	return err
}

// Resize tells the terminal its new size; the next Draw draws the whole
// frame, since the terminal may have moved or dropped what was on it.
func (t *Terminal) Resize(width, height int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if width == t.width && height == t.height {
		return
	}
	t.width, t.height = width, height
	if t.frame.RenderBuffer == nil {
		t.frame = uv.NewScreenBuffer(width, height)
	} else {
		t.frame.Resize(width, height)
	}
	if t.scr != nil {
		t.scr.Resize(width, height)
		t.scr.Erase()
	}
	t.content = ""
}

// sizeNow is the terminal's size now, for a size message that may be
// stale: Bubble Tea, without its renderer, announces the size it was given
// when made, and sends it after the program starts, so that a resize in
// between (a window manager sizing a new terminal while the first screen
// was read) was undone by it, and herald stayed at the old size until the
// next resize. Where out is no terminal, msg's size is all there is.
func (t *Terminal) sizeNow(msg tea.WindowSizeMsg) tea.WindowSizeMsg {
	if f, ok := t.out.(*os.File); ok && term.IsTerminal(f.Fd()) {
		if w, h, err := term.GetSize(f.Fd()); err == nil {
			return tea.WindowSizeMsg{Width: w, Height: h}
		}
	}
	return msg
}

// Draw puts v on the terminal now, sending only what changed since the
// last frame, as one write.
func (t *Terminal) Draw(v tea.View) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.last, t.drawn = v, true
	if !t.shown {
		return nil
	}
	return t.draw(v)
}

func (t *Terminal) draw(v tea.View) error {
	var out strings.Builder
	if v.MouseMode != t.mouse {
		out.WriteString(mouseModeChange(t.mouse, v.MouseMode))
		t.mouse = v.MouseMode
	}
	if v.WindowTitle != t.title {
		out.WriteString(ansi.SetWindowTitle(v.WindowTitle))
		t.title = v.WindowTitle
	}
	if t.width > 0 && t.height > 0 && v.Content != t.content {
		t.frame.Clear()
		uv.NewStyledString(v.Content).Draw(t.frame, t.frame.Bounds())
		t.scr.Render(t.frame.RenderBuffer)
		t.content = v.Content
	}
	if v.Cursor != nil {
		t.scr.MoveTo(v.Cursor.X, v.Cursor.Y) // after Render, which moves it
	}
	if err := t.scr.Flush(); err != nil {
		return err
	}
	show := v.Cursor != nil
	if t.pending.Len() > 0 || show != t.cursor {
		// One synchronized update (terminals without mode 2026 ignore it),
		// with the cursor hidden while the frame changes under it.
		out.WriteString(ansi.SetModeSynchronizedOutput)
		if t.cursor {
			out.WriteString(ansi.ResetModeTextCursorEnable)
		}
		out.Write(t.pending.Bytes())
		if show {
			out.WriteString(ansi.SetModeTextCursorEnable)
		}
		out.WriteString(ansi.ResetModeSynchronizedOutput)
		t.pending.Reset()
		t.cursor = show
	}
	if out.Len() == 0 {
		return nil
	}
	_, err := io.WriteString(t.out, out.String())
	return err
}

// mouseModeChange is what switches the terminal's mouse reports from one
// mode to another.
func mouseModeChange(from, to tea.MouseMode) string {
	if from == to {
		return ""
	}
	var seq string
	switch from {
	case tea.MouseModeCellMotion:
		seq = ansi.ResetModeMouseButtonEvent
	case tea.MouseModeAllMotion:
		seq = ansi.ResetModeMouseAnyEvent
	}
	switch to {
	case tea.MouseModeNone:
		if from != tea.MouseModeNone {
			seq += ansi.ResetModeMouseExtSgr
		}
	case tea.MouseModeCellMotion:
		seq += ansi.SetModeMouseButtonEvent + ansi.SetModeMouseExtSgr
	case tea.MouseModeAllMotion:
		seq += ansi.SetModeMouseAnyEvent + ansi.SetModeMouseExtSgr
	}
	return seq
}

// write sends seq to the terminal while it is shown (a clipboard or colour
// query made while a command has the terminal is dropped).
func (t *Terminal) write(seq string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.shown {
		_, _ = io.WriteString(t.out, seq)
	}
}
