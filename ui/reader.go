package ui

import (
	"fmt"
	"math"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// readerPane shows one article: a header block and its rendered body,
// scrolled in a viewport. It does not render: the root hands it renderings
// (from the cache or a render command) and it shows the one it waits for.
type readerPane struct {
	keys       ReaderKeys
	styles     *Styles
	dateLayout string
	width      int
	height     int
	focused    bool

	open    bool
	article store.Article
	want    renderKey       // the rendering the pane shows or waits for
	body    *rendering      // nil while rendering
	content []string        // header and body
	vp      *viewport.Model // the scroll position over content (by pointer: it is most of the pane's size, see Model)
	related []store.Related // shown under the article, numbered
	// wantY is a scroll position to restore once the body is in (going
	// back through the history), and kept while the article is too short
	// for it, until its related stories come in below it; -1 when there is
	// none, or the reader has scrolled since.
	wantY int
	// wantAt is the place to keep while the article is rendered again (at
	// a new width, in another style), as a share of how far it scrolls:
	// line numbers change with the wrapping, and the "Rendering…" in
	// between is too short to hold any. -1 when there is none.
	wantAt float64
}

func newReaderPane(keys ReaderKeys, styles *Styles, dateLayout string) readerPane {
	vp := viewport.New()
	vp.MouseWheelEnabled = false // the root routes the wheel by position
	return readerPane{keys: keys, styles: styles, dateLayout: dateLayout, vp: &vp, wantY: -1, wantAt: -1}
}

func (r *readerPane) SetSize(w, h int) {
	if w == r.width && h == r.height {
		return // refresh measures every line of the article: not for nothing
	}
	if r.body != nil && r.wantY < 0 && r.wantAt < 0 {
		r.wantAt = r.scrolled() // measured before the height changes it
	}
	r.width, r.height = w, h
	r.vp.SetWidth(r.innerWidth())
	r.vp.SetHeight(max(h-2, 0))
	r.refresh()
}

func (r *readerPane) SetStyles(st *Styles) { r.styles = st; r.refresh() }
func (r *readerPane) Focus()               { r.focused = true }
func (r *readerPane) Blur()                { r.focused = false }

func (r readerPane) ShortHelp() []key.Binding {
	return []key.Binding{r.keys.Down, r.keys.PageDown, r.keys.Next, r.keys.Prev, r.keys.NextRelated, r.keys.Back}
}

func (r readerPane) FullHelp() [][]key.Binding {
	k := r.keys
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom, k.Next, k.Prev},
		{k.NextRelated, k.PrevRelated, k.OpenRelated, k.NextByAuthor, k.NextByTag, k.Back, k.Forward, k.Links, k.FullArticle}}
}

// innerWidth is the width the body is rendered at.
func (r readerPane) innerWidth() int { return max(r.width-2, 0) }

// Show opens article a, waiting for rendering k; body is that rendering
// when it is already at hand (nil otherwise).
func (r *readerPane) Show(a store.Article, k renderKey, body *rendering) {
	if !r.open || r.article.ID != a.ID {
		r.vp.SetYOffset(0)
	}
	r.open, r.article, r.want, r.body = true, a, k, body
	r.related, r.wantY, r.wantAt = nil, -1, -1
	r.refresh()
}

// ScrollTo scrolls to line y, now if the body is in, else once it is.
func (r *readerPane) ScrollTo(y int) {
	r.wantY = y
	r.refresh()
}

// SetRelated sets the related stories shown under the article.
func (r *readerPane) SetRelated(rel []store.Related) {
	r.related = rel
	r.refresh()
}

// Want changes the rendering the pane waits for (after a resize or a style
// change) while keeping the article and roughly the scroll position.
func (r *readerPane) Want(k renderKey, body *rendering) {
	if r.body != nil && r.wantY < 0 && r.wantAt < 0 {
		r.wantAt = r.scrolled()
	}
	r.want, r.body = k, body
	r.refresh()
}

// scrolled is how far the article is scrolled, from 0 (the top) to 1 (the
// bottom).
func (r *readerPane) scrolled() float64 {
	bottom := len(r.content) - r.vp.Height()
	if bottom <= 0 {
		return 0
	}
	return min(float64(r.vp.YOffset())/float64(bottom), 1)
}

// Rendered offers a finished rendering; the pane takes it only if it is the
// one it waits for, so a stale article or width is dropped.
func (r *readerPane) Rendered(msg renderedMsg) bool {
	if !r.open || msg.key != r.want {
		return false
	}
	r.body = &msg.rendering
	r.refresh()
	return true
}

