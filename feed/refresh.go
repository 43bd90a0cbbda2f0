package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/herald-reader/herald/store"
)

// Refresh defaults.
const (
	// DefaultJobs is how many feeds are fetched at once.
	DefaultJobs = 8
	// DefaultPerHost is how many of them may be on one host at once: a
	// browser opens six connections to a site, herald stays below that.
	DefaultPerHost = 4
	// DefaultMaxFullPerFeed is how many new articles of a feed with full
	// articles on have their pages fetched in one refresh.
	DefaultMaxFullPerFeed = 50
)

// RefreshOptions configure Refresh and Subscribe. Zero values take the
// defaults.
type RefreshOptions struct {
	Fetch   FetchOptions
	Jobs    int // feeds fetched at once (default DefaultJobs)
	PerHost int // feeds fetched at once from one host (default DefaultPerHost)
	// MaxFullPerFeed bounds the pages fetched per feed for full articles.
	MaxFullPerFeed int
	// Progress, when set, is called after each feed is done (stored or
	// failed), from one goroutine, in the order feeds finish. It must not
	// block for long: the store waits for it.
	Progress func(Progress)
	// Now is the clock (tests); nil for time.Now.
	Now func() time.Time
}

func (o RefreshOptions) withDefaults() RefreshOptions {
	if o.Jobs <= 0 {
		o.Jobs = DefaultJobs
	}
	if o.PerHost <= 0 {
		o.PerHost = DefaultPerHost
	}
	if o.MaxFullPerFeed <= 0 {
		o.MaxFullPerFeed = DefaultMaxFullPerFeed
	}
	if o.Fetch.MaxConnsPerHost <= 0 {
		o.Fetch.MaxConnsPerHost = o.PerHost
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Status is what refreshing one feed came to.
type Status int

const (
	Fetched     Status = iota // fetched, parsed and stored
	NotModified               // the server said 304: nothing to parse
	Failed                    // see FeedResult.Err; the stored articles are untouched
	Deferred                  // not fetched: the server asked to wait (Retry-After)
	Subscribed                // add: already subscribed, not fetched again
)

// FeedResult is one feed's outcome.
type FeedResult struct {
	FeedID int64  // 0 when an add failed before the feed was stored
	Input  string // add: the URL asked for; refresh: the feed's URL
	URL    string // the feed's URL as stored now (after a move or discovery)
	Title  string
	Status Status
	New    int // articles added
	Update int // articles changed
	Err    error
	// Moved is set when a permanent redirect moved the feed (URL is the
	// new address); MoveErr when the move could not be stored.
	Moved   bool
	MoveErr error
	// RetryAfter is when the server wants to be asked again (Deferred, or
	// a 429/503).
	RetryAfter time.Time
}

// Name is how a message names the feed: its title, else its URL.
func (r FeedResult) Name() string {
	if r.Title != "" {
		return r.Title
	}
	if r.URL != "" {
		return r.URL
	}
	return r.Input
}

// Progress is reported after each feed.
type Progress struct {
	Done, Total int // feeds finished, feeds in this refresh
	New         int // new articles so far
	Failed      int // failures so far
	Last        FeedResult
}

// Summary is what a refresh or an add did.
type Summary struct {
	Feeds        int // feeds asked for
	New, Updated int // articles
	NotModified  int
	Failed       int
	Deferred     int
	Results      []FeedResult // one per feed, in the order asked
	FullArticles int          // pages fetched and extracted for full articles
	FullFailed   int
	// Where the time went: wall time until every article was stored (the
	// list shows them from then on), and fetch, parse and store time
	// summed over workers.
	Listable            time.Duration
	Fetch, Parse, Store time.Duration
}

// Failures returns the results that failed, in the order asked.
func (s Summary) Failures() []FeedResult {
	var out []FeedResult
	for _, r := range s.Results {
		if r.Status == Failed {
			out = append(out, r)
		}
	}
	return out
}

// Refresh fetches feeds (every subscription when feeds is nil) and stores
// what is new: Jobs at a time, at most PerHost from one host, each with a
// conditional GET. Fetching and parsing run in the workers; one writer
// stores each feed's articles through the importer's path (store.Prepare in
// the worker, SaveBatch in the writer), records the fetch on the feed (its
// error until the next success, validators, Retry-After) and follows a
// permanent redirect. A failed or empty fetch never deletes or changes a
// stored article. Memory is bounded by Jobs: each worker holds one
// document, and the writer takes them one at a time.
//
// Feeds that asked to be left alone (Retry-After) until later are Deferred.
// The error is the context's when it was canceled; what was stored before
// stays stored.
func Refresh(ctx context.Context, st *store.Store, feeds []store.Feed, opts RefreshOptions) (Summary, error) {
	if feeds == nil {
		all, err := st.Feeds(ctx)
		if err != nil {
			return Summary{}, err
		}
		for _, f := range all {
			if f.Kind == store.KindHTTP {
				feeds = append(feeds, f)
			}
		}
	}
	jobs := make([]job, len(feeds))
	for i, f := range feeds {
		jobs[i] = job{index: i, feed: f, input: f.URL}
	}
	return run(ctx, st, jobs, opts)
}

// SubscribeOptions are Subscribe's settings beyond the refresh ones.
type SubscribeOptions struct {
	// FullArticles turns on full articles for the feeds subscribed.
	FullArticles bool
}

// Subscribe adds subscriptions: each URL is fetched, and when it is an HTML
// page, the first feed it names with <link rel="alternate"> is fetched
// instead. A feed is stored only when it could be fetched and parsed, with
// its articles. A URL that is subscribed already is not fetched again
// (Status Subscribed); a URL named twice is fetched once. Results come in
// the order of urls.
func Subscribe(ctx context.Context, st *store.Store, urls []string, sub SubscribeOptions, opts RefreshOptions) (Summary, error) {
	known, err := st.Feeds(ctx)
	if err != nil {
		return Summary{}, err
	}
	byURL := map[string]store.Feed{}
	for _, f := range known {
		if f.Kind == store.KindHTTP {
			byURL[f.URL] = f
		}
	}
	jobs := make([]job, 0, len(urls))
	asked := map[string]bool{}
	for _, u := range urls {
		j := job{index: len(jobs), input: u, add: true, full: sub.FullArticles}
		norm, err := subscriptionTarget(u)
		if err == nil && asked[norm] {
			continue // named twice: fetched once
		}
		asked[norm] = true
		if err != nil {
			j.err = err
		} else if f, ok := byURL[norm]; ok {
			j.feed, j.already = f, true
		} else {
			j.feed = store.Feed{URL: norm}
		}
		jobs = append(jobs, j)
	}
	return run(ctx, st, jobs, opts)
}

// subscriptionTarget checks a URL given to add: http or https (feed:// is
// read as http://), absolute, with a host.
func subscriptionTarget(raw string) (string, error) {
	link, reason := subscriptionURL(raw)
	if reason != "" {
		return "", &FetchError{Reason: reason}
	}
	return link, nil
}

// job is one feed to fetch.
type job struct {
	index   int
	feed    store.Feed // ID 0: a new subscription
	input   string
	add     bool  // Subscribe: discover feeds in HTML pages
	full    bool  // Subscribe: turn full articles on
	already bool  // Subscribe: subscribed already, nothing to fetch
	err     error // refused before fetching
}

// fetched is one job's work, on its way to the writer.
type fetched struct {
	job
	result      FeedResult
	resp        *Response
	batch       *store.Batch
	fetchTime   time.Duration
	parseTime   time.Duration
	notModified bool
	storedURL   string // the URL the batch is stored under
}

// host is the scheduling key of a URL: one politeness budget per host.
func host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

func run(ctx context.Context, st *store.Store, jobs []job, opts RefreshOptions) (Summary, error) {
	opts = opts.withDefaults()
	start := opts.Now()
	began := time.Now()
	fetcher := NewFetcher(opts.Fetch)
	defer fetcher.CloseIdleConnections()
	sum := Summary{Feeds: len(jobs), Results: make([]FeedResult, len(jobs))}

	var toFetch []job
	results := make(chan fetched, 1)
	var settled []fetched // decided without fetching
	for _, j := range jobs {
		f := fetched{job: j, result: FeedResult{FeedID: j.feed.ID, Input: j.input, URL: j.feed.URL, Title: j.feed.Title}}
		switch {
		case j.err != nil:
			f.result.Status, f.result.Err = Failed, j.err
		case j.already:
			f.result.Status = Subscribed
		case j.feed.RetryAfter.After(start):
			f.result.Status, f.result.RetryAfter = Deferred, j.feed.RetryAfter
			f.result.Err = fmt.Errorf("not fetched: the server asked herald to wait until %s", j.feed.RetryAfter.Local().Format("2006-01-02 15:04"))
		default:
			toFetch = append(toFetch, j)
			continue
		}
		settled = append(settled, f)
	}

	var fullFeeds []int64 // feeds whose new articles want their pages
	w := writer{ctx: ctx, st: st, opts: opts, sum: &sum, total: len(jobs), start: start}
	for _, f := range settled {
		w.finish(f)
	}
	parsing := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)-1))
	go func() {
		pool(ctx, toFetch, func(j job) string { return host(j.feed.URL) }, opts.Jobs, opts.PerHost, func(j job) {
			f := work(ctx, st, fetcher, parsing, j)
			select {
			case results <- f:
			case <-ctx.Done():
			}
		})
		close(results)
	}()
	for f := range results {
		if id, ok := w.store(f); ok {
			fullFeeds = append(fullFeeds, id)
		}
	}
	sum.Listable = time.Since(began)
	if ctx.Err() != nil {
		return sum, ctx.Err()
	}
	fetchFullArticles(ctx, st, fetcher, fullFeeds, start, opts, &sum)
	return sum, ctx.Err()
}

