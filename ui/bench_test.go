package ui

import (
	"fmt"
	"runtime"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Benchmarks time what the user waits for: a key handled and the next frame
// drawn (Update + View). Store reads and renders the key starts run outside
// the timer, as they run off the update loop in the program.

var listSizes = []int{1_000, 100_000, 1_000_000}

// BenchmarkListScroll is key -> frame while scrolling the list, which
// should not depend on how many articles there are.
func BenchmarkListScroll(b *testing.B) {
	for _, n := range listSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			st := newFakeStore(n)
			st.words = 20
			h := newHarness(b, st, Options{Theme: "dark"}, 160, 50)
			down, up := keyPress("j"), keyPress("k")
			period := min(n-1, 500) // down 500 rows, up again, and so on
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				k := down
				if (i/period)%2 == 1 {
					k = up
				}
				cmd := h.sendOnly(k)
				_ = h.m.View()
				b.StopTimer()
				h.run(cmd)
				b.StartTimer()
			}
		})
	}
}

// BenchmarkFirstView is start -> first frame with rows: the model built, its
// first reads done, sized and drawn.
func BenchmarkFirstView(b *testing.B) {
	for _, n := range listSizes[1:] {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			st := newFakeStore(n)
			b.ReportAllocs()
			for range b.N {
				h := &harness{t: b, m: New(st, Options{Theme: "dark"})}
				h.m.render = nil // renders ahead are not part of the first frame
				for _, msg := range collect(h.m.Init()) {
					if _, isRender := msg.(renderedMsg); !isRender {
						h.sendOnly(msg)
					}
				}
				h.sendOnly(tea.WindowSizeMsg{Width: 160, Height: 50})
				_ = h.m.View()
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
		})
	}
}

// BenchmarkOpenArticle is enter -> frame on a 5,000-word article that was
// rendered ahead (the cursor rested on it).
func BenchmarkOpenArticle(b *testing.B) {
	st := newFakeStore(100)
	st.words = 5000
	h := newHarness(b, st, Options{Theme: "dark"}, 160, 50)
	if !h.m.renders.has(h.m.renderKeyFor(100)) {
		b.Fatal("the article under the cursor was not rendered ahead")
	}
	enter, list := keyPress("enter"), keyPress("3")
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		h.sendOnly(enter)
		_ = h.m.View()
		b.StopTimer()
		h.sendOnly(list)
		h.m.reader.open = false // open it afresh each time
		b.StartTimer()
	}
}

// BenchmarkRenderArticle is what rendering ahead saves: reading, converting
// and rendering the 5,000-word article.
func BenchmarkRenderArticle(b *testing.B) {
	st := newFakeStore(1)
	st.words = 5000
	k := renderKey{id: 1, width: 72, style: "dark"}
	b.ReportAllocs()
	for range b.N {
		delete(st.markdown, 1)
		if _, err := renderArticle(b.Context(), st, k); err != nil {
			b.Fatal(err)
		}
	}
}