// refresh rebuilds the viewport's content from the header and the body.
func (r *readerPane) refresh() {
	if !r.open {
		return
	}
	w := r.innerWidth()
	lines := articleHeader(r.article, w, r.dateLayout, r.styles)
	switch {
	case r.body == nil:
		lines = append(lines, r.styles.Dim.Render("Rendering…"))
	case r.body.err != nil:
		msg := "Could not show this article: " + sanitize.Line(r.body.err.Error())
		lines = append(lines, r.styles.Error.Render(truncateText(msg, w)))
	default:
		lines = append(lines, r.body.lines...)
	}
	lines = append(lines, relatedLines(r.related, w, r.styles)...)
	y := r.vp.YOffset()
	r.content = lines
	// The viewport keeps the scroll position over as many lines as the
	// article has. It is given blank lines because it measures the width of
	// every line it gets (for horizontal scrolling, which the reader does
	// not do): for a long article that was most of the time opening it took.
	r.vp.SetContentLines(make([]string, len(lines)))
	r.vp.SetYOffset(y)
	if r.wantAt >= 0 && r.body != nil {
		r.vp.SetYOffset(int(math.Round(r.wantAt * float64(max(len(lines)-r.vp.Height(), 0)))))
		r.wantAt = -1
	}
	if r.wantY >= 0 && r.body != nil {
		r.vp.SetYOffset(r.wantY)
		if r.vp.YOffset() == r.wantY {
			r.wantY = -1
		}
	}
}

// relatedLines is the related stories section under an article: numbered
// titles, each with why it is related.
func relatedLines(rel []store.Related, w int, st *Styles) []string {
	if len(rel) == 0 {
		return nil
	}
	// Indented like glamour's body; "#" then the number opens one.
	lines := []string{"", st.Dim.Render(truncateText("  Related stories (# then a number opens one)", w))}
	for i, r := range rel {
		lines = append(lines,
			truncateText(fmt.Sprintf("  %d. %s", i+1, sanitize.Line(r.Title)), w),
			st.Dim.Render(truncateText("     "+sanitize.Line(r.Reason()), w)))
	}
	return lines
}

// Update scrolls the article.
func (r readerPane) Update(msg tea.Msg) (readerPane, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return r, nil
	}
	y := r.vp.YOffset()
	switch {
	case key.Matches(k, r.keys.Down):
		r.vp.ScrollDown(1)
	case key.Matches(k, r.keys.Up):
		r.vp.ScrollUp(1)
	case key.Matches(k, r.keys.PageDown):
		r.vp.PageDown()
	case key.Matches(k, r.keys.PageUp):
		r.vp.PageUp()
	case key.Matches(k, r.keys.Top):
		r.vp.GotoTop()
	case key.Matches(k, r.keys.Bottom):
		r.vp.GotoBottom()
	}
	if r.vp.YOffset() != y {
		r.wantY, r.wantAt = -1, -1 // the reader took over
	}
	return r, nil
}

// Scroll moves the article n lines (the mouse wheel).
func (r *readerPane) Scroll(n int) {
	r.wantY = -1
	if n > 0 {
		r.vp.ScrollDown(n)
	} else {
		r.vp.ScrollUp(-n)
	}
}

// View draws the pane with the scroll position in its bottom border.
func (r readerPane) View() string { return strings.Join(r.lines(), "\n") }

func (r readerPane) lines() []string {
	f := paneFrame{title: paneTitles[paneReader], focused: r.focused}
	if !r.open {
		// Wrapped to the pane (inside its borders and a space), so that a
		// narrow pane does not cut the sentence off.
		hint := []string{""}
		for _, l := range strings.Split(ansi.Wrap("Select an article and press enter to read it.", max(r.width-3, 10), ""), "\n") {
			hint = append(hint, r.styles.Dim.Render(" "+l))
		}
		return f.render(hint, r.width, r.height, r.styles)
	}
	f.footer = r.position()
	return f.render(r.visibleLines(), r.width, r.height, r.styles)
}

// visibleLines is the part of the content the viewport has scrolled to.
// The lines are drawn here, where the frame cuts them to width anyway,
// rather than by the viewport's View, which re-wraps every line on screen on
// every frame.
func (r readerPane) visibleLines() []string {
	top := clamp(r.vp.YOffset(), 0, len(r.content))
	return r.content[top:min(top+r.vp.Height(), len(r.content))]
}

// position is the scroll indicator: how far through the article the bottom
// of the pane is.
func (r readerPane) position() string {
	total := r.vp.TotalLineCount()
	if total <= r.vp.Height() {
		return "all"
	}
	return fmt.Sprintf("%d%%", int(r.vp.ScrollPercent()*100+0.5))
}
