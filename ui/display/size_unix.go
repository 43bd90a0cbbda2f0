//go:build unix

package display

import (
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
)

// FollowSize sends a tea.WindowSizeMsg through send each time the terminal
// is resized (SIGWINCH), until stop is called. Bubble Tea does this only
// with its own renderer.
func (t *Terminal) FollowSize(send func(tea.Msg)) (stop func()) {
	f, ok := t.out.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return func() {}
	}
	resized := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(resized, syscall.SIGWINCH)
	go func() {
		for {
			select {
			case <-done:
				return
			case <-resized:
				if w, h, err := term.GetSize(f.Fd()); err == nil {
					send(tea.WindowSizeMsg{Width: w, Height: h})
				}
			}
		}
	}()
	return func() {
		signal.Stop(resized)
		close(done)
	}
}
