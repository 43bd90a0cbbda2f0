package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
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
	// Changes, when set, tells the reader the store changed (a refresh
	// added articles, say): the list and sidebars are read again, keeping
	// the cursor on its article.
	Changes <-chan struct{}
	// OpenURL opens a link outside herald (in the browser); the link
	// picker hands it the links that point to no article of the store.
	// nil: such links are only shown on the status line.
	OpenURL func(ctx context.Context, url string) error
	// PipeCommand is what the | prompt opens holding ("" for nothing); it
	// may start with a format, like "md: less".
	PipeCommand string
	// PipeHistory and SearchHistory are the files that keep what was
	// entered at the | and / prompts; "" keeps it in memory only.
	PipeHistory, SearchHistory string
	// SaveDir is the folder S saves articles in; "" is the current folder.
	SaveDir string
	// Refresh, when set, starts fetching every subscription (r, and
	// AutoRefresh): progress arrives on the channel, which is closed when
	// the refresh is over; then the function returns its result. Canceling
	// ctx stops it. nil: r says refreshing is not available.
	Refresh func(ctx context.Context) (<-chan RefreshProgress, func() (RefreshResult, error))
	// AutoRefresh is how often the reader refreshes on its own; 0 never
	// does, and then no timer runs.
	AutoRefresh time.Duration
	// FetchFull, when set, fetches article id's page and stores the
	// readable article beside the feed's summary (F in the reader).
	FetchFull func(ctx context.Context, id int64) error
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
//
// Bubble Tea hands the model around by value, and each handler here takes
// and returns it. Its large parts are held by pointer, so that a copy is
// 6 KB, not 28 (a key's update, with its copies nested, took a 600 KB
// stack, which the first updates grew a page fault at a time: 5 ms): the
// options, the keys and the help bar here, the prompt's input and the
// reader's viewport in their panes. Copies share those parts. That is safe
// because the model is used in a line, each update's result replacing the
// model before it; code that keeps an old copy, to compare or to restore,
// must copy them itself.
type Model struct {
	ctx  context.Context
	st   Store
	opts *Options
	keys *KeyMap
	term terminalOps

	styles *Styles
	dark   bool
	width  int
	height int
	lay    screenLayout
	focus  paneID
	help   *help.Model
	// showKeys shows every key binding in the panes' place (after ?).
	showKeys bool
	// helpOffset is how far the key table is scrolled when it is taller
	// than the screen.
	helpOffset int

	authors facetSidebar
	tags    facetSidebar
	list    articleList
	reader  readerPane
	prompt  linePrompt

	filter      listFilter
	message     string  // the last error, on the status line
	facetsAsked bool    // the sidebars' first read has been asked for
	startCmd    tea.Cmd // what the first screen, read before the program ran, started
	render      renderFunc
	renders     *renderCache
	rendering   map[renderKey]bool // renders running

	related map[int64][]store.Related // related stories by article id
	back    []historyEntry            // articles read before the open one
	forward []historyEntry            // articles gone back from
	walk    *relatedWalk              // the ]/[ walk under way
	// relatedPrefix: the reader's "#" was pressed; a digit 1-9 opens that
	// related story.
	relatedPrefix bool
	chooser       *facetChooser // A/T with several names: which one
	links         *linkPicker   // L: the open article's links
	// filterSuspended: a jump landed outside the filter, and the list
	// shows the unfiltered list around it (suspend.go).
	filterSuspended bool

	// note says what the last key did (copied, saved) until the next key.
	note string
	pipe pipeState // the | prompt's target (pipe.go)
	// What was entered at the | and / prompts (history.go).
	pipeHistory, searchHistory promptHistory

	refresh refreshState // r: the refresh under way or the last one's result
	full    fullFetch    // F: the full article being fetched
	// bodyRev counts the times an article's body changed under the reader
	// (F stored its full text); it is part of the render key, so renders
	// of the old body are stale.
	bodyRev map[int64]int
	// bodyGen counts the refreshes that updated articles in place; it is
	// part of the render key too, as any rendering may be of an old body.
	bodyGen int
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
	styles := newStyles(dark)
	bar := help.New()
	m := Model{
		ctx: ctx, st: st, opts: &opts, keys: &opts.Keys, term: bubbleTeaTerminal{},
		styles:    styles,
		dark:      dark,
		focus:     paneList,
		help:      &bar,
		authors:   newFacetSidebar(paneAuthors, opts.Keys.Sidebar, opts.Keys.Prompt, styles),
		tags:      newFacetSidebar(paneTags, opts.Keys.Sidebar, opts.Keys.Prompt, styles),
		list:      newArticleList(ctx, st, opts.Keys.List, styles, opts.DateFormat),
		reader:    newReaderPane(opts.Keys.Reader, styles, opts.DateFormat),
		prompt:    newLinePrompt(opts.Keys.Prompt, styles),
		render:    renderArticle,
		renders:   newRenderCache(renderCacheSize),
		rendering: map[renderKey]bool{},
		related:   map[int64][]store.Related{},
		bodyRev:   map[int64]int{},
	}
	m.pipeHistory = promptHistory{kind: promptPipe, name: "pipe", path: opts.PipeHistory}
	m.searchHistory = promptHistory{kind: promptSearch, name: "search", path: opts.SearchHistory}
	m.help.Styles = styles.Help
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

// Init reads the first page (the count and the sidebars follow once it is
// in), asks the terminal for its background colour, and starts waiting for
// store changes.
func (m Model) Init() tea.Cmd { return tea.Batch(m.initCmds()...) }

func (m *Model) initCmds() []tea.Cmd {
	cmds := []tea.Cmd{m.startCmd}
	if !m.list.started {
		cmds = append(cmds, m.list.start())
	}
	if m.followsBackground() {
		cmds = append(cmds, m.term.RequestBackgroundColor())
	}
	if m.opts.Changes != nil {
		cmds = append(cmds, waitForChange(m.ctx, m.opts.Changes))
	}
	if tick := m.autoRefreshTick(); tick != nil {
		cmds = append(cmds, tick)
	}
	return cmds
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
	case firstScreenMsg:
		return m.takeFirstScreen(msg)
	case listAnchorMsg, listPageMsg, listCountMsg:
		return m.updateList(msg)
	case facetsMsg:
		return m.handleFacets(msg)
	case filterCheckMsg:
		return m.handleFilterCheck(msg)
	case nextByMsg:
		return m.handleNextBy(msg)
	case relatedMsg:
		return m.handleRelated(msg)
	case linksMsg:
		return m.handleLinks(msg)
	case linkOpenedMsg:
		return m.handleLinkOpened(msg)
	case pipeDoneMsg:
		return m.handlePipeDone(msg)
	case historyMsg:
		return m.handleHistory(msg)
	case historySavedMsg:
		return m.handleHistorySaved(msg)
	case textCopiedMsg:
		return m.handleTextCopied(msg)
	case articleFileMsg:
		return m.handleArticleFile(msg)
	case renderedMsg:
		return m.handleRendered(msg)
	case articleSavedMsg:
		return m.handleSaved(msg)
	case storeChangedMsg:
		return m.handleStoreChanged()
	case refreshProgressMsg, refreshDoneMsg, refreshReloadMsg, autoRefreshMsg, indexedMsg:
		return m.updateRefresh(msg)
	case fullArticleMsg:
		return m.handleFullArticle(msg)
	}
	return m, nil
}

