package ui

import (
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// cellWidth is the display width of s in terminal cells, ignoring styling.
// Most of a frame is ASCII, SGR styling and a few narrow symbols (box
// drawing, bullets, stars), which it counts directly; anything else (wide
// characters, emoji, combining marks, other sequences) goes to
// ansi.StringWidth, whose grapheme segmentation is the slow part of drawing
// a frame.
func cellWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			n++
			i++
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			// CSI: parameter and intermediate bytes, then one final byte.
			j := i + 2
			for j < len(s) && s[j] >= 0x20 && s[j] <= 0x3f {
				j++
			}
			if j >= len(s) || s[j] < 0x40 || s[j] > 0x7e {
				return ansi.StringWidth(s)
			}
			i = j + 1
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isNarrowSymbol(r) {
				return ansi.StringWidth(s)
			}
			n++
			i += size
		default:
			return ansi.StringWidth(s)
		}
	}
	return n
}

// isNarrowSymbol reports runes that always take one cell and never join
// the rune before or after into a wider cluster: Latin letters with
// accents, punctuation, arrows, box drawing and block elements, and the
// marks the reader draws (★ ✓ ✗). TestNarrowSymbolsAreOneCell checks every
// one against ansi.StringWidth.
func isNarrowSymbol(r rune) bool {
	switch {
	case r >= 0xa0 && r <= 0x2ff && r != 0xad: // Latin-1 and Latin Extended; not the soft hyphen
		return true
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e: // punctuation: – — ‘ ’ “ ” • …
		return true
	case r >= 0x2190 && r <= 0x2193, r >= 0x21e6 && r <= 0x21e9: // ← ↑ → ↓ ⇦ ⇧ ⇨ ⇩
		return true
	case r >= 0x2500 && r <= 0x259f: // box drawing, block elements
		return true
	case r == '★', r == '☆', r == '✓', r == '✗':
		return true
	}
	return false
}
