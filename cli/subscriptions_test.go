package cli_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// subJSON is a feed as `feeds --json` prints it, fetch state included.
type subJSON struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	URL         string `json:"url"`
	Kind        string `json:"kind"`
	Articles    int    `json:"articles"`
	Unread      int    `json:"unread"`
	LastSuccess string `json:"last_success"`
	LastError   string `json:"last_error"`
	Full        bool   `json:"full_articles"`
}

func subs(t *testing.T, db string) map[string]subJSON {
	t.Helper()
	out := map[string]subJSON{}
	for _, f := range jsonLines[subJSON](t, mustHerald(t, db, "feeds", "--json").stdout) {
		out[f.Title] = f
	}
	return out
}

func rss(title string, guids ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<rss version="2.0"><channel><title>%s</title>`, title)
	for i, g := range guids {
		fmt.Fprintf(&b, `<item><title>%s %s</title><guid>%s</guid><pubDate>%s</pubDate><description>Story %s of %s.</description></item>`,
			title, g, g, time.Now().AddDate(0, 0, -i).UTC().Format(time.RFC1123Z), g, title)
	}
	return b.String() + `</channel></rss>`
}

// feedServer serves a few feeds on loopback; /fail/ paths fail while
// failing is set.
type feedServer struct {
	*httptest.Server
	failing atomic.Bool
}

func newFeedServer(t *testing.T) *feedServer {
	fs := &feedServer{}
	mux := http.NewServeMux()
	mux.HandleFunc("/puffin.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, rss("Puffin Post", "p1", "p2"))
	})
	mux.HandleFunc("/gannet.xml", func(w http.ResponseWriter, r *http.Request) {
		if fs.failing.Load() {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		fmt.Fprint(w, rss("Gannet Gazette", "g1", "g2", "g3"))
	})
	mux.HandleFunc("/blog/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><link rel="alternate" type="application/rss+xml" href="/puffin.xml"></head></html>`)
	})
	fs.Server = httptest.NewServer(mux)
	t.Cleanup(fs.Close)
	return fs
}

