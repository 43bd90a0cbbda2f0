package query

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxLength bounds a query's size: the characters of its terms' values
// (words, names, dates), with one space between terms. Text of at most
// MaxLength characters always fits, so a prompt can use it as its limit.
// The bound is there because SQLite's FTS5 takes time quadratic in the
// number of terms (50,000 take seconds), and no one types that many.
const MaxLength = 1000

// Parse parses a query. The empty (or all-space) query is valid and matches
// everything. Anything that is not a known field is a word; a word or phrase
// with no letter or digit ("((", "-", "*") holds nothing the index could
// match and is left out. Parse fails on a query that is nothing but such
// words (it would silently match everything), a query over MaxLength, a
// field with no value, an unknown is: value, a bad date, or is: terms that
// contradict each other.
func Parse(text string) (Query, error) {
	s := scanner{src: blankControls(text)}
	var q Query
	size := 0 // see MaxLength
	for s.skipSeparators(); !s.done(); s.skipSeparators() {
		t, err := s.term()
		if err != nil {
			return Query{}, err
		}
		// A full-text term with no letters or digits holds no token for
		// the index to match; keeping it would match nothing at all.
		if t.Field == FieldText && !hasWordChars(t.Value) {
			continue
		}
		if size += termSize(t, len(q.Terms)); size > MaxLength {
			return Query{}, fmt.Errorf("query is too long (the most is %d characters)", MaxLength)
		}
		q.Terms = append(q.Terms, t)
	}
	if len(q.Terms) == 0 && strings.TrimSpace(s.src) != "" {
		return Query{}, fmt.Errorf("%w in %q", errNothingToSearch, shorten(strings.TrimSpace(s.src)))
	}
	if err := checkContradictions(q.Terms); err != nil {
		return Query{}, err
	}
	return q, nil
}

// errNothingToSearch is Parse's error for a query of words with no letter
// or digit in them, such as "((" or "-".
var errNothingToSearch = errors.New("nothing to search for")

// shorten cuts text quoted in an error to a length that fits on a line.
func shorten(text string) string {
	const most = 40 // characters
	if utf8.RuneCountInString(text) <= most {
		return text
	}
	return string([]rune(text)[:most]) + "…"
}

// termSize is what t adds to the size of a query that has n terms before it.
func termSize(t Term, n int) int {
	size := utf8.RuneCountInString(t.Value)
	if n > 0 {
		size++ // the space before it
	}
	return size
}

// blankControls turns control characters and invalid UTF-8 into spaces.
// They separate words for the tokenizer anyway, and a NUL would end an
// FTS5 expression in the middle of a string.
func blankControls(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, s)
}

// isSeparator reports whether r separates the elements of a query.
func isSeparator(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }

// scanner reads the elements of a query from src.
type scanner struct {
	src string
	pos int // byte offset of the next unread character
}

func (s *scanner) done() bool { return s.pos >= len(s.src) }

// peek returns the next character, or 0 at the end.
func (s *scanner) peek() rune {
	if s.done() {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s.src[s.pos:])
	return r
}

func (s *scanner) skipSeparators() {
	for !s.done() && isSeparator(s.peek()) {
		_, size := utf8.DecodeRuneInString(s.src[s.pos:])
		s.pos += size
	}
}

// term reads one element: [-] then "phrase", field:value, field:"value" or word.
func (s *scanner) term() (Term, error) {
	var t Term
	if s.atNegation() {
		s.pos++
		t.Negated = true
	}
	if s.peek() == '"' {
		t.Value = strings.TrimSpace(s.quoted())
		return t, nil
	}
	if field, ok := s.fieldPrefix(); ok {
		t.Field = field
		if s.peek() == '"' {
			t.Value = strings.TrimSpace(s.quoted())
		} else {
			t.Value = s.bare()
		}
		return checkValue(t)
	}
	word := s.bare()
	if stem := strings.TrimRight(word, "*"); stem != word {
		t.Prefix = true
		word = stem
	}
	t.Value = word
	return t, nil
}

// atNegation reports whether the next '-' negates what follows it; a '-'
// on its own is just a (tokenless) word.
func (s *scanner) atNegation() bool {
	if s.peek() != '-' {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s.src[s.pos+1:])
	return s.pos+1 < len(s.src) && !isSeparator(next)
}

// fieldPrefix reads a known field name and its colon ("Author:" too), or
// reads nothing and returns false.
func (s *scanner) fieldPrefix() (Field, bool) {
	end := s.pos
	for end < len(s.src) && isASCIILetter(s.src[end]) {
		end++
	}
	if end == len(s.src) || s.src[end] != ':' {
		return "", false
	}
	field, ok := fields[strings.ToLower(s.src[s.pos:end])]
	if ok {
		s.pos = end + 1
	}
	return field, ok
}

func isASCIILetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// bare reads up to the next separator.
func (s *scanner) bare() string {
	start := s.pos
	for !s.done() && !isSeparator(s.peek()) {
		_, size := utf8.DecodeRuneInString(s.src[s.pos:])
		s.pos += size
	}
	return s.src[start:s.pos]
}

// quoted reads a quoted string starting at its opening quote. "" inside
// stands for one quote; a missing closing quote ends it at the end of input.
func (s *scanner) quoted() string {
	var b strings.Builder
	s.pos++ // the opening quote
	for !s.done() {
		i := strings.IndexByte(s.src[s.pos:], '"')
		if i < 0 {
			b.WriteString(s.src[s.pos:])
			s.pos = len(s.src)
			break
		}
		b.WriteString(s.src[s.pos : s.pos+i])
		s.pos += i + 1
		if s.peek() != '"' {
			break
		}
		b.WriteByte('"')
		s.pos++
	}
	return b.String()
}

// checkValue checks (and for is:, lower-cases) the value of a field term.
func checkValue(t Term) (Term, error) {
	switch t.Field {
	case FieldAuthor, FieldTag, FieldFeed:
		if t.Value == "" {
			return t, fmt.Errorf("%s: needs a name", t.Field)
		}
	case FieldIs:
		switch value := strings.ToLower(t.Value); value {
		case IsUnread, IsRead, IsStarred:
			t.Value = value
		case "":
			return t, fmt.Errorf("is: needs one of unread, read, starred")
		default:
			return t, fmt.Errorf("is: %q is not one of unread, read, starred", t.Value)
		}
	case FieldAfter, FieldBefore:
		if t.Value == "" {
			return t, fmt.Errorf("%s: needs a date (use YYYY-MM-DD)", t.Field)
		}
		if _, err := parseDate(t.Value); err != nil {
			return t, fmt.Errorf("%s: %q is not a date (use YYYY-MM-DD)", t.Field, t.Value)
		}
	}
	return t, nil
}

// checkContradictions rejects is: terms that no article can satisfy
// together, such as is:read is:unread: the filter holds one state per flag.
func checkContradictions(terms []Term) error {
	first := map[string]Term{} // flag -> the first term that set it
	for _, t := range terms {
		flag, want, ok := isFlag(t)
		if !ok {
			continue
		}
		if prev, seen := first[flag]; seen {
			if _, prevWant, _ := isFlag(prev); prevWant != want {
				return fmt.Errorf("%s contradicts %s", t, prev)
			}
			continue
		}
		first[flag] = t
	}
	return nil
}
