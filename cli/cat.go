package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"

	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"

	"github.com/herald-reader/herald/handoff"
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

// writeArticle writes one article in format: handoff's formats, or styled
// for a terminal.
func writeArticle(e *env, st *store.Store, out io.Writer, b store.Body, format string) error {
	if f, ok := handoff.ParseFormat(format); ok {
		return handoff.Write(e.ctx, out, st, b, f)
	}
	return writeStyled(e, st, out, b)
}

// writeStyled renders the article with glamour for a terminal.
func writeStyled(e *env, st *store.Store, out io.Writer, b store.Body) error {
	md, err := handoff.BodyMarkdown(e.ctx, st, b)
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
	rendered, err := r.Render(handoff.MarkdownDocument(b.Article, md))
	if err != nil {
		return fmt.Errorf("render article %d: %w", b.ID, err)
	}
	_, err = io.WriteString(out, sanitize.Rendered(rendered))
	return err
}
