// Package ui is herald's reader: a Bubble Tea program with authors and tags
// sidebars, a virtual article list paged from the store by keyset, and a
// reading pane that renders articles with glamour ahead of the key that
// opens them. Run runs it; New gives the root model to tests.
//
// Article text is hostile: everything from the store is sanitised again as
// it is drawn, and glamour's output keeps only its SGR styling, so no escape
// sequence from an article reaches the terminal.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/herald-reader/herald/ui/display"
)

// Run runs the reader on the terminal until the user quits or ctx ends. It
// draws through a display.Terminal, which puts each frame on the screen as
// soon as a key has been handled; the terminal is restored on the way out,
// and after a panic anywhere (Update, View, or a command) it is restored
// first and then the panic is printed, and Run returns an error.
func Run(ctx context.Context, st Store, opts Options) error {
	con, closeTTY, err := terminalConsole()
	if err != nil {
		return err
	}
	defer closeTTY()
	return runReader(ctx, st, opts, con)
}

// console is where the reader runs: keys from in (nil: none), frames to
// out, at a size that holds until the terminal says otherwise.
type console struct {
	in            io.Reader
	out           io.Writer
	width, height int
}

// terminalConsole is the process's terminal: standard input, or the
// controlling terminal when standard input is not one, and standard output.
func terminalConsole() (console, func(), error) {
	con := console{in: os.Stdin, out: os.Stdout}
	closeTTY := func() {}
	if !term.IsTerminal(os.Stdin.Fd()) {
		in, _, err := tea.OpenTTY()
		if err != nil {
			return con, closeTTY, err
		}
		con.in, closeTTY = in, func() { _ = in.Close() }
	}
	if w, h, err := term.GetSize(os.Stdout.Fd()); err == nil {
		con.width, con.height = w, h
	}
	return con, closeTTY, nil
}

// runReader runs the reader on st; when it ends, however it ends, its
// context is canceled, so that what it started in the background (a
// refresh, a full article's fetch) stops too.
func runReader(ctx context.Context, st Store, opts Options, con console) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	return run(ctx, newModel(ctx, st, opts), con)
}

// firstScreenWait is how long the reader waits for the list's first rows
// before it starts taking keys: a cold store on a local disk reads them in
// 10–20 ms; a slow one must not keep q from quitting.
const firstScreenWait = 200 * time.Millisecond

// drawFirstScreen draws the list's first rows and count as soon as
// listRead has them, before Bubble Tea sets up (which takes some 10 ms, its
// key table and input reader, that the first screen then waited for). An
// empty frame is drawn first, while the rows are read: the screen switches
// at once, and the renderer's first, costlier, frame is done meanwhile.
// When the rows take longer than firstScreenWait, late is set and they are
// the program's to take. The model it returns runs, when the program starts,
// what the rows started (rendering ahead). A panic in the model is returned
// as Bubble Tea returns one (tea.ErrProgramPanic), for the caller to report
// once its deferred Stop has restored the terminal.
func drawFirstScreen(t *display.Terminal, m Model, listRead <-chan tea.Msg) (_ Model, late bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", tea.ErrProgramPanic, r)
		}
	}()
	_ = t.Draw(m.View())
	select {
	case msg := <-listRead:
		next, cmd := m.Update(msg)
		m = next.(Model).startingWith(cmd)
		_ = t.Draw(m.View())
		return m, false, nil
	case <-time.After(firstScreenWait):
		return m, true, nil
	}
}

// colorProfile is the colours out shows. For standard output lipgloss
// found it as the program started; finding it again reads the terminfo
// again and, inside tmux, runs `tmux info` again, 8 ms each time (Bubble
// Tea and the display each did, so the reader started 23 ms later in tmux).
func colorProfile(out io.Writer, env []string) colorprofile.Profile {
	if f, ok := out.(*os.File); ok && f == os.Stdout {
		return lipgloss.Writer.Profile
	}
	return colorprofile.Detect(out, env)
}

// run runs m on con, drawn by a display.Terminal instead of Bubble Tea's
// renderer.
func run(ctx context.Context, m Model, con console) (err error) {
	env := os.Environ()
	profile := colorProfile(con.out, env)
	t := display.New(con.in, con.out, env, profile)
	m.term = t
	t.Resize(con.width, con.height)
	m, _ = m.resize(con.width, con.height)
	list, sidebars := m.firstScreenReads()
	listRead := make(chan tea.Msg, 1)
	go func() { listRead <- t.Guard(list)() }()
	if err := t.Start(); err != nil {
		return err
	}
	defer func() {
		if serr := t.Stop(); serr != nil && err == nil {
			err = serr
		}
	}()
	m, listLate, err := drawFirstScreen(t, m, listRead)
	if err != nil {
		return fmt.Errorf("the reader crashed (the terminal was restored): %w", err)
	}
	p := tea.NewProgram(t.Wrap(m), tea.WithContext(ctx),
		tea.WithoutRenderer(),
		// Without its renderer, Bubble Tea's ticker only flushes sequences
		// Bubble Tea writes itself, and herald sends its own through t: once
		// a second is enough, and the program sleeps in between.
		tea.WithFPS(1),
		tea.WithInput(con.in),
		tea.WithOutput(con.out),
		tea.WithWindowSize(con.width, con.height),
		tea.WithColorProfile(profile))
	// The sidebars are read after the list, so as not to slow its read.
	go func() {
		if listLate {
			p.Send(<-listRead)
		}
		p.Send(t.Guard(sidebars)())
	}()
	defer t.FollowSize(p.Send)()
	_, err = p.Run()
	switch {
	case err == nil:
		return nil
	case errors.Is(err, tea.ErrProgramPanic):
		return fmt.Errorf("the reader crashed (the terminal was restored): %w", err)
	case errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil:
		return nil // the caller ended the reader
	}
	return err
}
