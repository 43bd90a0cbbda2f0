package cli_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/cli"
	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/ui"
)

// childFeedServer serves /good.xml (three items) and a 404 elsewhere; with
// stall set, /slow.xml answers only when the client gives up.
func childFeedServer(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/good.xml", func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString(`<rss version="2.0"><channel><title>Good Feed</title>`)
		for i := 1; i <= 3; i++ {
			fmt.Fprintf(&b, `<item><title>Kittiwake story %d</title><guid>s%d</guid><description>Summary %d.</description></item>`, i, i, i)
		}
		b.WriteString(`</channel></rss>`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, b.String())
	})
	mux.HandleFunc("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// subscribedStore is a store at a path of its own, subscribed to urls.
func subscribedStore(t *testing.T, urls ...string) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "h.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, u := range urls {
		if _, _, err := st.Subscribe(t.Context(), store.FeedInfo{URL: u, Kind: store.KindHTTP}); err != nil {
			t.Fatal(err)
		}
	}
	return st, path
}

// The reader's refresh runs in a herald process of its own and hands back
// its progress and result: the failures named, the new articles stored and
// already searchable (the child indexed them), the last progress saying so.
func TestReaderRefreshRunsInAChildProcess(t *testing.T) {
	bin := heraldBinary(t)
	srv := childFeedServer(t)
	st, _ := subscribedStore(t, srv.URL+"/good.xml", srv.URL+"/gone.xml")
	events, wait, closeReader := cli.ReaderRefresh(t.Context(), st, bin)
	defer closeReader()
	var last ui.RefreshProgress
	for p := range events {
		last = p
	}
	res, err := wait()
	if err != nil {
		t.Fatal(err)
	}
	if res.Feeds != 2 || res.New != 3 || res.Failed != 1 || !res.Indexed {
		t.Fatalf("result %+v, want 2 feeds, 3 new, 1 failed, indexed", res)
	}
	if len(res.Failures) != 1 || !strings.Contains(res.Failures[0].Feed, "gone.xml") || !strings.Contains(res.Failures[0].Reason, "404") {
		t.Fatalf("failures %+v, want gone.xml's 404", res.Failures)
	}
	if !last.Indexing || last.New != 3 || last.Done != 2 {
		t.Fatalf("last progress %+v, want every feed done and indexing", last)
	}
	if n, err := st.PendingIndex(t.Context()); err != nil || n != 0 {
		t.Fatalf("%d articles left to index (%v)", n, err)
	}
	rows, err := st.Page(t.Context(), store.PageRequest{Filter: store.Filter{Match: `"kittiwake"`}, Limit: 10})
	if err != nil || len(rows) != 3 {
		t.Fatalf("search found %d (%v), want the 3 new articles", len(rows), err)
	}
}

// Ending the reader interrupts the child, which stops at once, keeping
// what it stored; the reader's close returns once it has.
func TestReaderRefreshChildIsInterrupted(t *testing.T) {
	bin := heraldBinary(t)
	srv := childFeedServer(t)
	st, _ := subscribedStore(t, srv.URL+"/good.xml", srv.URL+"/slow.xml")
	ctx, cancel := context.WithCancel(t.Context())
	events, wait, closeReader := cli.ReaderRefresh(ctx, st, bin)
	// The good feed is stored while the slow one hangs.
	deadline := time.Now().Add(30 * time.Second)
	for {
		p, ok := <-events
		if !ok {
			t.Fatal("the refresh ended before the slow feed")
		}
		if p.New == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no progress from the child")
		}
	}
	cancel()
	closeReader() // returns once the child has ended
	for range events {
	}
	res, err := wait()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("an interrupted refresh: %+v, %v; want context.Canceled", res, err)
	}
	if res.New != 3 {
		t.Fatalf("an interrupted refresh reports %d new articles kept, want 3", res.New)
	}
	rows, err := st.Page(t.Context(), store.PageRequest{Limit: 10})
	if err != nil || len(rows) != 3 {
		t.Fatalf("after the interrupt the store holds %d articles (%v), want the good feed's 3", len(rows), err)
	}
}

// A child that cannot do its work ends with herald's own message as the
// error, not an exit status.
func TestReaderRefreshChildError(t *testing.T) {
	bin := heraldBinary(t)
	path := filepath.Join(t.TempDir(), "h.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database ", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	events, wait := cli.RefreshInChild(t.Context(), bin, path)
	for range events {
	}
	_, err := wait()
	if err == nil || !strings.Contains(err.Error(), "not a database") || strings.HasPrefix(err.Error(), "herald:") {
		t.Fatalf("error %v, want the child's message about the file", err)
	}
	_, wait = cli.RefreshInChild(t.Context(), filepath.Join(t.TempDir(), "no-such-herald"), path)
	if _, err := wait(); err == nil || !strings.Contains(err.Error(), "start the refresh") {
		t.Fatalf("a missing binary: %v", err)
	}
}

// `refresh --events` writes JSON Lines: progress after each feed, then the
// result, on stdout, with nothing on stderr for a failed feed (the result
// names it) and exit status 0.
func TestRefreshEvents(t *testing.T) {
	srv := childFeedServer(t)
	st, path := subscribedStore(t, srv.URL+"/good.xml", srv.URL+"/gone.xml")
	st.Close()
	r := herald(t, path, "refresh", "--events")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("refresh --events: %v", r)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	type event struct {
		Progress *ui.RefreshProgress
		Result   *ui.RefreshResult
	}
	var evs []event
	for _, l := range lines {
		var ev event
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		evs = append(evs, ev)
	}
	if len(evs) != 4 {
		t.Fatalf("%d events, want 2 feeds' progress, indexing and the result:\n%s", len(evs), r.stdout)
	}
	if p := evs[2].Progress; p == nil || !p.Indexing || p.New != 3 {
		t.Fatalf("third event %+v, want indexing 3 new", evs[2])
	}
	if res := evs[3].Result; res == nil || res.Feeds != 2 || res.New != 3 || res.Failed != 1 || !res.Indexed {
		t.Fatalf("last event %+v, want the result", evs[3])
	}

	// With no subscriptions, just a result of no feeds.
	_, empty := subscribedStore(t)
	r = herald(t, empty, "refresh", "--events")
	if r.code != 0 || !strings.Contains(r.stdout, `"result":{"Feeds":0`) {
		t.Fatalf("no subscriptions: %v", r)
	}
}
