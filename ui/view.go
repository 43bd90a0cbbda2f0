package ui

import (
	"slices"
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
		return keyTableLines(m.helpGroups(), *m.help, m.styles, m.keys, body.W, body.H, m.helpOffset)
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
// or the search prompt while it is open, and the last error, note or
// background activity on the right.
func (m *Model) statusLine() string {
	if m.prompt.open {
		return m.prompt.View(m.width)
	}
	if m.chooser != nil {
		return m.styles.Status.Render(truncateText(m.chooser.view(), m.width))
	}
	var in statusTexts
	switch {
	case m.welcome():
		in.count = "no articles yet"
	case !m.list.countKnown:
		in.count, in.number = "… articles", "…"
	case m.list.total() == 1:
		in.count, in.number = "1 article", "1"
	default:
		in.number = formatCount(m.list.total())
		in.count = in.number + " articles"
	}
	in.filter, in.suspended = m.filter.describe(), m.filterSuspended
	in.message, in.isError = m.message, true
	if m.list.err != nil {
		in.message = "could not read articles: " + m.list.err.Error()
	} else if m.list.countErr != nil {
		in.message = "could not count the articles: " + m.list.countErr.Error()
	}
	style := m.styles.Error
	if in.message == "" && m.note != "" {
		in.message, style, in.isError = m.note, m.styles.Note, false
	}
	if in.message == "" {
		in.message, style = m.activity()
		in.isError = false
	}
	in.message = sanitize.Line(in.message)
	p := fitStatus(m.width, in)
	line := " " + m.styles.Status.Render(p.count)
	if p.filter != "" {
		line += m.styles.Status.Render(p.filterLabel) + m.styles.StatusFilter.Render(p.filter)
	}
	if p.message == "" {
		return line
	}
	gap := max(m.width-cellWidth(line)-cellWidth(p.message)-1, statusGap)
	return line + strings.Repeat(" ", gap) + style.Render(p.message)
}

// statusTexts are what the status line says, before they are fitted.
type statusTexts struct {
	count     string // "38 articles"
	number    string // "38": the count on a narrow line; "" keeps count
	filter    string // the filter's description
	suspended bool   // the filter is suspended (a link jumped out of it)
	message   string // an error, a note or background activity
	isError   bool
}

// statusParts are the status line's texts, cut to fit.
type statusParts struct {
	count       string
	filterLabel string // " · filter: ", or just " · " when the room is short
	filter      string
	message     string
}

// statusGap is the least room between the filter and a message.
const statusGap = 2

// fitStatus fits the status line's texts into width cells, a space kept at
// either end. The count always shows, as just its number when the line is
// too narrow for the noun and the message. The message is what the user
// just caused, so it gets the room it needs, but the filter keeps a third of
// the line; the filter gets the rest, cut at a query term with an ellipsis,
// then without its label, then not shown. An error message keeps its cause
// (cutError); others are cut at their end.
func fitStatus(width int, in statusTexts) statusParts {
	room := width - 2
	var p statusParts
	if room <= 0 {
		return p
	}
	count, msgW := in.count, cellWidth(in.message)
	// The noun goes when it does not fit, or would leave a message that does
	// not fit beside it fewer cells than a short message takes.
	beside := room - cellWidth(count) - statusGap
	if in.number != "" && (beside < -statusGap || in.message != "" && msgW > beside && beside < 24) {
		count = in.number
	}
	p.count = truncateText(count, room)
	rest := room - cellWidth(p.count)
	filterRoom := rest
	if in.message != "" {
		share := 0
		if in.filter != "" {
			share = min(cellWidth(filterLabel)+cellWidth(in.filter)+cellWidth(suspendedMark), rest/3)
		}
		filterRoom = max(rest-statusGap-msgW, share)
	}
	p.filterLabel, p.filter = fitFilter(in.filter, in.suspended, filterRoom)
	if in.message == "" {
		return p
	}
	msgRoom := rest - cellWidth(p.filterLabel) - cellWidth(p.filter) - statusGap
	if p.filter == "" {
		msgRoom = rest - statusGap
	}
	if in.isError {
		p.message = cutError(in.message, msgRoom)
	} else {
		p.message = cutText(in.message, msgRoom)
	}
	return p
}

const (
	// filterLabel comes before the filter on the status line.
	filterLabel = " · filter: "
	// suspendedMark comes after a suspended filter, which is never cut.
	suspendedMark = " (suspended: esc restores it)"
)

// fitFilter fits the filter and its label into room cells: whole, else cut
// at a query term, else cut without the word "filter", else not at all. A
// suspended filter keeps its mark whole: it says the list is not filtered.
func fitFilter(filter string, suspended bool, room int) (label, text string) {
	const minCut = 10 // fewer cells of a cut filter say nothing
	if filter == "" {
		return "", ""
	}
	mark := ""
	if suspended {
		mark = suspendedMark
		room -= cellWidth(mark)
	}
	switch w := cellWidth(filter); {
	case cellWidth(filterLabel)+w <= room:
		return filterLabel, filter + mark
	case room-cellWidth(filterLabel) >= 16:
		return filterLabel, cutText(filter, room-cellWidth(filterLabel)) + mark
	case room-3 >= minCut:
		return " · ", cutText(filter, room-3) + mark
	}
	return "", ""
}

// helpLines is the short help: the focused pane's keys and a few global
// ones (? shows every key in the panes' place).
func (m *Model) helpLines() []string {
	short := m.helpKeys().short
	line := m.help.ShortHelpView(short)
	if i := slices.IndexFunc(short, func(b key.Binding) bool { return sameKeys(b, m.keys.Help) }); i > 0 && strings.Contains(ansi.Strip(line), "…") {
		// Cut short, the line would lose "? help", the way to every other
		// key: it goes first instead.
		short = append(append([]key.Binding{short[i]}, short[:i]...), short[i+1:]...)
		line = m.help.ShortHelpView(short)
	}
	return []string{" " + line}
}

// sameKeys reports whether a and b answer to the same keys.
func sameKeys(a, b key.Binding) bool { return slices.Equal(a.Keys(), b.Keys()) }

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
