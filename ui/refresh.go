package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// This file is the reader's refresh (r, and the auto-refresh). The fetching
// itself is main's: Options.Refresh is wired to the feed package, which ui
// does not import (ui depends on the store only). The reader starts it in
// a command, takes its progress one event at a time (each event's command
// asks for the next, as Bubble Tea receives from a channel), shows it on the
// status line, and reads the list again as new articles are stored, at most
// every refreshReloadEvery and once at the end, keeping the cursor on its
// article and its row on the screen (articleList.Reload).

// RefreshProgress is how far a refresh has come; it is cumulative, so a
// reader that misses an event misses nothing.
type RefreshProgress struct {
	Done, Total int // feeds finished, feeds in the refresh
	New         int // new articles stored so far
	Failed      int // feeds failed so far
	// Indexing: every feed is done, and the new articles are being made
	// searchable.
	Indexing bool
}

// RefreshFailure is one feed that could not be refreshed.
type RefreshFailure struct {
	Feed   string // its title, else its URL
	Reason string
}

// RefreshResult is what a refresh did.
type RefreshResult struct {
	Feeds    int // feeds refreshed; 0: there are no subscriptions
	New      int // articles added
	Updated  int // articles changed
	Failed   int
	Deferred int              // not fetched: the server asked for time
	Failures []RefreshFailure // in the order the feeds were asked for
	// Indexed: the refresh made its articles searchable and checkpointed
	// the store itself, so the reader does not.
	Indexed bool
}

// refreshReloadEvery bounds how often the list is read again while a
// refresh stores articles: each read costs a few store queries, and a
// hundred feeds can finish in a second.
const refreshReloadEvery = 500 * time.Millisecond

// refreshState is the refresh under way, or what the last one came to.
type refreshState struct {
	running  bool
	gen      int // which refresh the messages belong to
	cancel   context.CancelFunc
	progress RefreshProgress
	// shownNew is progress.New when the list was last read again, and
	// reloadedAt when; reloadDue says a throttled read is scheduled.
	shownNew   int
	reloadedAt time.Time
	reloadDue  bool
	// summary is the last refresh's outcome, on the status line until the
	// next refresh or esc; failed shows it as an error.
	summary string
	failed  bool
	clock   func() time.Time // nil: time.Now (tests set it)
}

func (rs *refreshState) now() time.Time {
	if rs.clock != nil {
		return rs.clock()
	}
	return time.Now()
}

// refreshRun is one refresh's event source, carried from message to
// message so the model holds no channel.
type refreshRun struct {
	gen    int
	events <-chan RefreshProgress
	wait   func() (RefreshResult, error)
}

// refreshProgressMsg is one progress event of a refresh.
type refreshProgressMsg struct {
	run      refreshRun
	progress RefreshProgress
}

// refreshDoneMsg is a refresh's end.
type refreshDoneMsg struct {
	gen    int
	result RefreshResult
	err    error
}

// refreshReloadMsg is a throttled reload coming due.
type refreshReloadMsg struct{ gen int }

// autoRefreshMsg is the auto-refresh timer going off.
type autoRefreshMsg struct{}

// indexedMsg says the articles a refresh stored are searchable.
type indexedMsg struct{ err error }

// updateRefresh routes the refresh's messages to their handlers.
func (m Model) updateRefresh(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case refreshProgressMsg:
		return m.handleRefreshProgress(msg)
	case refreshDoneMsg:
		return m.handleRefreshDone(msg)
	case refreshReloadMsg:
		return m.handleRefreshReload(msg)
	case autoRefreshMsg:
		return m.handleAutoRefresh()
	case indexedMsg:
		return m.handleIndexed(msg)
	}
	return m, nil
}

// alreadyRefreshing starts the note a second r leaves; the refresh's end
// takes it away, as it is no longer true.
const alreadyRefreshing = "a refresh is already running"

// startRefresh starts a refresh unless one is running (never two at
// once). auto: the timer started it, so it says nothing when it cannot.
func (m *Model) startRefresh(auto bool) tea.Cmd {
	rs := &m.refresh
	switch {
	case m.opts.Refresh == nil:
		if !auto {
			m.note = "refreshing feeds is not available here"
		}
		return nil
	case rs.running:
		if !auto {
			m.note = alreadyRefreshing + " (" + refreshProgressText(rs.progress) + ")"
		}
		return nil
	}
	ctx, cancel := context.WithCancel(m.ctx)
	rs.gen++
	rs.running, rs.cancel = true, cancel
	rs.progress, rs.shownNew, rs.reloadedAt, rs.reloadDue = RefreshProgress{}, 0, time.Time{}, false
	rs.summary, rs.failed = "", false
	if !auto {
		m.message = "" // the status line is the refresh's now
	}
	return startRefreshCmd(ctx, m.opts.Refresh, rs.gen)
}

