package feed

import (
	"cmp"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/herald-reader/herald/store"
)

// BenchmarkImportS10k imports the s10k set (100 feeds of 100 items; or the
// set $HERALD_IMPORT_SET names) into a new store, as `herald import` does: ns/op is the wall time until every
// article is listable. It reports the writer's share of that time too.
func BenchmarkImportS10k(b *testing.B) {
	set := cmp.Or(os.Getenv("HERALD_IMPORT_SET"), "s10k") // s100k: 100 feeds of 1,000 items
	paths, _ := filepath.Glob("/tmp/wl/" + set + "/feed-*.xml")
	if len(paths) == 0 {
		b.Skip("no " + set + " workload at /tmp/wl (feedgen.py gen --out /tmp/wl --name s10k --feeds 100 --items 100)")
	}
	sources := make([]Source, len(paths))
	for i, p := range paths {
		sources[i] = Source{Name: p, Path: p, Open: func() (io.ReadCloser, error) { return os.Open(p) }}
	}
	cpu0 := processCPU()
	var store0 float64
	for b.Loop() {
		b.StopTimer()
		st, err := store.Open(filepath.Join(b.TempDir(), "h.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		stats, err := Import(context.Background(), st, sources, func(src string, err error) { b.Fatal(src, err) })
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		store0 += stats.Store.Seconds()
		st.Close()
		b.StartTimer()
	}
	reportCPU(b, cpu0)
	b.ReportMetric(store0/float64(b.N), "store-s/op")
}
