package content

import "strings"

// Helpers that read HTML syntax the way the HTML tokeniser does, as far as
// Text needs: tag names, the end of a tag, comments, raw text, attributes.

func isLetter(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// tagName returns the tag name starting at s[i] and the index after it.
func tagName(s string, i int) (string, int) {
	j := i
	for j < len(s) && !isSpace(s[j]) && s[j] != '/' && s[j] != '>' {
		j++
	}
	return s[i:j], j
}

// tagEnd returns the index just past the '>' closing a tag whose attributes
// start at s[i], honouring quoted attribute values (a '>' inside quotes does
// not close the tag), or -1 when the tag is never closed.
func tagEnd(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case '>':
			return i + 1
		case '=':
			i++
			for i < len(s) && isSpace(s[i]) {
				i++
			}
			if i < len(s) && (s[i] == '"' || s[i] == '\'') {
				q := strings.IndexByte(s[i+1:], s[i])
				if q < 0 {
					return -1
				}
				i += q + 2
			}
		default:
			i++
		}
	}
	return -1
}

// skipPast returns the index just past the first sep at or after s[i], or
// len(s).
func skipPast(s string, i int, sep string) int {
	if i > len(s) {
		return len(s)
	}
	j := strings.Index(s[i:], sep)
	if j < 0 {
		return len(s)
	}
	return i + j + len(sep)
}

// skipComment returns the index past a comment whose body starts at s[i]
// ("<!--" already read). As in HTML, "<!-->" and "<!--->" are empty
// comments, "--!>" also closes one, and an unclosed comment runs to the end.
// It reads forward to the first closer only, so many comments cost one pass.
func skipComment(s string, i int) int {
	rest := s[min(i, len(s)):]
	switch {
	case strings.HasPrefix(rest, ">"):
		return i + 1
	case strings.HasPrefix(rest, "->"):
		return i + 2
	}
	for k := 0; ; {
		j := strings.Index(rest[k:], "--")
		if j < 0 {
			return len(s)
		}
		k += j + 2
		switch {
		case strings.HasPrefix(rest[k:], ">"):
			return i + k + 1
		case strings.HasPrefix(rest[k:], "!>"):
			return i + k + 2
		}
		k-- // in "--->" the closer starts one dash later
	}
}

// skipRawText returns the index past the end tag closing the hidden element
// name whose content starts at s[i]; the content is never shown. Without an
// end tag the rest of the input is content, as browsers treat it.
func skipRawText(s string, i int, name string) int {
	for {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			return len(s)
		}
		k := i + j + 2
		if k+len(name) <= len(s) && strings.EqualFold(s[k:k+len(name)], name) &&
			(k+len(name) == len(s) || isSpace(s[k+len(name)]) || s[k+len(name)] == '/' || s[k+len(name)] == '>') {
			if end := tagEnd(s, k+len(name)); end >= 0 {
				return end
			}
			return len(s)
		}
		i = k
	}
}

// attrValue returns the raw value of the attribute key in attrs (the part
// of a tag after its name), or "" when it has none.
func attrValue(attrs, key string) string {
	for i := 0; i < len(attrs); {
		for i < len(attrs) && (isSpace(attrs[i]) || attrs[i] == '/') {
			i++
		}
		nameStart := i
		for i < len(attrs) && !isSpace(attrs[i]) && attrs[i] != '=' && attrs[i] != '>' && attrs[i] != '/' {
			i++
		}
		name := attrs[nameStart:i]
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		value := ""
		if i < len(attrs) && attrs[i] == '=' {
			i++
			for i < len(attrs) && isSpace(attrs[i]) {
				i++
			}
			valueStart := i
			if i < len(attrs) && (attrs[i] == '"' || attrs[i] == '\'') {
				q := strings.IndexByte(attrs[i+1:], attrs[i])
				if q < 0 {
					return ""
				}
				value = attrs[i+1 : i+1+q]
				i += q + 2
			} else {
				for i < len(attrs) && !isSpace(attrs[i]) && attrs[i] != '>' {
					i++
				}
				value = attrs[valueStart:i]
			}
		}
		if strings.EqualFold(name, key) {
			return value
		}
		if i == nameStart {
			i++ // a stray character ('>', '=') that starts no attribute
		}
	}
	return ""
}
