package feed

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mmcdole/gofeed/rss"
)

// s10kFeed is one feed of the s10k workload (shared/tools/feedgen.py, 100
// items of about 10 KB of HTML each), the shape `herald import` and
// `herald refresh` spend their time on.
const s10kFeed = "testdata/s10k-feed-001.xml"

// reportCPU adds the process CPU time per op since cpu0 (all threads, so
// GC work counts) as "cpu-ms/op": unlike ns/op it hardly moves when other
// processes compete for the cores.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	b.ReportMetric(float64(processCPU()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// BenchmarkParseS10kFeed measures Parse on the import hot path; it reports
// MB/s (via SetBytes), items/s and CPU ms per feed.
func BenchmarkParseS10kFeed(b *testing.B) {
	benchmarkS10kFeed(b, cdataMinLen)
}

// BenchmarkParseS10kFeedNoBypass is BenchmarkParseS10kFeed without the
// CDATA bypass (cdata.go): what Parse cost before it.
func BenchmarkParseS10kFeedNoBypass(b *testing.B) {
	benchmarkS10kFeed(b, 0)
}

func benchmarkS10kFeed(b *testing.B, minLen int) {
	data, err := os.ReadFile(s10kFeed)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	items := 0
	cpu0 := processCPU()
	for b.Loop() {
		_, articles, err := parseFeed(bytes.NewReader(data), s10kFeed, parseOptions{now: time.Now(), cdataMinLen: minLen})
		if err != nil {
			b.Fatal(err)
		}
		items += len(articles)
	}
	reportCPU(b, cpu0)
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkGofeedRSSOnly is gofeed's RSS parser alone on the same feed: the
// floor under Parse without the bypass, for comparison.
func BenchmarkGofeedRSSOnly(b *testing.B) {
	data, err := os.ReadFile(s10kFeed)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var p rss.Parser
		if _, err := p.Parse(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// loadS10k reads a generated s10k set when one is at /tmp/wl/s10k
// (feedgen.py gen --out /tmp/wl --name s10k), skipping the benchmark when
// there is none.
func loadS10k(b *testing.B) (docs [][]byte, size int64) {
	paths, _ := filepath.Glob("/tmp/wl/s10k/feed-*.xml")
	if len(paths) == 0 {
		b.Skip("no s10k workload at /tmp/wl/s10k")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, data)
		size += int64(len(data))
	}
	return docs, size
}

// BenchmarkParseS10kWorkload parses every feed of the s10k set, one feed
// after another on one goroutine.
func BenchmarkParseS10kWorkload(b *testing.B) {
	docs, size := loadS10k(b)
	b.SetBytes(size)
	items := 0
	cpu0 := processCPU()
	for b.Loop() {
		for _, data := range docs {
			_, articles, err := Parse(bytes.NewReader(data), "s10k")
			if err != nil {
				b.Fatal(err)
			}
			items += len(articles)
		}
	}
	reportCPU(b, cpu0)
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkParseS10kWorkload2 parses the s10k set on two goroutines, as
// `herald import` does on two cores; ns/op is the wall time for the set.
func BenchmarkParseS10kWorkload2(b *testing.B) {
	benchmarkS10kParallel(b, cdataMinLen)
}

// BenchmarkParseS10kWorkload2NoBypass is BenchmarkParseS10kWorkload2
// without the CDATA bypass.
func BenchmarkParseS10kWorkload2NoBypass(b *testing.B) {
	benchmarkS10kParallel(b, 0)
}

func benchmarkS10kParallel(b *testing.B, minLen int) {
	docs, size := loadS10k(b)
	b.SetBytes(size)
	cpu0 := processCPU()
	for b.Loop() {
		next := make(chan []byte)
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				for data := range next {
					if _, _, err := parseFeed(bytes.NewReader(data), "s10k", parseOptions{now: time.Now(), cdataMinLen: minLen}); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for _, data := range docs {
			next <- data
		}
		close(next)
		wg.Wait()
	}
	reportCPU(b, cpu0)
}
