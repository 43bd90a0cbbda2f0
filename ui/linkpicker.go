package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/herald-reader/herald/sanitize"
)

// linkPicker is the overlay L opens: the open article's links, numbered,
// the ones to an article of the store marked. A number picks one (with
// more than nine links, a number is typed digit by digit and picks as
// soon as it is unambiguous), or the cursor moves with the list's keys and
// enter picks; esc closes it.
type linkPicker struct {
	from   int64 // the article whose links these are
	links  []articleLink
	cursor int
	offset int // the first link shown
	typed  int // the number typed so far; 0: none
	width  int // the widest row (rowWidth), measured once
}

func newLinkPicker(from int64, links []articleLink) linkPicker {
	p := linkPicker{from: from, links: links}
	p.width = p.rowWidth()
	return p
}

// inStoreMark follows a link to an article of the store.
const inStoreMark = "↪ in herald"

// maxPickerWidth keeps rows readable on a wide screen.
const maxPickerWidth = 100

// minPickerWidth leaves room for the footer.
const minPickerWidth = 44

// pickerRect is where the picker is drawn over the panes: centred at the
// top of the body, as wide as its widest row (rowWidth cells) and as high
// as its links need, within the body.
func pickerRect(body rect, links, rowWidth int) rect {
	if body.W < 8 || body.H < 3 {
		return rect{}
	}
	w := min(body.W-2, clamp(rowWidth+4, minPickerWidth, maxPickerWidth)) // borders, cursor mark, a space
	h := min(links+2, body.H-1)
	return rect{X: body.X + (body.W-w)/2, Y: body.Y + 1, W: w, H: h}
}

// rowWidth is the width of the picker's widest row, uncut.
func (p linkPicker) rowWidth() int {
	w := 0
	for i, l := range p.links {
		w = max(w, cellWidth(linkRow(i+1, l, maxPickerWidth)))
	}
	return w
}

// visible is how many rows fit in r.
func (p linkPicker) visible(r rect) int { return max(r.H-2, 0) }

// setCursor moves the cursor to i (clamped) and scrolls it into view in r.
func (p *linkPicker) setCursor(i int, r rect) {
	p.cursor = clamp(i, 0, len(p.links)-1)
	v := max(p.visible(r), 1)
	switch {
	case p.cursor < p.offset:
		p.offset = p.cursor
	case p.cursor >= p.offset+v:
		p.offset = p.cursor - v + 1
	}
	p.offset = clamp(p.offset, 0, max(len(p.links)-v, 0))
}

// typeDigit adds d to the number being typed. It returns the link to open
// (0-based) when the number can be no longer, else -1 (the cursor is then
// on the number so far, and enter opens it).
func (p *linkPicker) typeDigit(d int, r rect) int {
	n := p.typed*10 + d
	if n < 1 || n > len(p.links) {
		n = d // start again from this digit
	}
	if n < 1 || n > len(p.links) {
		p.typed = 0
		return -1
	}
	if n*10 > len(p.links) {
		p.typed = 0
		return n - 1
	}
	p.typed = n
	p.setCursor(n-1, r)
	return -1
}

// rowAt maps a screen row to a link, for a click.
func (p linkPicker) rowAt(r rect, x, y int) (int, bool) {
	if !r.contains(x, y) {
		return 0, false
	}
	i := p.offset + y - r.Y - 1 // below the top border
	if y == r.Y || y == r.Y+r.H-1 || i >= len(p.links) {
		return 0, false
	}
	return i, true
}

// lines draws the picker in its border, exactly r.W x r.H.
func (p linkPicker) lines(r rect, st *Styles) []string {
	p.setCursor(p.cursor, r) // the screen may have shrunk since the last key
	f := paneFrame{title: "Links", focused: true, footer: p.footer()}
	iw := max(r.W-2, 0)
	body := make([]string, 0, p.visible(r))
	for i := p.offset; i < len(p.links) && len(body) < p.visible(r); i++ {
		row := padText(linkRow(i+1, p.links[i], iw-1), iw-1)
		if i == p.cursor {
			row = st.Cursor.Render(row)
		}
		body = append(body, cursorMark(i == p.cursor, true, st)+row)
	}
	return f.render(body, r.W, r.H, st)
}

// footer counts the links and those in the store.
func (p linkPicker) footer() string {
	in := 0
	for _, l := range p.links {
		if l.article != nil {
			in++
		}
	}
	s := fmt.Sprintf("%d of %d", p.cursor+1, len(p.links))
	if p.typed > 0 {
		s = fmt.Sprintf("%d…", p.typed)
	}
	if in > 0 {
		s += fmt.Sprintf(" · %d %s", in, inStoreMark)
	}
	return s
}

// linkRow is one link as the picker lists it, plain text in at most w
// cells: its number, its text, and where it goes, "↪ in herald" for an
// article of the store. The number and the mark always show; the text,
// then the address, give way.
func linkRow(n int, l articleLink, w int) string {
	num := fmt.Sprintf("%2d  ", n)
	addr := displayURL(l.URL)
	text := sanitize.Line(l.Text)
	if text == "" {
		text = addr
	}
	var tail string
	switch {
	case l.article != nil:
		tail = inStoreMark
	case text != addr:
		tail = addr
	}
	if tail == "" {
		return truncateText(num+text, w)
	}
	room := w - cellWidth(num) - 2 // two spaces before the tail
	if l.article != nil {
		text = truncateText(text, room-cellWidth(tail))
	} else {
		// The text gets at least half of the room; the address what is left.
		text = truncateText(text, max(room-cellWidth(tail), room/2))
		tail = truncateText(tail, room-cellWidth(text))
	}
	if tail == "" {
		return truncateText(num+text, w)
	}
	return truncateText(num+text+"  "+tail, w)
}

