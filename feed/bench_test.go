package feed

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/mmcdole/gofeed/rss"
)

// s10kFeed is one feed of the s10k workload (shared/tools/feedgen.py, 100
// items of about 10 KB of HTML each), the shape `herald import` and
// `herald refresh` spend their time on.
const s10kFeed = "testdata/s10k-feed-001.xml"

// BenchmarkParseS10kFeed measures Parse on the import hot path; it reports
// MB/s (via SetBytes) and items/s.
func BenchmarkParseS10kFeed(b *testing.B) {
	data, err := os.ReadFile(s10kFeed)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	items := 0
	for b.Loop() {
		_, articles, err := Parse(bytes.NewReader(data), s10kFeed)
		if err != nil {
			b.Fatal(err)
		}
		items += len(articles)
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkGofeedRSSOnly is gofeed's RSS parser alone on the same feed: the
// floor under Parse, for comparison.
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

// BenchmarkParseS10kWorkload parses every feed of a generated s10k set when
// one is at /tmp/wl/s10k (feedgen.py gen --out /tmp/wl --name s10k), one
// feed after another on one core.
func BenchmarkParseS10kWorkload(b *testing.B) {
	paths, _ := filepath.Glob("/tmp/wl/s10k/feed-*.xml")
	if len(paths) == 0 {
		b.Skip("no s10k workload at /tmp/wl/s10k")
	}
	var docs [][]byte
	var size int64
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, data)
		size += int64(len(data))
	}
	b.SetBytes(size)
	items := 0
	for b.Loop() {
		for _, data := range docs {
			_, articles, err := Parse(bytes.NewReader(data), "s10k")
			if err != nil {
				b.Fatal(err)
			}
			items += len(articles)
		}
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
}
