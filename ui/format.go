package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// defaultDateFormat is used when the config names none.
const defaultDateFormat = "2006-01-02"

// formatDate formats t in local time; the zero time (unknown) is "".
func formatDate(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return sanitize.Line(t.Local().Format(layout))
}

// dateWidth is the widest a date in layout gets: a date late in a long
// month, on the longest weekday, at a two-digit hour.
func dateWidth(layout string) int {
	widest := time.Date(2006, time.September, 27, 22, 59, 59, 0, time.Local)
	return ansi.StringWidth(formatDate(widest, layout))
}

// rowColumns are the widths of a list row's columns; 0 hides a column. The
// unread and starred marks always take one cell each.
type rowColumns struct {
	date, feed, author, title int
}

// listColumns fits the columns into width cells: the title gets what the
// others leave, and narrow lists drop the feed, then the author, then the
// date, so the title stays readable.
func listColumns(width, dateW int) rowColumns {
	const marks = 2 // unread, starred
	var c rowColumns
	rest := width - marks
	if width >= 30 && dateW > 0 {
		c.date = dateW
		rest -= dateW + 1
	}
	if width >= 46 {
		c.author = clamp(width/6, 8, 16)
		rest -= c.author + 1
	}
	if width >= 64 {
		c.feed = clamp(width/6, 8, 18)
		rest -= c.feed + 1
	}
	c.title = max(rest-1, 0) // one space after the marks
	return c
}

// width is the number of cells a row with these columns takes.
func (c rowColumns) width() int {
	w := 2 + 1 + c.title
	for _, col := range []int{c.date, c.feed, c.author} {
		if col > 0 {
			w += col + 1
		}
	}
	return w
}

// formatRow renders an article as one plain-text list row of exactly
// c.width() cells, each column cut with an ellipsis by display width. Text
// from the article is sanitised again here: it goes straight to the terminal.
func formatRow(a store.Article, c rowColumns, dateLayout string) string {
	var b strings.Builder
	b.WriteString(mark(!a.Read, "•"))
	b.WriteString(mark(a.Starred, "★"))
	b.WriteByte(' ')
	if c.date > 0 {
		b.WriteString(padText(formatDate(a.Published, dateLayout), c.date))
		b.WriteByte(' ')
	}
	if c.feed > 0 {
		b.WriteString(padText(sanitize.Line(a.Feed), c.feed))
		b.WriteByte(' ')
	}
	if c.author > 0 {
		b.WriteString(padText(byline(a.Authors), c.author))
		b.WriteByte(' ')
	}
	b.WriteString(padText(displayTitle(a.Title), c.title))
	return b.String()
}

// displayTitle is an article's title as shown: feeds do publish items
// without one, and a blank row reads as a glitch.
func displayTitle(title string) string {
	if t := sanitize.Line(title); t != "" {
		return t
	}
	return "(untitled)"
}

func mark(on bool, symbol string) string {
	if on {
		return symbol
	}
	return " "
}

// byline joins an article's authors for display.
func byline(authors []string) string {
	clean := make([]string, 0, len(authors))
	for _, a := range authors {
		if a = sanitize.Line(a); a != "" {
			clean = append(clean, a)
		}
	}
	return strings.Join(clean, ", ")
}

// hashtags renders tags as "#go #rust".
func hashtags(tags []string) string {
	clean := make([]string, 0, len(tags))
	for _, t := range tags {
		if t = sanitize.Line(t); t != "" {
			clean = append(clean, "#"+t)
		}
	}
	return strings.Join(clean, " ")
}

// formatCount writes n with thousands separators: 1234567 -> "1,234,567".
func formatCount(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// facetRow renders a sidebar entry as "✓ Name…      123" in exactly width
// cells: a mark for the active filter, the name cut by display width, the
// count right-aligned.
func facetRow(f store.Facet, width int, active bool) string {
	if width <= 0 {
		return ""
	}
	count := formatCount(f.Count)
	prefix := mark(active, "✓") + " "
	nameW := width - 2 - len(count) - 1
	if nameW < 1 {
		return padText(prefix+sanitize.Line(f.Name), width)
	}
	return prefix + padText(sanitize.Line(f.Name), nameW) + " " + count
}

// cutText shortens plain text to w cells by display width (CJK and emoji
// count two) with an ellipsis. It drops whole parts where it can, ending in
// " …": the parts after a " · " separator when that keeps half the room,
// else the word that does not fit, so a query term or a hint is never shown
// half. A long word (a link, a path) is cut mid-word instead: its start
// says more than nothing.
func cutText(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if cellWidth(s) <= w {
		return s
	}
	const longWord = 24
	if w >= 4 {
		fits := ansi.Truncate(s, w-1, "") // what is kept, the space after it
		if i := strings.LastIndex(fits, " · "); i > 0 {
			if kept := strings.TrimRight(fits[:i], " ·,;"); kept != "" && cellWidth(kept) >= w/2 {
				return kept + " …"
			}
		}
		if i := strings.LastIndexByte(fits, ' '); i > 0 {
			word, _, _ := strings.Cut(s[i+1:], " ")
			if kept := strings.TrimRight(fits[:i], " ·,;"); kept != "" && cellWidth(word) <= longWord {
				return kept + " …"
			}
		}
	}
	return ansi.Truncate(s, w, "…")
}

// cutError shortens an error message to w cells. Errors read "what failed:
// why" (Go's wrapping), and the why is the part the user can act on ("xdg-open
// is not installed (set $BROWSER …)"), so it is kept whole and the what is
// cut before it; when even the why alone does not fit, it is cut instead.
func cutError(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if cellWidth(s) <= w {
		return s
	}
	i := strings.LastIndex(s, ": ")
	if i <= 0 {
		return cutText(s, w)
	}
	what, why := s[:i], s[i+2:]
	if whatW := w - cellWidth(why) - 2; whatW >= min(cellWidth(what), 6) {
		return cutText(what, whatW) + ": " + why
	}
	return cutText(why, w)
}
