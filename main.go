// herald is a terminal news reader. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/herald-reader/herald/cli"
)

func main() {
	// The reader runs its refreshes in a process of its own (see
	// cli/refreshevents.go): this binary.
	if exe, err := os.Executable(); err == nil {
		cli.RefreshExecutable = exe
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