func TestAddRefreshFeedsRm(t *testing.T) {
	srv := newFeedServer(t)
	db := newDB(t)
	puffin, gannet, missing := srv.URL+"/puffin.xml", srv.URL+"/gannet.xml", srv.URL+"/missing.xml"

	r := herald(t, db, "add", srv.URL+"/blog/", gannet, missing, "file:///etc/passwd")
	if r.code != 1 {
		t.Fatalf("add with failures: want exit 1, got %v", r)
	}
	for _, want := range []string{
		"subscribed to Puffin Post <" + puffin + ">: 2 articles",
		"subscribed to Gannet Gazette <" + gannet + ">: 3 articles",
		"4 feeds, 5 new articles, 2 failed",
		"herald: add " + missing + ": HTTP 404 Not Found\n",
		"herald: add file:///etc/passwd: file: URLs are not feeds (only http and https are)\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("add: stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	got := subs(t, db)
	if len(got) != 2 || got["Puffin Post"].URL != puffin || got["Gannet Gazette"].Articles != 3 ||
		got["Gannet Gazette"].LastSuccess == "" || got["Gannet Gazette"].Kind != "http" {
		t.Fatalf("feeds after add: %+v", got)
	}
	if n := len(lsArticles(t, db)); n != 5 {
		t.Errorf("ls lists %d articles, want 5", n)
	}
	if r := herald(t, db, "add", puffin); r.code != 0 || !strings.Contains(r.stderr, "already subscribed") {
		t.Errorf("add again: %v", r)
	}

	r = mustHerald(t, db, "refresh")
	if !strings.Contains(r.stderr, "2 feeds, 0 new articles, 0 failed") {
		t.Errorf("refresh: %v", r)
	}
	if !strings.Contains(r.stderr, "[2/2] ") {
		t.Errorf("no plain progress lines when stderr is not a terminal: %v", r)
	}

	// A failing feed: reported, recorded, shown, its articles kept.
	srv.failing.Store(true)
	r = herald(t, db, "refresh")
	if r.code != 1 || !strings.Contains(r.stderr, "2 feeds, 0 new articles, 1 failed\n") ||
		!strings.Contains(r.stderr, "herald: Gannet Gazette: HTTP 500 Internal Server Error\n") {
		t.Errorf("refresh with a failure: %v", r)
	}
	g := subs(t, db)["Gannet Gazette"]
	if g.LastError != "HTTP 500 Internal Server Error" || g.Articles != 3 {
		t.Errorf("failed feed: %+v", g)
	}
	rows := mustHerald(t, db, "feeds").stdout
	if !strings.Contains(rows, "error: HTTP 500 Internal Server Error") || !strings.Contains(rows, "fetched ") {
		t.Errorf("feeds does not show the error and last success:\n%s", rows)
	}
	// Only the named feed is fetched; the error stays until a success.
	r = mustHerald(t, db, "refresh", "Puffin Post")
	if !strings.Contains(r.stderr, "1 feed, 0 new articles, 0 failed") {
		t.Errorf("refresh one feed: %v", r)
	}
	if subs(t, db)["Gannet Gazette"].LastError == "" {
		t.Error("error cleared without a success")
	}
	srv.failing.Store(false)
	mustHerald(t, db, "refresh", fmt.Sprint(g.ID))
	if e := subs(t, db)["Gannet Gazette"].LastError; e != "" {
		t.Errorf("error kept after a success: %q", e)
	}

	if r := herald(t, db, "refresh", "No Such Feed"); r.code != 1 || !strings.Contains(r.stderr, "herald: No Such Feed: no such feed") {
		t.Errorf("refresh unknown feed: %v", r)
	}
	r = herald(t, db, "rm", gannet, "nope")
	if r.code != 1 || !strings.Contains(r.stderr, "removed Gannet Gazette <"+gannet+"> and 3 articles") ||
		!strings.Contains(r.stderr, "herald: rm nope: no such feed") {
		t.Errorf("rm: %v", r)
	}
	if got := subs(t, db); len(got) != 1 {
		t.Errorf("after rm: %+v", got)
	}
	if n := len(lsArticles(t, db)); n != 2 {
		t.Errorf("ls lists %d articles after rm, want 2", n)
	}
}

func TestRmKeepsStarredArticles(t *testing.T) {
	srv := newFeedServer(t)
	db := newDB(t)
	mustHerald(t, db, "add", srv.URL+"/gannet.xml")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	st.SetStarred(context.Background(), idOf(t, db, "Gannet Gazette g2"), true)
	st.Close()
	r := mustHerald(t, db, "rm", "gannet gazette") // titles match without regard to case
	if !strings.Contains(r.stderr, "and 2 articles; kept its 1 starred article as an archive") {
		t.Errorf("rm: %v", r)
	}
	if titles := lsTitles(t, db); len(titles) != 1 || titles[0] != "Gannet Gazette g2" {
		t.Errorf("left: %q", titles)
	}
	if f := subs(t, db)["Gannet Gazette"]; f.Kind != "file" {
		t.Errorf("archive: %+v", f)
	}
	if out := mustHerald(t, db, "export", "opml").stdout; strings.Contains(out, "gannet.xml") {
		t.Errorf("an archive is no subscription:\n%s", out)
	}
	// Subscribing again makes it a subscription.
	mustHerald(t, db, "add", srv.URL+"/gannet.xml")
	if f := subs(t, db)["Gannet Gazette"]; f.Kind != "http" || f.Articles != 3 {
		t.Errorf("re-added: %+v", f)
	}
}

func TestAddFullFlag(t *testing.T) {
	srv := newFeedServer(t)
	db := newDB(t)
	mustHerald(t, db, "add", "--full", srv.URL+"/gannet.xml")
	if f := subs(t, db)["Gannet Gazette"]; !f.Full {
		t.Errorf("--full not stored: %+v", f)
	}
	if !strings.Contains(mustHerald(t, db, "feeds").stdout, "full articles") {
		t.Error("feeds does not show the setting")
	}
	mustHerald(t, db, "add", "--no-full", srv.URL+"/gannet.xml")
	if f := subs(t, db)["Gannet Gazette"]; f.Full {
		t.Errorf("--no-full not stored: %+v", f)
	}
	if r := herald(t, db, "add", "--full", "--no-full", srv.URL+"/gannet.xml"); r.code != 1 {
		t.Errorf("contradicting flags: %v", r)
	}
}

func TestRefreshAmbiguousTitle(t *testing.T) {
	srv := newFeedServer(t)
	db := newDB(t)
	// Two feeds with one title.
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, rss("Twin", r.URL.Path)) })
	twins := httptest.NewServer(mux)
	t.Cleanup(twins.Close)
	mustHerald(t, db, "add", twins.URL+"/a", twins.URL+"/b", srv.URL+"/puffin.xml")
	r := herald(t, db, "refresh", "twin")
	if r.code != 1 || !strings.Contains(r.stderr, "several feeds have that title (ids ") {
		t.Errorf("ambiguous: %v", r)
	}
	if r := mustHerald(t, db, "refresh", twins.URL+"/b"); !strings.Contains(r.stderr, "1 feed, ") {
		t.Errorf("by URL: %v", r)
	}
	// The source of an imported file is not a subscription.
	mustHerald(t, db, "import", "testdata/feeds/loom.atom")
	if r := herald(t, db, "refresh", "Loom Weekly"); r.code != 1 || !strings.Contains(r.stderr, "not a subscription") {
		t.Errorf("refresh an imported feed: %v", r)
	}
}

