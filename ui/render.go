package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/herald-reader/herald/content"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// renderKey identifies one rendering of an article body: the same article
// at another width or in another style is another rendering, and so is the
// same article after its body changed (rev: F stored its full text; gen: a
// refresh updated articles in place).
type renderKey struct {
	id    int64
	width int
	style string
	rev   int
	gen   int
}

// rendering is a finished render: the body's lines, or why there are none.
// A failure is kept like a success, so that it is not retried in a loop.
type rendering struct {
	lines []string
	err   error
}

// renderedMsg carries a finished rendering back to the update loop.
type renderedMsg struct {
	key renderKey
	rendering
}

// renderFunc makes a rendering; renderArticle is the real one, tests that
// are not about rendering pass a cheap one.
type renderFunc func(ctx context.Context, st Store, k renderKey) ([]string, error)

// renderCmd reads, converts and renders an article body off the update
// loop. It captures values only, never the model.
func renderCmd(ctx context.Context, st Store, render renderFunc, k renderKey) tea.Cmd {
	return func() tea.Msg {
		lines, err := render(ctx, st, k)
		return renderedMsg{key: k, rendering: rendering{lines: lines, err: err}}
	}
}

// renderArticle reads the body, converts it to markdown if that was never
// done (and stores the conversion), and renders it.
func renderArticle(ctx context.Context, st Store, k renderKey) ([]string, error) {
	body, err := st.Body(ctx, k.id)
	if err != nil {
		return nil, err
	}
	md := body.Markdown
	if md == "" {
		if md, err = toMarkdown(body); err != nil {
			return nil, err
		}
		if md != "" {
			// Caching the conversion is only an optimisation; a failure
			// to store it costs a conversion next time, nothing more.
			_ = st.SetMarkdown(ctx, k.id, md)
		}
	}
	out, err := renderMarkdown(md, k.width, k.style)
	if err != nil {
		return nil, err
	}
	return trimBlankEdges(strings.Split(out, "\n")), nil
}

// trimBlankEdges drops the blank lines glamour puts around a document; the
// header already ends with a blank line.
func trimBlankEdges(lines []string) []string {
	blank := func(s string) bool { return strings.TrimSpace(ansi.Strip(s)) == "" }
	for len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// toMarkdown converts the body as published: the HTML content, else the
// summary, else the plain text (which content.Markdown escapes).
func toMarkdown(b store.Body) (string, error) {
	for _, src := range []string{b.Content, b.Summary, b.Text} {
		if strings.TrimSpace(src) != "" {
			return content.Markdown(src, b.Link)
		}
	}
	return "", nil
}

// renderMarkdown renders md with glamour at width cells in style (a glamour
// style name or a JSON style file). The markdown is sanitised first, so no
// "&#27;" survives for glamour to decode into ESC, and the output is filtered
// after, so only the styling glamour makes itself reaches the terminal.
func renderMarkdown(md string, width int, style string) (string, error) {
	r, err := glamour.NewTermRenderer(
		glamour.WithStylePath(style),
		glamour.WithWordWrap(max(width, 10)),
	)
	if err != nil {
		return "", err
	}
	out, err := r.Render(sanitize.Text(md))
	if err != nil {
		return "", err
	}
	return terminalSafe(out), nil
}
