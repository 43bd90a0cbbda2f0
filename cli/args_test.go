package cli

import (
	"reflect"
	"testing"
)

func TestQuoteArgument(t *testing.T) {
	cases := []struct{ in, want string }{
		{"loom", "loom"},
		{"open source", `"open source"`},
		{"-open source", `-"open source"`},
		{"author:Xia Hua", `author:"Xia Hua"`},
		{"-author:Xia Hua", `-author:"Xia Hua"`},
		{"tag:crafts is:unread", "tag:crafts is:unread"},
		{"is:unread -tag:china", "is:unread -tag:china"},
		{`already "quoted" text`, `already "quoted" text`},
	}
	for _, c := range cases {
		if got := quoteArgument(c.in); got != c.want {
			t.Errorf("quoteArgument(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestProtectNegatedTerms(t *testing.T) {
	cases := []struct{ in, want []string }{
		{[]string{"ls", "-tag:china"}, []string{"ls", "--", "-tag:china"}},
		{[]string{"--db", "x", "ls", "loom", "-is:read", "--json", "--limit", "5"},
			[]string{"--db", "x", "ls", "--json", "--limit", "5", "--", "loom", "-is:read"}},
		{[]string{"ls", "--limit=3", "-x", "--", "-y"}, []string{"ls", "--limit=3", "--", "-x", "-y"}},
		{[]string{"ls", "--bogus"}, []string{"ls", "--bogus"}},
		{[]string{"cat", "-1"}, []string{"cat", "-1"}},
		{[]string{"ls"}, []string{"ls"}},
	}
	for _, c := range cases {
		if got := protectNegatedTerms(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("protectNegatedTerms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