// startRefreshCmd starts the refresh off the update loop and returns its
// first event.
func startRefreshCmd(ctx context.Context, start func(context.Context) (<-chan RefreshProgress, func() (RefreshResult, error)), gen int) tea.Cmd {
	return func() tea.Msg {
		events, wait := start(ctx)
		return nextRefreshEvent(refreshRun{gen: gen, events: events, wait: wait})
	}
}

// waitRefreshCmd waits for a refresh's next event.
func waitRefreshCmd(run refreshRun) tea.Cmd {
	return func() tea.Msg { return nextRefreshEvent(run) }
}

// nextRefreshEvent blocks for the next progress event, or for the result
// once the events are over.
func nextRefreshEvent(run refreshRun) tea.Msg {
	if run.events != nil {
		if p, ok := <-run.events; ok {
			return refreshProgressMsg{run: run, progress: p}
		}
	}
	var res RefreshResult
	var err error
	if run.wait != nil {
		res, err = run.wait()
	}
	return refreshDoneMsg{gen: run.gen, result: res, err: err}
}

// handleRefreshProgress shows the progress, asks for the next event, and
// reads the list again if new articles were stored.
func (m Model) handleRefreshProgress(msg refreshProgressMsg) (Model, tea.Cmd) {
	if msg.run.gen != m.refresh.gen || !m.refresh.running {
		return m, nil
	}
	m.refresh.progress = msg.progress
	return m, tea.Batch(waitRefreshCmd(msg.run), m.reloadForRefresh())
}

// reloadForRefresh reads the list and the sidebars again when articles
// were stored since the last read: now if the last read was
// refreshReloadEvery ago, else once that much time has passed.
func (m *Model) reloadForRefresh() tea.Cmd {
	rs := &m.refresh
	if rs.progress.New <= rs.shownNew || rs.reloadDue {
		return nil
	}
	if wait := refreshReloadEvery - rs.now().Sub(rs.reloadedAt); wait > 0 {
		rs.reloadDue = true
		gen := rs.gen
		return tea.Tick(wait, func(time.Time) tea.Msg { return refreshReloadMsg{gen: gen} })
	}
	return m.reloadStored()
}

// reloadStored reads the list (keeping the cursor on its article), its
// count and the sidebars again.
func (m *Model) reloadStored() tea.Cmd {
	m.refresh.shownNew = m.refresh.progress.New
	m.refresh.reloadedAt = m.refresh.now()
	return tea.Batch(m.reloadList(), facetsCmd(m.ctx, m.st))
}

func (m Model) handleRefreshReload(msg refreshReloadMsg) (Model, tea.Cmd) {
	if msg.gen != m.refresh.gen {
		return m, nil
	}
	m.refresh.reloadDue = false
	if !m.refresh.running {
		return m, nil // the end read the list already
	}
	return m, m.reloadForRefresh()
}

// handleRefreshDone shows what the refresh did, reads the list again once
// more, and makes the new articles searchable in the background.
func (m Model) handleRefreshDone(msg refreshDoneMsg) (Model, tea.Cmd) {
	rs := &m.refresh
	if msg.gen != rs.gen || !rs.running {
		return m, nil
	}
	if rs.cancel != nil {
		rs.cancel()
	}
	rs.running, rs.cancel, rs.reloadDue = false, nil, false
	if strings.HasPrefix(m.note, alreadyRefreshing) {
		m.note = ""
	}
	res := msg.result
	rs.summary = refreshSummary(res, msg.err)
	rs.failed = msg.err != nil || res.Failed > 0
	if res.New == 0 && res.Updated == 0 && rs.shownNew == 0 {
		return m, nil
	}
	m.forgetRelated()
	cmds := []tea.Cmd{m.reloadStored()}
	if res.Updated > 0 {
		cmds = append(cmds, m.bodiesChanged())
	}
	if !res.Indexed {
		cmds = append(cmds, indexCmd(m.ctx, m.st))
	}
	return m, tea.Batch(cmds...)
}

// bodiesChanged makes every rendering stale after a refresh updated
// articles in place (which ones, it does not say), and renders the open
// article again, which keeps showing its old body and its scroll position
// until the new one is in.
func (m *Model) bodiesChanged() tea.Cmd {
	m.bodyGen++
	if !m.reader.open {
		return m.prerender()
	}
	k := m.renderKeyFor(m.reader.article.ID)
	m.reader.Want(k, m.reader.body)
	return tea.Batch(m.startRender(k), m.prerender())
}

