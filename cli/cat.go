package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

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
	st, done, err := e.openStoreToRead()
	if err != nil {
		return err
	}
	defer done()
	format := c.Format
	if format == "auto" {
		format = "text"
		if isTerminal(e.stdout) {
			format = "styled"
		}
	}
	out := bufio.NewWriter(e.stdout)
	var styled *styledWriter // made for the first article: its style may ask the terminal
	for i, id := range ids {
		b, err := st.Body(e.ctx, id)
		if err != nil {
			out.Flush() // what was found is printed before the error
			return fmt.Errorf("cat %d: %w", id, err)
		}
		if i > 0 && format != "json" {
			out.WriteString("\n")
		}
		if f, ok := handoff.ParseFormat(format); ok {
			err = handoff.Write(e.ctx, out, st, b, f)
		} else {
			if styled == nil {
				out.Flush() // the terminal is asked its colours below what is printed
				if styled, err = newStyledWriter(e); err != nil {
					return err
				}
			}
			err = styled.write(e, st, out, b)
		}
		if err != nil {
			return err
		}
	}
	return out.Flush()
}

// styledWriter renders articles with glamour for a terminal, in one style
// for the whole command. The header's lines are drawn beside glamour, as
// the reader draws them: glamour joins a quote's lines into one paragraph.
type styledWriter struct {
	r    *glamour.TermRenderer
	meta lipgloss.Style // the header's lines
}

func newStyledWriter(e *env) (*styledWriter, error) {
	width := 80
	if f, ok := e.stdout.(*os.File); ok {
		if w, _, err := terminalSize(f); err == nil && w > 20 {
			width = min(w, 100)
		}
	}
	style := terminalStyle(e)
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(width-4))
	if err != nil {
		return nil, err
	}
	meta := lipgloss.NewStyle().Width(width - 4)
	switch style {
	case "dark":
		meta = meta.Foreground(lipgloss.Color("244"))
	case "light":
		meta = meta.Foreground(lipgloss.Color("242"))
	}
	return &styledWriter{r: r, meta: meta}, nil
}

// terminalStyle is glamour's style for standard output: none of its colours
// when the environment asks for none (NO_COLOR, TERM=dumb), else the
// config's theme, else the background COLORFGBG gives, else the one the
// terminal answers with. Asking the terminal waits for an answer (seconds,
// when nothing answers: a bare pseudo-terminal), so it is the last resort,
// asked once.
func terminalStyle(e *env) string {
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return "notty"
	}
	if cfg, err := loadConfig(e.noConfig); err == nil && (cfg.Theme == "light" || cfg.Theme == "dark") {
		return cfg.Theme
	}
	if dark, ok := darkFromColorFGBG(os.Getenv("COLORFGBG")); ok {
		return map[bool]string{true: "dark", false: "light"}[dark]
	}
	if f, ok := e.stdout.(*os.File); ok && !lipgloss.HasDarkBackground(os.Stdin, f) {
		return "light"
	}
	return "dark"
}

// darkFromColorFGBG reads the background from COLORFGBG ("15;0", or
// "15;default;0"), which rxvt, Konsole and others set: colours 0–6 and 8
// are dark, 7 and 9–15 light.
func darkFromColorFGBG(v string) (dark, ok bool) {
	if v == "" {
		return false, false
	}
	fields := strings.Split(v, ";")
	bg, err := strconv.Atoi(fields[len(fields)-1])
	if err != nil || bg < 0 || bg > 15 {
		return false, false
	}
	return bg <= 6 || bg == 8, true
}

// trimBlankLines drops the blank lines (blank once their styling is taken
// off) at the end of s, and also at its start when leading is set.
func trimBlankLines(s string, leading bool) string {
	lines := strings.Split(s, "\n")
	blank := func(l string) bool { return strings.TrimSpace(ansi.Strip(l)) == "" }
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	for leading && len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	return strings.Join(lines, "\n")
}

// write renders b for the terminal.
func (w *styledWriter) write(e *env, st *store.Store, out io.Writer, b store.Body) error {
	md, err := handoff.BodyMarkdown(e.ctx, st, b)
	if err != nil {
		return err
	}
	title, err := w.r.Render(handoff.MarkdownTitle(b.Article))
	if err != nil {
		return fmt.Errorf("render article %d: %w", b.ID, err)
	}
	body, err := w.r.Render(md)
	if err != nil {
		return fmt.Errorf("render article %d: %w", b.ID, err)
	}
	var header strings.Builder
	for _, line := range handoff.HeaderLines(b.Article) {
		for _, l := range strings.Split(w.meta.Render(line), "\n") {
			header.WriteString("  " + strings.TrimRight(l, " ") + "\n")
		}
	}
	// glamour puts blank lines around each block: the header goes right
	// under the title, and one blank line before the body.
	doc := trimBlankLines(title, false) + "\n" + header.String() + "\n" + trimBlankLines(body, true) + "\n"
	_, err = io.WriteString(out, sanitize.Rendered(doc))
	return err
}
