//go:build linux

// Package ptytest opens pseudo-terminals for tests that need a real
// terminal: a program's size, raw mode, job control.
package ptytest

import (
	"os"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"
)

// Open opens a pseudo-terminal of w x h cells. control is the side the
// test holds: what the program writes comes out of it, and what the test
// writes to it is typed. terminal is the side a program gets as its
// terminal. Both are closed when the test ends (closing them before is
// fine). The test is skipped where there are no pseudo-terminals.
func Open(t testing.TB, w, h int) (control, terminal *os.File) {
	t.Helper()
	control, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { control.Close() })
	if err := unix.IoctlSetPointerInt(int(control.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlock the pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetUint32(int(control.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("the pseudo-terminal's number: %v", err)
	}
	terminal, err = os.OpenFile("/dev/pts/"+strconv.FormatUint(uint64(n), 10), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("open the pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { terminal.Close() })
	Resize(t, control, w, h)
	return control, terminal
}

// Resize sets the pseudo-terminal's size, as a terminal window's resize
// does.
func Resize(t testing.TB, control *os.File, w, h int) {
	t.Helper()
	if err := unix.IoctlSetWinsize(int(control.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Col: uint16(w), Row: uint16(h)}); err != nil {
		t.Fatalf("resize the pseudo-terminal: %v", err)
	}
}
