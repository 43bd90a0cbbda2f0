package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var testBindings = []string{"quit", "search", "next_related"}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	goodJSON := filepath.Join(dir, "style.json")
	badJSON := filepath.Join(dir, "broken.json")
	aFile := filepath.Join(dir, "plain.txt")
	for path, content := range map[string]string{
		goodJSON: `{"document": {"margin": 2}}`,
		badJSON:  `{"document": `,
		aFile:    "text",
	} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name   string
		change func(c *Config)
		want   []string // substrings of the error; none: valid
	}{
		{"defaults", func(c *Config) {}, nil},
		{"dark theme", func(c *Config) { c.Theme = "dark" }, nil},
		{"bad theme", func(c *Config) { c.Theme = "blue" },
			[]string{`FILE: theme: "blue" is not one of auto, dark, light`}},
		{"empty theme", func(c *Config) { c.Theme = "" }, []string{"FILE: theme:"}},
		{"every glamour style name", func(c *Config) {
			for _, s := range []string{"dark", "light", "dracula", "tokyo-night", "pink", "ascii", "notty"} {
				if !isStyleName(s) {
					t.Errorf("%q is not a known style", s)
				}
			}
			c.GlamourStyle = "tokyo-night"
		}, nil},
		{"glamour JSON file", func(c *Config) { c.GlamourStyle = goodJSON }, nil},
		{"unknown glamour style", func(c *Config) { c.GlamourStyle = "solarized" },
			[]string{`FILE: glamour_style: "solarized" is neither a style`, "dracula"}},
		{"glamour file that is not JSON", func(c *Config) { c.GlamourStyle = badJSON },
			[]string{"FILE: glamour_style:", "not valid JSON"}},
		{"other date layout", func(c *Config) { c.DateFormat = "Jan 2 15:04" }, nil},
		{"empty date format", func(c *Config) { c.DateFormat = "" }, []string{"FILE: date_format: is empty"}},
		{"date format without layout", func(c *Config) { c.DateFormat = "yyyy-mm-dd" },
			[]string{`FILE: date_format: "yyyy-mm-dd" has no date in it`}},
		{"date format with newline", func(c *Config) { c.DateFormat = "2006\n01" },
			[]string{"FILE: date_format: holds a control character"}},
		{"positive widths", func(c *Config) { c.SidebarWidth, c.ListWidth = 20, 50 }, nil},
		{"negative sidebar width", func(c *Config) { c.SidebarWidth = -1 }, []string{"FILE: sidebar_width: -1 is negative"}},
		{"negative list width", func(c *Config) { c.ListWidth = -3 }, []string{"FILE: list_width: -3 is negative"}},
		{"auto refresh every hour", func(c *Config) { c.AutoRefresh = Duration{time.Hour} }, nil},
		{"auto refresh too often", func(c *Config) { c.AutoRefresh = Duration{10 * time.Second} },
			[]string{"FILE: auto_refresh: 10s is too often"}},
		{"save dir that is a file", func(c *Config) { c.SaveDir = aFile }, []string{"FILE: save_dir:", "not a folder"}},
		{"save dir not made yet", func(c *Config) { c.SaveDir = filepath.Join(dir, "later") }, nil},
		{"known bindings", func(c *Config) {
			c.Keys = map[string][]string{"quit": {"Q"}, "search": {"/", "ctrl+f"}}
		}, nil},
		{"unknown binding name", func(c *Config) { c.Keys = map[string][]string{"fly": {"f"}} },
			[]string{"FILE: keys.fly: no such key binding (known: quit, search, next_related)"}},
		{"empty key list", func(c *Config) { c.Keys = map[string][]string{"quit": {}} },
			[]string{"FILE: keys.quit: needs at least one key"}},
		{"empty key", func(c *Config) { c.Keys = map[string][]string{"quit": {"q", ""}} },
			[]string{"FILE: keys.quit: holds an empty key"}},
		{"every problem is reported", func(c *Config) {
			c.Theme = "blue"
			c.ListWidth = -1
			c.Keys = map[string][]string{"fly": {"f"}, "quit": nil}
		}, []string{"FILE: theme:", "FILE: list_width:", "FILE: keys.fly:", "FILE: keys.quit:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			c.source = "/home/u/.config/herald/config.toml"
			tt.change(&c)
			err := c.Validate(testBindings)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Validate succeeded, want an error")
			}
			for _, w := range tt.want {
				w = strings.ReplaceAll(w, "FILE", c.source)
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}
