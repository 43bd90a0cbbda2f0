package cli

import (
	"context"

	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/ui"
)

// The reader's refresh in a child process needs the herald binary, which
// the external tests build (see helpers_test.go): these hand them the
// internals they drive.

// RefreshInChild is refreshInChild.
var RefreshInChild = refreshInChild

// ReaderRefresh starts the reader's refresh on st in the binary exe, and
// returns with it the reader's close, which waits for the refresh to stop.
func ReaderRefresh(ctx context.Context, st *store.Store, exe string) (<-chan ui.RefreshProgress, func() (ui.RefreshResult, error), func()) {
	rf := newReaderFeeds(st, exe)
	events, wait := rf.refresh(ctx)
	return events, wait, rf.close
}
