// herald is a terminal news reader. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/herald-reader/herald/cli"
)

func main() {
	// The reader runs its refreshes in a process of its own (see
	// cli/refreshevents.go): this binary.
	if exe, err := os.Executable(); err == nil {
		cli.RefreshExecutable = exe
	}
	// These signals end herald the way an error does: the command's context
	// is canceled, its deferred work runs (the terminal is restored, a
	// half-done import rolls back, the demo's temporary store is removed)
	// and it exits. SIGHUP comes when the terminal goes away (a closed
	// window, a dropped ssh link, `tmux kill-session`); left to Go's
	// default it ended herald on the spot. A second signal is not caught:
	// it ends herald at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	context.AfterFunc(ctx, stop)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
