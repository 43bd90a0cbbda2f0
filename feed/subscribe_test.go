package feed

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/herald-reader/herald/store"
)

func TestDiscoverFeeds(t *testing.T) {
	page := `<!DOCTYPE html><html><head>
		<link rel="stylesheet" href="/style.css">
		<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
		<link rel="alternate" type="application/atom+xml" title="Atom" href="feeds/atom.xml">
		<LINK REL="Alternate Home" TYPE="application/rss+xml; charset=utf-8" HREF="//cdn.site.test/rss">
		<link rel="alternate" type="application/feed+json" href="https://site.test/feed.json">
		<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
		<link rel="alternate" type="application/atom+xml" href="feeds/atom.xml">
		</head><body></body></html>`
	got := DiscoverFeeds([]byte(page), "https://site.test/blog/post.html")
	want := []string{"https://site.test/blog/feeds/atom.xml", "https://cdn.site.test/rss", "https://site.test/feed.json"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q\nwant %q", got, want)
	}
	withBase := `<html><head><link rel="alternate" type="application/rss+xml" href="rss.xml"><base href="https://other.test/x/"><base href="https://ignored.test/"></head></html>`
	if got := DiscoverFeeds([]byte(withBase), "https://site.test/"); len(got) != 1 || got[0] != "https://other.test/x/rss.xml" {
		t.Errorf("with <base>: %q", got)
	}
	if got := DiscoverFeeds([]byte(`<html><head><title>none</title></head></html>`), "https://site.test/"); len(got) != 0 {
		t.Errorf("no links: %q", got)
	}
}

func TestIsHTMLPage(t *testing.T) {
	for _, c := range []struct {
		ct, body string
		want     bool
	}{
		{"text/html; charset=utf-8", "<!DOCTYPE html><html></html>", true},
		{"text/html", `<?xml version="1.0"?><rss version="2.0"><channel/></rss>`, false}, // a feed served as HTML
		{"application/rss+xml", "<!doctype html><html><body>error</body></html>", true},
		{"", "<html><body>x</body></html>", true},
		{"application/xml", "<feed xmlns='http://www.w3.org/2005/Atom'></feed>", false},
		{"application/json", `{"version": "https://jsonfeed.org/version/1.1"}`, false},
	} {
		if got := isHTMLPage(c.ct, []byte(c.body)); got != c.want {
			t.Errorf("%q %q: %v", c.ct, c.body, got)
		}
	}
}

