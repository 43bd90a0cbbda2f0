package store_test

import (
	"context"
	"testing"

	"github.com/herald-reader/herald/store"
)

// BenchmarkRelated ranks related stories at each store size:
//   - ranked: a different article every call, so every call ranks (the
//     reader's first look at an article), with the word statistics earlier
//     calls cached, as in a running reader;
//   - cold: as ranked, but on a freshly opened store each call, so nothing
//     is cached (the first related list after start-up);
//   - cached: the same article again (going back to it).
func BenchmarkRelated(b *testing.B) {
	forSizes(b, func(b *testing.B, st *store.Store) {
		ctx := context.Background()
		if _, err := st.IndexPending(ctx); err != nil { // a one-off, not part of a call
			b.Fatal(err)
		}
		var last int64 // storegen's ids run from 1 to last without gaps
		if err := st.DB().QueryRow("SELECT max(id) FROM articles").Scan(&last); err != nil || last == 0 {
			b.Fatalf("empty store: %v", err)
		}
		// Ids a large prime apart: spread over the store and its dates, and
		// none asked twice before the cache would have been emptied.
		id := int64(0)
		next := func() int64 {
			id = (id + 7919) % last
			return id + 1
		}
		b.Run("ranked", func(b *testing.B) {
			for b.Loop() {
				if _, err := st.Related(ctx, next(), 10); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("cold", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				fresh, err := store.Open(st.Path())
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				_, err = fresh.Related(ctx, next(), 10)
				b.StopTimer()
				fresh.Close()
				b.StartTimer()
				if err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("cached", func(b *testing.B) {
			for b.Loop() {
				if _, err := st.Related(ctx, last/2, 10); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}
