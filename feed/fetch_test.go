package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/herald-reader/herald/store"
)

var bg = context.Background()

// testItem is one RSS item of a test feed.
type testItem struct{ guid, title, body string }

// rssDoc builds an RSS 2.0 feed.
func rssDoc(title string, items ...testItem) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>%s</title><link>https://site.test/</link>`, title)
	for i, it := range items {
		fmt.Fprintf(&b, `<item><title>%s</title><guid>%s</guid><link>https://site.test/%s</link><pubDate>%s</pubDate><description><![CDATA[<p>%s</p>]]></description></item>`,
			it.title, it.guid, it.guid, time.Date(2026, 5, 1+i, 8, 0, 0, 0, time.UTC).Format(time.RFC1123Z), it.body)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

func goodFeed(name string) string {
	return rssDoc(name, testItem{name + "-1", name + " one", "first"}, testItem{name + "-2", name + " two", "second"})
}

// serve returns a loopback server whose handler is h.
func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// serveFeed serves body as an RSS document.
func serveFeed(t *testing.T, body string) *httptest.Server {
	return serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		writeString(w, body)
	})
}

func writeString(w io.Writer, s string) { io.WriteString(w, s) }

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "herald.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func subscribe(t *testing.T, st *store.Store, urls ...string) {
	t.Helper()
	for _, u := range urls {
		if _, _, err := st.Subscribe(bg, store.FeedInfo{URL: u}); err != nil {
			t.Fatal(err)
		}
	}
}

// fastOptions keeps the tests quick: short timeouts, a small size cap.
func fastOptions() RefreshOptions {
	return RefreshOptions{Fetch: FetchOptions{
		UserAgent:      UserAgent("test"),
		ConnectTimeout: 2 * time.Second,
		Timeout:        2 * time.Second,
		MaxSize:        1 << 20,
	}}
}

