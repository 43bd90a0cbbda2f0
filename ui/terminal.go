package ui

import tea "charm.land/bubbletea/v2"

// terminalOps is what the reader asks of the terminal besides drawing:
// running a command on it, setting the clipboard, and asking its
// background colour. Run hands the model its display's, which act at once;
// without one (tests, teatest) they are Bubble Tea's own commands.
type terminalOps interface {
	Exec(tea.ExecCommand, tea.ExecCallback) tea.Cmd
	SetClipboard(text string) tea.Cmd
	RequestBackgroundColor() tea.Cmd
}

// bubbleTeaTerminal is terminalOps through Bubble Tea's commands.
type bubbleTeaTerminal struct{}

func (bubbleTeaTerminal) Exec(c tea.ExecCommand, fn tea.ExecCallback) tea.Cmd {
	return tea.Exec(c, fn)
}

func (bubbleTeaTerminal) SetClipboard(text string) tea.Cmd { return tea.SetClipboard(text) }

func (bubbleTeaTerminal) RequestBackgroundColor() tea.Cmd { return tea.RequestBackgroundColor }