func TestRefreshWithoutSubscriptions(t *testing.T) {
	db := fixtureDB(t) // imported files and two OPML subscriptions on .example hosts
	st, _ := store.Open(db)
	st.DB().Exec("DELETE FROM feeds WHERE kind = 'http'")
	st.Close()
	r := mustHerald(t, db, "refresh")
	if !strings.Contains(r.stderr, "herald add URL") {
		t.Errorf("refresh of no subscriptions: %v", r)
	}
}

func TestOPMLRoundTrip(t *testing.T) {
	srv := newFeedServer(t)
	db := newDB(t)
	mustHerald(t, db, "add", srv.URL+"/puffin.xml", srv.URL+"/gannet.xml")
	opml := filepath.Join(t.TempDir(), "subs.opml")
	if err := os.WriteFile(opml, []byte(mustHerald(t, db, "export", "opml").stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := newDB(t)
	r := mustHerald(t, fresh, "import", opml)
	if !strings.Contains(r.stderr, "2 subscriptions") {
		t.Errorf("import: %v", r)
	}
	r = mustHerald(t, fresh, "refresh")
	if !strings.Contains(r.stderr, "2 feeds, 5 new articles, 0 failed") {
		t.Errorf("refresh of the imported list: %v", r)
	}
	a, b := lsTitles(t, db), lsTitles(t, fresh)
	slices.Sort(a) // feeds are stored in the order they arrive
	slices.Sort(b)
	if strings.Join(a, "|") != strings.Join(b, "|") {
		t.Errorf("the fresh store lists\n%q\nthe first\n%q", b, a)
	}
}

func TestPrune(t *testing.T) {
	db := fixtureDB(t) // articles from 2023-12 to 2024-06, and two undated ones (import time)
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	st.SetStarred(context.Background(), idOf(t, db, tTea), true)
	st.Close()
	before := len(lsArticles(t, db))
	r := mustHerald(t, db, "prune", "--older-than", "90d")
	if !strings.Contains(r.stderr, fmt.Sprintf("removed %d articles published before", before-3)) ||
		!strings.Contains(r.stderr, "kept 1 starred one") {
		t.Errorf("prune: %v", r)
	}
	titles := lsTitles(t, db)
	if len(titles) != 3 {
		t.Errorf("left: %q (want the starred one and the two undated ones)", titles)
	}
	if got := lsTitles(t, db, "loom"); len(got) != 0 {
		t.Errorf("search still finds pruned articles: %q", got)
	}
	if got := nonEmptyLines(mustHerald(t, db, "authors").stdout); len(got) != 2 {
		t.Errorf("authors of pruned articles are left: %q", got)
	}
	for _, bad := range []string{"", "90", "-5d", "0d", "soon", "3x"} {
		if r := herald(t, db, "prune", "--older-than="+bad); r.code != 1 || !strings.Contains(r.stderr, "herald: prune: --older-than") {
			t.Errorf("--older-than %q: %v", bad, r)
		}
	}
	if r := herald(t, db, "prune"); r.code != 1 {
		t.Errorf("prune without an age: %v", r)
	}
}
