package query

import (
	"reflect"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

func ptr(b bool) *bool { return &b }

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestFilter(t *testing.T) {
	tests := []struct {
		in   string
		want store.Filter
	}{
		{"", store.Filter{}},
		{`author:"Xia Hua" author:Ann -author:Bob`, store.Filter{Authors: []string{"Xia Hua", "Ann"}, NotAuthors: []string{"Bob"}}},
		{`tag:"New Zealand" -tag:sports`, store.Filter{Tags: []string{"New Zealand"}, NotTags: []string{"sports"}}},
		{`feed:lwn -feed:"Hacker News"`, store.Filter{Feeds: []string{"lwn"}, NotFeeds: []string{"Hacker News"}}},
		{"is:unread", store.Filter{Unread: ptr(true)}},
		{"is:read", store.Filter{Unread: ptr(false)}},
		{"-is:unread", store.Filter{Unread: ptr(false)}},
		{"-is:read", store.Filter{Unread: ptr(true)}},
		{"is:starred", store.Filter{Starred: ptr(true)}},
		{"-is:starred", store.Filter{Starred: ptr(false)}},
		{"is:unread is:unread -is:read", store.Filter{Unread: ptr(true)}},
		{"after:2024-01-31", store.Filter{After: day(2024, 1, 31)}},
		{"before:2024-01-31", store.Filter{Before: day(2024, 1, 31)}},
		{"-after:2024-01-31", store.Filter{Before: day(2024, 1, 31)}},
		{"-before:2024-01-31", store.Filter{After: day(2024, 1, 31)}},
		{"after:2024-02", store.Filter{After: day(2024, 2, 1)}},
		{"after:2024", store.Filter{After: day(2024, 1, 1)}},
		// The first instant of year 1 is a bound, not "no date".
		{"before:0001-01-01", store.Filter{Before: time.Time{}.Add(time.Nanosecond)}},
		{"after:2024-01-31T10:30:00+02:00", store.Filter{After: time.Date(2024, 1, 31, 8, 30, 0, 0, time.UTC)}},
		{"before:2024-01-31T10:30:00.5Z", store.Filter{Before: time.Date(2024, 1, 31, 10, 30, 0, 5e8, time.UTC)}},
		// Every date term holds: the narrowest range wins, whatever the order.
		{"after:2024-03-01 after:2024-01-01", store.Filter{After: day(2024, 3, 1)}},
		{"after:2024-01-01 after:2024-03-01", store.Filter{After: day(2024, 3, 1)}},
		{"before:2024-01-01 before:2024-03-01", store.Filter{Before: day(2024, 1, 1)}},
		{"before:2024-03-01 -after:2024-01-01", store.Filter{Before: day(2024, 1, 1)}},
		{"after:2024-01-01 before:2024-02-01", store.Filter{After: day(2024, 1, 1), Before: day(2024, 2, 1)}},
		// Full text: each term is one quoted FTS5 string.
		{"climate", store.Filter{Match: `"climate"`}},
		{"climate change", store.Filter{Match: `"climate" AND "change"`}},
		{"climat*", store.Filter{Match: `"climat"*`}},
		{`"open source"`, store.Filter{Match: `"open source"`}},
		{`"open source`, store.Filter{Match: `"open source"`}},
		{`"say ""hi"""`, store.Filter{Match: `"say ""hi"""`}},
		{"-word", store.Filter{NotMatch: `"word"`}},
		{`-x -"a phrase" -climat*`, store.Filter{NotMatch: `"x" OR "a phrase" OR "climat"*`}},
		{`source -climate`, store.Filter{Match: `"source"`, NotMatch: `"climate"`}},
		// Hostile input never acts as FTS5 syntax.
		{`a"b`, store.Filter{Match: `"a""b"`}},
		{"NEAR(a b)", store.Filter{Match: `"NEAR(a" AND "b)"`}},
		{"title:x", store.Filter{Match: `"title:x"`}},
		{"a OR b", store.Filter{Match: `"a" AND "OR" AND "b"`}},
		{"NOT x", store.Filter{Match: `"NOT" AND "x"`}},
		{"^x", store.Filter{Match: `"^x"`}},
		{"*x", store.Filter{Match: `"*x"`}},
		{"foo:bar http://x", store.Filter{Match: `"foo:bar" AND "http://x"`}},
		{`--- () "" - -- * ^ x`, store.Filter{Match: `"x"`}},
		{
			`climate author:"Xia Hua" -tag:sports is:unread after:2024-01-31 -"open source"`,
			store.Filter{
				Authors: []string{"Xia Hua"},
				NotTags: []string{"sports"},
				Unread:  ptr(true),
				After:   day(2024, 1, 31),
				Match:   `"climate"`, NotMatch: `"open source"`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got := q.Filter(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q).Filter() =\n%#v\nwant\n%#v", tt.in, got, tt.want)
			}
		})
	}
}

// A Query built by hand may hold what Parse would not produce; Filter
// leaves out what it cannot honour and still never yields unsafe FTS5.
func TestFilterOfBuiltQuery(t *testing.T) {
	tests := []struct {
		name string
		term Term
		want store.Filter
	}{
		{"control characters", Term{Value: "a\x00b"}, store.Filter{Match: `"a b"`}},
		{"tokenless words", Term{Value: "--"}, store.Filter{}},
		{"unknown is value", Term{Field: FieldIs, Value: "later"}, store.Filter{}},
		{"bad date", Term{Field: FieldAfter, Value: "soon"}, store.Filter{}},
		{"blank name", Term{Field: FieldAuthor, Value: "  "}, store.Filter{}},
		{"untrimmed name", Term{Field: FieldTag, Value: " x "}, store.Filter{Tags: []string{"x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Query{Terms: []Term{tt.term}}.Filter()
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Filter() = %#v, want %#v", got, tt.want)
			}
		})
	}
}