// work fetches and parses one feed, in a worker.
func work(ctx context.Context, st *store.Store, fetcher *Fetcher, parsing chan struct{}, j job) (f fetched) {
	f = fetched{job: j, result: FeedResult{FeedID: j.feed.ID, Input: j.input, URL: j.feed.URL, Title: j.feed.Title}}
	defer func() {
		if r := recover(); r != nil { // a parser bug costs one feed, not the refresh
			f.result.Status, f.result.Err = Failed, fmt.Errorf("parser failed: %v", r)
			f.batch = nil
		}
	}()
	t := time.Now()
	req := Request{URL: j.feed.URL, ETag: j.feed.ETag, LastModified: j.feed.LastModified}
	resp, err := fetcher.Get(ctx, req)
	if err == nil && j.add && !resp.NotModified && isHTMLPage(resp.ContentType, resp.Body) {
		links := DiscoverFeeds(resp.Body, resp.URL)
		if len(links) == 0 {
			err = &FetchError{Reason: `an HTML page that names no feed (no <link rel="alternate"> to RSS, Atom or JSON Feed)`}
		} else {
			f.result.URL = links[0]
			resp, err = fetcher.Get(ctx, Request{URL: links[0]})
		}
	}
	f.fetchTime = time.Since(t)
	if err != nil {
		f.result.Status, f.result.Err = Failed, err
		var fe *FetchError
		if errors.As(err, &fe) {
			f.result.RetryAfter = fe.RetryAfter
		}
		return f
	}
	f.resp = resp
	if resp.Moved != "" {
		if j.add {
			f.result.URL = resp.Moved // subscribe to where it lives now
		} else {
			f.result.Moved = true
		}
	}
	if resp.NotModified {
		f.notModified = true
		return f
	}
	// Parsing takes a slot: fetches wait on the network, parses on the
	// CPU, and the one writer must keep a core of its own (it is what the
	// user waits for).
	select {
	case parsing <- struct{}{}:
	case <-ctx.Done():
		f.result.Status, f.result.Err = Failed, ctx.Err()
		return f
	}
	defer func() { <-parsing }()
	t = time.Now()
	defer func() { f.parseTime = time.Since(t) }()
	if isHTMLPage(resp.ContentType, resp.Body) {
		f.result.Status, f.result.Err = Failed, errors.New("an HTML page, not a feed")
		return f
	}
	info, articles, err := Parse(bytes.NewReader(resp.Body), resp.URL)
	resp.Body = nil // the articles hold what is needed; let the document go
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			err = errors.New(pe.Reason)
		}
		f.result.Status, f.result.Err = Failed, err
		return f
	}
	articles = keepUnpruned(articles, j.feed.PrunedBefore)
	info.Kind = store.KindHTTP
	// Stored under the URL the feed has now; the writer moves it afterwards.
	info.URL = j.feed.URL
	info.ID = j.feed.ID // stored only if it is still subscribed then
	if j.add {
		info.URL, info.ID = f.result.URL, 0
	}
	if f.result.Title == "" {
		f.result.Title = info.Title
	}
	f.storedURL = info.URL
	f.batch = st.Prepare(info, articles)
	return f
}

