// herald is a terminal news reader. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/herald-reader/herald/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
