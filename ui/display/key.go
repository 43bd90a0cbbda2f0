package display

import (
	"io"
	"os"

	"github.com/charmbracelet/x/term"
)

// ReadKey reads one key press from in, with the terminal raw for the read
// when in is one: a key arrives without enter, and ctrl+c arrives as a key
// ("\x03") instead of a SIGINT, which ends herald (main.go). A key that
// sends a sequence (an arrow) arrives whole when the terminal sent it in
// one write, as terminals do.
func ReadKey(in io.Reader) (string, error) {
	if f, ok := in.(*os.File); ok && term.IsTerminal(f.Fd()) {
		if st, err := term.MakeRaw(f.Fd()); err == nil {
			defer func() { _ = term.Restore(f.Fd(), st) }()
		}
	}
	var b [32]byte
	n, err := in.Read(b[:])
	if n > 0 {
		return string(b[:n]), nil
	}
	return "", err
}
