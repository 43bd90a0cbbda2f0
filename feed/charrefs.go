package feed

import (
	"bytes"
	"strconv"
)

// dropIllegalCharRefs removes numeric character references to characters
// XML forbids ("&#27;", "&#x1b;", "&#0;"): encoding/xml rejects the whole
// document on one of them, even in its lenient mode, and feeds do carry
// them (control characters pasted into titles). Dropping them loses nothing
// herald would keep: sanitize strips such characters anyway. Data without
// any comes back as is, uncopied.
func dropIllegalCharRefs(data []byte) []byte {
	var out []byte // nil until the first reference to drop
	last := 0      // data[:last] is in out already
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("&#"))
		if j < 0 {
			break
		}
		start := i + j
		end, r, ok := parseCharRef(data[start:])
		i = start + 2
		if !ok || isXMLChar(r) {
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(data))
		}
		out = append(out, data[last:start]...)
		last = start + end
		i = last
	}
	if out == nil {
		return data
	}
	return append(out, data[last:]...)
}

// parseCharRef reads "&#NNN;" or "&#xHH;" at the start of s, returning its
// length and the character it names.
func parseCharRef(s []byte) (n int, r rune, ok bool) {
	digits, base := s[2:], 10
	if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
		digits, base = digits[1:], 16
	}
	semi := bytes.IndexByte(digits[:min(len(digits), 12)], ';')
	if semi <= 0 {
		return 0, 0, false
	}
	v, err := strconv.ParseUint(string(digits[:semi]), base, 32)
	if err != nil {
		return 0, 0, false
	}
	return len(s) - len(digits) + semi + 1, rune(v), true
}

// isXMLChar reports whether XML 1.0 allows r in a document.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		(r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}
