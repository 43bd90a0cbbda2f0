package ui

import tea "charm.land/bubbletea/v2"

// The reader's look follows the terminal's background (Init asks for it;
// the answer is a tea.BackgroundColorMsg) unless the config fixes a theme.
// Until the terminal answers, or if it never does, the look is dark.

// followsBackground reports whether the theme tracks the terminal.
func (m *Model) followsBackground() bool {
	return m.opts.Theme == "" || m.opts.Theme == "auto"
}

// setBackground restyles every pane for a dark or light background and
// renders the open article again when its glamour style follows the theme.
func (m Model) setBackground(dark bool) (Model, tea.Cmd) {
	if !m.followsBackground() || dark == m.dark {
		return m, nil
	}
	m.dark = dark
	m.styles = newStyles(dark)
	m.help.Styles = m.styles.Help
	m.authors.SetStyles(m.styles)
	m.tags.SetStyles(m.styles)
	m.list.SetStyles(m.styles)
	m.reader.SetStyles(m.styles)
	m.prompt.SetStyles(m.styles)
	return m, m.rerender()
}

// glamourStyle is the style articles render in.
func (m *Model) glamourStyle() string {
	switch {
	case m.opts.GlamourStyle != "":
		return m.opts.GlamourStyle
	case m.dark:
		return "dark"
	default:
		return "light"
	}
}
