package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/store/storegen"
)

// Benchmarks run on generated stores of 100k and 1M articles (override with
// HERALD_BENCH_SIZES=10000,100000). A store is generated once and kept in
// the temp folder, since a million articles take minutes to make.
func benchSizes() []int {
	spec := os.Getenv("HERALD_BENCH_SIZES")
	if spec == "" {
		spec = "100000,1000000"
	}
	var sizes []int
	for _, f := range strings.Split(spec, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
			sizes = append(sizes, n)
		}
	}
	return sizes
}

func sizeName(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return strconv.Itoa(n)
}

// benchStore opens (generating on first use) a store of n articles.
func benchStore(b *testing.B, n int) *store.Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("herald-bench-v%d-%d.db", store.SchemaVersion(), n))
	if _, err := os.Stat(path); err != nil {
		tmp := path + ".tmp"
		os.Remove(tmp)
		st, err := store.Open(tmp)
		if err != nil {
			b.Fatal(err)
		}
		o := storegen.Options{Articles: n}
		if n > 200_000 { // shorter bodies keep a 1M store to a few GB
			o.MinWords, o.MaxWords = 30, 150
		}
		b.Logf("generating %d articles into %s", n, path)
		if err := storegen.Fill(context.Background(), st, o); err != nil {
			b.Fatal(err)
		}
		st.Close()
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		os.Remove(tmp + "-wal")
		os.Remove(tmp + "-shm")
	}
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func forSizes(b *testing.B, fn func(b *testing.B, st *store.Store)) {
	for _, n := range benchSizes() {
		b.Run(sizeName(n), func(b *testing.B) { fn(b, benchStore(b, n)) })
	}
}

func benchPage(b *testing.B, st *store.Store, req store.PageRequest) {
	ctx := context.Background()
	if req.Limit == 0 {
		req.Limit = 50
	}
	for b.Loop() {
		if _, err := st.Page(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFirstPage(b *testing.B) {
	forSizes(b, func(b *testing.B, st *store.Store) { benchPage(b, st, store.PageRequest{}) })
}

// BenchmarkNextPage pages from deep inside the list, as scrolling does.
func BenchmarkNextPage(b *testing.B) {
	forSizes(b, func(b *testing.B, st *store.Store) {
		page, _ := st.Page(context.Background(), store.PageRequest{Limit: 5000})
		k := page[len(page)-1].Key()
		benchPage(b, st, store.PageRequest{From: &k})
	})
}

func BenchmarkFilteredPage(b *testing.B) {
	yes := true
	filters := []struct {
		name string
		f    store.Filter
	}{
		{"popular-author", store.Filter{Authors: []string{storegen.AuthorName(0)}}},
		{"rare-author", store.Filter{Authors: []string{storegen.AuthorName(1500)}}},
		{"popular-tag", store.Filter{Tags: []string{storegen.TagName(0)}}},
		{"rare-tag", store.Filter{Tags: []string{storegen.TagName(350)}}},
		{"author+tag", store.Filter{Authors: []string{storegen.AuthorName(3)}, Tags: []string{storegen.TagName(1)}}},
		{"unread", store.Filter{Unread: &yes}},
		{"feed", store.Filter{Feeds: []string{"Feed 7"}}},
	}
	forSizes(b, func(b *testing.B, st *store.Store) {
		for _, f := range filters {
			b.Run(f.name, func(b *testing.B) { benchPage(b, st, store.PageRequest{Filter: f.f}) })
		}
	})
}

func BenchmarkFacets(b *testing.B) {
	forSizes(b, func(b *testing.B, st *store.Store) {
		ctx := context.Background()
		b.Run("authors", func(b *testing.B) {
			for b.Loop() {
				st.Authors(ctx)
			}
		})
		b.Run("tags", func(b *testing.B) {
			for b.Loop() {
				st.Tags(ctx)
			}
		})
	})
}

func BenchmarkSearch(b *testing.B) {
	queries := []struct{ name, match string }{
		{"common-word", `"` + storegen.Word(3) + `"`},
		{"mid-word", `"` + storegen.Word(300) + `"`},
		{"rare-word", `"` + storegen.Word(15000) + `"`},
		{"two-words", `"` + storegen.Word(40) + `" "` + storegen.Word(900) + `"`},
		{"phrase", `"` + storegen.Word(0) + " " + storegen.Word(1) + `"`},
		{"prefix", `"` + storegen.Word(500)[:3] + `"*`},
	}
	forSizes(b, func(b *testing.B, st *store.Store) {
		for _, q := range queries {
			b.Run(q.name, func(b *testing.B) { benchPage(b, st, store.PageRequest{Filter: store.Filter{Match: q.match}}) })
		}
	})
}
