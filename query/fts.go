package query

import (
	"strings"
	"unicode"
)

// ftsString returns words as one FTS5 string ("..." with every '"'
// doubled), so that nothing in them acts as FTS5 syntax: column filters,
// NEAR, AND/OR/NOT, '*', '^' and parentheses are all just characters the
// tokenizer splits on. The words stay together as one phrase. prefix adds
// the FTS5 prefix marker after the closing quote.
//
// It returns "" for words with no letter or digit: the unicode61 tokenizer
// finds no token in them, and an empty phrase would match nothing.
func ftsString(words string, prefix bool) string {
	if !hasWordChars(words) {
		return ""
	}
	s := `"` + strings.ReplaceAll(blankControls(words), `"`, `""`) + `"`
	if prefix {
		s += "*"
	}
	return s
}

// hasWordChars reports whether s holds a letter or a digit, the characters
// the unicode61 tokenizer makes tokens of.
func hasWordChars(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsNumber(r)
	}) >= 0
}
