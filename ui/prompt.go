package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/herald-reader/herald/sanitize"
)

// searchPrompt is the `/` prompt for a query. It takes the status line's
// place while open; a query that does not parse leaves it open with the
// reason beside it.
type searchPrompt struct {
	keys   PromptKeys
	styles *Styles
	input  textinput.Model
	open   bool
	err    string
}

func newSearchPrompt(keys PromptKeys, styles *Styles) searchPrompt {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "words, author:NAME, tag:NAME, is:unread, after:2024-01-31 …"
	in.SetVirtualCursor(false) // the terminal draws (and blinks) a real cursor
	in.SetStyles(styles.Prompt)
	return searchPrompt{keys: keys, styles: styles, input: in}
}

func (p *searchPrompt) SetStyles(st *Styles) { p.styles = st; p.input.SetStyles(st.Prompt) }

// Open shows the prompt holding the current query.
func (p *searchPrompt) Open(current string) tea.Cmd {
	p.open, p.err = true, ""
	p.input.SetValue(current)
	p.input.CursorEnd()
	return p.input.Focus()
}

func (p *searchPrompt) Close() {
	p.open, p.err = false, ""
	p.input.Blur()
}

func (p *searchPrompt) Fail(err error) { p.err = sanitize.Line(err.Error()) }

func (p searchPrompt) Value() string { return p.input.Value() }

func (p searchPrompt) ShortHelp() []key.Binding { return []key.Binding{p.keys.Submit, p.keys.Cancel} }

// Update edits the query; a changed query clears the last error.
func (p searchPrompt) Update(msg tea.Msg) (searchPrompt, tea.Cmd) {
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.err = ""
	}
	return p, cmd
}

// View draws the prompt in width cells with the error, if any, after it.
func (p searchPrompt) View(width int) string {
	errText := ""
	if p.err != "" {
		errText = "  ✗ " + p.err
	}
	errW := min(ansi.StringWidth(errText), width/2)
	p.input.SetWidth(max(width-ansi.StringWidth(p.input.Prompt)-errW-1, 1))
	return fitLine(p.input.View()+p.styles.Error.Render(truncateText(errText, errW)), width)
}

// Cursor is where the terminal's cursor goes when the prompt is on line y.
func (p searchPrompt) Cursor(width, y int) *tea.Cursor {
	errW := 0
	if p.err != "" {
		errW = min(ansi.StringWidth("  ✗ "+p.err), width/2)
	}
	p.input.SetWidth(max(width-ansi.StringWidth(p.input.Prompt)-errW-1, 1))
	c := p.input.Cursor()
	if c != nil {
		c.Y += y
	}
	return c
}
