package cli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/ui"
)

// readerFeedsServer serves a feed (/good.xml) whose items link to a page with an
// article on it; other paths are 404s.
func readerFeedsServer(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/good.xml", func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString(`<rss version="2.0"><channel><title>Good Feed</title>`)
		for i := 1; i <= 3; i++ {
			fmt.Fprintf(&b, `<item><title>Story %d</title><guid>s%d</guid><link>%s/page/%d</link><description>Summary %d.</description></item>`,
				i, i, srv.URL, i, i)
		}
		b.WriteString(`</channel></rss>`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, b.String())
	})
	mux.HandleFunc("/page/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Story</title></head><body><nav>Home · About</nav><article><h1>Story</h1>`)
		for i := range 8 {
			fmt.Fprintf(w, `<p>Paragraph %d of the whole story, which goes on at length about puffins and the sea, so that it reads as an article.</p>`, i)
		}
		fmt.Fprint(w, `</article><footer>Copyright</footer></body></html>`)
	})
	mux.HandleFunc("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // answers only when the client gives up
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func openTestStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// refreshToTheEnd runs one refresh of rf and returns its last progress
// and its result, failing t on an error.
func refreshToTheEnd(t *testing.T, rf *readerFeeds) (ui.RefreshProgress, ui.RefreshResult) {
	t.Helper()
	events, wait := rf.refresh(t.Context())
	var last ui.RefreshProgress
	for p := range events {
		last = p
	}
	res, err := wait()
	if err != nil {
		t.Fatal(err)
	}
	return last, res
}

// subscribedStore is a store at a path of its own, subscribed to urls.
func subscribedStore(t *testing.T, urls ...string) *store.Store {
	t.Helper()
	st := openTestStore(t)
	for _, u := range urls {
		if _, _, err := st.Subscribe(t.Context(), store.FeedInfo{URL: u, Kind: store.KindHTTP}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// The reader's refresh reports progress and a result in its own types, the
// failures named; F stores the page's article beside the summary.
func TestReaderFeedsRefreshAndFullArticle(t *testing.T) {
	srv := readerFeedsServer(t)
	st := subscribedStore(t, srv.URL+"/good.xml", srv.URL+"/gone.xml")
	ctx := t.Context()
	rf := newReaderFeeds(st, "")
	last, res := refreshToTheEnd(t, rf)
	if res.Feeds != 2 || res.New != 3 || res.Failed != 1 || len(res.Failures) != 1 {
		t.Fatalf("result %+v, want 2 feeds, 3 new, 1 failed", res)
	}
	if f := res.Failures[0]; !strings.Contains(f.Feed, "gone.xml") || !strings.Contains(f.Reason, "404") {
		t.Fatalf("failure %+v, want gone.xml's 404", f)
	}
	if last.Done != 2 || last.Total != 2 || last.New != 3 || last.Failed != 1 {
		t.Fatalf("last progress %+v", last)
	}

	rows, err := st.Page(ctx, store.PageRequest{Limit: 1})
	if err != nil || len(rows) != 1 {
		t.Fatalf("page: %v, %v", rows, err)
	}
	if err := rf.fetchFull(ctx, rows[0].ID); err != nil {
		t.Fatalf("full article: %v", err)
	}
	b, err := st.Body(ctx, rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !b.Full || !strings.Contains(b.Markdown, "Paragraph 7 of the whole story") || !strings.HasPrefix(b.Summary, "Summary") {
		t.Fatalf("body after F: full %v, markdown %q, summary %q", b.Full, b.Markdown, b.Summary)
	}

	rf.close()
	_, wait := rf.refresh(ctx)
	if _, err := wait(); !errors.Is(err, errReaderClosing) {
		t.Fatalf("refresh after close: %v", err)
	}
	if err := rf.fetchFull(ctx, rows[0].ID); !errors.Is(err, errReaderClosing) {
		t.Fatalf("full article after close: %v", err)
	}
}

// With no subscriptions (the demo store), a refresh is over at once with
// no feeds, which the reader words as "no subscriptions".
func TestReaderFeedsWithNoSubscriptions(t *testing.T) {
	st := openTestStore(t)
	rf := newReaderFeeds(st, "")
	defer rf.close()
	events, wait := rf.refresh(t.Context())
	for range events {
	}
	res, err := wait()
	if err != nil || res.Feeds != 0 {
		t.Fatalf("result %+v, %v; want no feeds", res, err)
	}
}

// Canceling the reader's context stops a refresh, and close waits for it:
// the store is not closed under it.
func TestReaderFeedsCloseWaitsForACanceledRefresh(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(block)
	st := openTestStore(t)
	if _, _, err := st.Subscribe(t.Context(), store.FeedInfo{URL: srv.URL + "/slow.xml", Kind: store.KindHTTP}); err != nil {
		t.Fatal(err)
	}
	rf := newReaderFeeds(st, "")
	ctx, cancel := context.WithCancel(t.Context())
	events, wait := rf.refresh(ctx)
	cancel()
	rf.close() // returns once the refresh has stopped
	for range events {
	}
	if _, err := wait(); err == nil {
		t.Fatal("a canceled refresh reported no error")
	}
}

func TestReaderOptionsAutoRefresh(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte("auto_refresh = \"30m\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HERALD_CONFIG", cfg)
	opts, err := readerOptions(false)
	if err != nil || opts.AutoRefresh != 30*time.Minute {
		t.Fatalf("auto_refresh = 30m: %v, %v", opts.AutoRefresh, err)
	}
	if opts, _ := readerOptions(true); opts.AutoRefresh != 0 {
		t.Fatalf("no config: auto-refresh every %v", opts.AutoRefresh)
	}
}
