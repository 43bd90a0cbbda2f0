package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"time"
	"unicode"

	"charm.land/glamour/v2/styles"
)

// Themes are the accepted values of the theme setting.
var Themes = []string{"auto", "dark", "light"}

// minAutoRefresh keeps an automatic refresh from hammering feed servers.
const minAutoRefresh = time.Minute

// StyleNames returns the built-in glamour style names, sorted.
func StyleNames() []string {
	return slices.Sorted(maps.Keys(styles.DefaultStyles))
}

func isStyleName(s string) bool {
	_, ok := styles.DefaultStyles[s]
	return ok
}

// Validate checks the values Load cannot check by type alone. bindingNames
// are the key binding names the reader knows (the key map lives in package
// ui, which this package must not import). Every problem is reported, not
// only the first, so one edit can fix them all.
func (c Config) Validate(bindingNames []string) error {
	var errs []error
	fail := func(field, format string, args ...any) {
		errs = append(errs, &Error{Path: c.source, Field: field, Msg: fmt.Sprintf(format, args...)})
	}

	if !slices.Contains(Themes, c.Theme) {
		fail("theme", "%q is not one of %s", c.Theme, strings.Join(Themes, ", "))
	}
	if msg := checkGlamourStyle(c.GlamourStyle); msg != "" {
		fail("glamour_style", "%s", msg)
	}
	if msg := checkDateFormat(c.DateFormat); msg != "" {
		fail("date_format", "%s", msg)
	}
	if c.SidebarWidth < 0 {
		fail("sidebar_width", "%d is negative (0 lets herald choose)", c.SidebarWidth)
	}
	if c.ListWidth < 0 {
		fail("list_width", "%d is negative (0 lets herald choose)", c.ListWidth)
	}
	if d := c.AutoRefresh.Duration; d != 0 && d < minAutoRefresh {
		fail("auto_refresh", "%s is too often (0 turns it off; else at least %s)", d, minAutoRefresh)
	}
	if c.SaveDir != "" {
		if info, err := os.Stat(c.SaveDir); err == nil && !info.IsDir() {
			fail("save_dir", "%s is not a folder", c.SaveDir)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.Keys)) {
		if msg := checkBinding(name, c.Keys[name], bindingNames); msg != "" {
			fail("keys."+name, "%s", msg)
		}
	}
	return errors.Join(errs...)
}

// checkGlamourStyle returns what is wrong with a glamour_style value, or "".
func checkGlamourStyle(style string) string {
	if style == "" || isStyleName(style) {
		return ""
	}
	data, err := os.ReadFile(style)
	if err != nil {
		return fmt.Sprintf("%q is neither a style (%s) nor a readable JSON style file",
			style, strings.Join(StyleNames(), ", "))
	}
	if !json.Valid(data) {
		return fmt.Sprintf("%s is not valid JSON", style)
	}
	return ""
}

// checkDateFormat returns what is wrong with a date layout, or "". A layout
// with no Go reference element in it ("yyyy-mm-dd", say) would print the same
// text for every article, which is never what was meant.
func checkDateFormat(layout string) string {
	if layout == "" {
		return "is empty (try \"2006-01-02\")"
	}
	if strings.ContainsFunc(layout, unicode.IsControl) {
		return "holds a control character"
	}
	sample := time.Date(2031, time.November, 17, 14, 45, 31, 0, time.UTC)
	if sample.Format(layout) == layout {
		return fmt.Sprintf("%q has no date in it: write a Go layout such as \"2006-01-02\" or \"Jan 2 15:04\"", layout)
	}
	return ""
}

// checkBinding returns what is wrong with one [keys] entry, or "".
func checkBinding(name string, keys, known []string) string {
	if !slices.Contains(known, name) {
		return fmt.Sprintf("no such key binding (known: %s)", strings.Join(known, ", "))
	}
	if len(keys) == 0 {
		return "needs at least one key"
	}
	if slices.Contains(keys, "") {
		return "holds an empty key"
	}
	return ""
}