// resize lays the screen out again and renders the open article (and the
// ones ahead) at the reader's new width.
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
		HelpHeight: 1, Focus: m.focus}
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

// setFocus moves the focus, which can change the layout (overlays, one-pane
// mode).
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
	return m.list.Reload(m.listStoreFilter())
}

// updateList hands the list its store replies, then starts what waits on
// them: the sidebars' first read and rendering ahead.
func (m Model) updateList(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	var facets tea.Cmd
	if m.list.loaded && !m.facetsAsked {
		// The sidebars are read after the first rows are in, so that their
		// reads do not compete with the first screen's.
		m.facetsAsked = true
		facets = facetsCmd(m.ctx, m.st)
	}
	return m, tea.Batch(cmd, facets, m.prerender())
}

// firstScreenReads are the reads the first screen waits for, for a model
// already sized: the top of the list (the rows that fit) with its count,
// answered as one firstScreenMsg, and then the sidebars. Run reads the list
// and draws it before Bubble Tea has set up (see drawFirstScreen); Init
// then reads neither again.
func (m *Model) firstScreenReads() (list, sidebars tea.Cmd) {
	m.facetsAsked = true
	return m.list.startFirstScreen(), facetsCmd(m.ctx, m.st)
}

// firstScreenMsg is the list's first rows and its count.
type firstScreenMsg []tea.Msg

// takeFirstScreen hands the list its first rows and count, as one update
// drawn as one frame.
func (m Model) takeFirstScreen(msgs firstScreenMsg) (Model, tea.Cmd) {
	cmds := make([]tea.Cmd, 0, len(msgs))
	for _, msg := range msgs {
		next, cmd := m.Update(msg)
		m = next.(Model)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// startingWith returns m with cmd to run when the program starts (what
// an update before the program ran started).
func (m Model) startingWith(cmd tea.Cmd) Model {
	m.startCmd = cmd
	return m
}

// welcome reports whether to show the first-run screen: the store is empty
// (an unfiltered list that has read no rows).
func (m *Model) welcome() bool {
	return m.list.seen && m.list.filter.IsZero() && m.list.total() == 0 && (m.list.atEnd || m.list.countKnown)
}