func TestSubscribe(t *testing.T) {
	var feedHits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/blog/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		writeString(w, `<html><head><link rel="alternate" type="application/atom+xml" href="../feeds/main.atom"></head><body>Blog</body></html>`)
	})
	mux.HandleFunc("/feeds/main.atom", func(w http.ResponseWriter, r *http.Request) {
		feedHits.Add(1)
		writeString(w, `<feed xmlns="http://www.w3.org/2005/Atom"><title>Main</title>
			<entry><id>e1</id><title>Entry</title><updated>2026-05-01T00:00:00Z</updated><content>hi</content></entry></feed>`)
	})
	mux.HandleFunc("/shop", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		writeString(w, `<html><head><title>Shop</title></head><body>no feed</body></html>`)
	})
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) { writeString(w, goodFeed("direct")) })
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/rss2", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/rss2", func(w http.ResponseWriter, r *http.Request) { writeString(w, goodFeed("moved")) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	st := openStore(t)
	urls := []string{srv.URL + "/blog/", srv.URL + "/shop", srv.URL + "/rss", "ftp://site.test/feed", "file:///etc/passwd", srv.URL + "/old"}
	sum, err := Subscribe(bg, st, urls, SubscribeOptions{FullArticles: true}, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Feeds != len(urls) || sum.Failed != 3 || sum.New != 5 {
		t.Errorf("summary: %+v", sum)
	}
	blog := sum.Results[0]
	if blog.Status != Fetched || blog.URL != srv.URL+"/feeds/main.atom" || blog.New != 1 || blog.Title != "Main" {
		t.Errorf("blog page: %+v", blog)
	}
	if r := sum.Results[1]; r.Status != Failed || !strings.Contains(r.Err.Error(), "names no feed") || r.FeedID != 0 {
		t.Errorf("shop page: %+v", r)
	}
	if r := sum.Results[2]; r.Status != Fetched || r.URL != srv.URL+"/rss" || r.New != 2 {
		t.Errorf("direct feed: %+v", r)
	}
	for _, r := range sum.Results[3:5] {
		if r.Status != Failed || !strings.Contains(r.Err.Error(), "only http and https") {
			t.Errorf("%s: %+v", r.Input, r)
		}
	}
	if r := sum.Results[5]; r.URL != srv.URL+"/rss2" {
		t.Errorf("a permanent redirect on add subscribes to the new URL: %+v", r)
	}
	feeds, _ := st.Feeds(bg)
	if len(feeds) != 3 {
		t.Fatalf("%d feeds stored, want 3 (failures are not subscribed)", len(feeds))
	}
	for _, f := range feeds {
		if f.Kind != store.KindHTTP || !f.FullArticles || f.LastSuccess.IsZero() {
			t.Errorf("stored feed: %+v", f)
		}
	}

	// Again: the feed URL is known, so nothing is fetched; the blog page
	// is fetched and leads to a feed already subscribed.
	hits := feedHits.Load()
	sum, err = Subscribe(bg, st, []string{srv.URL + "/rss", srv.URL + "/blog/"}, SubscribeOptions{}, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range sum.Results {
		if r.Status != Subscribed || r.FeedID == 0 {
			t.Errorf("%s again: %+v", r.Input, r)
		}
	}
	if feedHits.Load() != hits+1 {
		t.Errorf("feed fetched %d times", feedHits.Load()-hits)
	}
	if feeds, _ := st.Feeds(bg); len(feeds) != 3 {
		t.Errorf("%d feeds after subscribing again", len(feeds))
	}
}

const articlePage = `<!DOCTYPE html><html><head><title>The Gannet Colony</title>
<script>alert("x")</script></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>The Gannet Colony</h1>
<p>Gannets nest on the Bass Rock in their tens of thousands, and every spring the colony returns to the same ledges, each pair to its own nest a beak's reach from the next. <a href="/more" onclick="steal()">More</a></p>
<p>The birds dive from thirty metres, folding their wings at the last moment, and reach the water at sixty miles an hour; air sacs under the skin cushion the blow.</p>
<p>Wardens count the nests from photographs each June. The count has risen for decades, though avian flu cut it sharply in 2022, and the recovery since is watched closely.</p>
<img src="javascript:alert(1)"><img src="/gannet.jpg" alt="a gannet">
</article><footer>Copyright</footer></body></html>`

func TestFullArticles(t *testing.T) {
	var srv *httptest.Server
	srv = serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			writeString(w, strings.ReplaceAll(goodFeed("full"), "https://site.test/", srv.URL+"/articles/"))
		case "/articles/full-1":
			w.Header().Set("Content-Type", "text/html")
			writeString(w, articlePage)
		case "/articles/full-2":
			http.Error(w, "gone", 404)
		}
	})
	st := openStore(t)
	sum, err := Subscribe(bg, st, []string{srv.URL + "/feed"}, SubscribeOptions{FullArticles: true}, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	if sum.FullArticles != 1 || sum.FullFailed != 1 {
		t.Errorf("full articles: %d fetched, %d failed; want 1, 1", sum.FullArticles, sum.FullFailed)
	}
	page, _ := st.Page(bg, store.PageRequest{})
	bodies := map[string]store.Body{}
	for _, a := range page {
		b, _ := st.Body(bg, a.ID)
		bodies[a.GUID] = b
	}
	full := bodies["full-1"]
	if !full.Full || !strings.Contains(full.Text, "Bass Rock") || !strings.Contains(full.Markdown, "thirty metres") {
		t.Fatalf("full article not stored: %+v", full)
	}
	for _, bad := range []string{"<script", "alert", "onclick", "javascript:", "Copyright"} {
		if strings.Contains(full.Content, bad) {
			t.Errorf("full article holds %q: %s", bad, full.Content)
		}
	}
	if !strings.Contains(full.Content, srv.URL+"/gannet.jpg") {
		t.Errorf("relative image not resolved against the page: %s", full.Content)
	}
	if full.Summary != "<p>first</p>" {
		t.Errorf("the feed's summary is kept beside it: %q", full.Summary)
	}
	if b := bodies["full-2"]; b.Full || !strings.Contains(b.Content, "second") {
		t.Errorf("a failed page leaves the feed's content: %+v", b)
	}

	// By hand (the reader's F), for an article of a feed without the setting.
	b2 := bodies["full-2"]
	if _, err := FetchFullArticle(bg, st, NewFetcher(fastOptions().Fetch), b2.ID); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("FetchFullArticle of a 404: %v", err)
	}
	st.DB().Exec("DELETE FROM article_full")
	a, err := FetchFullArticle(bg, st, NewFetcher(fastOptions().Fetch), full.ID)
	if err != nil || !strings.Contains(a.Text, "Bass Rock") {
		t.Fatalf("FetchFullArticle: %v", err)
	}
	if b, _ := st.Body(bg, full.ID); !b.Full {
		t.Error("not stored")
	}
}

func TestFullArticleOfNonPage(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/pdf":
			w.Header().Set("Content-Type", "application/pdf")
			writeString(w, "%PDF-1.4 ...")
		case "/empty":
			w.Header().Set("Content-Type", "text/html")
			writeString(w, "<html><body></body></html>")
		}
	})
	f := NewFetcher(fastOptions().Fetch)
	if _, err := f.FullArticle(bg, srv.URL+"/pdf"); err == nil || !strings.Contains(err.Error(), "not a web page") {
		t.Errorf("pdf: %v", err)
	}
	if _, err := f.FullArticle(bg, srv.URL+"/empty"); err == nil || !strings.Contains(err.Error(), "no readable article") {
		t.Errorf("empty page: %v", err)
	}
}
