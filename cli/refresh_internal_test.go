package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/feed"
)

func TestProgressBarOnATerminal(t *testing.T) {
	var buf bytes.Buffer
	p := newProgressReporter(&buf, "fetched")
	p.tty, p.width = true, 80
	p.report(feed.Progress{Done: 3, Total: 10, New: 42, Failed: 1, Last: feed.FeedResult{Title: "\x1b]0;evil\x07Feed"}})
	p.report(feed.Progress{Done: 10, Total: 10, New: 50, Failed: 1}) // the last one is always drawn
	p.clear()
	out := buf.String()
	if !strings.HasPrefix(out, "\r") || !strings.HasSuffix(out, "\r"+ansi.EraseLineRight) {
		t.Errorf("the bar is not redrawn in place and cleared: %q", out)
	}
	plain := ansi.Strip(out)
	for _, want := range []string{"3/10 feeds · 42 new articles · 1 failed", "10/10 feeds · 50 new articles", "100%"} {
		if !strings.Contains(plain, want) {
			t.Errorf("bar lacks %q: %q", want, plain)
		}
	}
	if strings.Contains(out, "evil") || strings.Contains(out, "\n") {
		t.Errorf("the bar shows feed data or breaks lines: %q", out)
	}
	for _, line := range strings.Split(plain, "\r") {
		if ansi.StringWidth(line) >= 80 {
			t.Errorf("bar wider than the terminal: %q", line)
		}
	}
}

func TestProgressLinesOffATerminal(t *testing.T) {
	var buf bytes.Buffer
	p := newProgressReporter(&buf, "fetched")
	p.report(feed.Progress{Done: 1, Total: 3, Last: feed.FeedResult{Title: "Puffins", Status: feed.Fetched, New: 2}})
	p.report(feed.Progress{Done: 2, Total: 3, Last: feed.FeedResult{Title: "Gannets\x1b[31m", Status: feed.Failed, Err: errors.New("HTTP 500\nInternal")}})
	p.report(feed.Progress{Done: 3, Total: 3, Last: feed.FeedResult{URL: "https://e.test/rss", Status: feed.NotModified}})
	p.clear()
	want := "[1/3] Puffins: 2 new articles\n[2/3] Gannets[31m: failed: HTTP 500 Internal\n[3/3] https://e.test/rss: not modified\n"
	if buf.String() != want {
		t.Errorf("got %q\nwant %q", buf.String(), want)
	}
}

func TestSummaryLine(t *testing.T) {
	for _, c := range []struct {
		sum  feed.Summary
		want string
	}{
		{feed.Summary{Feeds: 100, New: 9999, Failed: 2}, "100 feeds, 9999 new articles, 2 failed"},
		{feed.Summary{Feeds: 1, New: 1}, "1 feed, 1 new article, 0 failed"},
		{feed.Summary{Feeds: 3, Deferred: 1}, "3 feeds, 0 new articles, 0 failed, 1 waiting (the server asked for time)"},
		{feed.Summary{Feeds: 2, New: 4, FullArticles: 3, FullFailed: 1}, "2 feeds, 4 new articles, 0 failed; 3 full articles (1 pages failed)"},
	} {
		if got := summaryLine(c.sum); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestParseAge(t *testing.T) {
	now := time.Date(2026, 5, 31, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"90d": now.AddDate(0, 0, -90),
		"2w":  now.AddDate(0, 0, -14),
		"6m":  time.Date(2025, 12, 1, 12, 0, 0, 0, time.UTC), // months (Nov 31 normalises)
		"1y":  now.AddDate(-1, 0, 0),
		"36h": now.Add(-36 * time.Hour),
	} {
		f, err := parseAge(in)
		if err != nil {
			t.Errorf("%s: %v", in, err)
		} else if got := f(now); !got.Equal(want) {
			t.Errorf("%s: %v, want %v", in, got, want)
		}
	}
	for _, bad := range []string{"", "d", "0d", "-1d", "90", "1x", "-3h"} {
		if _, err := parseAge(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
