//go:build linux

package display

import (
	"os"
	"strconv"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"golang.org/x/sys/unix"
)

// newPseudoTerminal opens a pseudo-terminal: its controlling side and the
// terminal a program would draw on.
func newPseudoTerminal(t *testing.T) (control, terminal *os.File) {
	t.Helper()
	control, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	t.Cleanup(func() { control.Close() })
	if err := unix.IoctlSetPointerInt(int(control.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetUint32(int(control.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	if terminal, err = os.OpenFile("/dev/pts/"+strconv.FormatUint(uint64(n), 10), os.O_RDWR|unix.O_NOCTTY, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { terminal.Close() })
	return control, terminal
}

func setSize(t *testing.T, f *os.File, w, h int) {
	t.Helper()
	if err := unix.IoctlSetWinsize(int(f.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Col: uint16(w), Row: uint16(h)}); err != nil {
		t.Fatal(err)
	}
}

// sizeModel records the sizes it is given.
type sizeModel struct{ sizes *[]tea.WindowSizeMsg }

func (s sizeModel) Init() tea.Cmd { return nil }
func (s sizeModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if size, ok := msg.(tea.WindowSizeMsg); ok {
		*s.sizes = append(*s.sizes, size)
	}
	return s, nil
}
func (s sizeModel) View() tea.View { return tea.NewView("") }

// A size message that is stale (Bubble Tea's first, made before a resize
// that came while the first screen was read) gives the model the size the
// terminal has now, not the old one.
func TestAStaleSizeGivesTheSizeNow(t *testing.T) {
	control, terminal := newPseudoTerminal(t)
	setSize(t, control, 80, 24)
	term := New(nil, terminal, nil, colorprofile.NoTTY)
	term.Resize(80, 24)
	setSize(t, control, 120, 40) // the window manager, at once
	var sizes []tea.WindowSizeMsg
	m := term.Wrap(sizeModel{&sizes})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24}) // Bubble Tea's, from before
	if len(sizes) != 1 || sizes[0].Width != 120 || sizes[0].Height != 40 {
		t.Fatalf("the model was given %v, want 120x40", sizes)
	}
	if term.width != 120 || term.height != 40 {
		t.Fatalf("the terminal draws at %dx%d, want 120x40", term.width, term.height)
	}
}
