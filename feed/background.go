package feed

import (
	"context"

	"github.com/herald-reader/herald/store"
)

// Background is a refresh running on its own goroutine, for a program that
// must not block on it (the reader's `r`). Its progress arrives on a
// channel that never holds the refresh up: when the receiver lags, it gets
// the latest progress, not every step (Progress is cumulative).
//
// In Bubble Tea, a tea.Cmd receives one event and returns it as a message;
// Update schedules the next receive until the channel is closed, then calls
// Wait for the summary:
//
//	func waitRefresh(bg *feed.Background) tea.Cmd {
//		return func() tea.Msg {
//			if p, ok := <-bg.Events(); ok {
//				return refreshProgressMsg{p}
//			}
//			sum, err := bg.Wait()
//			return refreshDoneMsg{sum, err}
//		}
//	}
type Background struct {
	events chan Progress
	done   chan struct{}
	sum    Summary
	err    error
}

// StartRefresh starts Refresh(ctx, st, feeds, opts) in the background;
// opts.Progress, if set, is called too. Cancel ctx to stop it early.
func StartRefresh(ctx context.Context, st *store.Store, feeds []store.Feed, opts RefreshOptions) *Background {
	bg := &Background{events: make(chan Progress, 1), done: make(chan struct{})}
	progress := opts.Progress
	opts.Progress = func(p Progress) {
		if progress != nil {
			progress(p)
		}
		bg.send(p)
	}
	go func() {
		defer close(bg.done)
		defer close(bg.events)
		bg.sum, bg.err = Refresh(ctx, st, feeds, opts)
	}()
	return bg
}

// send delivers p without blocking, replacing an undelivered older one.
// Only the refresh's writer goroutine sends.
func (bg *Background) send(p Progress) {
	select {
	case bg.events <- p:
		return
	default:
	}
	select {
	case <-bg.events:
	default:
	}
	bg.events <- p
}

// Events delivers progress; it is closed when the refresh is over.
func (bg *Background) Events() <-chan Progress { return bg.events }

// Wait blocks until the refresh is over and returns what Refresh returned.
func (bg *Background) Wait() (Summary, error) {
	<-bg.done
	return bg.sum, bg.err
}
