package cli

import (
	"fmt"
	"time"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/sanitize"
)

type addCmd struct {
	URLs    []string `arg:"" name:"url" help:"Feed URLs (http or https), or web pages that name their feed with <link rel=\"alternate\">."`
	Full    bool     `help:"Fetch each new article's page and show the full article instead of the feed's summary."`
	NoFull  bool     `name:"no-full" help:"Stop fetching full articles for these feeds."`
	Jobs    int      `default:"8" help:"Feeds fetched at once (at most 4 from one host)." placeholder:"N"`
	Timeout string   `default:"60s" help:"Give up on a feed after this long." placeholder:"DURATION"`
	Stats   bool     `help:"Print where the time went."`
}

// Run subscribes: each URL is fetched (a web page leads to the feed it
// names), and stored with its articles only when it reads as a feed, so a
// typo or a dead link is reported now rather than on every refresh.
func (c *addCmd) Run(e *env) error {
	if c.Full && c.NoFull {
		return fmt.Errorf("add: --full and --no-full contradict each other")
	}
	opts, err := fetchOptions(c.Jobs, c.Timeout)
	if err != nil {
		return err
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	bar := newProgressReporter(e.stderr, "added")
	if len(c.URLs) > 1 && bar.tty { // as plain lines, it would say what the lines below say
		opts.Progress = bar.report
	}
	sum, err := feed.Subscribe(e.ctx, st, c.URLs, feed.SubscribeOptions{FullArticles: c.Full}, opts)
	bar.clear()
	if err != nil {
		return fmt.Errorf("add interrupted: %w (feeds stored before it are kept)", err)
	}
	for _, r := range sum.Results {
		switch r.Status {
		case feed.Fetched:
			fmt.Fprintf(e.stderr, "subscribed to %s <%s>: %s\n", sanitize.Line(r.Name()), sanitize.Line(r.URL), plural(r.New, "article"))
		case feed.Subscribed:
			fmt.Fprintf(e.stderr, "already subscribed to %s (feed %d)\n", sanitize.Line(r.URL), r.FeedID)
		}
		if r.FeedID != 0 && r.Status != feed.Failed && (c.Full || c.NoFull) {
			if err := st.SetFullArticles(e.ctx, r.FeedID, c.Full); err != nil {
				return err
			}
		}
	}
	return finishFetch(e, st, sum, start, c.Stats, "add")
}
