// Package config reads herald's TOML settings file.
//
// The file is optional: with no file every setting has its default. A file
// that is there but wrong is an error naming the file, the line and the
// setting, because silently ignoring a typo leaves the user guessing why their
// setting has no effect.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/adrg/xdg"
	"github.com/pelletier/go-toml/v2"
)

// Config is the user's settings. The zero value is not useful: start from
// Default or Load.
type Config struct {
	// Theme picks the colour set: "auto" (ask the terminal), "dark" or "light".
	Theme string `toml:"theme"`
	// GlamourStyle is the article rendering style: "" follows Theme; else a
	// glamour style name (see StyleNames) or the path of a glamour JSON style.
	GlamourStyle string `toml:"glamour_style"`
	// DateFormat is a Go time layout for dates in the article list.
	DateFormat string `toml:"date_format"`
	// SidebarWidth and ListWidth are pane widths in cells; 0 lets the layout decide.
	SidebarWidth int `toml:"sidebar_width"`
	ListWidth    int `toml:"list_width"`
	// Keys overrides key bindings: binding name -> the keys that trigger it.
	Keys map[string][]string `toml:"keys"`
	// PipeCommand is offered when the reader asks for a command to pipe to.
	PipeCommand string `toml:"pipe_command"`
	// SaveDir is where `save` writes articles when no folder is given; ""
	// means the current folder.
	SaveDir string `toml:"save_dir"`
	// AutoRefresh is how often the reader refreshes feeds; 0 means never.
	AutoRefresh Duration `toml:"auto_refresh"`

	// source is the file the settings came from, named in error messages.
	source string
}

// Default returns the settings used when there is no config file.
func Default() Config {
	return Config{
		Theme:      "auto",
		DateFormat: "2006-01-02",
	}
}

// Source returns the file c was loaded from, or "" for defaults built in code.
func (c Config) Source() string { return c.source }

// Path returns where the config file is looked for: $HERALD_CONFIG when set,
// else the first herald/config.toml in the XDG config folders, else the one
// under $XDG_CONFIG_HOME (which may not exist yet). It creates nothing.
func Path() string {
	if p := os.Getenv("HERALD_CONFIG"); p != "" {
		return p
	}
	const rel = "herald/config.toml"
	if p, err := xdg.SearchConfigFile(rel); err == nil {
		return p
	}
	return filepath.Join(xdg.ConfigHome, filepath.FromSlash(rel))
}

// Load reads the config file at path. A missing file gives Default() and no
// error. Settings the file leaves out keep their defaults. Load checks the
// file's syntax, its setting names and value types; call Validate for the rest.
// On error it still returns Default(), so a caller that reports the error may
// carry on with the defaults.
func Load(path string) (Config, error) {
	cfg := Default()
	cfg.source = path
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		return Default(), decodeError(path, err)
	}
	cfg.GlamourStyle = resolveStylePath(path, cfg.GlamourStyle)
	cfg.SaveDir = resolvePath(path, cfg.SaveDir)
	return cfg, nil
}

// decodeError turns a go-toml error into one that names the file and the
// position, so editors and users can jump straight to the line.
func decodeError(path string, err error) error {
	var strictErr *toml.StrictMissingError
	if errors.As(err, &strictErr) {
		errs := make([]error, 0, len(strictErr.Errors))
		for _, e := range strictErr.Errors {
			line, col := e.Position()
			name := strings.Join(e.Key(), ".")
			errs = append(errs, &Error{Path: path, Line: line, Column: col,
				Msg: fmt.Sprintf("unknown setting %q", name)})
		}
		return errors.Join(errs...)
	}
	var decErr *toml.DecodeError
	if errors.As(err, &decErr) {
		line, col := decErr.Position()
		msg := strings.TrimPrefix(decErr.Error(), "toml: ")
		return &Error{Path: path, Line: line, Column: col,
			Field: strings.Join(decErr.Key(), "."), Msg: msg}
	}
	return &Error{Path: path, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
}

// resolveStylePath resolves style like resolvePath unless it is a built-in
// style name, which is not a path at all.
func resolveStylePath(configPath, style string) string {
	if isStyleName(style) {
		return style
	}
	return resolvePath(configPath, style)
}

// resolvePath expands a leading "~/" to the home folder and makes a relative
// path relative to the config file's folder, so a setting means the same
// thing whichever folder herald is started from.
func resolvePath(configPath, p string) string {
	if p == "" {
		return p
	}
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
		return p
	}
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(filepath.Dir(configPath), p)
}
