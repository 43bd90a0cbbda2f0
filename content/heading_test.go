package content

import (
	"strings"
	"testing"
)

func TestTitleHeading(t *testing.T) {
	tests := []struct {
		name, md string
		want     string // the heading's text; "" for none
		lines    string // md[Start:End]
		leading  bool
	}{
		{name: "none", md: "Just a paragraph.\n\n## A second-level heading"},
		{name: "empty", md: ""},
		{name: "atx first", md: "# The title\n\nBody.", want: "The title", lines: "# The title\n", leading: true},
		{name: "atx alone", md: "# The title", want: "The title", lines: "# The title", leading: true},
		{name: "after blank lines", md: "\n\n  # The title #\nBody.", want: "The title", lines: "  # The title #\n", leading: true},
		{name: "markup is text", md: "# The *big* [day](https://a.example/) `x`\n", want: "The big day x",
			lines: "# The *big* [day](https://a.example/) `x`\n", leading: true},
		{name: "setext", md: "The title\n=========\n\nBody.", want: "The title", lines: "The title\n=========\n", leading: true},
		{name: "setext over two lines", md: "The long\ntitle\n===\nBody.", want: "The long title", lines: "The long\ntitle\n===\n", leading: true},
		{name: "setext starting with a hash", md: "#hashtag title\n===\n", want: "#hashtag title", lines: "#hashtag title\n===\n", leading: true},
		{name: "after a paragraph", md: "Intro.\n\n# Later\n\nMore.", want: "Later", lines: "# Later\n"},
		{name: "after a link definition", md: "[r]: https://a.example/\n# Title\n", want: "Title", lines: "# Title\n"},
		{name: "not in a code block", md: "```sh\n# install\n```\n\n# Real\n", want: "Real", lines: "# Real\n"},
		{name: "not in indented code", md: "    # code\n\nText\n", want: ""},
		{name: "not in a quote or list", md: "> # quoted\n\n- # listed\n", want: ""},
		{name: "no hash without a space", md: "#hashtag\n", want: ""},
		{name: "a heading with no text is passed over", md: "#\n\n# ![](i.png)\n\n# Named\n", want: "Named", lines: "# Named\n"},
		{name: "second level is not a title", md: "## Section\n\n# Title\n", want: "Title", lines: "# Title\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, ok := TitleHeading(tt.md)
			if ok != (tt.want != "") || h.Text != tt.want {
				t.Fatalf("TitleHeading(%q) = %+v, %v; want text %q", tt.md, h, ok, tt.want)
			}
			if !ok {
				return
			}
			if got := tt.md[h.Start:h.End]; got != tt.lines || h.Leading != tt.leading {
				t.Errorf("lines %q leading %v; want %q leading %v", got, h.Leading, tt.lines, tt.leading)
			}
		})
	}
}

func TestTitleHeadingTooDeep(t *testing.T) {
	md := strings.Repeat("> ", maxContainerDepth+1) + "x\n\n# Title\n"
	if h, ok := TitleHeading(md); ok {
		t.Errorf("TitleHeading of a hostile document = %+v: want none", h)
	}
}