func refresh(t *testing.T, st *store.Store, opts RefreshOptions) Summary {
	t.Helper()
	sum, err := Refresh(bg, st, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func resultFor(t *testing.T, sum Summary, url string) FeedResult {
	t.Helper()
	for _, r := range sum.Results {
		if r.Input == url {
			return r
		}
	}
	t.Fatalf("no result for %s in %+v", url, sum.Results)
	return FeedResult{}
}

func storedFeed(t *testing.T, st *store.Store, id int64) store.Feed {
	t.Helper()
	f, err := st.Feed(bg, id)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func countArticles(t *testing.T, st *store.Store) int {
	t.Helper()
	n, err := st.Count(bg, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// stall holds a request until the client gives up on it.
func stall(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }

func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	return buf.Bytes()
}

// TestRefreshBadInput serves one feed for each way a server can fail,
// between good feeds, and refreshes them all at once: each bad one reports
// its own error (stored on the feed), and every good one is fetched.
func TestRefreshBadInput(t *testing.T) {
	bomb := gzipped(t, append([]byte(`<?xml version="1.0"?><rss><channel><title>`), make([]byte, 8<<20)...))
	refused, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refusedURL := "http://" + refused.Addr().String() + "/feed"
	refused.Close()
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeString(w, goodFeed("tls")) }))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake herald refuses is expected
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)

	status := func(code int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { http.Error(w, "nope", code) }
	}
	var loop *httptest.Server
	loop = serve(t, func(w http.ResponseWriter, r *http.Request) {
		next := map[string]string{"/a": "/b", "/b": "/c", "/c": "/a"}[r.URL.Path]
		http.Redirect(w, r, loop.URL+next, http.StatusFound)
	})
	var endless *httptest.Server
	endless = serve(t, func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(strings.TrimPrefix(r.URL.Path, "/"), &n)
		http.Redirect(w, r, fmt.Sprintf("%s/%d", endless.URL, n+1), http.StatusFound)
	})

	cases := []struct {
		name string
		url  string
		want string // in the error
	}{
		{"404", serve(t, status(404)).URL, "HTTP 404 Not Found"},
		{"410", serve(t, status(410)).URL, "HTTP 410 Gone"},
		{"500", serve(t, status(500)).URL, "HTTP 500 Internal Server Error"},
		{"html page", serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			writeString(w, `<!DOCTYPE html><html><head><title>Shop</title></head><body><p>Buy</p></body></html>`)
		}).URL, "HTML page"},
		{"redirect loop", loop.URL + "/a", "redirect loop"},
		{"too many redirects", endless.URL + "/0", "stopped after 10 redirects"},
		{"gzip bomb", serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(bomb)
		}).URL, "larger than the 1 MiB limit"},
		{"slow loris (headers)", serve(t, stall).URL, "timed out after"},
		{"slow loris (body)", serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			writeString(w, `<?xml version="1.0"?><rss><channel><title>Slow`)
			w.(http.Flusher).Flush()
			stall(w, r)
		}).URL, "timed out after"},
		{"malformed XML", serveFeed(t, "<?xml version=\"1.0\"?><rss><channel>\n<![BOGUS[x]]></channel></rss>").URL, "malformed XML"},
		{"truncated XML", serveFeed(t, goodFeed("cut")[:200]).URL, "truncated XML"},
		{"empty body", serveFeed(t, "").URL, "empty"},
		{"connection refused", refusedURL, "connection refused"},
		{"unresolvable host", "http://no-such-feed.herald.invalid/feed.xml", "host"},
		{"TLS error", tlsSrv.URL, "TLS error: certificate signed by an unknown authority"},
	}
	st := openStore(t)
	good := []string{serveFeed(t, goodFeed("alpha")).URL, serveFeed(t, goodFeed("beta")).URL}
	subscribe(t, st, good[0])
	for _, c := range cases {
		subscribe(t, st, c.url)
	}
	subscribe(t, st, good[1])
	opts := fastOptions()
	opts.Fetch.Timeout = 500 * time.Millisecond
	opts.Jobs = 4
	sum := refresh(t, st, opts)

	if sum.Feeds != len(cases)+2 || sum.Failed != len(cases) || sum.New != 4 {
		t.Errorf("summary: %d feeds, %d failed, %d new; want %d, %d, 4", sum.Feeds, sum.Failed, sum.New, len(cases)+2, len(cases))
	}
	for _, u := range good {
		if r := resultFor(t, sum, u); r.Status != Fetched || r.New != 2 || r.Err != nil {
			t.Errorf("good feed %s: %+v", u, r)
		}
	}
	for _, c := range cases {
		r := resultFor(t, sum, c.url)
		if r.Status != Failed || r.Err == nil || !strings.Contains(r.Err.Error(), c.want) {
			t.Errorf("%s: got %v (status %d), want an error with %q", c.name, r.Err, r.Status, c.want)
			continue
		}
		if strings.ContainsAny(r.Err.Error(), "\n\r\x1b") {
			t.Errorf("%s: error is not one clean line: %q", c.name, r.Err)
		}
		f := storedFeed(t, st, r.FeedID)
		if f.LastError != r.Err.Error() || !f.LastSuccess.IsZero() || f.Articles != 0 {
			t.Errorf("%s: stored feed %+v", c.name, f)
		}
	}
}

func TestRefreshLargeFeed(t *testing.T) {
	// 20 MB of feed: over the test's 1 MiB cap it fails, under the default
	// 64 MiB one it is read whole.
	body := strings.Repeat("A long paragraph about puffins and their burrows. ", 100)
	var items []testItem
	for i := 0; len(items)*len(body) < 20<<20; i++ {
		items = append(items, testItem{fmt.Sprint(i), fmt.Sprintf("Story %d", i), body})
	}
	doc := rssDoc("Big", items...)
	srv := serveFeed(t, doc)
	st := openStore(t)
	subscribe(t, st, srv.URL)
	sum := refresh(t, st, fastOptions())
	if r := resultFor(t, sum, srv.URL); r.Status != Failed || !strings.Contains(r.Err.Error(), "larger than the 1 MiB limit") {
		t.Fatalf("with a 1 MiB cap: %+v", r)
	}
	opts := fastOptions()
	opts.Fetch.MaxSize = 0 // the default
	opts.Fetch.Timeout = time.Minute
	sum = refresh(t, st, opts)
	if r := resultFor(t, sum, srv.URL); r.Status != Fetched || r.New != len(items) {
		t.Fatalf("20 MB feed: %+v, want %d new", r, len(items))
	}
}

