package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/handoff"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// This file hands the article at hand out of herald: o opens its link in
// the browser, y copies the link and Y the text (OSC 52), S saves it as
// markdown. | (pipe.go) pipes it to a command. They act on the open article
// in the reader, and elsewhere on the article under the list's cursor.

// handleHandoffKey handles those keys; ok says whether k was one of them.
// A sidebar's type-to-find has had its keys by then.
func (m Model) handleHandoffKey(k tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	var do func() (Model, tea.Cmd)
	switch keys := m.keys; {
	case key.Matches(k, keys.Pipe):
		do = m.openPipePrompt
	case key.Matches(k, keys.OpenLink):
		do = m.openLink
	case key.Matches(k, keys.CopyLink):
		do = m.copyLink
	case key.Matches(k, keys.CopyText):
		do = m.copyText
	case key.Matches(k, keys.Save):
		do = m.saveArticle
	default:
		return m, nil, false
	}
	next, cmd := do()
	return next, cmd, true
}

// articleAtHand is the article the keys act on: the open one in the
// reader, else the one under the list's cursor.
func (m *Model) articleAtHand() (store.Article, bool) {
	if m.focus == paneReader {
		return m.reader.article, m.reader.open
	}
	return m.list.current()
}

// noArticle is the status line's answer to a key with no article to act on.
func (m Model) noArticle() (Model, tea.Cmd) {
	m.message = "no article to act on"
	return m, nil
}

// openLink hands the article's link to the browser opener (Options.OpenURL),
// after the same check the opener makes, so that a refused link is
// explained without starting anything.
func (m Model) openLink() (Model, tea.Cmd) {
	a, ok := m.articleAtHand()
	if !ok {
		return m.noArticle()
	}
	link, err := handoff.CheckLink(a.Link)
	if err != nil {
		m.message = err.Error()
		return m, nil
	}
	m.message = ""
	return m, openOutsideCmd(m.ctx, m.opts.OpenURL, link)
}

// copyLink puts the article's link on the clipboard through the terminal.
func (m Model) copyLink() (Model, tea.Cmd) {
	a, ok := m.articleAtHand()
	if !ok {
		return m.noArticle()
	}
	link := strings.TrimSpace(sanitize.Line(a.Link))
	if link == "" {
		m.message = "this article has no link"
		return m, nil
	}
	m.message, m.note = "", "copied link "+link
	return m, m.term.SetClipboard(link)
}

// copyText reads the article's plain text (as `herald cat` prints it) to
// put it on the clipboard.
func (m Model) copyText() (Model, tea.Cmd) {
	a, ok := m.articleAtHand()
	if !ok {
		return m.noArticle()
	}
	ctx, st, id := m.ctx, m.st, a.ID
	return m, func() tea.Msg {
		b, err := st.Body(ctx, id)
		if err != nil {
			return textCopiedMsg{err: err}
		}
		return textCopiedMsg{text: handoff.PlainText(b)}
	}
}

// textCopiedMsg carries the text to copy, or why it could not be read.
type textCopiedMsg struct {
	text string
	err  error
}

func (m Model) handleTextCopied(msg textCopiedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.message = "copy text: " + msg.err.Error()
		return m, nil
	}
	m.message = ""
	m.note = fmt.Sprintf("copied the article's text (%s)", plural(len(strings.Fields(msg.text)), "word"))
	return m, m.term.SetClipboard(msg.text)
}

// saveArticle writes the article as markdown into the save folder.
func (m Model) saveArticle() (Model, tea.Cmd) {
	a, ok := m.articleAtHand()
	if !ok {
		return m.noArticle()
	}
	return m, saveArticleCmd(m.ctx, m.st, a.ID, m.opts.SaveDir)
}

// articleFileMsg says where an article was saved, or why it was not.
type articleFileMsg struct {
	path string
	err  error
}

func saveArticleCmd(ctx context.Context, st Store, id int64, dir string) tea.Cmd {
	return func() tea.Msg {
		path, err := handoff.Save(ctx, st, id, dir)
		return articleFileMsg{path: path, err: err}
	}
}

func (m Model) handleArticleFile(msg articleFileMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.message = "save: " + msg.err.Error()
		return m, nil
	}
	m.message, m.note = "", "saved "+msg.path
	return m, nil
}
