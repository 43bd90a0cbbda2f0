package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"
)

// writeConfig writes content to a config.toml in a fresh folder.
func writeConfig(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDefault(t *testing.T) {
	d := Default()
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"theme", d.Theme, "auto"},
		{"glamour_style", d.GlamourStyle, ""},
		{"date_format", d.DateFormat, "2006-01-02"},
		{"sidebar_width", d.SidebarWidth, 0},
		{"list_width", d.ListWidth, 0},
		{"keys", len(d.Keys), 0},
		{"pipe_command", d.PipeCommand, ""},
		{"save_dir", d.SaveDir, ""},
		{"auto_refresh", d.AutoRefresh.Duration, time.Duration(0)},
		{"validates", d.Validate(nil), error(nil)},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("Default().%s = %#v, want %#v", tt.name, tt.got, tt.want)
		}
	}
}

func TestLoad(t *testing.T) {
	full := `
theme = "light"
glamour_style = "dracula"
date_format = "02 Jan 2006"
sidebar_width = 24
list_width = 60
pipe_command = "wc -w"
save_dir = "/tmp/articles"
auto_refresh = "30m"

[keys]
quit = ["Q"]
search = ["/", "ctrl+f"]
`
	tests := []struct {
		name    string
		content *string // nil: no file at all
		want    func(c *Config)
	}{
		{"missing file gives defaults", nil, func(c *Config) {}},
		{"empty file gives defaults", ptr(""), func(c *Config) {}},
		{"partial file keeps other defaults", ptr(`list_width = 50`), func(c *Config) { c.ListWidth = 50 }},
		{"auto_refresh zero", ptr(`auto_refresh = "0"`), func(c *Config) {}},
		{"full file", &full, func(c *Config) {
			c.Theme = "light"
			c.GlamourStyle = "dracula"
			c.DateFormat = "02 Jan 2006"
			c.SidebarWidth = 24
			c.ListWidth = 60
			c.PipeCommand = "wc -w"
			c.SaveDir = "/tmp/articles"
			c.AutoRefresh = Duration{30 * time.Minute}
			c.Keys = map[string][]string{"quit": {"Q"}, "search": {"/", "ctrl+f"}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.toml")
			if tt.content != nil {
				path = writeConfig(t, *tt.content)
			}
			got, err := Load(path)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			want := Default()
			want.source = path
			tt.want(&want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Load =\n%#v\nwant\n%#v", got, want)
			}
			if got.Source() != path {
				t.Errorf("Source() = %q, want %q", got.Source(), path)
			}
		})
	}
}

func ptr(s string) *string { return &s }

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    []string // substrings of the error, after "PATH" is replaced
	}{
		{"syntax error names path, line and column", "theme = \"dark\"\n\nlist_width 40\n",
			[]string{"PATH:3:12: ", "expected '='"}},
		{"unterminated string", "theme = \"dark\n", []string{"PATH:1:"}},
		{"unknown key names it and its line", "theme = \"dark\"\ncolour = \"red\"\n",
			[]string{`PATH:2:1: unknown setting "colour"`}},
		{"every unknown key is named", "colour = 1\nfont = 2\n",
			[]string{`PATH:1:1: unknown setting "colour"`, `PATH:2:1: unknown setting "font"`}},
		{"unknown table", "[colours]\nbg = 1\n", []string{`PATH:1:2: unknown setting "colours"`}},
		{"wrong type", "sidebar_width = \"wide\"\n", []string{"PATH:1:", "sidebar_width"}},
		{"keys need lists", "[keys]\nquit = \"q\"\n", []string{"PATH:2:"}},
		{"bad duration", "\nauto_refresh = \"soon\"\n", []string{"PATH:2:", `"soon" is not a duration`}},
		{"duration without unit", "auto_refresh = \"30\"\n", []string{"PATH:1:", "not a duration"}},
		{"duration as a number", "auto_refresh = 30\n", []string{"PATH: ", `"30" is not a duration`}},
		{"negative duration", "auto_refresh = \"-5m\"\n", []string{"PATH:1:", "negative"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.content)
			_, err := Load(path)
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			for _, w := range tt.want {
				w = strings.ReplaceAll(w, "PATH", path)
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestLoadUnreadable(t *testing.T) {
	dir := t.TempDir() // a folder where a file is expected
	_, err := Load(dir)
	if err == nil || !strings.HasPrefix(err.Error(), dir+": ") {
		t.Errorf("Load(folder) error = %v, want one starting with the path", err)
	}
}

func TestLoadResolvesPaths(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip("no home folder:", err)
	}
	tests := []struct {
		name      string
		line      string
		field     func(Config) string
		wantInDir string // "" : want exactly wantExact
		wantExact string
	}{
		{"relative style path is beside the config", `glamour_style = "mine.json"`,
			func(c Config) string { return c.GlamourStyle }, "mine.json", ""},
		{"style name is not a path", `glamour_style = "pink"`,
			func(c Config) string { return c.GlamourStyle }, "", "pink"},
		{"home folder", `save_dir = "~/saved"`,
			func(c Config) string { return c.SaveDir }, "", filepath.Join(home, "saved")},
		{"absolute path kept", `save_dir = "/srv/saved"`,
			func(c Config) string { return c.SaveDir }, "", "/srv/saved"},
		{"relative save dir", `save_dir = "saved"`,
			func(c Config) string { return c.SaveDir }, "saved", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.line+"\n")
			cfg, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.wantExact
			if tt.wantInDir != "" {
				want = filepath.Join(filepath.Dir(path), tt.wantInDir)
			}
			if got := tt.field(cfg); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

func TestPath(t *testing.T) {
	t.Cleanup(xdg.Reload) // runs after t.Setenv has restored the environment
	home := t.TempDir()
	dirs := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("XDG_CONFIG_DIRS", dirs)

	t.Setenv("HERALD_CONFIG", "")
	xdg.Reload()
	want := filepath.Join(home, "herald", "config.toml")
	if got := Path(); got != want {
		t.Errorf("Path() with no file = %q, want %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(home, "herald")); !os.IsNotExist(err) {
		t.Errorf("Path() created the config folder (stat err %v)", err)
	}

	system := filepath.Join(dirs, "herald", "config.toml")
	if err := os.MkdirAll(filepath.Dir(system), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(system, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if got := Path(); got != system {
		t.Errorf("Path() with a file in XDG_CONFIG_DIRS = %q, want %q", got, system)
	}

	t.Setenv("HERALD_CONFIG", "/elsewhere/herald.toml")
	if got := Path(); got != "/elsewhere/herald.toml" {
		t.Errorf("Path() with HERALD_CONFIG = %q", got)
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		err  Error
		want string
	}{
		{Error{Path: "/c.toml", Line: 7, Column: 12, Msg: "expected '='"}, "/c.toml:7:12: expected '='"},
		{Error{Path: "/c.toml", Line: 7, Msg: "bad"}, "/c.toml:7: bad"},
		{Error{Path: "/c.toml", Field: "theme", Msg: "bad"}, "/c.toml: theme: bad"},
		{Error{Field: "theme", Msg: "bad"}, "config: theme: bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestDurationUnmarshalText(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		wantErr bool
	}{
		{"", 0, false},
		{"0", 0, false},
		{"30m", 30 * time.Minute, false},
		{"1h30m", 90 * time.Minute, false},
		{"30", 0, true},
		{"soon", 0, true},
		{"-1h", 0, true},
	}
	for _, tt := range tests {
		var d Duration
		err := d.UnmarshalText([]byte(tt.in))
		if (err != nil) != tt.wantErr || d.Duration != tt.want {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v, error %v", tt.in, d.Duration, err, tt.want, tt.wantErr)
		}
	}
}