// keepUnpruned drops the items `herald prune` removed before (published
// before the feed's cutoff), so a refresh does not bring them back as new.
func keepUnpruned(articles []store.NewArticle, cutoff time.Time) []store.NewArticle {
	if cutoff.IsZero() {
		return articles
	}
	out := articles[:0]
	for _, a := range articles {
		date := a.Published
		if date.IsZero() {
			date = a.Updated
		}
		if !date.IsZero() && date.Before(cutoff) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// writer is the refresh's one writer: every store write of a refresh
// happens on its goroutine, one feed at a time.
type writer struct {
	ctx   context.Context
	st    *store.Store
	opts  RefreshOptions
	sum   *Summary
	total int
	done  int
	start time.Time
}

// store writes one fetched feed and reports it; it returns the feed's id
// and true when its new articles want full articles.
func (w *writer) store(f fetched) (int64, bool) {
	if w.ctx.Err() != nil {
		// Canceled: what failed for that reason is no fault of the feed's,
		// and nothing more is written.
		return 0, false
	}
	t := time.Now()
	defer func() { w.sum.Store += time.Since(t) }()
	w.sum.Fetch += f.fetchTime
	w.sum.Parse += f.parseTime
	r := &f.result
	wantFull := false
	switch {
	case r.Status == Failed:
		if r.FeedID != 0 {
			w.record(r, store.FetchRecord{At: w.opts.Now(), Err: r.Err.Error(), RetryAfter: r.RetryAfter})
		}
	case f.add:
		id, existed, err := w.st.Subscribe(w.ctx, store.FeedInfo{URL: r.URL, Kind: store.KindHTTP, Title: r.Title})
		if err != nil {
			r.Status, r.Err = Failed, err
			break
		}
		r.FeedID = id
		if existed {
			r.Status = Subscribed
		}
		if f.full {
			if err := w.st.SetFullArticles(w.ctx, id, true); err != nil {
				r.Status, r.Err = Failed, err
				break
			}
		}
		w.save(&f)
		if r.Status != Failed {
			w.record(r, store.FetchRecord{At: w.opts.Now(), ETag: f.resp.ETag, LastModified: f.resp.LastModified})
			wantFull = f.full
		}
	default:
		etag, modified := f.resp.ETag, f.resp.LastModified
		if f.notModified {
			r.Status = NotModified
			// A 304 may leave the validators out: keep the ones that worked.
			if etag == "" {
				etag = f.feed.ETag
			}
			if modified == "" {
				modified = f.feed.LastModified
			}
		} else {
			w.save(&f)
		}
		if r.Status == Failed {
			w.record(r, store.FetchRecord{At: w.opts.Now(), Err: r.Err.Error()})
			break
		}
		w.record(r, store.FetchRecord{At: w.opts.Now(), ETag: etag, LastModified: modified})
		if r.Moved {
			if err := w.st.MoveFeed(w.ctx, r.FeedID, f.resp.Moved); err != nil {
				r.MoveErr = err
				r.Moved = false
			} else {
				r.URL = f.resp.Moved
			}
		}
		wantFull = f.feed.FullArticles && r.New > 0
	}
	w.finish(f)
	return r.FeedID, wantFull
}

// save stores the feed's articles through the importer's writer path.
func (w *writer) save(f *fetched) {
	r := &f.result
	if f.batch == nil {
		return
	}
	res, err := storeFetched(w.ctx, w.st, f.storedURL, f.batch)
	if err != nil {
		r.Status, r.Err = Failed, fmt.Errorf("store: %w", err)
		return
	}
	if r.Status != Subscribed {
		r.Status = Fetched
	}
	r.New, r.Update = res.Added, res.Updated
}

// storeFetched stores a fetched feed's prepared articles the way the
// importer's writer stores an imported file's (storeParsed), so imports and
// refreshes share one write path.
func storeFetched(ctx context.Context, st *store.Store, feedURL string, b *store.Batch) (store.SaveResult, error) {
	var stats ImportStats
	err := storeParsed(ctx, st, parsed{batch: b, feed: store.FeedInfo{URL: feedURL, Kind: store.KindHTTP}}, &stats)
	return store.SaveResult{Added: stats.Added, Updated: stats.Updated, Unchanged: stats.Unchanged}, err
}

func (w *writer) record(r *FeedResult, rec store.FetchRecord) {
	if err := w.st.RecordFetch(w.ctx, r.FeedID, rec); err != nil && r.Err == nil {
		r.Status, r.Err = Failed, fmt.Errorf("store: %w", err)
	}
}

// finish counts a feed and reports progress.
func (w *writer) finish(f fetched) {
	r := f.result
	w.sum.Results[f.index] = r
	w.done++
	switch r.Status {
	case Failed:
		w.sum.Failed++
	case Deferred:
		w.sum.Deferred++
	case NotModified:
		w.sum.NotModified++
	}
	w.sum.New += r.New
	w.sum.Updated += r.Update
	if w.opts.Progress != nil {
		w.opts.Progress(Progress{Done: w.done, Total: w.total, New: w.sum.New, Failed: w.sum.Failed, Last: r})
	}
}

// pool runs work over items, n at a time and at most perHost at a time for
// one key, taking items in order but passing over one whose host is busy.
// It returns when every started item is done; after ctx is canceled it
// starts no more.
func pool[T any](ctx context.Context, items []T, key func(T) string, n, perHost int, work func(T)) {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	busy := map[string]int{}
	pending := append([]T(nil), items...)
	stop := context.AfterFunc(ctx, func() { mu.Lock(); cond.Broadcast(); mu.Unlock() })
	defer stop()
	next := func() (T, bool) {
		mu.Lock()
		defer mu.Unlock()
		for {
			var zero T
			if ctx.Err() != nil || len(pending) == 0 {
				return zero, false
			}
			for i, it := range pending {
				if k := key(it); busy[k] < perHost {
					busy[k]++
					pending = append(pending[:i], pending[i+1:]...)
					return it, true
				}
			}
			cond.Wait()
		}
	}
	release := func(k string) {
		mu.Lock()
		busy[k]--
		cond.Broadcast()
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for range min(n, len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				it, ok := next()
				if !ok {
					return
				}
				work(it)
				release(key(it))
			}
		}()
	}
	wg.Wait()
}
