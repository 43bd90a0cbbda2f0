package ui

import (
	"context"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/herald-reader/herald/store"
)

// Options are the reader's settings (from the config file, via main).
type Options struct {
	Theme        string // "auto" or "" (follow the terminal's background), "dark", "light"
	GlamourStyle string // "" follows the theme; else a glamour style name or a JSON style file
	DateFormat   string // Go time layout; "" is 2006-01-02
	SidebarWidth int    // 0: default
	ListWidth    int    // 0: default
	Keys         KeyMap // the zero KeyMap means DefaultKeyMap()
	Welcome      bool   // open on the welcome screen (main knows the store is empty)
	// Changes, when set, tells the reader the store changed (a refresh
	// added articles, say): the list and sidebars are read again, keeping
	// the cursor on its article.
	Changes <-chan struct{}
}

// Render cache and pre-render limits: a handful of articles around the
// cursor at one width, and one render ahead at a time, so that holding a
// key down neither queues a render per row passed nor takes the core the
// update loop runs on (a long article takes tens of milliseconds).
const (
	renderCacheSize = 32
	maxRendering    = 1
)

// Model is the reader's root model. It owns the panes, routes messages to
// them, and does what involves more than one pane (opening an article,
// filtering the list from a sidebar or the prompt).
type Model struct {
	ctx  context.Context
	st   Store
	opts Options
	keys KeyMap

	styles *Styles
	dark   bool
	width  int
	height int
	lay    screenLayout
	focus  paneID
	help   help.Model

	authors facetSidebar
	tags    facetSidebar
	list    articleList
	reader  readerPane
	prompt  searchPrompt

	filter    listFilter
	message   string // the last error, on the status line
	render    renderFunc
	renders   *renderCache
	rendering map[renderKey]bool // renders running
}

// New returns the root model reading from st; Run runs it.
func New(st Store, opts Options) Model { return newModel(context.Background(), st, opts) }

func newModel(ctx context.Context, st Store, opts Options) Model {
	if isZeroKeyMap(opts.Keys) {
		opts.Keys = DefaultKeyMap()
	}
	if opts.DateFormat == "" {
		opts.DateFormat = defaultDateFormat
	}
	dark := opts.Theme != "light"
	st0 := newStyles(dark)
	m := Model{
		ctx: ctx, st: st, opts: opts, keys: opts.Keys,
		styles:    st0,
		dark:      dark,
		focus:     paneList,
		help:      help.New(),
		authors:   newFacetSidebar(paneAuthors, opts.Keys.Sidebar, opts.Keys.Prompt, st0),
		tags:      newFacetSidebar(paneTags, opts.Keys.Sidebar, opts.Keys.Prompt, st0),
		list:      newArticleList(ctx, st, opts.Keys.List, st0, opts.DateFormat),
		reader:    newReaderPane(opts.Keys.Reader, st0, opts.DateFormat),
		prompt:    newSearchPrompt(opts.Keys.Prompt, st0),
		render:    renderArticle,
		renders:   newRenderCache(renderCacheSize),
		rendering: map[renderKey]bool{},
	}
	m.help.Styles = st0.Help
	m.list.Focus()
	return m
}

// isZeroKeyMap reports a KeyMap nobody filled in.
func isZeroKeyMap(k KeyMap) bool {
	for _, s := range bindingSpecs {
		b := s.field(&k)
		if len(b.Keys()) > 0 || b.Help().Desc != "" {
			return false
		}
	}
	return true
}

// followsBackground reports whether the theme tracks the terminal.
func (m *Model) followsBackground() bool {
	return m.opts.Theme == "" || m.opts.Theme == "auto"
}

// Init reads the first page, the count and the facets, and asks the
// terminal for its background colour.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.list.start(), facetsCmd(m.ctx, m.st)}
	if m.followsBackground() {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.opts.Changes != nil {
		cmds = append(cmds, waitForChange(m.ctx, m.opts.Changes))
	}
	return tea.Batch(cmds...)
}

// Update routes a message: sizes to the layout, keys to the global handler
// and then the focused pane, data to the pane that asked for it.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		return m.setBackground(msg.IsDark())
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.PasteMsg:
		return m.handlePaste(msg)
	case tea.MouseClickMsg:
		return m.handleClick(msg.Mouse())
	case tea.MouseWheelMsg:
		return m.handleWheel(msg.Mouse())
	case listAnchorMsg, listPageMsg, listCountMsg:
		return m.updateList(msg)
	case facetsMsg:
		return m.handleFacets(msg)
	case renderedMsg:
		return m.handleRendered(msg)
	case articleSavedMsg:
		return m.handleSaved(msg)
	case storeChangedMsg:
		return m.handleStoreChanged()
	}
	return m, nil
}