func TestRefreshCharsets(t *testing.T) {
	latin1, _ := charmap.ISO8859_1.NewEncoder().String(`<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>Caf` + "\u00e9" + ` latin</title></channel></rss>`)
	koi8, _ := charmap.KOI8R.NewEncoder().String(`<rss><channel><title>` + "\u041d\u043e\u0432\u043e\u0441\u0442\u0438" + `</title></channel></rss>`)
	cases := []struct {
		name, contentType, body, title string
	}{
		// The header names the wrong charset; the document is UTF-8.
		{"utf-8 called latin-1", "text/xml; charset=iso-8859-1", `<rss><channel><title>Caf` + "\u00e9" + ` utf8</title></channel></rss>`, "Caf\u00e9 utf8"},
		// The header says UTF-8; the document declares (and is) Latin-1.
		{"latin-1 called utf-8", "application/rss+xml; charset=utf-8", latin1, "Caf\u00e9 latin"},
		// No declaration, not UTF-8: the header is the only witness.
		{"koi8-r by header", "text/xml; charset=koi8-r", koi8, "\u041d\u043e\u0432\u043e\u0441\u0442\u0438"},
	}
	st := openStore(t)
	var urls []string
	for _, c := range cases {
		srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", c.contentType)
			writeString(w, c.body)
		})
		urls = append(urls, srv.URL)
		subscribe(t, st, srv.URL)
	}
	sum := refresh(t, st, fastOptions())
	for i, c := range cases {
		r := resultFor(t, sum, urls[i])
		if r.Status != Fetched {
			t.Errorf("%s: %+v", c.name, r)
			continue
		}
		if f := storedFeed(t, st, r.FeedID); f.Title != c.title {
			t.Errorf("%s: title %q, want %q", c.name, f.Title, c.title)
		}
	}
}

func TestConditionalGet(t *testing.T) {
	var requests, full atomic.Int32
	var sendETag atomic.Bool
	sendETag.Store(true)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if !strings.HasPrefix(r.UserAgent(), "herald/test ") {
			http.Error(w, "who are you", 403)
			return
		}
		if sendETag.Load() && r.Header.Get("If-None-Match") == `"v1"` && r.Header.Get("If-Modified-Since") == "Fri, 01 May 2026 08:00:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		full.Add(1)
		if sendETag.Load() {
			w.Header().Set("ETag", `"v1"`)
		}
		w.Header().Set("Last-Modified", "Fri, 01 May 2026 08:00:00 GMT")
		writeString(w, goodFeed("cond"))
	})
	st := openStore(t)
	subscribe(t, st, srv.URL)
	sum := refresh(t, st, fastOptions())
	r := resultFor(t, sum, srv.URL)
	if r.Status != Fetched || r.New != 2 {
		t.Fatalf("first refresh: %+v", r)
	}
	f := storedFeed(t, st, r.FeedID)
	if f.ETag != `"v1"` || f.LastModified != "Fri, 01 May 2026 08:00:00 GMT" {
		t.Fatalf("validators not stored: %+v", f)
	}
	sum = refresh(t, st, fastOptions())
	if r := resultFor(t, sum, srv.URL); r.Status != NotModified || sum.NotModified != 1 || full.Load() != 1 {
		t.Fatalf("second refresh: %+v, %d full responses", r, full.Load())
	}
	if f := storedFeed(t, st, r.FeedID); f.ETag != `"v1"` || f.LastSuccess.IsZero() {
		t.Errorf("a 304 keeps the validators: %+v", f)
	}
	// The server stops sending an ETag: the stored one goes.
	sendETag.Store(false)
	refresh(t, st, fastOptions())
	if f := storedFeed(t, st, r.FeedID); f.ETag != "" {
		t.Errorf("stale ETag kept: %q", f.ETag)
	}
}

