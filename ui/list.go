package ui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/store"
)

// articleList is the virtual article list. It knows the list's length (a
// count from the store) and holds only a window of rows around the cursor,
// paging more in by keyset as the cursor nears an edge. Cursor and scroll are
// list positions; on a reload the cursor follows its article's key.
type articleList struct {
	ctx        context.Context
	st         Store
	keys       ListKeys
	styles     *Styles
	dateLayout string
	dateW      int
	width      int
	height     int
	focused    bool

	filter     store.Filter
	gen        int  // bumped by every reload; older replies are dropped
	loaded     bool // the rows of this generation are in
	seen       bool // rows (maybe none) have come in at least once
	win        rowWindow
	atEnd      bool // the window reaches the end of the list
	count      int
	countKnown bool
	countAsked bool // the count for this generation has been asked for
	started    bool // the first read was started before Init
	cursor     int
	offset     int  // list position of the top visible row
	keepRow    int  // screen row the cursor keeps across a reload
	loadingOld bool // a page of older rows is on its way
	loadingNew bool
	err        error // the last page read's
	// countErr is the count's: kept apart, as the page reads after it
	// succeed and would clear it, leaving "… articles" and no word of why.
	countErr error

	// The read and starred states set in this session, by article. They
	// are written to the store in the background, so a read that started
	// before a write landed can bring a row back as it was (an article
	// opened by a jump showed unread until ctrl+r); rows are set right from
	// these as they come in.
	readSet, starredSet map[int64]bool
}

func newArticleList(ctx context.Context, st Store, keys ListKeys, styles *Styles, dateLayout string) articleList {
	return articleList{ctx: ctx, st: st, keys: keys, styles: styles,
		dateLayout: dateLayout, dateW: dateWidth(dateLayout),
		readSet: map[int64]bool{}, starredSet: map[int64]bool{}}
}

func (l *articleList) SetSize(w, h int)     { l.width, l.height = w, h; l.scrollToCursor() }
func (l *articleList) SetStyles(st *Styles) { l.styles = st }
func (l *articleList) Focus()               { l.focused = true }
func (l *articleList) Blur()                { l.focused = false }
func (l articleList) ShortHelp() []key.Binding {
	return []key.Binding{l.keys.Open, l.keys.ToggleRead, l.keys.ToggleStar}
}

func (l articleList) FullHelp() [][]key.Binding {
	k := l.keys
	return [][]key.Binding{{k.Down, k.Up, k.Top, k.Bottom, k.PageDown, k.PageUp, k.Open, k.ToggleRead, k.ToggleStar}}
}

// visible is the number of rows on screen (the border takes two lines).
func (l articleList) visible() int { return max(l.height-2, 0) }

// pageSize is how many rows one read asks for: a few screens, so that
// scrolling reads rarely and a read is still quick.
func (l articleList) pageSize() int { return max(3*l.visible(), 60) }

// maxRows bounds the window: rows far from the cursor are let go.
func (l articleList) maxRows() int { return 6 * l.pageSize() }

// total is the length of the list as far as the list knows it.
func (l articleList) total() int {
	if l.countKnown {
		return max(l.count, l.win.end())
	}
	return l.win.end()
}

// current returns the article under the cursor, if it is loaded.
func (l articleList) current() (store.Article, bool) {
	if l.total() == 0 {
		return store.Article{}, false
	}
	return l.win.at(l.cursor)
}

// neighbours returns the loaded articles next to the cursor, nearest first.
func (l articleList) neighbours() []store.Article {
	var out []store.Article
	for _, pos := range []int{l.cursor + 1, l.cursor - 1} {
		if a, ok := l.win.at(pos); ok {
			out = append(out, a)
		}
	}
	return out
}

// anchorKey is the key a reload keeps the cursor on: the cursor's article,
// or the nearest loaded one while the cursor is on a row still loading.
func (l articleList) anchorKey() *store.Key {
	if len(l.win.rows) == 0 {
		return nil
	}
	a, _ := l.win.at(clamp(l.cursor, l.win.start, l.win.end()-1))
	k := a.Key()
	return &k
}

// start is the first read, for Init.
func (l articleList) start() tea.Cmd {
	return loadTopCmd(l.ctx, l.st, l.gen, l.filter, l.pageSize())
}

// startFirstScreen is the first read when the list's size is already
// known: only the rows that fit (a cold store reads a row in some 0.3 ms),
// and then the count, answered together as one firstScreenMsg; the rows
// below follow as the cursor needs them, as they would after any read.
func (l *articleList) startFirstScreen() tea.Cmd {
	l.started, l.countAsked = true, true
	top := loadTopCmd(l.ctx, l.st, l.gen, l.filter, max(l.visible(), 1))
	count := countCmd(l.ctx, l.st, l.gen, l.filter)
	return func() tea.Msg { return firstScreenMsg{top(), count()} }
}

// Reload reads the list again for filter f, keeping the cursor on its
// article and on the same screen row.
func (l *articleList) Reload(f store.Filter) tea.Cmd {
	anchor := l.anchorKey()
	l.keepRow = l.cursor - l.offset
	return l.load(f, anchor)
}

