// Package sanitize makes untrusted text (anything that came from a feed or an
// article file) safe to store and to print on a terminal.
//
// Article text is hostile until cleaned: a title holding ESC [ 2 J would clear
// the user's screen, a bidi override would make a link read differently from
// where it points. Text is cleaned when it is stored and again when it is
// printed, so a store written by an older, laxer version is still safe.
package sanitize

import (
	"strings"
	"unicode/utf8"
)

// Text returns s with every character that could control a terminal removed:
// C0 controls except newline and tab, DEL, C1 controls, ESC in every form
// (raw, and as HTML numeric references such as "&#27;", "&#x1b;" or the
// double-escaped "&amp;#27;" that a later HTML decode would turn into ESC),
// bidi overrides and isolates, and invalid UTF-8. "\r\n" and lone "\r" become
// "\n".
func Text(s string) string {
	if isClean(s) {
		return s // the common case allocates nothing
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c == '&' {
			if n := controlReferenceLen(s[i:]); n > 0 {
				i += n
				continue
			}
			b.WriteByte(c)
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch {
			case c == '\r':
				b.WriteByte('\n')
				if i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
			case c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f):
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError && !isUnsafeRune(r) {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	// Removing a reference can splice a new one together ("&&#27;#27;"):
	// clean again until nothing changes. Each pass shortens the text.
	return Text(b.String())
}

// Line is Text for one-line fields (titles, names, feed titles): newlines
// and tabs become single spaces and the ends are trimmed.
func Line(s string) string {
	s = Text(s)
	if strings.ContainsAny(s, "\n\t") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return strings.TrimSpace(s)
}

// isClean reports whether Text would return s unchanged, without allocating.
// It is on the import hot path (every body, twice), so it scans bytes: the
// unsafe characters above ASCII all have fixed UTF-8 encodings (C1: C2 80–9F;
// bidi: E2 80 AA–AE and E2 81 A6–A9), so no rune needs decoding.
func isClean(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f && c != '&':
		case c == '\n' || c == '\t':
		case c == '&':
			if i+1 < len(s) && (s[i+1] == '#' || s[i+1] == 'a') && controlReferenceLen(s[i:]) > 0 {
				return false
			}
		case c == 0xc2:
			if i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
				return false
			}
		case c == 0xe2:
			if i+2 < len(s) && ((s[i+1] == 0x80 && s[i+2] >= 0xaa && s[i+2] <= 0xae) ||
				(s[i+1] == 0x81 && s[i+2] >= 0xa6 && s[i+2] <= 0xa9)) {
				return false
			}
		case c >= 0x80: // other UTF-8 bytes: valid (checked above) and safe
		default: // C0 controls, DEL
			return false
		}
	}
	return true
}

// isUnsafeRune reports C1 controls and the bidi embedding, override and
// isolate characters (U+202A–U+202E, U+2066–U+2069).
func isUnsafeRune(r rune) bool {
	return (r >= 0x80 && r <= 0x9f) ||
		(r >= 0x202a && r <= 0x202e) ||
		(r >= 0x2066 && r <= 0x2069)
}

// controlReferenceLen returns the length of a numeric character reference at
// the start of s ("&#27;", "&#x1B;", "&amp;#27;", "&amp;amp;#x9b;", …) that
// names a character isUnsafeRune or a control would reject, or 0.
func controlReferenceLen(s string) int {
	i := 1 // past '&'
	for strings.HasPrefix(s[i:], "amp;") {
		i += len("amp;")
	}
	if i >= len(s) || s[i] != '#' {
		return 0
	}
	i++
	base := 10
	if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
		base = 16
		i++
	}
	start := i
	value := 0
	for i < len(s) && i-start < 12 {
		d := digitValue(s[i], base)
		if d < 0 {
			break
		}
		value = value*base + d
		i++
	}
	if i == start {
		return 0
	}
	// A reference may omit its ';' in lax HTML; accept either.
	if i < len(s) && s[i] == ';' {
		i++
	}
	r := rune(value)
	if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || isUnsafeRune(r) || value > utf8.MaxRune {
		return i
	}
	return 0
}

func digitValue(c byte, base int) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case base == 16 && c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case base == 16 && c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
