package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/herald-reader/herald/store"
)

// The reader's refresh runs in a herald process of its own and hands back
// its progress and result: the failures named, the new articles stored and
// already searchable (the child indexed them), the last progress saying so.
func TestReaderRefreshRunsInAChildProcess(t *testing.T) {
	srv := readerFeedsServer(t)
	st := subscribedStore(t, srv.URL+"/good.xml", srv.URL+"/gone.xml")
	rf := newReaderFeeds(st, HeraldBinary(t))
	defer rf.close()
	last, res := refreshToTheEnd(t, rf)
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
	rows, err := st.Page(t.Context(), store.PageRequest{Filter: store.Filter{Match: `"story"`}, Limit: 10})
	if err != nil || len(rows) != 3 {
		t.Fatalf("search found %d (%v), want the 3 new articles", len(rows), err)
	}
}

// Ending the reader interrupts the child, which stops at once, keeping
// what it stored; the reader's close returns once it has.
func TestReaderRefreshChildIsInterrupted(t *testing.T) {
	srv := readerFeedsServer(t)
	st := subscribedStore(t, srv.URL+"/good.xml", srv.URL+"/slow.xml")
	rf := newReaderFeeds(st, HeraldBinary(t))
	ctx, cancel := context.WithCancel(t.Context())
	events, wait := rf.refresh(ctx)
	// The good feed is stored while the slow one hangs.
	for p := range events {
		if p.New == 3 {
			break
		}
	}
	cancel()
	rf.close() // returns once the child has ended
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
	bin := HeraldBinary(t)
	path := filepath.Join(t.TempDir(), "h.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database ", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	events, wait := refreshInChild(t.Context(), bin, path)
	for range events {
	}
	_, err := wait()
	if err == nil || !strings.Contains(err.Error(), "not a herald store") || strings.HasPrefix(err.Error(), "herald:") {
		t.Fatalf("error %v, want the child's message about the file", err)
	}
	_, wait = refreshInChild(t.Context(), filepath.Join(t.TempDir(), "no-such-herald"), path)
	if _, err := wait(); err == nil || !strings.Contains(err.Error(), "start the refresh") {
		t.Fatalf("a missing binary: %v", err)
	}
}

// `refresh --events` writes JSON Lines: progress after each feed, then the
// result, on stdout, with nothing on stderr for a failed feed (the result
// names it) and exit status 0.
func TestRefreshEvents(t *testing.T) {
	srv := readerFeedsServer(t)
	st := subscribedStore(t, srv.URL+"/good.xml", srv.URL+"/gone.xml")
	run := func(path string) (code int, stdout, stderr string) {
		var out, errb bytes.Buffer
		code = Run(t.Context(), []string{"--db", path, "refresh", "--events"}, strings.NewReader(""), &out, &errb)
		return code, out.String(), errb.String()
	}
	code, stdout, stderr := run(st.Path())
	if code != 0 || stderr != "" {
		t.Fatalf("refresh --events: exit %d, stderr %q", code, stderr)
	}
	var evs []refreshEvent
	for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var ev refreshEvent
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		evs = append(evs, ev)
	}
	if len(evs) != 4 {
		t.Fatalf("%d events, want 2 feeds' progress, indexing and the result:\n%s", len(evs), stdout)
	}
	if p := evs[2].Progress; p == nil || !p.Indexing || p.New != 3 {
		t.Fatalf("third event %+v, want indexing 3 new", evs[2])
	}
	if res := evs[3].Result; res == nil || res.Feeds != 2 || res.New != 3 || res.Failed != 1 || !res.Indexed {
		t.Fatalf("last event %+v, want the result", evs[3])
	}

	// With no subscriptions, just a result of no feeds.
	code, stdout, _ = run(subscribedStore(t).Path())
	if code != 0 || !strings.Contains(stdout, `"result":{"Feeds":0`) {
		t.Fatalf("no subscriptions: exit %d, %q", code, stdout)
	}
}
