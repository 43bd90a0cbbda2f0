package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// This file is A and T: the next (older, in list order) article by the
// same author or with a shared tag. With several authors or tags, a
// one-line chooser on the status line lists them numbered and a digit picks.

type facetKind int

const (
	byAuthor facetKind = iota
	byTag
)

func (k facetKind) String() string {
	if k == byTag {
		return "tag"
	}
	return "author"
}

// facetChooser is the open chooser: which names, for which article.
type facetChooser struct {
	kind  facetKind
	from  int64
	names []string
}

// view is the chooser as the status line shows it.
func (c facetChooser) view() string {
	parts := make([]string, len(c.names))
	for i, n := range c.names {
		parts[i] = fmt.Sprintf("%d %s", i+1, sanitize.Line(n))
	}
	return fmt.Sprintf(" next by %s: %s  (esc cancels)", c.kind, strings.Join(parts, " · "))
}

// nextByMsg is the next article by the same author or tag, if any.
type nextByMsg struct {
	from    int64
	name    string
	article store.Article
	found   bool
	err     error
}

func nextByCmd(ctx context.Context, st Store, from store.Article, kind facetKind, name string) tea.Cmd {
	k := from.Key()
	var f store.Filter
	if kind == byTag {
		f.Tags = []string{name}
	} else {
		f.Authors = []string{name}
	}
	return func() tea.Msg {
		rows, err := st.Page(ctx, store.PageRequest{Filter: f, From: &k, Limit: 1})
		msg := nextByMsg{from: from.ID, name: name, err: err}
		if err == nil && len(rows) > 0 {
			msg.article, msg.found = rows[0], true
		}
		return msg
	}
}

// nextBy starts A or T on the open article: at once with one name, through
// the chooser with several.
func (m Model) nextBy(kind facetKind) (Model, tea.Cmd) {
	if !m.reader.open {
		return m, nil
	}
	a := m.reader.article
	names := a.Authors
	if kind == byTag {
		names = a.Tags
	}
	switch len(names) {
	case 0:
		m.message = fmt.Sprintf("this article has no %s", kind)
		return m, nil
	case 1:
		return m, nextByCmd(m.ctx, m.st, a, kind, names[0])
	}
	m.chooser = &facetChooser{kind: kind, from: a.ID, names: names[:min(len(names), 9)]}
	return m, nil
}

// handleChooserKey: a digit picks a name (one past the names leaves the
// chooser open, showing the ones there are); esc closes it; any other key
// closes it and then does what it does, so no key is lost to it.
func (m Model) handleChooserKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	c := *m.chooser
	n, isDigit := digitKey(k)
	if isDigit && n > len(c.names) {
		return m, nil
	}
	m.chooser = nil
	switch {
	case isDigit:
		if !m.reader.open || m.reader.article.ID != c.from {
			return m, nil
		}
		return m, nextByCmd(m.ctx, m.st, m.reader.article, c.kind, c.names[n-1])
	case key.Matches(k, m.keys.Clear):
		return m, nil
	}
	return m.handleKey(k)
}

// handleNextBy opens the article found, if the one it was asked from is
// still open.
func (m Model) handleNextBy(msg nextByMsg) (Model, tea.Cmd) {
	if !m.reader.open || m.reader.article.ID != msg.from {
		return m, nil
	}
	switch {
	case msg.err != nil:
		m.message = "next article: " + msg.err.Error()
		return m, nil
	case !msg.found:
		m.message = "no older article for " + msg.name
		return m, nil
	}
	return m.jumpTo(msg.article, 0)
}
