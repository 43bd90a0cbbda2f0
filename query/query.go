// Package query is herald's search language, shared by the command line
// (`herald ls QUERY`) and the reader's `/` prompt.
//
// A query is a list of space-separated elements, all of which must hold:
//
//	climate            a full-text word
//	climat*            a full-text word prefix
//	"open source"      a full-text phrase
//	author:NAME        tag:NAME   feed:NAME   (NAME may be "quoted with spaces")
//	is:unread          is:read    is:starred
//	after:2024-01-31   before:2024-01-31 (also YYYY-MM and RFC 3339)
//	-ELEMENT           the opposite of ELEMENT
//
// Inside quotes, "" stands for one literal quote; a quote left open runs to
// the end of the query (author:"Xia Hua is author:"Xia Hua"), which is what
// someone who stops typing there means. A word with no letter or digit in it
// is no term, and a query of nothing else is refused. Parse turns text into a
// Query; Query.Filter translates it for the store, quoting every full-text
// term so that nothing the user types acts as FTS5 syntax.
package query

import "strings"

// Field says what a Term constrains.
type Field string

// The fields a query knows. FieldText is a full-text term.
const (
	FieldText   Field = ""
	FieldAuthor Field = "author"
	FieldTag    Field = "tag"
	FieldFeed   Field = "feed"
	FieldIs     Field = "is"
	FieldAfter  Field = "after"
	FieldBefore Field = "before"
)

// fields maps the prefix a user types (lower-cased) to its Field.
var fields = map[string]Field{
	"author": FieldAuthor,
	"tag":    FieldTag,
	"feed":   FieldFeed,
	"is":     FieldIs,
	"after":  FieldAfter,
	"before": FieldBefore,
}

// The values `is:` accepts.
const (
	IsUnread  = "unread"
	IsRead    = "read"
	IsStarred = "starred"
)

// Query is a parsed query: its terms in the order they were written. The
// zero Query matches everything.
type Query struct {
	Terms []Term
}

// Term is one element of a query.
type Term struct {
	Field   Field
	Value   string // a name, an is: value, a date, or full-text words
	Negated bool   // written with a leading '-'
	Prefix  bool   // FieldText only: a bare word written with a trailing '*'
}

// String returns the canonical text of q; Parse(q.String()) gives q back
// for every q that Parse returned.
func (q Query) String() string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		parts[i] = t.String()
	}
	return strings.Join(parts, " ")
}

// String returns the canonical text of one element.
func (t Term) String() string {
	var b strings.Builder
	if t.Negated {
		b.WriteByte('-')
	}
	switch {
	case t.Field != FieldText:
		b.WriteString(string(t.Field))
		b.WriteByte(':')
		b.WriteString(quoteIfNeeded(t.Value, valueNeedsQuotes))
	case t.Prefix:
		// A prefix word came from a bare word, so it never needs quotes
		// (and quotes would lose the '*').
		b.WriteString(t.Value)
		b.WriteByte('*')
	default:
		b.WriteString(quoteIfNeeded(t.Value, wordNeedsQuotes))
	}
	return b.String()
}

func quoteIfNeeded(s string, needsQuotes func(string) bool) string {
	if !needsQuotes(s) {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// valueNeedsQuotes reports whether a field's value would not read back
// unchanged when written bare after the colon.
func valueNeedsQuotes(s string) bool {
	return s == "" || strings.HasPrefix(s, `"`) || strings.IndexFunc(s, isSeparator) >= 0
}

// wordNeedsQuotes reports whether full-text words would not read back as
// one plain full-text term when written bare: they would split, negate,
// become a prefix or a field.
func wordNeedsQuotes(s string) bool {
	if valueNeedsQuotes(s) || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "*") {
		return true
	}
	name, _, found := strings.Cut(s, ":")
	_, known := fields[strings.ToLower(name)]
	return found && known
}
