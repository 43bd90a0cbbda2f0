package config

import (
	"strconv"
	"strings"
)

// Error is one problem with a config file: where it is and what is wrong.
// Its text reads "path:line:column: field: message", leaving out what is not
// known, the form editors and compilers use so the position can be followed.
type Error struct {
	Path   string // the config file; "" for settings built in code
	Line   int    // 1-based; 0 when the problem has no single position
	Column int    // 1-based; 0 when unknown
	Field  string // the setting, e.g. "theme" or "keys.quit"; "" when none
	Msg    string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if b.Len() == 0 {
		b.WriteString("config")
	}
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteString(":" + strconv.Itoa(e.Column))
		}
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}
