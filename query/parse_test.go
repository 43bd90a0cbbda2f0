package query

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want []Term
	}{
		{"", nil},
		{" \t\n ", nil},
		{"climate", []Term{{Value: "climate"}}},
		{"climate  change", []Term{{Value: "climate"}, {Value: "change"}}},
		{"climat*", []Term{{Value: "climat", Prefix: true}}},
		{"climat**", []Term{{Value: "climat", Prefix: true}}},
		{"a*b", []Term{{Value: "a*b"}}},
		{`"open source"`, []Term{{Value: "open source"}}},
		{`"  open source "`, []Term{{Value: "open source"}}},
		{`"a*"`, []Term{{Value: "a*"}}},
		{`"say ""hi"""`, []Term{{Value: `say "hi"`}}},
		{`"unterminated phrase`, []Term{{Value: "unterminated phrase"}}},
		{`"open"source`, []Term{{Value: "open"}, {Value: "source"}}},
		{`a"b`, []Term{{Value: `a"b`}}},
		{"-word", []Term{{Value: "word", Negated: true}}},
		{"--word", []Term{{Value: "-word", Negated: true}}},
		{"-climat*", []Term{{Value: "climat", Negated: true, Prefix: true}}},
		{`-"a phrase"`, []Term{{Value: "a phrase", Negated: true}}},
		{"author:Xia", []Term{{Field: FieldAuthor, Value: "Xia"}}},
		{`author:"Xia Hua"`, []Term{{Field: FieldAuthor, Value: "Xia Hua"}}},
		{`author:" Xia Hua "`, []Term{{Field: FieldAuthor, Value: "Xia Hua"}}},
		{`author:"Xia Hua`, []Term{{Field: FieldAuthor, Value: "Xia Hua"}}},
		{`AUTHOR:xia`, []Term{{Field: FieldAuthor, Value: "xia"}}},
		{`author:a"b`, []Term{{Field: FieldAuthor, Value: `a"b`}}},
		{`-author:Bob`, []Term{{Field: FieldAuthor, Value: "Bob", Negated: true}}},
		{`tag:"New Zealand"`, []Term{{Field: FieldTag, Value: "New Zealand"}}},
		{"-tag:sports", []Term{{Field: FieldTag, Value: "sports", Negated: true}}},
		{"tag:c++", []Term{{Field: FieldTag, Value: "c++"}}},
		{"feed:lwn.net", []Term{{Field: FieldFeed, Value: "lwn.net"}}},
		{"feed:https://lwn.net/headlines/rss", []Term{{Field: FieldFeed, Value: "https://lwn.net/headlines/rss"}}},
		{"is:unread", []Term{{Field: FieldIs, Value: IsUnread}}},
		{"is:READ", []Term{{Field: FieldIs, Value: IsRead}}},
		{"-is:starred", []Term{{Field: FieldIs, Value: IsStarred, Negated: true}}},
		{"is:unread -is:read", []Term{{Field: FieldIs, Value: IsUnread}, {Field: FieldIs, Value: IsRead, Negated: true}}},
		{"after:2024-01-31", []Term{{Field: FieldAfter, Value: "2024-01-31"}}},
		{"before:2024-01", []Term{{Field: FieldBefore, Value: "2024-01"}}},
		{"-after:2024-01-31T10:00:00Z", []Term{{Field: FieldAfter, Value: "2024-01-31T10:00:00Z", Negated: true}}},
		// Unknown prefixes are words.
		{"foo:bar", []Term{{Value: "foo:bar"}}},
		{"http://x", []Term{{Value: "http://x"}}},
		{"x:", []Term{{Value: "x:"}}},
		{"title:x", []Term{{Value: "title:x"}}},
		{`"author:x"`, []Term{{Value: "author:x"}}},
		// Terms with no letters or digits are dropped beside real ones.
		{"a - b", []Term{{Value: "a"}, {Value: "b"}}},
		{`(( climate ) "" * -`, []Term{{Value: "climate"}}},
		{"-(( is:unread", []Term{{Field: FieldIs, Value: IsUnread}}},
		{"\x00 \x01", nil}, // control characters are blanks
		// Control characters and invalid UTF-8 separate words.
		{"a\x00b\x7fc\xffd", []Term{{Value: "a"}, {Value: "b"}, {Value: "c"}, {Value: "d"}}},
		{"\"a\x00b\"", []Term{{Value: "a b"}}},
		{"author:a\x00b", []Term{{Field: FieldAuthor, Value: "a"}, {Value: "b"}}},
		{"café 東京", []Term{{Value: "café"}, {Value: "東京"}}},
		{
			`climate author:"Xia Hua" -tag:sports is:unread after:2024-01-31 -"open source"`,
			[]Term{
				{Value: "climate"},
				{Field: FieldAuthor, Value: "Xia Hua"},
				{Field: FieldTag, Value: "sports", Negated: true},
				{Field: FieldIs, Value: IsUnread},
				{Field: FieldAfter, Value: "2024-01-31"},
				{Value: "open source", Negated: true},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if !reflect.DeepEqual(got.Terms, tt.want) {
				t.Errorf("Parse(%q) =\n%#v\nwant\n%#v", tt.in, got.Terms, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in      string
		wantErr string
	}{
		{"author:", "author: needs a name"},
		{"author: Xia", "author: needs a name"},
		{`author:""`, "author: needs a name"},
		{`author:"  "`, "author: needs a name"},
		{"-author:", "author: needs a name"},
		{"tag:", "tag: needs a name"},
		{"feed:", "feed: needs a name"},
		{"is:", "is: needs one of unread, read, starred"},
		{"is:Later", `is: "Later" is not one of unread, read, starred`},
		{"after:", "after: needs a date (use YYYY-MM-DD)"},
		{"after:2024-13-01", `after: "2024-13-01" is not a date (use YYYY-MM-DD)`},
		{"before:yesterday", `before: "yesterday" is not a date (use YYYY-MM-DD)`},
		{"-before:2024-02-30", `before: "2024-02-30" is not a date (use YYYY-MM-DD)`},
		{"is:read is:unread", "is:unread contradicts is:read"},
		{"is:unread -is:unread", "-is:unread contradicts is:unread"},
		{"is:starred x -is:starred", "-is:starred contradicts is:starred"},
		// Nothing but words with no letter or digit: nothing to search for,
		// rather than every article as if the query were empty.
		{"((", `nothing to search for in "(("`},
		{"-", `nothing to search for in "-"`},
		{`"`, `nothing to search for in "\""`},
		{`-"`, `nothing to search for in "-\""`},
		{"*", `nothing to search for in "*"`},
		{`"  "`, `nothing to search for in "\"  \""`},
		{"  --- () \"\" - -- * ^ 🎉 ", `nothing to search for in "--- () \"\" - -- * ^ 🎉"`},
		{strings.Repeat("( ", 100), `nothing to search for in "` + strings.Repeat("( ", 20) + `…"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want error %q", tt.in, q, tt.wantErr)
			}
			if err.Error() != tt.wantErr {
				t.Errorf("Parse(%q) error = %q, want %q", tt.in, err, tt.wantErr)
			}
		})
	}
}

func TestParseLength(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr string
	}{
		{"one word at the limit", strings.Repeat("x", MaxLength), ""},
		{"characters, not bytes", strings.Repeat("é", MaxLength), ""},
		{"terms at the limit", strings.Repeat("a ", MaxLength/2), ""},
		{"one word over the limit", strings.Repeat("x", MaxLength+1), "query is too long (the most is 1000 characters)"},
		{"terms over the limit", strings.Repeat("a ", MaxLength/2) + "a", "query is too long (the most is 1000 characters)"},
		{"many terms", strings.Repeat("a ", 50000), "query is too long (the most is 1000 characters)"},
		{"field names and quotes do not count", strings.Repeat(`tag:"a" `, 500), ""},
		{"dropped terms do not count", strings.Repeat("- ", 5000) + "a", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.in)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Parse: %v", err)
			case tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr):
				t.Errorf("Parse error = %v, want %q", err, tt.wantErr)
			}
		})
	}
}