func (m Model) resize(w, h int) (Model, tea.Cmd) {
	m.width, m.height = w, h
	m.relayout()
	return m, m.rerender()
}

// relayout recomputes the layout and sizes every pane. A pane is sized as it
// would be when focused, so hidden panes (one-pane mode) keep a usable size
// and the reader's width, which renders depend on, does not change with focus.
func (m *Model) relayout() {
	in := layoutInput{Width: m.width, Height: m.height,
		SidebarWidth: m.opts.SidebarWidth, ListWidth: m.opts.ListWidth,
		HelpHeight: m.helpHeight(), Focus: m.focus}
	m.lay = layout(in)
	sizeOf := func(p paneID) rect {
		in.Focus = p
		return layout(in).Panes[p]
	}
	r := sizeOf(paneAuthors)
	m.authors.SetSize(r.W, r.H)
	r = sizeOf(paneTags)
	m.tags.SetSize(r.W, r.H)
	r = sizeOf(paneList)
	m.list.SetSize(r.W, r.H)
	r = sizeOf(paneReader)
	m.reader.SetSize(r.W, r.H)
	m.help.SetWidth(m.width)
}

// helpHeight is the lines the help view takes: one, or the full table.
func (m *Model) helpHeight() int {
	if !m.help.ShowAll {
		return 1
	}
	return min(lipgloss.Height(m.help.View(m.helpKeys())), max(m.height/2, 1))
}

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

// renderKeyFor is the rendering of article id the reader would show now.
func (m *Model) renderKeyFor(id int64) renderKey {
	return renderKey{id: id, width: m.reader.innerWidth(), style: m.glamourStyle()}
}

func (m *Model) setFocus(p paneID) {
	if p == m.focus {
		return
	}
	for _, blur := range []func(){m.authors.Blur, m.tags.Blur, m.list.Blur, m.reader.Blur} {
		blur()
	}
	switch p {
	case paneAuthors:
		m.authors.Focus()
	case paneTags:
		m.tags.Focus()
	case paneList:
		m.list.Focus()
	case paneReader:
		m.reader.Focus()
	}
	m.focus = p
	m.relayout()
}

// reloadList reads the list again for the current filter, keeping the
// cursor on its article.
func (m *Model) reloadList() tea.Cmd {
	return m.list.Reload(m.filter.storeFilter())
}

func (m Model) updateList(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	if m.list.err != nil {
		m.message = "could not read articles: " + m.list.err.Error()
	}
	return m, tea.Batch(cmd, m.prerender())
}

func (m Model) handleSaved(msg articleSavedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.message = "could not save: " + msg.err.Error()
	}
	return m, nil
}

// storeChangedMsg says the store changed under the reader.
type storeChangedMsg struct{}

// waitForChange turns one receive on ch into a storeChangedMsg. It blocks in
// its command, so an idle reader uses no CPU.
func waitForChange(ctx context.Context, ch <-chan struct{}) tea.Cmd {
	return func() tea.Msg {
		select {
		case _, ok := <-ch:
			if !ok {
				return nil
			}
			return storeChangedMsg{}
		case <-ctx.Done():
			return nil
		}
	}
}

func (m Model) handleStoreChanged() (Model, tea.Cmd) {
	cmds := []tea.Cmd{m.reloadList(), facetsCmd(m.ctx, m.st)}
	if m.opts.Changes != nil {
		cmds = append(cmds, waitForChange(m.ctx, m.opts.Changes))
	}
	return m, tea.Batch(cmds...)
}

// facetsMsg carries the sidebars' entries.
type facetsMsg struct {
	authors, tags []store.Facet
	err           error
}

func facetsCmd(ctx context.Context, st Store) tea.Cmd {
	return func() tea.Msg {
		authors, err := st.Authors(ctx)
		if err != nil {
			return facetsMsg{err: err}
		}
		tags, err := st.Tags(ctx)
		return facetsMsg{authors: authors, tags: tags, err: err}
	}
}

func (m Model) handleFacets(msg facetsMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.message = "could not read authors and tags: " + msg.err.Error()
		return m, nil
	}
	m.authors.SetFacets(msg.authors)
	m.tags.SetFacets(msg.tags)
	return m, nil
}

// welcome reports whether to show the first-run screen: the store is empty
// (an unfiltered list with no rows), or main said so and no rows came yet.
func (m *Model) welcome() bool {
	if !m.list.loaded {
		return m.opts.Welcome
	}
	return m.list.filter.IsZero() && m.list.total() == 0 && (m.list.atEnd || m.list.countKnown)
}
