package display

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Wrap returns m as a model whose frames t draws: after every Update, m's
// view goes to the terminal at once. Run it with tea.WithoutRenderer.
//
// A panic in m's Update, View or Init, or in a command they return, stops
// t before Bubble Tea reports it, so that the report lands on the main
// screen of a terminal in its normal state.
func (t *Terminal) Wrap(m tea.Model) tea.Model { return drawnModel{inner: m, t: t} }

type drawnModel struct {
	inner tea.Model
	t     *Terminal
}

func (d drawnModel) Init() tea.Cmd {
	defer d.t.stopOnPanic()
	return d.t.Guard(d.inner.Init())
}

func (d drawnModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer d.t.stopOnPanic()
	if size, ok := msg.(tea.WindowSizeMsg); ok {
		size = d.t.sizeNow(size)
		d.t.Resize(size.Width, size.Height)
		msg = size
	}
	m, cmd := d.inner.Update(msg)
	d.inner = m
	// A frame that cannot be written (the terminal went away) is not the
	// model's concern; Bubble Tea's renderer ignored those too.
	_ = d.t.Draw(m.View())
	return d, d.t.Guard(cmd)
}

// View is empty: the frames were drawn in Update, and Bubble Tea, running
// without its renderer, only asks for it.
func (d drawnModel) View() tea.View { return tea.View{} }

// stopOnPanic, deferred, stops the terminal if the function panics and
// panics on with the same value for Bubble Tea to report.
func (t *Terminal) stopOnPanic() {
	if r := recover(); r != nil {
		_ = t.Stop()
		panic(r)
	}
}

// Guard makes cmd, and the commands of a batch it returns, stop the
// terminal if they panic. Commands the program runs are guarded already;
// this is for those run beside it.
func (t *Terminal) Guard(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		defer t.stopOnPanic()
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			guarded := make(tea.BatchMsg, len(batch))
			for i, c := range batch {
				guarded[i] = t.Guard(c)
			}
			return guarded
		}
		return msg
	}
}

// Exec is tea.Exec for a program drawn on t: the command gets the terminal
// in its normal state (main screen, cursor shown, not raw), and the
// program's screen is drawn again when it ends.
func (t *Terminal) Exec(c tea.ExecCommand, fn tea.ExecCallback) tea.Cmd {
	return tea.Exec(handedOver{ExecCommand: c, t: t}, fn)
}

// handedOver runs its command with the terminal stopped around it.
type handedOver struct {
	tea.ExecCommand
	t *Terminal
}

func (h handedOver) Run() error {
	if err := h.t.Stop(); err != nil {
		return err
	}
	err := h.ExecCommand.Run()
	if serr := h.t.Start(); serr != nil && err == nil {
		err = serr
	}
	return err
}

// SetClipboard puts text on the system clipboard through the terminal
// (OSC 52) now; tea.SetClipboard would wait for Bubble Tea's ticker.
func (t *Terminal) SetClipboard(text string) tea.Cmd {
	return func() tea.Msg {
		t.write(ansi.SetSystemClipboard(text))
		return nil
	}
}

// RequestBackgroundColor asks the terminal for its background colour now;
// the answer arrives as a tea.BackgroundColorMsg. Without a keyboard there
// would be nobody to read the answer, so nothing is asked.
func (t *Terminal) RequestBackgroundColor() tea.Cmd {
	if t.in == nil {
		return nil
	}
	return func() tea.Msg {
		t.write(ansi.RequestBackgroundColor)
		return nil
	}
}
