package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/store"
)

// This file is the root's side of the store: the sidebars' facets, writes
// coming back, and the store changing under the reader.

// handleSaved reports a read or starred flag the store could not save.
func (m Model) handleSaved(msg articleSavedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.message = "could not save: " + msg.err.Error()
	}
	return m, nil
}

// storeChangedMsg says the store changed under the reader.
type storeChangedMsg struct{}

// waitForChange turns one receive on ch into a storeChangedMsg. It blocks in
// its command, so an idle reader uses no CPU.
func waitForChange(ctx context.Context, ch <-chan struct{}) tea.Cmd {
	return func() tea.Msg {
		select {
		case _, ok := <-ch:
			if !ok {
				return nil
			}
			return storeChangedMsg{}
		case <-ctx.Done():
			return nil
		}
	}
}

// handleStoreChanged reads the list (keeping the cursor on its article) and
// the sidebars again, and waits for the next change.
func (m Model) handleStoreChanged() (Model, tea.Cmd) {
	cmds := []tea.Cmd{m.reloadList(), facetsCmd(m.ctx, m.st)}
	if m.opts.Changes != nil {
		cmds = append(cmds, waitForChange(m.ctx, m.opts.Changes))
	}
	return m, tea.Batch(cmds...)
}

// facetsMsg carries the sidebars' entries.
type facetsMsg struct {
	authors, tags []store.Facet
	err           error
}

// facetsCmd reads the authors and tags with their counts.
func facetsCmd(ctx context.Context, st Store) tea.Cmd {
	return func() tea.Msg {
		authors, err := st.Authors(ctx)
		if err != nil {
			return facetsMsg{err: err}
		}
		tags, err := st.Tags(ctx)
		return facetsMsg{authors: authors, tags: tags, err: err}
	}
}

// handleFacets hands the sidebars their entries.
func (m Model) handleFacets(msg facetsMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.message = "could not read authors and tags: " + msg.err.Error()
		return m, nil
	}
	m.authors.SetFacets(msg.authors)
	m.tags.SetFacets(msg.tags)
	return m, nil
}
