package ui

import (
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/herald-reader/herald/sanitize"
)

// View draws the whole screen: the panes (or the welcome screen, or the key
// table), the status line and the help line. Every line is exactly the
// terminal's width.
func (m Model) View() tea.View {
	v := tea.NewView(m.screen())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "herald"
	if m.prompt.open {
		v.Cursor = m.prompt.Cursor(m.width, m.lay.Status.Y)
	}
	return v
}

func (m *Model) screen() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	lines := make([]string, 0, m.height)
	lines = append(lines, m.bodyLines()...)
	if !m.lay.Status.empty() {
		lines = append(lines, m.statusLine())
	}
	if !m.lay.Help.empty() {
		lines = append(lines, m.helpLines()...)
	}
	for i := range lines {
		lines[i] = fitLine(lines[i], m.width)
	}
	return strings.Join(lines, "\n")
}

// placed is a pane's drawing at its place on the screen.
type placed struct {
	r     rect
	lines []string
}

// bodyLines composes the panes side by side, then draws overlays on top.
func (m *Model) bodyLines() []string {
	body := m.lay.Body
	if body.empty() {
		return nil
	}
	if m.showKeys {
		return keyTableLines(m.helpGroups(), m.help, m.styles, m.keys, body.W, body.H, m.helpOffset)
	}
	if m.welcome() {
		return welcomeLines(body.W, body.H, m.keys, m.styles)
	}
	var base, over []placed
	for p := range paneCount {
		r := m.lay.Panes[p]
		if r.empty() {
			continue
		}
		pl := placed{r: r, lines: m.paneLines(p)}
		if m.lay.Overlay && p.isSidebar() {
			over = append(over, pl)
		} else {
			base = append(base, pl)
		}
	}
	sort.Slice(base, func(i, j int) bool { return base[i].r.X < base[j].r.X })

	rows := make([]string, body.H)
	var b strings.Builder
	for y := range body.H {
		b.Reset()
		col := 0
		for _, pl := range base {
			if y < pl.r.Y || y >= pl.r.Y+pl.r.H {
				continue
			}
			if pl.r.X > col {
				b.WriteString(strings.Repeat(" ", pl.r.X-col))
			}
			b.WriteString(pl.lines[y-pl.r.Y])
			col = pl.r.X + pl.r.W
		}
		rows[y] = b.String()
	}
	for _, pl := range over {
		for i, line := range pl.lines {
			y := pl.r.Y + i
			row := fitLine(rows[y], body.W)
			rows[y] = ansi.Cut(row, 0, pl.r.X) + line + ansi.TruncateLeft(row, pl.r.X+pl.r.W, "")
		}
	}
	return m.drawLinkPicker(rows)
}

func (m *Model) paneLines(p paneID) []string {
	switch p {
	case paneAuthors:
		return m.authors.lines()
	case paneTags:
		return m.tags.lines()
	case paneList:
		return m.list.lines()
	default:
		return m.reader.lines()
	}
}

// statusLine shows how many articles the list has and the active filter,
// or the search prompt while it is open, and the last error.
func (m *Model) statusLine() string {
	if m.prompt.open {
		return m.prompt.View(m.width)
	}
	if m.chooser != nil {
		return m.styles.Status.Render(truncateText(m.chooser.view(), m.width))
	}
	var left string
	switch {
	case m.welcome():
		left = "no articles yet"
	case !m.list.countKnown:
		left = "… articles"
	case m.list.total() == 1:
		left = "1 article"
	default:
		left = formatCount(m.list.total()) + " articles"
	}
	left = " " + m.styles.Status.Render(left)
	if d := m.filter.describe(); d != "" {
		if m.filterSuspended {
			d += " (suspended)"
		}
		left += m.styles.Status.Render(" · filter: ") + m.styles.StatusFilter.Render(d)
	}
	message := m.message
	if m.list.err != nil {
		message = "could not read articles: " + m.list.err.Error()
	}
	style := m.styles.Error
	if message == "" && m.note != "" {
		message, style = m.note, m.styles.Note
	}
	if message == "" {
		message, style = m.activity()
	}
	if message == "" {
		return left
	}
	msg := style.Render(truncateText(sanitize.Line(message), max(m.width-ansi.StringWidth(left)-3, 10)))
	gap := max(m.width-ansi.StringWidth(left)-ansi.StringWidth(msg)-1, 1)
	return left + strings.Repeat(" ", gap) + msg
}

// helpLines is the short help: the focused pane's keys and a few global
// ones (? shows every key in the panes' place).
func (m *Model) helpLines() []string {
	return []string{" " + m.help.ShortHelpView(m.helpKeys().short)}
}

func (m *Model) helpKeys() helpKeys {
	var h helpKeys
	switch {
	case m.prompt.open:
		h.short = m.prompt.ShortHelp()
	case m.showKeys || m.welcome():
		h.short = []key.Binding{m.keys.Help, m.keys.Quit}
	case m.links != nil:
		h.short = m.linkPickerHelp()
	case m.focus == paneList:
		h.short = append(m.list.ShortHelp(), m.keys.globalShortHelp()...)
	case m.focus == paneReader:
		h.short = append(m.reader.ShortHelp(), m.keys.globalShortHelp()...)
	default:
		sb := m.focusedSidebar()
		h.short = sb.ShortHelp()
		if !sb.Typing() {
			h.short = append(h.short, m.keys.Clear)
			h.short = append(h.short, m.keys.globalShortHelp()...)
		}
	}
	return h
}
