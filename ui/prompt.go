package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/sanitize"
)

// linePrompt is the prompt that takes the status line's place while open:
// the `/` prompt for a query, or the `|` prompt for a command to pipe to
// (pipe.go), which also walks back through the commands given before. An
// entry that is refused leaves it open with the reason beside it.
type linePrompt struct {
	keys   PromptKeys
	styles *Styles
	input  *textinput.Model // by pointer: it is most of the prompt's size, which the root model copies (see Model)
	open   bool
	kind   promptKind
	err    string

	history []string // earlier entries, oldest first; nil: no history
	recall  int      // index into history of the entry shown; len(history): the draft
	draft   string   // what was typed before walking the history
}

// promptKind is what the prompt asks for.
type promptKind int

const (
	promptSearch promptKind = iota
	promptPipe
)

const searchPlaceholder = "words, author:NAME, tag:NAME, is:unread, after:2024-01-31 …"

func newLinePrompt(keys PromptKeys, styles *Styles) linePrompt {
	in := textinput.New()
	in.SetVirtualCursor(false) // the terminal draws (and blinks) a real cursor
	in.SetStyles(styles.Prompt)
	return linePrompt{keys: keys, styles: styles, input: &in}
}

func (p *linePrompt) SetStyles(st *Styles) { p.styles = st; p.input.SetStyles(st.Prompt) }

// Open shows the search prompt holding the current query, with the
// queries given before (oldest first) to walk back through.
func (p *linePrompt) Open(current string, history []string) tea.Cmd {
	return p.openAs(promptSearch, "/ ", searchPlaceholder, current, history)
}

// openAs shows the prompt for kind, labelled label, holding value, with
// history (oldest first) to walk back through.
func (p *linePrompt) openAs(kind promptKind, label, placeholder, value string, history []string) tea.Cmd {
	p.open, p.kind, p.err = true, kind, ""
	p.input.Prompt, p.input.Placeholder = label, placeholder
	p.history, p.recall, p.draft = history, len(history), ""
	p.input.SetValue(value)
	p.input.CursorEnd()
	return p.input.Focus()
}

func (p *linePrompt) Close() {
	p.open, p.err = false, ""
	p.history = nil
	p.input.Blur()
}

func (p *linePrompt) Fail(err error) { p.err = sanitize.Line(err.Error()) }

func (p linePrompt) Value() string { return p.input.Value() }

func (p linePrompt) ShortHelp() []key.Binding {
	if p.history != nil {
		return []key.Binding{p.keys.Submit, p.keys.Cancel, p.keys.Older, p.keys.Newer}
	}
	return []key.Binding{p.keys.Submit, p.keys.Cancel}
}

// Update edits the entry, or walks the history; a changed entry clears the
// last error.
func (p linePrompt) Update(msg tea.Msg) (linePrompt, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && p.history != nil {
		switch {
		case key.Matches(k, p.keys.Older):
			p.recallEntry(p.recall - 1)
			return p, nil
		case key.Matches(k, p.keys.Newer):
			p.recallEntry(p.recall + 1)
			return p, nil
		}
	}
	before := p.input.Value()
	var cmd tea.Cmd
	*p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.err = ""
	}
	return p, cmd
}

// recallEntry shows history entry i; one past the newest is the draft.
func (p *linePrompt) recallEntry(i int) {
	if i < 0 || i > len(p.history) || i == p.recall {
		return
	}
	if p.recall == len(p.history) {
		p.draft = p.input.Value()
	}
	p.recall = i
	if i == len(p.history) {
		p.input.SetValue(p.draft)
	} else {
		p.input.SetValue(p.history[i])
	}
	p.input.CursorEnd()
	p.err = ""
}

// View draws the prompt in width cells with the error, if any, after it.
func (p linePrompt) View(width int) string {
	in, errText := p.fitted(width)
	return fitLine(in.View()+p.styles.Error.Render(errText), width)
}

// Cursor is where the terminal's cursor goes when the prompt is on line y.
func (p linePrompt) Cursor(width, y int) *tea.Cursor {
	in, _ := p.fitted(width)
	c := in.Cursor()
	if c != nil {
		c.Y += y
	}
	return c
}

// fitted is the input sized to draw in width cells beside the error, and
// the error as drawn. The error gets the room the typed text does not use
// (but no more than half the line when the text needs that too, which then
// scrolls); a placeholder gets what is left, cut at a word.
func (p linePrompt) fitted(width int) (textinput.Model, string) {
	// A copy, sized for this drawing only.
	in := *p.input
	room := width - cellWidth(in.Prompt) // the text, its cursor's cell, the error
	errText := ""
	if p.err != "" {
		const mark = "  ✗ "
		need := cellWidth(in.Value()) + 1
		errW := min(cellWidth(mark+p.err), max(room-need, room/2))
		errText = mark + cutText(p.err, errW-cellWidth(mark))
		room -= cellWidth(errText)
	}
	// The input draws its width plus the cursor's cell.
	in.SetWidth(max(room-1, 1))
	in.Placeholder = cutText(in.Placeholder, max(room, 1))
	// The input scrolls only as keys move its cursor, and it never had
	// this width then: scroll now to show the cursor, from the end.
	pos := in.Position()
	in.CursorEnd()
	in.SetCursor(pos)
	return in, errText
}