// displayURL is a link as shown: without its scheme or a trailing slash.
func displayURL(u string) string {
	u = sanitize.Line(u)
	for _, p := range []string{"https://", "http://"} {
		if len(u) > len(p) && strings.EqualFold(u[:len(p)], p) {
			u = u[len(p):]
			break
		}
	}
	return strings.TrimSuffix(u, "/")
}

// pickerDigit reports a press of 0-9.
func pickerDigit(k tea.KeyPressMsg) (int, bool) {
	if k.Mod != 0 || len(k.Text) != 1 || k.Text[0] < '0' || k.Text[0] > '9' {
		return 0, false
	}
	return int(k.Text[0] - '0'), true
}

// linkPickerRect is where the open picker is on the screen now.
func (m *Model) linkPickerRect() rect {
	if m.links == nil {
		return rect{}
	}
	return pickerRect(m.lay.Body, len(m.links.links), m.links.width)
}

// handleLinkPickerKey: a number or enter opens a link, the list's keys
// move the cursor, esc closes the picker; other keys do nothing while it
// is open (ctrl+c still quits).
func (m Model) handleLinkPickerKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	p := *m.links
	r := m.linkPickerRect()
	lk := m.keys.List
	pick := -1
	switch d, isDigit := pickerDigit(k); {
	case isDigit:
		pick = p.typeDigit(d, r)
	case key.Matches(k, m.keys.Prompt.Cancel):
		m.links = nil
		return m, nil
	case m.isQuitWhileTyping(k):
		return m, tea.Quit
	case key.Matches(k, m.keys.Prompt.Submit):
		pick = p.cursor
	case key.Matches(k, lk.Down):
		p.setCursor(p.cursor+1, r)
	case key.Matches(k, lk.Up):
		p.setCursor(p.cursor-1, r)
	case key.Matches(k, lk.PageDown):
		p.setCursor(p.cursor+p.visible(r), r)
	case key.Matches(k, lk.PageUp):
		p.setCursor(p.cursor-p.visible(r), r)
	case key.Matches(k, lk.Top):
		p.setCursor(0, r)
	case key.Matches(k, lk.Bottom):
		p.setCursor(len(p.links)-1, r)
	}
	if !isDigitKey(k) {
		p.typed = 0
	}
	m.links = &p
	if pick >= 0 {
		return m.pickLink(pick)
	}
	return m, nil
}

func isDigitKey(k tea.KeyPressMsg) bool { _, ok := pickerDigit(k); return ok }

// pickLink follows link i of the picker, if the article the picker was
// opened on is still the one shown.
func (m Model) pickLink(i int) (Model, tea.Cmd) {
	p := m.links
	m.links = nil
	if p == nil || i < 0 || i >= len(p.links) || !m.reader.open || m.reader.article.ID != p.from {
		return m, nil
	}
	return m.followLink(p.links[i])
}

// clickLinkPicker opens the link clicked; a click outside closes the
// picker.
func (m Model) clickLinkPicker(ms tea.Mouse) (Model, tea.Cmd) {
	if ms.Button != tea.MouseLeft {
		return m, nil
	}
	if i, ok := m.links.rowAt(m.linkPickerRect(), ms.X, ms.Y); ok {
		return m.pickLink(i)
	}
	if !m.linkPickerRect().contains(ms.X, ms.Y) {
		m.links = nil
	}
	return m, nil
}

// drawLinkPicker draws the open picker over the body's rows.
func (m *Model) drawLinkPicker(rows []string) []string {
	r := m.linkPickerRect()
	if m.links == nil || r.empty() {
		return rows
	}
	for i, line := range m.links.lines(r, m.styles) {
		y := r.Y + i
		if y < 0 || y >= len(rows) {
			continue
		}
		row := fitLine(rows[y], m.lay.Body.W)
		rows[y] = ansi.Cut(row, 0, r.X) + line + ansi.TruncateLeft(row, r.X+r.W, "")
	}
	return rows
}

// linkPickerHelp is the help line while the picker is open.
func (m *Model) linkPickerHelp() []key.Binding {
	return m.linkPickerKeys(len(m.links.links))
}

// linkPickerKeys are the picker's keys for n links (0: as many as there
// are, for the full key table).
func (m *Model) linkPickerKeys(n int) []key.Binding {
	digits := fmt.Sprintf("1-%d", min(n, 9))
	switch n {
	case 0:
		digits = "1-9"
	case 1:
		digits = "1"
	}
	return []key.Binding{
		key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp(digits, "open link")),
		m.keys.List.Down, m.keys.List.Up,
		relabel(m.keys.Prompt.Submit, "open"),
		relabel(m.keys.Prompt.Cancel, "close"),
	}
}

// relabel is b with another description, for a key that means something
// else here than where it is bound.
func relabel(b key.Binding, desc string) key.Binding {
	if !b.Enabled() {
		return b
	}
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}
