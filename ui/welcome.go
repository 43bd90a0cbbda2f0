package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// welcomeLines is the first-run screen, centred in w x h cells: what herald
// is waiting for and the commands that give it articles.
func welcomeLines(w, h int, keys *KeyMap, st *Styles) []string {
	cmd := func(c, what string) string {
		return "  " + st.WelcomeCmd.Render(padText(c, 22)) + st.Dim.Render(what)
	}
	quit := firstKey(keys.Quit, "q")
	text := []string{
		st.WelcomeTitle.Render("Welcome to herald"),
		"",
		"There are no articles yet. To get some:",
		"",
		cmd("herald add URL", "subscribe to a feed (or a site that names one)"),
		cmd("herald import PATH", "import feed files, OPML lists or articles"),
		cmd("herald --demo", "try the reader on sample articles"),
		"",
		st.Dim.Render("Then run herald again. Press " + quit + " to quit."),
	}
	blockW := 0
	for _, l := range text {
		blockW = max(blockW, ansi.StringWidth(l))
	}
	left := strings.Repeat(" ", max((w-blockW)/2, 0))
	top := max((h-len(text))/2, 0)
	lines := blankLines(w, h)
	for i, l := range text {
		if top+i < h {
			lines[top+i] = fitLine(left+l, w)
		}
	}
	return lines
}
