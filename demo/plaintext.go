package demo

import (
	"regexp"
	"strings"
)

// plainText renders Markdown as plain text for search and for `herald cat`
// to a pipe. It only strips the syntax the demo articles use; it is not a
// Markdown parser. Code blocks are kept verbatim, without their fences.
func plainText(markdown string) string {
	var lines []string
	inCode := false
	for _, line := range strings.Split(markdown, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inCode = !inCode
			continue
		}
		if inCode {
			lines = append(lines, line)
			continue
		}
		if text, keep := plainLine(line); keep {
			lines = append(lines, text)
		}
	}
	return collapseBlankLines(strings.Join(lines, "\n"))
}

var (
	ruleLine     = regexp.MustCompile(`^\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$`)
	tableDivider = regexp.MustCompile(`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)
	headingMark  = regexp.MustCompile(`^\s{0,3}#{1,6}\s+`)
	quoteMark    = regexp.MustCompile(`^\s{0,3}(>\s?)+`)
)

// plainLine strips the block syntax of one line outside code blocks and
// reports whether the line carries any text at all.
func plainLine(line string) (string, bool) {
	if ruleLine.MatchString(line) || tableDivider.MatchString(line) {
		return "", false
	}
	line = headingMark.ReplaceAllString(line, "")
	line = quoteMark.ReplaceAllString(line, "")
	if t := strings.TrimSpace(line); strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|") && len(t) > 1 {
		cells := strings.Split(t[1:len(t)-1], "|")
		for i, c := range cells {
			cells[i] = strings.TrimSpace(c)
		}
		line = strings.Join(cells, "  ")
	}
	return plainInline(line), true
}

// escaped matches a backslash escape such as \* that keeps a character
// from being read as syntax.
var escaped = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!|>])`)

// hidden is where escaped characters wait, as private-use runes, while the
// inline rules run, so that no rule mistakes them for syntax.
const hidden = 0xE000

// inlineRules rewrite inline syntax to its text, in order: images and links
// before emphasis, so that a "*" or "_" inside a URL is never read as
// emphasis.
var inlineRules = []struct {
	pattern *regexp.Regexp
	replace string
}{
	{regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`), "$1"},
	{regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`), "$1"},
	{regexp.MustCompile(`<(https?://[^>\s]+)>`), "$1"},
	{regexp.MustCompile("`([^`]+)`"), "$1"},
	{regexp.MustCompile(`\*\*([^*]+)\*\*`), "$1"},
	{regexp.MustCompile(`__([^_]+)__`), "$1"},
	{regexp.MustCompile(`\*([^*\s][^*]*)\*`), "$1"},
	{regexp.MustCompile(`(^|\W)_([^_\s][^_]*)_(\W|$)`), "$1$2$3"},
}

func plainInline(s string) string {
	s = escaped.ReplaceAllStringFunc(s, func(m string) string {
		return string(rune(hidden + int(m[1])))
	})
	for _, r := range inlineRules {
		s = r.pattern.ReplaceAllString(s, r.replace)
	}
	return strings.Map(func(r rune) rune {
		if r >= hidden && r < hidden+0x80 {
			return r - hidden
		}
		return r
	}, s)
}

// collapseBlankLines leaves at most one blank line between paragraphs (block
// syntax that was dropped can leave runs of them) and trims the ends.
func collapseBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := false
	for _, l := range lines {
		l = strings.TrimRight(l, " ")
		if l == "" {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
