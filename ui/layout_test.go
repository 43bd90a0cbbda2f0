package ui

import "testing"

func TestLayoutWideShowsAllFourPanesLeftToRight(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {160, 50}, {250, 80}} {
		l := layout(layoutInput{Width: size[0], Height: size[1], HelpHeight: 1, Focus: paneList})
		if l.Mode != layoutWide {
			t.Fatalf("%v: mode %v, want wide", size, l.Mode)
		}
		a, tg, li, rd := l.Panes[paneAuthors], l.Panes[paneTags], l.Panes[paneList], l.Panes[paneReader]
		for p, r := range l.Panes {
			if r.empty() {
				t.Fatalf("%v: pane %d hidden", size, p)
			}
		}
		if a.X != 0 || tg.X != 0 || a.Y != 0 || tg.Y != a.H || a.H+tg.H != l.Body.H {
			t.Errorf("%v: sidebars not stacked in the left column: %+v %+v", size, a, tg)
		}
		if li.X != a.W || rd.X != li.X+li.W || rd.X+rd.W != size[0] {
			t.Errorf("%v: list %+v and reader %+v do not fill the row after the sidebars", size, li, rd)
		}
		if l.Body.H+l.Status.H+l.Help.H != size[1] {
			t.Errorf("%v: body %d + status %d + help %d != height", size, l.Body.H, l.Status.H, l.Help.H)
		}
	}
}

func TestLayoutFoldsSidebarsBelow120Columns(t *testing.T) {
	l := layout(layoutInput{Width: 100, Height: 30, HelpHeight: 1, Focus: paneList})
	if l.Mode != layoutFolded || l.Overlay {
		t.Fatalf("mode %v overlay %v, want folded without overlay", l.Mode, l.Overlay)
	}
	if !l.Panes[paneAuthors].empty() || !l.Panes[paneTags].empty() {
		t.Fatalf("sidebars shown while folded: %+v", l.Panes)
	}
	if l.Panes[paneList].W+l.Panes[paneReader].W != 100 {
		t.Fatalf("list and reader do not share the width: %+v", l.Panes)
	}

	// Focusing a sidebar brings both back, drawn over the list.
	l = layout(layoutInput{Width: 100, Height: 30, HelpHeight: 1, Focus: paneTags})
	if !l.Overlay {
		t.Fatal("a focused sidebar is not shown as an overlay")
	}
	list := l.Panes[paneList]
	for _, p := range []paneID{paneAuthors, paneTags} {
		r := l.Panes[p]
		if r.empty() || r.X < list.X || r.X+r.W > list.X+list.W || r.Y+r.H > list.H {
			t.Errorf("overlay %d at %+v is not over the list %+v", p, r, list)
		}
	}
}

func TestLayoutShowsOnePaneBelow80x24(t *testing.T) {
	for _, size := range [][2]int{{79, 40}, {120, 23}, {40, 10}} {
		for p := range paneCount {
			l := layout(layoutInput{Width: size[0], Height: size[1], HelpHeight: 1, Focus: p})
			if l.Mode != layoutSingle {
				t.Fatalf("%v: mode %v, want single", size, l.Mode)
			}
			for q, r := range l.Panes {
				if shown := !r.empty(); shown != (paneID(q) == p) {
					t.Errorf("%v focus %d: pane %d shown=%v", size, p, q, shown)
				}
			}
			if r := l.Panes[p]; r.W != size[0] || r.H != l.Body.H {
				t.Errorf("%v: focused pane %+v does not fill the body %+v", size, r, l.Body)
			}
		}
	}
}

// Whatever the size, every rectangle is inside the screen and the rows add
// up to the height: the base of "no line ever exceeds the terminal".
func TestLayoutStaysInsideTheScreenAtAnySize(t *testing.T) {
	for w := 0; w <= 260; w += 7 {
		for h := 0; h <= 70; h += 3 {
			for p := range paneCount {
				for _, help := range []int{1, 12} {
					l := layout(layoutInput{Width: w, Height: h, HelpHeight: help, Focus: p, SidebarWidth: 500, ListWidth: 500})
					if l.Body.H < 0 || l.Body.H+l.Status.H+l.Help.H != h {
						t.Fatalf("%dx%d: rows %d+%d+%d", w, h, l.Body.H, l.Status.H, l.Help.H)
					}
					for q, r := range l.Panes {
						if r.empty() {
							continue
						}
						if r.X < 0 || r.Y < 0 || r.X+r.W > w || r.Y+r.H > l.Body.H {
							t.Fatalf("%dx%d focus %d: pane %d at %+v leaves the body %+v", w, h, p, q, r, l.Body)
						}
					}
				}
			}
		}
	}
}

func TestLayoutHonoursConfiguredWidths(t *testing.T) {
	l := layout(layoutInput{Width: 160, Height: 50, SidebarWidth: 30, ListWidth: 70, HelpHeight: 1})
	if l.Panes[paneAuthors].W != 30 || l.Panes[paneList].W != 70 || l.Panes[paneReader].W != 60 {
		t.Fatalf("widths %d/%d/%d, want 30/70/60", l.Panes[paneAuthors].W, l.Panes[paneList].W, l.Panes[paneReader].W)
	}
	// A list so wide the reader could not be read is cut back.
	l = layout(layoutInput{Width: 160, Height: 50, ListWidth: 150, HelpHeight: 1})
	if l.Panes[paneReader].W < minReaderWidth {
		t.Fatalf("reader %d cells wide, want at least %d", l.Panes[paneReader].W, minReaderWidth)
	}
}
