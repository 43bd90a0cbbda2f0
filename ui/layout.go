package ui

// paneID names the four panes, in focus order.
type paneID int

const (
	paneAuthors paneID = iota
	paneTags
	paneList
	paneReader
	paneCount
)

func (p paneID) isSidebar() bool { return p == paneAuthors || p == paneTags }

// rect is a screen rectangle in cells.
type rect struct{ X, Y, W, H int }

func (r rect) empty() bool { return r.W <= 0 || r.H <= 0 }

func (r rect) contains(x, y int) bool {
	return !r.empty() && x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// layoutMode is how many panes fit side by side.
type layoutMode int

const (
	layoutWide   layoutMode = iota // sidebars, list and reader side by side
	layoutFolded                   // list and reader; sidebars as an overlay when focused
	layoutSingle                   // one pane at a time: the focused one
)

// Breakpoints: at wideMinWidth all four panes fit with readable widths;
// below foldedMinWidth x foldedMinHeight two panes would each be too cramped
// to read, so one pane shows at a time.
const (
	wideMinWidth    = 120
	foldedMinWidth  = 80
	foldedMinHeight = 24

	minSidebarWidth = 12
	minListWidth    = 20
	minReaderWidth  = 30
)

// layoutInput is everything the arrangement depends on.
type layoutInput struct {
	Width, Height int
	SidebarWidth  int // 0: default
	ListWidth     int // 0: default
	HelpHeight    int // lines the help view wants
	Focus         paneID
}

// screenLayout says where everything goes. A hidden pane has an empty rect.
type screenLayout struct {
	Mode    layoutMode
	Panes   [paneCount]rect
	Overlay bool // the sidebars are drawn over the list
	Body    rect // the area the panes (or the welcome screen) share
	Status  rect
	Help    rect
}

// layout arranges the screen. It is pure: same input, same layout, which is
// what lets a resize at any moment redraw correctly.
func layout(in layoutInput) screenLayout {
	w, h := max(in.Width, 0), max(in.Height, 0)
	statusH := min(h, 1)
	helpH := clamp(in.HelpHeight, 0, h-statusH-1)
	bodyH := h - statusH - helpH

	l := screenLayout{
		Body:   rect{0, 0, w, bodyH},
		Status: rect{0, bodyH, w, statusH},
		Help:   rect{0, bodyH + statusH, w, helpH},
	}
	switch {
	case w >= wideMinWidth && h >= foldedMinHeight:
		l.Mode = layoutWide
		sw := sidebarWidth(in.SidebarWidth, w)
		lw := clamp(orDefault(in.ListWidth, (w-sw)*45/100), minListWidth, w-sw-minReaderWidth)
		l.Panes[paneAuthors] = rect{0, 0, sw, bodyH / 2}
		l.Panes[paneTags] = rect{0, bodyH / 2, sw, bodyH - bodyH/2}
		l.Panes[paneList] = rect{sw, 0, lw, bodyH}
		l.Panes[paneReader] = rect{sw + lw, 0, w - sw - lw, bodyH}
	case w >= foldedMinWidth && h >= foldedMinHeight:
		l.Mode = layoutFolded
		lw := clamp(orDefault(in.ListWidth, w*45/100), minListWidth, w-minReaderWidth)
		l.Panes[paneList] = rect{0, 0, lw, bodyH}
		l.Panes[paneReader] = rect{lw, 0, w - lw, bodyH}
		if in.Focus.isSidebar() {
			sw := min(sidebarWidth(in.SidebarWidth, w), lw)
			l.Overlay = true
			l.Panes[paneAuthors] = rect{0, 0, sw, bodyH / 2}
			l.Panes[paneTags] = rect{0, bodyH / 2, sw, bodyH - bodyH/2}
		}
	default:
		l.Mode = layoutSingle
		l.Panes[in.Focus] = rect{0, 0, w, bodyH}
	}
	return l
}

// sidebarWidth is the configured width (kept to at most a third of the
// screen), or a sixth of the screen within readable bounds.
func sidebarWidth(configured, screen int) int {
	if configured > 0 {
		return clamp(configured, minSidebarWidth, max(minSidebarWidth, screen/3))
	}
	return clamp(screen/6, 20, 32)
}

func orDefault(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// clamp limits v to [lo, hi]; when hi < lo, lo wins.
func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

// paneTitles are shown in each pane's top border.
var paneTitles = [paneCount]string{"Authors", "Tags", "Articles", "Reader"}
