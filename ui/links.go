package ui

import (
	"context"
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/content"
	"github.com/herald-reader/herald/store"
)

// This file is the open article's links: reading them out of its body,
// finding which point to an article of the store, and following one (L,
// then a number, in the link picker of linkpicker.go). A link to an
// article of the store opens it in herald, as a related story does (the
// history and the list follow); any other goes to the browser.

// articleLink is a link of the open article and the article of the store
// it points to, if any.
type articleLink struct {
	content.Link
	article *store.Article // nil: not in the store
}

// linksMsg carries the links of article id back to the update loop.
type linksMsg struct {
	id    int64
	links []articleLink
	err   error
}

// linksCmd reads article id's body, extracts its links and looks them up in
// the store, off the update loop.
func linksCmd(ctx context.Context, st Store, id int64) tea.Cmd {
	return func() tea.Msg {
		links, err := readLinks(ctx, st, id)
		return linksMsg{id: id, links: links, err: err}
	}
}

func readLinks(ctx context.Context, st Store, id int64) ([]articleLink, error) {
	b, err := st.Body(ctx, id)
	if err != nil {
		return nil, err
	}
	html := b.Content
	if html == "" {
		html = b.Summary
	}
	found := content.Links(b.Markdown, html, b.Link)
	if len(found) == 0 {
		return nil, nil
	}
	urls := make([]string, len(found))
	for i, l := range found {
		urls[i] = l.URL
	}
	inStore, err := st.ArticlesByLink(ctx, urls)
	if err != nil {
		return nil, err
	}
	out := make([]articleLink, 0, len(found))
	for _, l := range found {
		al := articleLink{Link: l}
		if a, ok := inStore[l.URL]; ok {
			if a.ID == id {
				continue // another spelling of the article's own link
			}
			al.article = &a
		}
		out = append(out, al)
	}
	return out, nil
}

// showLinks asks for the open article's links; the picker opens when they
// are in.
func (m Model) showLinks() (Model, tea.Cmd) {
	if !m.reader.open {
		return m, nil
	}
	return m, linksCmd(m.ctx, m.st, m.reader.article.ID)
}

// handleLinks opens the picker on the links, if their article is still
// open.
func (m Model) handleLinks(msg linksMsg) (Model, tea.Cmd) {
	if !m.reader.open || m.reader.article.ID != msg.id {
		return m, nil
	}
	switch {
	case msg.err != nil:
		m.message = "links: " + msg.err.Error()
		return m, nil
	case len(msg.links) == 0:
		m.message = "this article has no links"
		return m, nil
	}
	m.message = ""
	p := newLinkPicker(msg.id, msg.links)
	m.links = &p
	return m, nil
}

// followLink opens link l of the picker: an article of the store in
// herald, through the same jump as a related story, anything else in the
// browser.
func (m Model) followLink(l articleLink) (Model, tea.Cmd) {
	m.links = nil
	if l.article != nil {
		return m.jumpTo(*l.article, 0)
	}
	return m, openOutsideCmd(m.ctx, m.opts.OpenURL, l.URL)
}

// errNoOpener is reported when the reader was given no way to open a
// link outside herald.
var errNoOpener = errors.New("no browser opener configured")

// linkOpenedMsg says how handing a link to the browser went.
type linkOpenedMsg struct {
	url string
	err error
}

// openOutsideCmd hands url to open (Options.OpenURL, the browser opener)
// off the update loop.
func openOutsideCmd(ctx context.Context, open func(context.Context, string) error, url string) tea.Cmd {
	return func() tea.Msg {
		if open == nil {
			return linkOpenedMsg{url: url, err: errNoOpener}
		}
		return linkOpenedMsg{url: url, err: open(ctx, url)}
	}
}

// handleLinkOpened says on the status line which link went to the browser,
// or why it could not.
func (m Model) handleLinkOpened(msg linkOpenedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		// The opener's errors say "open link: why" already; the link is
		// the one the user just chose, and naming it again would push the
		// why (a missing xdg-open, say) off a narrow status line.
		m.message = msg.err.Error()
		if !strings.HasPrefix(m.message, "open link") {
			m.message = "open " + msg.url + ": " + m.message
		}
		return m, nil
	}
	m.message, m.note = "", "opened "+msg.url
	return m, nil
}
