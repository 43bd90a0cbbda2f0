//go:build linux

package display

import (
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/herald-reader/herald/internal/ptytest"
)

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
	control, terminal := ptytest.Open(t, 80, 24)
	term := New(nil, terminal, nil, colorprofile.NoTTY)
	term.Resize(80, 24)
	ptytest.Resize(t, control, 120, 40) // the window manager, at once
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
