package query

import (
	"reflect"
	"testing"
)

func TestString(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"  climate   change ", "climate change"},
		{"climat**", "climat*"},
		{`"climate"`, "climate"},
		{`"open source"`, `"open source"`},
		{`"a*"`, `"a*"`},
		{`"-x"`, `"-x"`},
		{"--x", `-"-x"`},
		{"--x*", "--x*"},
		{`"author:x"`, `"author:x"`},
		{`"Tag:x"`, `"Tag:x"`},
		{`"foo:x"`, "foo:x"},
		{`"say ""hi"""`, `"say ""hi"""`},
		{`a"b`, `a"b`},
		{`"unterminated phrase`, `"unterminated phrase"`},
		{"AUTHOR:Xia", "author:Xia"},
		{`author:"Xia"`, "author:Xia"},
		{`author:" Xia Hua "`, `author:"Xia Hua"`},
		{`tag:"""quoted"`, `tag:"""quoted"`},
		{"-tag:sports", "-tag:sports"},
		{"is:UNREAD -is:starred", "is:unread -is:starred"},
		{"after:2024-01 before:2024-01-31T10:00:00Z", "after:2024-01 before:2024-01-31T10:00:00Z"},
		{"--- () \"\" - x", "x"},
		{"a\x00b", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got := q.String(); got != tt.want {
				t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// Queries built by hand (say, from a sidebar's author name) print as text
// that parses back to them.
func TestStringOfBuiltQuery(t *testing.T) {
	tests := []struct {
		q    Query
		want string
	}{
		{Query{Terms: []Term{{Field: FieldAuthor, Value: `The "Real" Bob`}}}, `author:"The ""Real"" Bob"`},
		{Query{Terms: []Term{{Field: FieldTag, Value: "New Zealand"}}}, `tag:"New Zealand"`},
		{Query{Terms: []Term{{Field: FieldFeed, Value: `"quoted"`}}}, `feed:"""quoted"""`},
		{Query{Terms: []Term{{Value: "is:read"}}}, `"is:read"`},
		{Query{Terms: []Term{{Value: "x*"}}}, `"x*"`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got := tt.q.String()
			if got != tt.want {
				t.Fatalf("String() = %q, want %q", got, tt.want)
			}
			back, err := Parse(got)
			if err != nil {
				t.Fatalf("Parse(%q): %v", got, err)
			}
			if !reflect.DeepEqual(back, tt.q) {
				t.Errorf("Parse(%q) = %#v, want %#v", got, back, tt.q)
			}
		})
	}
}

func TestStringRoundTrip(t *testing.T) {
	inputs := append([]string{
		`climate author:"Xia Hua" -tag:sports is:unread after:2024-01-31 -"open source"`,
		`"a ""b"" c" -"-" --x* "x*" "feed:y" feed:"z z"`,
	}, hostileInputs...)
	for _, in := range inputs {
		checkRoundTrip(t, in)
	}
}

// checkRoundTrip asserts that Parse(in).String() parses back to the same
// query, whenever in parses at all.
func checkRoundTrip(t *testing.T, in string) {
	t.Helper()
	q, err := Parse(in)
	if err != nil {
		return
	}
	text := q.String()
	back, err := Parse(text)
	if err != nil {
		t.Fatalf("Parse(%q) (the String of Parse(%q)): %v", text, in, err)
	}
	if !reflect.DeepEqual(back, q) {
		t.Fatalf("round trip of %q through %q:\n got %#v\nwant %#v", in, text, back, q)
	}
}
