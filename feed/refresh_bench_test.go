package feed

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/herald-reader/herald/store"
)

// BenchmarkRefreshS10k refreshes 100 feeds of 100 items (the s10k
// workload's feed-001, served at 100 URLs from loopback) into a new store:
// fetch, parse, store, until every article is listable. Compare with
// `herald import` of the same files to see what HTTP adds.
func BenchmarkRefreshS10k(b *testing.B) {
	doc, err := os.ReadFile("testdata/s10k-feed-001.xml")
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(doc)
	}))
	defer srv.Close()
	var urls []string
	for i := range 100 {
		urls = append(urls, fmt.Sprintf("%s/feed-%03d.xml", srv.URL, i))
	}
	b.SetBytes(int64(len(doc) * len(urls)))
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		st, err := store.Open(filepath.Join(b.TempDir(), fmt.Sprintf("b%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		for _, u := range urls {
			st.Subscribe(bg, store.FeedInfo{URL: u})
		}
		b.StartTimer()
		sum, err := Refresh(bg, st, nil, RefreshOptions{})
		if err != nil || sum.Failed > 0 || sum.New != 100*100 {
			b.Fatalf("%v: %+v", err, sum)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}