func TestFailedOrEmptyFetchKeepsArticles(t *testing.T) {
	var mode atomic.Value
	mode.Store("ok")
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch mode.Load() {
		case "ok":
			writeString(w, goodFeed("keep"))
		case "500":
			http.Error(w, "down", 500)
		case "empty":
			writeString(w, rssDoc("keep"))
		case "broken":
			writeString(w, `<rss><channel><item><title>`)
		}
	})
	st := openStore(t)
	subscribe(t, st, srv.URL)
	first := refresh(t, st, fastOptions())
	id := first.Results[0].FeedID
	before, _ := st.Page(bg, store.PageRequest{})
	if len(before) != 2 {
		t.Fatalf("%d articles", len(before))
	}
	for _, m := range []string{"500", "broken", "empty"} {
		mode.Store(m)
		sum := refresh(t, st, fastOptions())
		after, _ := st.Page(bg, store.PageRequest{})
		if fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("%s: articles changed:\n%v\n%v", m, before, after)
		}
		f := storedFeed(t, st, id)
		if m == "empty" {
			if sum.Failed != 0 || f.LastError != "" {
				t.Errorf("an empty feed is a success: %+v", f)
			}
		} else if f.LastError == "" || sum.Failed != 1 {
			t.Errorf("%s: no error recorded: %+v", m, f)
		}
	}
	mode.Store("500")
	refresh(t, st, fastOptions())
	mode.Store("ok")
	refresh(t, st, fastOptions())
	if f := storedFeed(t, st, id); f.LastError != "" {
		t.Errorf("a success must clear the error: %q", f.LastError)
	}
}

func TestRedirectsMoveTheFeed(t *testing.T) {
	var srv *httptest.Server
	srv = serve(t, func(w http.ResponseWriter, r *http.Request) {
		hop := func(code int, to string) { http.Redirect(w, r, srv.URL+to, code) }
		switch r.URL.Path {
		case "/301":
			hop(301, "/new301")
		case "/308":
			hop(308, "/new308")
		case "/302":
			hop(302, "/new302")
		case "/307":
			hop(307, "/new307")
		case "/301then302":
			hop(301, "/mid")
		case "/mid":
			hop(302, "/end")
		case "/taken":
			hop(301, "/other")
		default:
			writeString(w, goodFeed(strings.Trim(r.URL.Path, "/")))
		}
	})
	st := openStore(t)
	want := map[string]string{
		"/301": "/new301", "/308": "/new308", "/302": "/302", "/307": "/307",
		"/301then302": "/mid", "/taken": "/taken",
	}
	for p := range want {
		subscribe(t, st, srv.URL+p)
	}
	subscribe(t, st, srv.URL+"/other")
	sum := refresh(t, st, fastOptions())
	for p, to := range want {
		r := resultFor(t, sum, srv.URL+p)
		if r.Status != Fetched {
			t.Errorf("%s: %+v", p, r)
			continue
		}
		if f := storedFeed(t, st, r.FeedID); f.URL != srv.URL+to {
			t.Errorf("%s: stored URL %s, want %s", p, f.URL, srv.URL+to)
		}
	}
	if r := resultFor(t, sum, srv.URL+"/taken"); !errors.Is(r.MoveErr, store.ErrFeedExists) {
		t.Errorf("a move onto another feed's URL: %v", r.MoveErr)
	}
	// The moved feed keeps its articles and is fetched at its new address.
	sum = refresh(t, st, fastOptions())
	if r := resultFor(t, sum, srv.URL+"/new301"); r.Status != Fetched || r.New != 0 {
		t.Errorf("after the move: %+v", r)
	}
}

