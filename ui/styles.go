package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Styles is every look of the reader, built for a dark or a light terminal
// background and handed to each pane; nothing reads styles from globals.
// Panes share one *Styles and never change it (a background change builds
// a new one): the struct is large, and models are copied on every update.
type Styles struct {
	// Borders and rows are drawn for every line of every frame, so they
	// are inline styles (see inlineStyle).
	Border        inlineStyle // a blurred pane's border
	FocusedBorder inlineStyle // the focused pane's border
	Title         inlineStyle // a pane's title in its border
	FocusedTitle  inlineStyle
	Row           inlineStyle // a read article
	UnreadRow     inlineStyle
	Cursor        inlineStyle // the cursor row in the focused pane
	BlurCursor    inlineStyle // the cursor row in a blurred pane
	Placeholder   inlineStyle // a row not loaded yet
	ActiveFacet   inlineStyle // the sidebar entry that filters the list

	SidebarQuery lipgloss.Style

	Status       lipgloss.Style
	StatusFilter lipgloss.Style
	Error        lipgloss.Style
	Note         lipgloss.Style // what a key did (copied, saved)

	HeaderTitle lipgloss.Style
	HeaderMeta  lipgloss.Style
	HeaderLink  lipgloss.Style
	Rule        lipgloss.Style
	Dim         lipgloss.Style

	WelcomeTitle lipgloss.Style
	WelcomeCmd   lipgloss.Style

	Help   help.Styles
	Prompt textinput.Styles
}

// newStyles builds the styles for a dark (isDark) or light background.
func newStyles(isDark bool) *Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FD1"), lipgloss.Color("#A68CFF"))
	muted := ld(lipgloss.Color("#8A8A8A"), lipgloss.Color("#6C6C6C"))
	text := ld(lipgloss.Color("#1A1A1A"), lipgloss.Color("#E4E4E4"))
	red := ld(lipgloss.Color("#C0392B"), lipgloss.Color("#FF6B6B"))
	cursorBg := ld(lipgloss.Color("#D9D2FF"), lipgloss.Color("#3D2F7A"))
	blurBg := ld(lipgloss.Color("#E6E6E6"), lipgloss.Color("#303030"))

	prompt := textinput.DefaultStyles(isDark)
	prompt.Focused.Prompt = lipgloss.NewStyle().Foreground(accent).Bold(true)
	prompt.Cursor.Blink = false // a blinking cursor would wake the program; the terminal draws it

	return &Styles{
		Border:        inline(lipgloss.NewStyle().Foreground(muted)),
		FocusedBorder: inline(lipgloss.NewStyle().Foreground(accent)),
		Title:         inline(lipgloss.NewStyle().Foreground(muted)),
		FocusedTitle:  inline(lipgloss.NewStyle().Foreground(accent).Bold(true)),
		Row:           inline(lipgloss.NewStyle().Foreground(muted)),
		UnreadRow:     inline(lipgloss.NewStyle().Foreground(text).Bold(true)),
		Cursor:        inline(lipgloss.NewStyle().Background(cursorBg).Foreground(text)),
		BlurCursor:    inline(lipgloss.NewStyle().Background(blurBg)),
		Placeholder:   inline(lipgloss.NewStyle().Foreground(muted).Faint(true)),
		ActiveFacet:   inline(lipgloss.NewStyle().Foreground(accent).Bold(true)),

		SidebarQuery: lipgloss.NewStyle().Foreground(accent),

		Status:       lipgloss.NewStyle().Foreground(muted),
		StatusFilter: lipgloss.NewStyle().Foreground(accent),
		Error:        lipgloss.NewStyle().Foreground(red),
		Note:         lipgloss.NewStyle().Foreground(accent),

		HeaderTitle: lipgloss.NewStyle().Foreground(text).Bold(true),
		HeaderMeta:  lipgloss.NewStyle().Foreground(muted),
		HeaderLink:  lipgloss.NewStyle().Foreground(accent).Underline(true),
		Rule:        lipgloss.NewStyle().Foreground(muted),
		Dim:         lipgloss.NewStyle().Foreground(muted),

		WelcomeTitle: lipgloss.NewStyle().Foreground(accent).Bold(true),
		WelcomeCmd:   lipgloss.NewStyle().Foreground(text).Bold(true),

		Help:   helpStyles(ld),
		Prompt: prompt,
	}
}

// helpStyles are the key hints' colours. Bubbles' defaults are very dim
// (descriptions at about 2:1 against the background); these keep keys
// brighter than what they do, and both readable, in dark and light.
func helpStyles(ld lipgloss.LightDarkFunc) help.Styles {
	keyStyle := lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#3A3A3A"), lipgloss.Color("#C8C8C8")))
	descStyle := lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#6A6A6A"), lipgloss.Color("#8C8C8C")))
	sepStyle := lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#A8A8A8"), lipgloss.Color("#5A5A5A")))
	return help.Styles{
		ShortKey: keyStyle, ShortDesc: descStyle, ShortSeparator: sepStyle, Ellipsis: sepStyle,
		FullKey: keyStyle, FullDesc: descStyle, FullSeparator: sepStyle,
	}
}

// inlineStyle is a lipgloss style reduced to the escape sequences it puts
// around one line of text. lipgloss's Render measures, wraps and pads its
// input, which costs more than the rest of a list row together; rows and
// borders are already cut to width, so they only need the sequences.
type inlineStyle struct{ prefix, suffix string }

// inline captures s's sequences by rendering a one-character sample.
func inline(s lipgloss.Style) inlineStyle {
	out := s.Render("X")
	i := strings.Index(out, "X")
	return inlineStyle{prefix: out[:i], suffix: out[i+1:]}
}

// Render styles one line of text.
func (s inlineStyle) Render(text string) string {
	if s.prefix == "" {
		return text
	}
	return s.prefix + text + s.suffix
}