// load starts a new generation of reads around anchor (nil: the top).
func (l *articleList) load(f store.Filter, anchor *store.Key) tea.Cmd {
	l.gen++
	l.filter = f
	l.loaded = false // until the new rows come, show the old ones but read no further
	l.loadingOld, l.loadingNew = false, false
	l.countKnown, l.countAsked, l.countErr = false, false, nil
	if anchor != nil {
		return loadAroundCmd(l.ctx, l.st, l.gen, f, *anchor, l.pageSize())
	}
	return loadTopCmd(l.ctx, l.st, l.gen, f, l.pageSize())
}

// Update handles the list's keys and its store replies.
func (l articleList) Update(msg tea.Msg) (articleList, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return l.handleKey(msg)
	case listAnchorMsg:
		return l.handleAnchor(msg)
	case listPageMsg:
		return l.handlePage(msg)
	case listCountMsg:
		return l.handleCount(msg)
	}
	return l, nil
}

func (l articleList) handleKey(msg tea.KeyPressMsg) (articleList, tea.Cmd) {
	switch {
	case key.Matches(msg, l.keys.Down):
		return l, l.MoveBy(1)
	case key.Matches(msg, l.keys.Up):
		return l, l.MoveBy(-1)
	case key.Matches(msg, l.keys.PageDown):
		return l, l.MoveBy(max(l.visible(), 1))
	case key.Matches(msg, l.keys.PageUp):
		return l, l.MoveBy(-max(l.visible(), 1))
	case key.Matches(msg, l.keys.Top):
		return l, l.toTop()
	case key.Matches(msg, l.keys.Bottom):
		return l, l.toBottom()
	case key.Matches(msg, l.keys.ToggleRead):
		return l, l.toggle(func(a *store.Article) tea.Cmd {
			a.Read = !a.Read
			return setReadCmd(l.ctx, l.st, a.ID, a.Read)
		})
	case key.Matches(msg, l.keys.ToggleStar):
		return l, l.toggle(func(a *store.Article) tea.Cmd {
			a.Starred = !a.Starred
			return setStarredCmd(l.ctx, l.st, a.ID, a.Starred)
		})
	}
	return l, nil
}

// MoveBy moves the cursor n rows (negative: up) and asks for rows it is
// about to need.
func (l *articleList) MoveBy(n int) tea.Cmd {
	if l.total() == 0 {
		return nil
	}
	l.cursor = clamp(l.cursor+n, 0, l.total()-1)
	l.scrollToCursor()
	return l.fetchAhead()
}

// Select puts the cursor on list position pos (a mouse click).
func (l *articleList) Select(pos int) tea.Cmd {
	return l.MoveBy(pos - l.cursor)
}

// Scroll moves the view n rows and drags the cursor along when it would
// leave the screen (the mouse wheel).
func (l *articleList) Scroll(n int) tea.Cmd {
	v := l.visible()
	l.offset = clamp(l.offset+n, 0, max(l.total()-v, 0))
	l.cursor = clamp(l.cursor, l.offset, l.offset+v-1)
	l.cursor = clamp(l.cursor, 0, max(l.total()-1, 0))
	return l.fetchAhead()
}

func (l *articleList) toTop() tea.Cmd {
	if l.win.start == 0 {
		return l.MoveBy(-l.cursor)
	}
	l.keepRow = 0
	return l.load(l.filter, nil)
}

func (l *articleList) toBottom() tea.Cmd {
	if l.countKnown && l.win.end() >= l.count {
		return l.MoveBy(l.total())
	}
	l.gen++
	l.loaded = false
	l.loadingOld, l.loadingNew = false, false
	l.keepRow = l.visible() - 1
	return loadBottomCmd(l.ctx, l.st, l.gen, l.filter, l.pageSize())
}

// toggle flips a flag of the article under the cursor here at once and in
// the store in a command.
func (l *articleList) toggle(flip func(a *store.Article) tea.Cmd) tea.Cmd {
	a, ok := l.current()
	if !ok {
		return nil
	}
	cmd := flip(&a)
	l.Set(a.ID, a.Read, a.Starred)
	return cmd
}

// MarkRead records that the article id was opened, whether or not its row
// is loaded.
func (l *articleList) MarkRead(id int64) {
	l.readSet[id] = true
	if pos, ok := l.win.indexOf(id); ok {
		a, _ := l.win.at(pos)
		a.Read = true
		l.win.update(a)
	}
}

// Set records article id's read and starred states, set by m or s (in the
// list or the reader), and shows them on its row if it is loaded.
func (l *articleList) Set(id int64, read, starred bool) {
	l.readSet[id], l.starredSet[id] = read, starred
	if pos, ok := l.win.indexOf(id); ok {
		a, _ := l.win.at(pos)
		a.Read, a.Starred = read, starred
		l.win.update(a)
	}
}

// setFlags gives rows the read and starred states set in this session.
func (l *articleList) setFlags(rows []store.Article) {
	for i := range rows {
		if read, ok := l.readSet[rows[i].ID]; ok {
			rows[i].Read = read
		}
		if starred, ok := l.starredSet[rows[i].ID]; ok {
			rows[i].Starred = starred
		}
	}
}

// scrollToCursor keeps the cursor on screen and the screen within the list.
func (l *articleList) scrollToCursor() {
	v := l.visible()
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if v > 0 && l.cursor >= l.offset+v {
		l.offset = l.cursor - v + 1
	}
	l.offset = clamp(l.offset, 0, max(l.total()-v, 0))
}