func TestRetryAfterIsHonouredNextTime(t *testing.T) {
	var hits atomic.Int32
	var code atomic.Int32
	code.Store(429)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if c := int(code.Load()); c != 200 {
			w.Header().Set("Retry-After", "3600")
			http.Error(w, "slow down", c)
			return
		}
		writeString(w, goodFeed("polite"))
	})
	st := openStore(t)
	subscribe(t, st, srv.URL)
	now := time.Now()
	opts := fastOptions()
	opts.Now = func() time.Time { return now }
	sum := refresh(t, st, opts)
	r := sum.Results[0]
	if r.Status != Failed || !strings.Contains(r.Err.Error(), "HTTP 429") || r.RetryAfter.IsZero() {
		t.Fatalf("429: %+v", r)
	}
	f := storedFeed(t, st, r.FeedID)
	if f.RetryAfter.Before(now.Add(59*time.Minute)) || f.RetryAfter.After(now.Add(61*time.Minute)) {
		t.Fatalf("retry_after %v, want about an hour after %v", f.RetryAfter, now)
	}
	code.Store(200)
	now = now.Add(10 * time.Minute)
	sum = refresh(t, st, opts)
	if r := sum.Results[0]; r.Status != Deferred || sum.Deferred != 1 || hits.Load() != 1 || !strings.Contains(r.Err.Error(), "wait until") {
		t.Fatalf("within the wait: %+v, %d requests", r, hits.Load())
	}
	if f := storedFeed(t, st, r.FeedID); f.LastError == "" {
		t.Error("the error stays shown while deferred")
	}
	now = now.Add(2 * time.Hour)
	sum = refresh(t, st, opts)
	if r := sum.Results[0]; r.Status != Fetched || hits.Load() != 2 {
		t.Fatalf("after the wait: %+v", r)
	}
	if f := storedFeed(t, st, r.FeedID); !f.RetryAfter.IsZero() || f.LastError != "" {
		t.Errorf("after success: %+v", f)
	}
	// 503 with an HTTP date.
	code.Store(503)
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", now.Add(3*time.Hour).UTC().Format(http.TimeFormat))
		http.Error(w, "maintenance", 503)
	})
	sum = refresh(t, st, opts)
	if r := sum.Results[0]; r.Status != Failed || r.RetryAfter.Sub(now) < 2*time.Hour {
		t.Errorf("503: %+v", r)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{" 60 ", time.Minute, true},
		{"Fri, 01 May 2026 13:00:00 GMT", time.Hour, true},
		{"0", 0, false},
		{"-5", 0, false},
		{"Fri, 01 May 2026 11:00:00 GMT", 0, false}, // the past
		{"soon", 0, false},
		{"", 0, false},
		{"99999999999", maxRetryAfter, true},
	} {
		got, ok := parseRetryAfter(c.in, now)
		if ok != c.ok || (ok && got.Sub(now) != c.want) {
			t.Errorf("%q: %v %v, want %v %v", c.in, got.Sub(now), ok, c.want, c.ok)
		}
	}
}

