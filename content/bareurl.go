package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// bareURL is a web address written out in text, not made a link by markup.
type bareURL struct {
	Text string // as written
	URL  string // Text, with "http://" before a "www." address
}

// bareURLs finds the web addresses written out in text (text as shown:
// markdown escapes and HTML entities already resolved), in order, by the
// rules of GitHub's autolinker (GFM's "extended autolinks"):
//
//   - an address starts with http:// or https:// (any case) or www.;
//   - it runs to white space or '<' (and to '>', '"', '`' and '\', which no
//     address holds unescaped);
//   - trailing punctuation is the sentence's, not the address's: the
//     characters ?!.,:*_~' and non-ASCII punctuation (” » 。) are left
//     off, a ')' or ']' only when the address holds more of them than of
//     '(' or '[' (so "(see https://a.example/x)." ends at x, and
//     "https://en.wikipedia.org/wiki/Rust_(language)" keeps its ')'), and
//     a ';' with the "&name" before it when that looks like an entity;
//   - its host must be a domain: letters, digits, '-' and '_' in
//     dot-separated parts, no '_' in the last two, at least one letter or
//     digit, and a www. address needs a part after "www.".
//
// Where GFM wants white space or one of *_~( before an address, any
// character but a letter or digit will do here, so "quoted" and
// [bracketed] addresses and "Source:https://..." are found too, while
// "xhttp://" stays a word. ']' is weighed like ')' for the same reason.
//
// goldmark's linkify extension (what glamour links with) was the first
// choice, but it keeps the ')' of "(https://a.example/x)." and stops an
// address at a non-ASCII letter or a '*', where GitHub does not.
func bareURLs(text string) []bareURL {
	var found []bareURL
	for i := 0; i < len(text); {
		c := text[i]
		if (c != 'h' && c != 'H' && c != 'w') || !startsWord(text, i) {
			i++
			continue
		}
		host := addressStart(text[i:])
		if host < 0 {
			i++
			continue
		}
		end := i + host
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if unicode.IsSpace(r) || strings.ContainsRune("<>\"`\\", r) {
				break
			}
			end += size
		}
		written := trimAddressEnd(text[i:end])
		if !validDomain(written[host:], c == 'w') {
			i += max(host, 1)
			continue
		}
		u := bareURL{Text: written, URL: written}
		if c == 'w' {
			u.URL = "http://" + written
		}
		found = append(found, u)
		i += len(written)
	}
	return found
}

// startsWord reports whether text[i] follows no letter or digit.
func startsWord(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return i == 0 || !isLetterOrDigit(r)
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// addressStart returns the length of the scheme that s starts with
// ("https://", "http://"), 0 for "www.", or -1 when s starts no address.
func addressStart(s string) int {
	for _, scheme := range []string{"https://", "http://"} {
		if len(s) >= len(scheme) && strings.EqualFold(s[:len(scheme)], scheme) {
			return len(scheme)
		}
	}
	if strings.HasPrefix(s, "www.") {
		return 0
	}
	return -1
}

// trimAddressEnd leaves the sentence's punctuation off the end of an
// address (see bareURLs).
func trimAddressEnd(s string) string {
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		switch {
		case strings.ContainsRune("?!.,:*_~'", r):
		case r == ')' && strings.Count(s, ")") > strings.Count(s, "("):
		case r == ']' && strings.Count(s, "]") > strings.Count(s, "["):
		case r == ';':
			if amp := strings.LastIndexByte(s, '&'); amp >= 0 && isAlphanumeric(s[amp+1:len(s)-1]) {
				size = len(s) - amp // "&amp;" as written: an entity, not the address's
			}
		case r >= utf8.RuneSelf && unicode.IsPunct(r):
		default:
			return s
		}
		s = s[:len(s)-size]
	}
	return s
}

func isAlphanumeric(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return s != ""
}

// validDomain reports whether s (an address after its scheme) starts with
// a domain as GFM's extended autolinks want one; www says it is a www.
// address, which needs a part after "www.".
func validDomain(s string, www bool) bool {
	end := strings.IndexFunc(s, func(r rune) bool {
		return !(isLetterOrDigit(r) || r == '-' || r == '_' || r == '.')
	})
	if end >= 0 {
		s = s[:end]
	}
	parts := strings.Split(s, ".")
	if www && len(parts) < 2 || !strings.ContainsFunc(s, isLetterOrDigit) {
		return false
	}
	for i, p := range parts {
		if p == "" {
			return false
		}
		if i >= len(parts)-2 && strings.Contains(p, "_") {
			return false
		}
	}
	return true
}
