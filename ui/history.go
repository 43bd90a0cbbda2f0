package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/sanitize"
)

// promptHistory is what was entered at one of the prompts (the | commands,
// the / queries), oldest first, kept in a file of its own so that it
// outlives the reader: ↑ and ↓ walk it.
type promptHistory struct {
	kind    promptKind
	name    string // for messages: "pipe", "search"
	path    string // "" keeps it in memory only
	entries []string
	loaded  bool // the file has been read (or asked for)
}

// maxPromptHistory bounds a history file.
const maxPromptHistory = 200

// load reads the file the first time the prompt opens.
func (h *promptHistory) load() tea.Cmd {
	if h.loaded || h.path == "" {
		return nil
	}
	h.loaded = true
	kind, path := h.kind, h.path
	return func() tea.Msg {
		entries, err := readHistory(path)
		return historyMsg{kind: kind, entries: entries, err: err}
	}
}

// add keeps entry (moving an earlier copy of it to the end) and writes the
// file.
func (h *promptHistory) add(entry string) tea.Cmd {
	h.entries = addToHistory(h.entries, entry)
	if h.path == "" {
		return nil
	}
	kind, path, entries := h.kind, h.path, append([]string(nil), h.entries...)
	return func() tea.Msg {
		return historySavedMsg{kind: kind, err: writeHistory(path, entries)}
	}
}

// addToHistory appends entry to h, dropping an earlier copy of it and the
// oldest entries past maxPromptHistory.
func addToHistory(h []string, entry string) []string {
	out := make([]string, 0, len(h)+1)
	for _, c := range h {
		if c != entry {
			out = append(out, c)
		}
	}
	out = append(out, entry)
	return out[max(len(out)-maxPromptHistory, 0):]
}

// historyMsg carries a history read from its file.
type historyMsg struct {
	kind    promptKind
	entries []string
	err     error
}

// historySavedMsg says how writing a history file went.
type historySavedMsg struct {
	kind promptKind
	err  error
}

// history is the prompt kind's history.
func (m *Model) history(kind promptKind) *promptHistory {
	if kind == promptPipe {
		return &m.pipeHistory
	}
	return &m.searchHistory
}

// handleHistory puts the file's entries before any given since, and hands
// them to the prompt if it is open for them.
func (m Model) handleHistory(msg historyMsg) (Model, tea.Cmd) {
	h := m.history(msg.kind)
	if msg.err != nil {
		m.message = h.name + " history: " + msg.err.Error()
		return m, nil
	}
	entries := msg.entries
	for _, c := range h.entries {
		entries = addToHistory(entries, c)
	}
	h.entries = entries
	if m.prompt.open && m.prompt.kind == msg.kind {
		m.prompt.history, m.prompt.recall = entries, len(entries)
	}
	return m, nil
}

func (m Model) handleHistorySaved(msg historySavedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.message = "could not keep the " + m.history(msg.kind).name + " history: " + msg.err.Error()
	}
	return m, nil
}

// readHistory reads a history file: one entry a line, oldest first. A
// missing file is an empty history.
func readHistory(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var h []string
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(sanitize.Line(line)); line != "" {
			h = addToHistory(h, line)
		}
	}
	return h, nil
}

// writeHistory writes h to path through a temporary file, so a crash
// leaves the old file whole, private to the user: commands and queries can
// hold what others should not read.
func writeHistory(path string, h []string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	_, werr := tmp.WriteString(strings.Join(h, "\n") + "\n")
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
	}
	return werr
}
