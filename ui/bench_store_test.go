package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/store"
)

// These benchmarks run the reader on the generated stores that store's
// benchmarks leave in the temp folder, or in $HERALD_BENCH_DIR (go test
// -bench . ./store makes them; a million articles take minutes). They are
// skipped when none is there.

// readOnlyStore keeps the benchmarks from writing to the shared stores.
type readOnlyStore struct{ *store.Store }

func (readOnlyStore) SetRead(context.Context, int64, bool) error       { return nil }
func (readOnlyStore) SetStarred(context.Context, int64, bool) error    { return nil }
func (readOnlyStore) SetMarkdown(context.Context, int64, string) error { return nil }

func generatedStore(b *testing.B, n int) Store {
	dir := os.Getenv("HERALD_BENCH_DIR")
	if dir == "" {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("herald-bench-v%d-%d.db", store.SchemaVersion(), n))
	if _, err := os.Stat(path); err != nil {
		b.Skipf("no generated store at %s (go test -bench . ./store makes it)", path)
	}
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return readOnlyStore{st}
}

// BenchmarkStoreFirstView is start -> first frame with rows on a real store:
// Init's reads run concurrently, as in the program, and the clock stops at
// the first frame showing articles (the count and the sidebars may still be
// on their way).
func BenchmarkStoreFirstView(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			st := generatedStore(b, n)
			for range b.N {
				m := New(st, Options{Theme: "dark"})
				m.render = func(context.Context, Store, renderKey) ([]string, error) { return nil, nil }
				msgs := make(chan tea.Msg, 16)
				pending := start(m.initCmds(), msgs)
				next, _ := m.Update(tea.WindowSizeMsg{Width: 160, Height: 50})
				m = next.(Model)
				for !m.list.loaded {
					next, _ = m.Update(<-msgs)
					m = next.(Model)
					pending--
				}
				_ = m.View()
				b.StopTimer()
				for ; pending > 0; pending-- {
					<-msgs
				}
				b.StartTimer()
			}
		})
	}
}

// BenchmarkStoreListScroll is key -> frame scrolling a real store's list.
func BenchmarkStoreListScroll(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			h := newHarness(b, generatedStore(b, n), Options{Theme: "dark"}, 160, 50, stubRender)
			down, up := keyPress("j"), keyPress("k")
			b.ResetTimer()
			for i := range b.N {
				k := down
				if (i/500)%2 == 1 {
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

// start runs each command in its own goroutine, as Bubble Tea does, and
// returns how many messages will come.
func start(cmds []tea.Cmd, msgs chan<- tea.Msg) int {
	for _, c := range cmds {
		go func() { msgs <- c() }()
	}
	return len(cmds)
}
