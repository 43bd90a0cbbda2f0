package display

import (
	"io"
	"os"

	"github.com/charmbracelet/x/term"
)

// RawKeys makes in raw, when it is a terminal, until the function it
// returns is called: a key arrives without enter, and ctrl+c arrives as a
// key ("\x03") instead of a SIGINT, which ends herald (main.go). Call it
// before printing what the keys answer: a key typed as soon as the prompt
// shows must not find the terminal still cooked.
func RawKeys(in io.Reader) (restore func()) {
	if f, ok := in.(*os.File); ok && term.IsTerminal(f.Fd()) {
		if st, err := term.MakeRaw(f.Fd()); err == nil {
			return func() { _ = term.Restore(f.Fd(), st) }
		}
	}
	return func() {}
}

// ReadKey reads one key press from in (made raw by RawKeys). A key that
// sends a sequence (an arrow) arrives whole when the terminal sent it in
// one write, as terminals do.
func ReadKey(in io.Reader) (string, error) {
	var b [32]byte
	n, err := in.Read(b[:])
	if n > 0 {
		return string(b[:n]), nil
	}
	return "", err
}
