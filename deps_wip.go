package main

// Temporary: pins the chosen libraries in go.mod while the packages that use
// them are written. Removed once each is imported for real.
import (
	_ "charm.land/bubbles/v2/viewport"
	_ "charm.land/bubbletea/v2"
	_ "charm.land/glamour/v2"
	_ "charm.land/lipgloss/v2"
	_ "codeberg.org/readeck/go-readability/v2"
	_ "github.com/JohannesKaufmann/html-to-markdown/v2"
	_ "github.com/adrg/xdg"
	_ "github.com/alecthomas/kong"
	_ "github.com/charmbracelet/x/ansi"
	_ "github.com/charmbracelet/x/exp/teatest/v2"
	_ "github.com/microcosm-cc/bluemonday"
	_ "github.com/mmcdole/gofeed"
	_ "github.com/pelletier/go-toml/v2"
	_ "golang.org/x/net/html/charset"
)
