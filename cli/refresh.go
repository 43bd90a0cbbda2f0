package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/progress"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

type refreshCmd struct {
	Feeds   []string `arg:"" optional:"" name:"feed" help:"Feeds to fetch, by id, URL or title (see 'herald feeds'); default: every subscription."`
	Jobs    int      `default:"8" help:"Feeds fetched at once (at most 4 from one host)." placeholder:"N"`
	Timeout string   `default:"60s" help:"Give up on a feed after this long." placeholder:"DURATION"`
	Stats   bool     `help:"Print where the time went."`
	// Events is how the reader runs a refresh in a process of its own
	// (see refreshevents.go): progress and result as JSON Lines on stdout.
	Events bool `hidden:"" help:"Write progress and the result as JSON Lines on stdout, for the reader."`
}

func (c *refreshCmd) Run(e *env) error {
	opts, err := fetchOptions(c.Jobs, c.Timeout)
	if err != nil {
		return err
	}
	st, done, err := e.openStoreToRead()
	if err != nil {
		return err
	}
	defer done()
	var feeds []store.Feed
	if len(c.Feeds) > 0 {
		all, err := st.Feeds(e.ctx)
		if err != nil {
			return err
		}
		if feeds, err = matchFeeds(all, c.Feeds); err != nil {
			return err
		}
		for _, f := range feeds {
			if f.Kind != store.KindHTTP {
				return fmt.Errorf("refresh %s: not a subscription (its articles were imported from a file)", feedName(f))
			}
		}
	} else {
		all, err := st.Feeds(e.ctx)
		if err != nil {
			return err
		}
		feeds = []store.Feed{} // not nil: Refresh must not list them again
		for _, f := range all {
			if f.Kind == store.KindHTTP {
				feeds = append(feeds, f)
			}
		}
		if len(feeds) == 0 && !c.Events {
			fmt.Fprintln(e.stderr, "no subscriptions yet: 'herald add URL' subscribes to a feed")
			return nil
		}
	}
	if c.Events {
		return refreshWithEvents(e, st, feeds, opts)
	}
	start := time.Now()
	bar := newProgressReporter(e.stderr, "fetched")
	opts.Progress = bar.report
	sum, err := feed.Refresh(e.ctx, st, feeds, opts)
	bar.clear()
	if err != nil {
		return fmt.Errorf("refresh interrupted: %w (feeds stored before it are kept)", err)
	}
	return finishFetch(e, st, sum, start, c.Stats, "refresh")
}

// fetchOptions builds the refresh settings from the command's flags.
func fetchOptions(jobs int, timeout string) (feed.RefreshOptions, error) {
	opts := feed.RefreshOptions{Jobs: jobs, Fetch: feed.FetchOptions{UserAgent: feed.UserAgent(Version)}}
	if jobs < 1 {
		return opts, fmt.Errorf("--jobs must be at least 1")
	}
	d, err := time.ParseDuration(timeout)
	if err != nil || d <= 0 {
		return opts, fmt.Errorf("--timeout %q is not a duration (write it like 30s or 2m)", timeout)
	}
	opts.Fetch.Timeout = d
	return opts, nil
}

// finishFetch prints what a refresh or an add did, makes the new articles
// searchable, and turns failures into the exit status.
func finishFetch(e *env, st *store.Store, sum feed.Summary, start time.Time, stats bool, verb string) error {
	fmt.Fprintln(e.stderr, summaryLine(sum))
	for _, r := range sum.Results {
		switch {
		case r.Status == feed.Failed || r.Status == feed.Deferred:
			fmt.Fprintf(e.stderr, "herald: %s: %s\n", sanitize.Line(resultName(r, verb)), sanitize.Line(r.Err.Error()))
		case r.MoveErr != nil:
			fmt.Fprintf(e.stderr, "herald: %s: moved permanently, but %s\n", sanitize.Line(r.Name()), sanitize.Line(r.MoveErr.Error()))
		}
	}
	listable := time.Since(start)
	t := time.Now()
	// Indexing takes longer than the fetch (see README, Speed); on a
	// terminal, say what the wait is for.
	pending, _ := st.PendingIndex(e.ctx)
	note := pending > 0 && isTerminal(e.stderr)
	if note {
		fmt.Fprintf(e.stderr, "making %s searchable…", plural(pending, "article"))
	}
	indexed, err := st.IndexPending(e.ctx)
	if note {
		fmt.Fprint(e.stderr, "\r"+ansi.EraseLineRight)
	}
	if err != nil {
		return fmt.Errorf("index for search: %w", err)
	}
	// Commits left the checkpoint to the end of the whole write (see
	// store.Checkpoint).
	if err := st.Checkpoint(e.ctx); err != nil {
		return fmt.Errorf("checkpoint the store: %w", err)
	}
	if stats {
		fmt.Fprintf(e.stderr, "listable after %v (fetch %v, parse %v summed over workers; store %v), searchable after %v (index %d articles: %v)\n",
			listable.Round(time.Millisecond), sum.Fetch.Round(time.Millisecond), sum.Parse.Round(time.Millisecond),
			sum.Store.Round(time.Millisecond), time.Since(start).Round(time.Millisecond), indexed, time.Since(t).Round(time.Millisecond))
	}
	if sum.Failed > 0 {
		return partialFailure{failed: sum.Failed}
	}
	return nil
}

