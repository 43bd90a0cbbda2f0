package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/handoff"
	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/ui"
)

// The reader refreshes in a process of its own: `herald refresh --events`,
// which writes its progress and result as JSON Lines on stdout.
//
// In the reader's process, a refresh of 100 large feeds (parsing, storing,
// indexing) shared the Go scheduler and the garbage collector with the
// interface: keys took 26 ms to answer (median; p95 96 ms) while it ran. In
// a child they take 10 ms (p95 60 ms, the list being read again as articles
// arrive), as when nothing runs. The child also takes its memory with it
// when it ends. (A lower priority for the child, by nice, made no
// difference on two cores, so it keeps the reader's.)

// refreshEvent is one line of `herald refresh --events`: a progress event,
// or the result, written once the new articles are searchable.
type refreshEvent struct {
	Progress *ui.RefreshProgress `json:"progress,omitempty"`
	Result   *ui.RefreshResult   `json:"result,omitempty"`
}

// refreshWithEvents is the child's side: refresh feeds, index and
// checkpoint, writing events to stdout. Failed feeds are in the result,
// not the exit status; an interrupted refresh is an error on stderr.
func refreshWithEvents(e *env, st *store.Store, feeds []store.Feed, opts feed.RefreshOptions) error {
	var mu sync.Mutex // Progress may be called from the refresh's workers
	enc := json.NewEncoder(e.stdout)
	emit := func(ev refreshEvent) {
		mu.Lock()
		defer mu.Unlock()
		enc.Encode(ev) // a reader that went away ends the refresh by signal
	}
	var sum feed.Summary
	if len(feeds) > 0 {
		opts.Progress = func(p feed.Progress) {
			emit(refreshEvent{Progress: &ui.RefreshProgress{Done: p.Done, Total: p.Total, New: p.New, Failed: p.Failed}})
		}
		var err error
		if sum, err = feed.Refresh(e.ctx, st, feeds, opts); err != nil {
			return fmt.Errorf("refresh interrupted: %w (feeds stored before it are kept)", err)
		}
	}
	if sum.New+sum.Updated > 0 {
		emit(refreshEvent{Progress: &ui.RefreshProgress{Done: sum.Feeds, Total: sum.Feeds, New: sum.New, Failed: sum.Failed, Indexing: true}})
		if _, err := st.IndexPending(e.ctx); err != nil {
			return fmt.Errorf("index for search: %w", err)
		}
	}
	if err := st.Checkpoint(e.ctx); err != nil {
		return fmt.Errorf("checkpoint the store: %w", err)
	}
	res := refreshResult(sum)
	res.Indexed = true
	emit(refreshEvent{Result: &res})
	return nil
}

// childStopGrace is how long a canceled child refresh has to stop after
// its interrupt (it stops at its next feed, keeping what it stored) before
// it is killed.
const childStopGrace = 10 * time.Second

// refreshInChild is the reader's side: run `exe --db path refresh
// --events`, pass its progress on (the latest, never holding the child
// up) and return its result. Canceling ctx interrupts the child.
func refreshInChild(ctx context.Context, exe, path string) (<-chan ui.RefreshProgress, func() (ui.RefreshResult, error)) {
	out := make(chan ui.RefreshProgress, 1)
	cmd := exec.CommandContext(ctx, exe, "--db", path, "refresh", "--events")
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = childStopGrace
	// Nothing of the child's may reach the reader's terminal.
	cmd.Stdin = nil
	stderr := &handoff.LastLine{} // herald's own error message, if it fails
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err != nil {
		close(out)
		return out, func() (ui.RefreshResult, error) {
			return ui.RefreshResult{}, fmt.Errorf("start the refresh: %w", err)
		}
	}
	var (
		result  *ui.RefreshResult
		last    ui.RefreshProgress
		badErr  error
		waitErr error
		done    = make(chan struct{}) // closed once the child has ended
	)
	go func() {
		defer close(done)
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 64<<10), 16<<20) // a result lists every failed feed
		for sc.Scan() {
			var ev refreshEvent
			if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
				badErr = fmt.Errorf("the refresh wrote a line that is not an event: %w", err)
				continue
			}
			switch {
			case ev.Result != nil:
				result = ev.Result
			case ev.Progress != nil:
				last = *ev.Progress
				sendLatest(out, last)
			}
		}
		io.Copy(io.Discard, stdout) // a line too long: let the child finish
		close(out)
		waitErr = cmd.Wait()
	}()
	// wait may be called more than once.
	return out, func() (ui.RefreshResult, error) {
		<-done
		switch {
		case result != nil:
			return *result, nil
		case ctx.Err() != nil:
			// Interrupted: what it stored is kept.
			return ui.RefreshResult{Feeds: last.Total, New: last.New, Failed: last.Failed}, ctx.Err()
		case badErr != nil:
			return ui.RefreshResult{}, badErr
		}
		return ui.RefreshResult{}, childError(waitErr, stderr.Last())
	}
}

// childError is why a child refresh ended without a result: the last line
// it wrote on stderr (herald's own error message), else how it exited.
func childError(waitErr error, lastStderr string) error {
	switch {
	case lastStderr != "":
		return errors.New(strings.TrimPrefix(lastStderr, "herald: "))
	case waitErr != nil:
		return waitErr
	}
	return errors.New("the refresh ended without a result")
}
