package sanitize

import "strings"

// Rendered cleans the output of a renderer that styles text with SGR
// sequences (glamour): it keeps "ESC [ … m" colour and style sequences and
// removes every other escape sequence (cursor moves, OSC titles, hyperlinks,
// DCS, …) and control character. The renderer's input is already clean, but
// renderers decode entities after parsing (glamour#615), so the output is
// checked again before it reaches a terminal.
func Rendered(s string) string {
	if !strings.ContainsAny(s, "\x1b\x07\x08\x0b\x0c\r\x7f") && isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] != 0x1b {
			j := i + 1
			for j < len(s) && s[j] != 0x1b {
				j++
			}
			b.WriteString(Text(s[i:j]))
			i = j
			continue
		}
		n, keep := escapeLen(s[i:])
		if keep {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// escapeLen returns the length of the escape sequence at the start of s
// (which begins with ESC) and whether it is an SGR sequence.
func escapeLen(s string) (int, bool) {
	if len(s) < 2 {
		return len(s), false
	}
	switch s[1] {
	case '[': // CSI: parameters, intermediates, one final byte
		i := 2
		for i < len(s) && s[i] >= 0x30 && s[i] <= 0x3f {
			i++
		}
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
			return i + 1, s[i] == 'm' && validSGRParams(s[2:i])
		}
		return i, false
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: up to BEL or ST
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1, false
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2, false
			}
		}
		return len(s), false
	}
	return 2, false
}

func validSGRParams(p string) bool {
	for i := 0; i < len(p); i++ {
		if (p[i] < '0' || p[i] > '9') && p[i] != ';' && p[i] != ':' {
			return false
		}
	}
	return true
}