// resultName names a feed in a message: add names what the user typed.
func resultName(r feed.FeedResult, verb string) string {
	if verb == "add" {
		return "add " + r.Input
	}
	return r.Name()
}

// summaryLine is the last word of a refresh: "N feeds, M new articles, K failed".
func summaryLine(sum feed.Summary) string {
	line := fmt.Sprintf("%s, %s, %d failed", plural(sum.Feeds, "feed"), plural(sum.New, "new article"), sum.Failed)
	if sum.Deferred > 0 {
		line += fmt.Sprintf(", %d waiting (the server asked for time)", sum.Deferred)
	}
	if sum.FullArticles+sum.FullFailed > 0 {
		line += fmt.Sprintf("; %s", plural(sum.FullArticles, "full article"))
		if sum.FullFailed > 0 {
			line += fmt.Sprintf(" (%d pages failed)", sum.FullFailed)
		}
	}
	return line
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func feedName(f store.Feed) string {
	if f.Title != "" {
		return sanitize.Line(f.Title)
	}
	return sanitize.Line(f.URL)
}

// progressReporter shows a refresh's progress on stderr: a bubbles progress
// bar redrawn in place when stderr is a terminal, a plain line per feed
// when it is not (a log, a pipe).
type progressReporter struct {
	w     io.Writer
	tty   bool
	verb  string
	bar   progress.Model
	width int
	drawn time.Time
	shown bool
}

// redrawEvery bounds how often the bar is redrawn: a terminal need not
// repaint for each of a thousand feeds.
const redrawEvery = 50 * time.Millisecond

func newProgressReporter(w io.Writer, verb string) *progressReporter {
	p := &progressReporter{w: w, tty: isTerminal(w), verb: verb, width: 80}
	if f, ok := w.(*os.File); ok && p.tty {
		if cols, _, err := terminalSize(f); err == nil && cols > 0 {
			p.width = cols
		}
	}
	p.bar = progress.New(progress.WithDefaultBlend(), progress.WithWidth(min(40, max(p.width/3, 10))))
	return p
}

func (p *progressReporter) report(pr feed.Progress) {
	if !p.tty {
		fmt.Fprintf(p.w, "[%d/%d] %s\n", pr.Done, pr.Total, sanitize.Line(feedLine(pr.Last, p.verb)))
		return
	}
	if pr.Done < pr.Total && time.Since(p.drawn) < redrawEvery {
		return
	}
	p.drawn = time.Now()
	text := fmt.Sprintf(" %d/%d feeds · %s", pr.Done, pr.Total, plural(pr.New, "new article"))
	if pr.Failed > 0 {
		text += fmt.Sprintf(" · %d failed", pr.Failed)
	}
	line := p.bar.ViewAs(float64(pr.Done)/float64(max(pr.Total, 1))) + text
	line = ansi.Truncate(line, p.width-1, "")
	lipgloss.Fprint(p.w, "\r"+line+ansi.EraseLineRight)
	p.shown = true
}

// clear removes the bar, so the summary starts on a clean line.
func (p *progressReporter) clear() {
	if p.tty && p.shown {
		fmt.Fprint(p.w, "\r"+ansi.EraseLineRight)
	}
}

// feedLine is one feed's outcome in the plain progress lines.
func feedLine(r feed.FeedResult, verb string) string {
	name := r.Name()
	switch r.Status {
	case feed.Failed:
		return name + ": failed: " + r.Err.Error()
	case feed.Deferred:
		return name + ": " + r.Err.Error()
	case feed.NotModified:
		return name + ": not modified"
	case feed.Subscribed:
		return name + ": subscribed already"
	}
	s := name + ": " + plural(r.New, "new article")
	if r.Update > 0 {
		s += fmt.Sprintf(", %d updated", r.Update)
	}
	if r.Moved {
		s += " (moved to " + r.URL + ")"
	}
	return strings.TrimSpace(s)
}
