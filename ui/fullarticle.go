package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
)

// This file is F in the reader: the open article's page is fetched and the
// readable article extracted from it by main's Options.FetchFull (the feed
// package, which ui does not import), which stores it beside the feed's
// summary; the store's Body returns it from then on. The reader then renders
// the article again: the article's body revision is part of the render key,
// so the renders of the summary, cached or under way, are never shown again.

// fullFetch is the full article being fetched (one at a time).
type fullFetch struct {
	running bool
	id      int64
	title   string
}

// fullArticleMsg says how fetching article id's full text went; again: the
// article had its full text already, and it was fetched anew.
type fullArticleMsg struct {
	id    int64
	title string
	again bool
	err   error
}

// fetchFullArticle starts fetching the open article's full text.
func (m Model) fetchFullArticle() (Model, tea.Cmd) {
	a := m.reader.article
	switch {
	case !m.reader.open:
		return m, nil
	case m.opts.FetchFull == nil:
		m.note = "fetching full articles is not available here"
		return m, nil
	case m.full.running:
		m.note = "already fetching the full article of “" + m.full.title + "”"
		return m, nil
	case a.Link == "":
		m.note = "this article has no link to fetch"
		return m, nil
	}
	m.full = fullFetch{running: true, id: a.ID, title: a.Title}
	m.message = ""
	return m, fullArticleCmd(m.ctx, m.st, m.opts.FetchFull, a.ID, a.Title)
}

func fullArticleCmd(ctx context.Context, st Store, fetch func(context.Context, int64) error, id int64, title string) tea.Cmd {
	return func() tea.Msg {
		b, err := st.Body(ctx, id)
		again := err == nil && b.Full
		return fullArticleMsg{id: id, title: title, again: again, err: fetch(ctx, id)}
	}
}

// handleFullArticle shows the full article if it is still open: the body
// revision moves on, so the summary's renders are stale, and the reader
// keeps showing the summary until the full text's render is in.
func (m Model) handleFullArticle(msg fullArticleMsg) (Model, tea.Cmd) {
	m.full = fullFetch{}
	if msg.err != nil {
		m.message = "full article: " + msg.err.Error()
		return m, nil
	}
	m.bodyRev[msg.id]++
	m.renders.drop(msg.id)
	open := m.reader.open && m.reader.article.ID == msg.id
	switch {
	case !open:
		m.note = "stored the full article of “" + msg.title + "”"
		return m, m.prerender()
	case msg.again:
		m.note = "fetched the full article again (it replaces the one kept before)"
	default:
		m.note = "showing the full article"
	}
	k := m.renderKeyFor(msg.id)
	m.reader.Want(k, m.reader.body)
	m.reader.ScrollTo(0)
	return m, tea.Batch(m.startRender(k), m.prerender())
}
