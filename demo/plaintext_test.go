package demo

import "testing"

func TestPlainText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"heading markers", "# One\n## Two\n###### Six", "One\nTwo\nSix"},
		{"hash inside a line stays", "Issue #4 is open", "Issue #4 is open"},
		{"strong and emphasis", "**bold**, __bold__, *em* and _em_", "bold, bold, em and em"},
		{"underscores inside words stay", "tide_level_mm and snake_case", "tide_level_mm and snake_case"},
		{"links become their text", "see [the table](https://herald.example/t) now", "see the table now"},
		{"images become their alt text", "![a loom](loom.png)", "a loom"},
		{"autolinks", "<https://herald.example/>", "https://herald.example/"},
		{"inline code", "press `ctrl+r` twice", "press ctrl+r twice"},
		{"blockquote", "> quoted\n> > nested", "quoted\nnested"},
		{"lists stay readable", "- one\n1. two", "- one\n1. two"},
		{"table", "| A | B |\n|---|:-:|\n| 1 | 2 |", "A  B\n1  2"},
		{"rules dropped", "above\n\n---\n\n***\n\nbelow", "above\n\nbelow"},
		{"code kept verbatim without fences", "```c\n# not a heading\nx = *p;\n```", "# not a heading\nx = *p;"},
		{"escapes", `a \*literal\* star, \_too\_ and \\`, `a *literal* star, _too_ and \`},
		{"blank runs collapse", "a\n\n\n\nb\n\n", "a\n\nb"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("%s: plainText(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
