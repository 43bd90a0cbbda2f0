package ui

import (
	"strings"

	"github.com/herald-reader/herald/sanitize"
)

// tabSpaces replaces a tab: a tab moves the terminal's cursor by an amount
// no width count knows, which would break the pane's edge.
const tabSpaces = "    "

// terminalSafe keeps from rendered text only printable characters, newlines
// and SGR styling: every other escape or control sequence (title changes,
// clipboard writes, hyperlinks, DCS, cursor movement, C1 controls, bidi
// overrides) is dropped, whoever made it.
func terminalSafe(s string) string {
	return strings.ReplaceAll(sanitize.Rendered(s), "\t", tabSpaces)
}