// handleAutoRefresh starts a refresh (unless one runs) and sets the timer
// again.
func (m Model) handleAutoRefresh() (Model, tea.Cmd) {
	start := m.startRefresh(true)
	return m, tea.Batch(start, m.autoRefreshTick())
}

// autoRefreshTick is the auto-refresh timer, or nil when there is none:
// with no interval set, no timer runs.
func (m *Model) autoRefreshTick() tea.Cmd {
	if m.opts.AutoRefresh <= 0 || m.opts.Refresh == nil {
		return nil
	}
	return tea.Tick(m.opts.AutoRefresh, func(time.Time) tea.Msg { return autoRefreshMsg{} })
}

// pendingIndexer is a store that indexes for full-text search apart from
// storing (*store.Store). Searching indexes what is pending anyway; doing
// it right after a refresh keeps the first search after it quick.
type pendingIndexer interface {
	IndexPending(ctx context.Context) (int, error)
	// Checkpoint moves the write-ahead log into the store once the
	// refresh's writes are done (commits leave it to the end).
	Checkpoint(ctx context.Context) error
}

func indexCmd(ctx context.Context, st Store) tea.Cmd {
	ix, ok := st.(pendingIndexer)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		_, err := ix.IndexPending(ctx)
		if err == nil {
			err = ix.Checkpoint(ctx)
		}
		return indexedMsg{err: err}
	}
}

func (m Model) handleIndexed(msg indexedMsg) (Model, tea.Cmd) {
	if msg.err != nil && !errors.Is(msg.err, context.Canceled) {
		m.message = "could not make the new articles searchable: " + msg.err.Error()
	}
	return m, nil
}

// refreshProgressText is the status line during a refresh.
func refreshProgressText(p RefreshProgress) string {
	if p.Total == 0 {
		return "Refreshing feeds…"
	}
	if p.Indexing {
		return fmt.Sprintf("Refreshed %s feeds, %s new · making them searchable…", formatCount(p.Total), formatCount(p.New))
	}
	s := fmt.Sprintf("Refreshing %s/%s feeds…", formatCount(p.Done), formatCount(p.Total))
	switch {
	case p.New > 0 && p.Failed > 0:
		s += fmt.Sprintf(" %s new, %s failed", formatCount(p.New), formatCount(p.Failed))
	case p.New > 0:
		s += " " + formatCount(p.New) + " new"
	case p.Failed > 0:
		s += " " + formatCount(p.Failed) + " failed"
	}
	return s
}

// refreshSummary is the status line after a refresh: "N feeds, M new
// articles, K failed", the first failure and its reason, and where to read
// the rest (herald feeds shows each feed's last error).
func refreshSummary(res RefreshResult, err error) string {
	switch {
	case err != nil && errors.Is(err, context.Canceled):
		return "refresh canceled (" + plural(res.New, "new article") + " kept)"
	case err != nil:
		return "refresh failed: " + err.Error()
	case res.Feeds == 0:
		return "no subscriptions (herald add URL)"
	}
	s := fmt.Sprintf("%s, %s, %s failed", plural(res.Feeds, "feed"), plural(res.New, "new article"), formatCount(res.Failed))
	if res.Deferred > 0 {
		s += fmt.Sprintf(", %s waiting", formatCount(res.Deferred))
	}
	if len(res.Failures) > 0 {
		f := res.Failures[0]
		s += " · " + f.Feed + ": " + f.Reason
		if n := len(res.Failures) - 1; n > 0 {
			s += fmt.Sprintf(" (and %s more: herald feeds)", formatCount(n))
		}
	}
	return s
}

// activity is what runs in the background, for the status line when no
// error or note takes it: the refresh's progress or outcome, a full
// article being fetched.
func (m *Model) activity() (string, lipgloss.Style) {
	var text string
	style := m.styles.Note
	switch {
	case m.refresh.running:
		text = refreshProgressText(m.refresh.progress)
	case m.refresh.summary != "":
		text = m.refresh.summary
		if m.refresh.failed {
			style = m.styles.Error
		}
	}
	if m.full.running {
		text = joinNonEmpty(" · ", "Fetching the full article…", text)
	}
	return text, style
}

func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		switch {
		case p == "":
		case out == "":
			out = p
		default:
			out += sep + p
		}
	}
	return out
}
