package cli

import (
	"context"
	"errors"
	"sync"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/ui"
)

// readerFeeds is what the reader does with feeds, from the feed package,
// which ui does not import: refresh every subscription (r, auto_refresh)
// and fetch an article's full text (F). It counts the work it started, so
// that the store is closed only after that work has stopped: the reader
// cancels it when it ends, and close waits for it.
type readerFeeds struct {
	st *store.Store
	// exe, when set, is the herald binary that refreshes run in, as
	// `herald refresh --events` (see refreshevents.go); else they run in
	// this process.
	exe     string
	opts    feed.RefreshOptions
	fetcher *feed.Fetcher // for F, sharing its connections

	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

func newReaderFeeds(st *store.Store, exe string) *readerFeeds {
	fetch := feed.FetchOptions{UserAgent: feed.UserAgent(Version)}
	return &readerFeeds{st: st, exe: exe, opts: feed.RefreshOptions{Fetch: fetch}, fetcher: feed.NewFetcher(fetch)}
}

// RefreshExecutable is the herald binary the reader runs its refreshes in
// (main sets it to its own); empty, they run in the reader's process.
var RefreshExecutable string

// errReaderClosing refuses work asked for as the reader ends.
var errReaderClosing = errors.New("the reader is closing")

// begin counts a piece of work in, unless close has begun.
func (r *readerFeeds) begin() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return false
	}
	r.wg.Add(1)
	return true
}

// close waits for the work under way (canceled by the reader's end) and
// starts no more.
func (r *readerFeeds) close() {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	r.wg.Wait()
	r.fetcher.CloseIdleConnections()
}

// refresh is ui.Options.Refresh: feed.StartRefresh over every subscription,
// its progress passed on as the reader's type. Like feed.Background's, the
// channel never holds the refresh up: a reader that lags gets the latest
// progress.
func (r *readerFeeds) refresh(ctx context.Context) (<-chan ui.RefreshProgress, func() (ui.RefreshResult, error)) {
	out := make(chan ui.RefreshProgress, 1)
	if !r.begin() {
		close(out)
		return out, func() (ui.RefreshResult, error) { return ui.RefreshResult{}, errReaderClosing }
	}
	if r.exe != "" {
		events, wait := refreshInChild(ctx, r.exe, r.st.Path())
		go func() {
			defer r.wg.Done()
			wait() // returns once the child has ended
		}()
		return events, wait
	}
	bg := feed.StartRefresh(ctx, r.st, nil, r.opts) // nil: every subscription
	go func() {
		// The events end when Refresh has returned: the store is no
		// longer used.
		defer r.wg.Done()
		defer close(out)
		for p := range bg.Events() {
			sendLatest(out, ui.RefreshProgress{Done: p.Done, Total: p.Total, New: p.New, Failed: p.Failed})
		}
	}()
	return out, func() (ui.RefreshResult, error) {
		sum, err := bg.Wait()
		return refreshResult(sum), err
	}
}

// sendLatest delivers p without blocking, replacing an undelivered older
// one; ch has one sender.
func sendLatest(ch chan ui.RefreshProgress, p ui.RefreshProgress) {
	select {
	case ch <- p:
		return
	default:
	}
	select {
	case <-ch:
	default:
	}
	ch <- p
}

// refreshResult is a refresh's summary as the reader shows it.
func refreshResult(sum feed.Summary) ui.RefreshResult {
	res := ui.RefreshResult{Feeds: sum.Feeds, New: sum.New, Updated: sum.Updated,
		Failed: sum.Failed, Deferred: sum.Deferred}
	for _, f := range sum.Failures() {
		reason := "failed"
		if f.Err != nil {
			reason = f.Err.Error()
		}
		res.Failures = append(res.Failures, ui.RefreshFailure{Feed: f.Name(), Reason: reason})
	}
	return res
}

// fetchFull is ui.Options.FetchFull: fetch article id's page, extract the
// readable article and store it beside the feed's summary.
func (r *readerFeeds) fetchFull(ctx context.Context, id int64) error {
	if !r.begin() {
		return errReaderClosing
	}
	defer r.wg.Done()
	_, err := feed.FetchFullArticle(ctx, r.st, r.fetcher, id)
	return err
}
