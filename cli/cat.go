package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"
	"github.com/yuin/goldmark"

	"github.com/herald-reader/herald/content"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

type catCmd struct {
	IDs    []string `arg:"" name:"id" help:"Article ids (as 'herald ls' prints them)."`
	Format string   `short:"f" enum:"auto,text,markdown,html,json" default:"auto" help:"text, markdown, html or json (default: styled on a terminal, text in a pipe)."`
}

func (c *catCmd) Run(e *env) error {
	ids := make([]int64, len(c.IDs))
	for i, s := range c.IDs {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return fmt.Errorf("cat: %q is not an article id", s)
		}
		ids[i] = id
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	format := c.Format
	if format == "auto" {
		format = "text"
		if isTerminal(e.stdout) {
			format = "styled"
		}
	}
	out := bufio.NewWriter(e.stdout)
	for i, id := range ids {
		b, err := st.Body(e.ctx, id)
		if err != nil {
			out.Flush() // what was found is printed before the error
			return fmt.Errorf("cat %d: %w", id, err)
		}
		if i > 0 && format != "json" {
			out.WriteString("\n")
		}
		if err := writeArticle(e, st, out, b, format); err != nil {
			return err
		}
	}
	return out.Flush()
}

func writeArticle(e *env, st *store.Store, out io.Writer, b store.Body, format string) error {
	switch format {
	case "text":
		_, err := io.WriteString(out, textHeader(b.Article)+"\n"+strings.TrimSpace(sanitize.Text(bodyText(b)))+"\n")
		return err
	case "markdown":
		md, err := bodyMarkdown(e, st, b)
		if err != nil {
			return err
		}
		_, err = io.WriteString(out, markdownDocument(b.Article, md))
		return err
	case "html":
		html := bodyHTML(b)
		if html == "" && b.Markdown != "" { // an article written in markdown
			var buf bytes.Buffer
			if err := goldmark.Convert([]byte(b.Markdown), &buf); err != nil {
				return fmt.Errorf("render article %d as HTML: %w", b.ID, err)
			}
			html = buf.String()
		}
		_, err := io.WriteString(out, sanitize.Text(content.SafeHTML(html, b.Link))+"\n")
		return err
	case "json":
		md, err := bodyMarkdown(e, st, b)
		if err != nil {
			return err
		}
		j := toJSON(b.Article)
		text := sanitize.Text(bodyText(b))
		j.Markdown, j.Text = &md, &text
		return json.NewEncoder(out).Encode(j)
	}
	return writeStyled(e, st, out, b)
}

// bodyText is the article's plain text, falling back to its summary.
func bodyText(b store.Body) string {
	if strings.TrimSpace(b.Text) != "" {
		return b.Text
	}
	if content.LooksLikeHTML(b.Summary) {
		return content.Text(b.Summary)
	}
	return b.Summary
}

func bodyHTML(b store.Body) string {
	if b.Content != "" {
		return b.Content
	}
	return b.Summary
}

// bodyMarkdown returns the article as markdown, converting (and caching the
// conversion in the store) on first use.
func bodyMarkdown(e *env, st *store.Store, b store.Body) (string, error) {
	if b.Markdown != "" {
		return sanitize.Text(b.Markdown), nil
	}
	html := bodyHTML(b)
	if html == "" {
		return sanitize.Text(b.Text), nil
	}
	md, err := content.Markdown(html, b.Link)
	if err != nil {
		return "", fmt.Errorf("convert article %d to markdown: %w", b.ID, err)
	}
	// The cache is an optimisation: a read-only store must not stop `cat`.
	_ = st.SetMarkdown(e.ctx, b.ID, md)
	return md, nil
}

// markdownDocument is the article as one markdown document: a heading, a
// byline block, then the body.
func markdownDocument(a store.Article, body string) string {
	var b strings.Builder
	b.WriteString("# " + sanitize.Line(a.Title) + "\n\n")
	for _, line := range strings.Split(strings.TrimSpace(textHeader(a)), "\n")[1:] {
		b.WriteString("> " + line + "  \n")
	}
	b.WriteString("\n" + strings.TrimSpace(body) + "\n")
	return b.String()
}

// writeStyled renders the article with glamour for a terminal.
func writeStyled(e *env, st *store.Store, out io.Writer, b store.Body) error {
	md, err := bodyMarkdown(e, st, b)
	if err != nil {
		return err
	}
	style := "dark"
	if f, ok := e.stdout.(*os.File); ok && !lipgloss.HasDarkBackground(os.Stdin, f) {
		style = "light"
	}
	width := 80
	if f, ok := e.stdout.(*os.File); ok {
		if w, _, err := terminalSize(f); err == nil && w > 20 {
			width = min(w, 100)
		}
	}
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(width-4))
	if err != nil {
		return err
	}
	rendered, err := r.Render(markdownDocument(b.Article, md))
	if err != nil {
		return fmt.Errorf("render article %d: %w", b.ID, err)
	}
	_, err = io.WriteString(out, sanitize.Rendered(rendered))
	return err
}