func TestPruneCutoffKeepsOldItemsOut(t *testing.T) {
	srv := serveFeed(t, goodFeed("old")) // items dated 1 and 2 May 2026
	st := openStore(t)
	subscribe(t, st, srv.URL)
	if _, err := st.Prune(bg, time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	sum := refresh(t, st, fastOptions())
	if sum.New != 1 {
		t.Errorf("%d new articles, want only the one after the prune cutoff", sum.New)
	}
}

func TestPoolLimitsPerHostWithoutBlockingOthers(t *testing.T) {
	// Four items on host a block until every item of host b is done: a pool
	// that let the a's take every worker, or queued b's behind them, would
	// never finish.
	items := []string{"a", "a", "a", "a", "b", "b", "b", "b", "b"}
	var mu sync.Mutex
	busy, most := map[string]int{}, map[string]int{}
	bDone := make(chan struct{})
	var bCount atomic.Int32
	finished := make(chan struct{})
	go func() {
		pool(bg, items, func(s string) string { return s }, 4, 2, func(s string) {
			mu.Lock()
			busy[s]++
			most[s] = max(most[s], busy[s])
			mu.Unlock()
			if s == "a" {
				<-bDone
			} else if bCount.Add(1) == 5 {
				close(bDone)
			}
			mu.Lock()
			busy[s]--
			mu.Unlock()
		})
		close(finished)
	}()
	select {
	case <-finished:
	case <-time.After(20 * time.Second):
		t.Fatal("pool stuck: a busy host held up the others")
	}
	if most["a"] > 2 || most["b"] > 2 {
		t.Errorf("at most %v at once per host, want 2", most)
	}
}

func TestPoolStopsWhenCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(bg)
	var ran atomic.Int32
	pool(ctx, make([]int, 100), func(int) string { return "h" }, 2, 1, func(int) {
		if ran.Add(1) == 3 {
			cancel()
		}
	})
	if n := ran.Load(); n != 3 {
		t.Errorf("%d items ran after the cancel at 3", n)
	}
}

func TestRefreshCanceled(t *testing.T) {
	srv := serve(t, stall)
	st := openStore(t)
	subscribe(t, st, srv.URL+"/1", srv.URL+"/2")
	ctx, cancel := context.WithCancel(bg)
	opts := fastOptions()
	opts.Fetch.Timeout = time.Hour
	opts.Progress = func(Progress) {}
	done := make(chan error)
	go func() { _, err := Refresh(ctx, st, nil, opts); done <- err }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("got %v", err)
	}
	feeds, _ := st.Feeds(bg)
	for _, f := range feeds {
		if f.LastError != "" || !f.LastFetched.IsZero() {
			t.Errorf("a canceled refresh is no fault of the feed's: %+v", f)
		}
	}
}

func TestStartRefreshReportsProgress(t *testing.T) {
	st := openStore(t)
	for i := range 5 {
		subscribe(t, st, serveFeed(t, goodFeed(fmt.Sprint("f", i))).URL)
	}
	run := StartRefresh(bg, st, nil, fastOptions())
	var last Progress
	events := 0
	for p := range run.Events() {
		if p.Done < last.Done {
			t.Errorf("progress went back: %+v after %+v", p, last)
		}
		last = p
		events++
	}
	sum, err := run.Wait()
	if err != nil || sum.New != 10 || last.Done != 5 || last.Total != 5 || last.New != 10 || events == 0 {
		t.Errorf("summary %+v %v, last progress %+v", sum, err, last)
	}
}

// A feed removed (herald rm, in another terminal) while it is being
// fetched does not come back when its articles are stored: the refresh
// reports it and the store is as rm left it.
func TestFeedRemovedDuringRefreshStaysRemoved(t *testing.T) {
	st := openStore(t)
	var srv *httptest.Server
	srv = serve(t, func(w http.ResponseWriter, r *http.Request) {
		// The user unsubscribes while the server answers.
		feeds, err := st.Feeds(r.Context())
		if err != nil || len(feeds) != 1 {
			t.Errorf("feeds %v, %v", feeds, err)
		} else if _, err := st.RemoveFeed(r.Context(), feeds[0].ID); err != nil {
			t.Error(err)
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		writeString(w, goodFeed("gone"))
	})
	subscribe(t, st, srv.URL+"/feed.xml")
	sum := refresh(t, st, fastOptions())
	r := resultFor(t, sum, srv.URL+"/feed.xml")
	if r.Status != Failed || !errors.Is(r.Err, store.ErrFeedGone) {
		t.Fatalf("result %+v, want the feed reported as unsubscribed meanwhile", r)
	}
	if feeds, err := st.Feeds(bg); err != nil || len(feeds) != 0 {
		t.Fatalf("after the refresh the store has feeds %+v (%v), want none", feeds, err)
	}
	if n := countArticles(t, st); n != 0 {
		t.Fatalf("%d articles stored for a removed feed", n)
	}
}
