package cli

import (
	"fmt"
	"os"

	"github.com/herald-reader/herald/handoff"
)

type openCmd struct {
	ID string `arg:"" name:"id" help:"Article id (as 'herald ls' prints it)."`
}

// Run opens the article's link as the reader's o does: the link is checked
// (http and https only) and given to the browser as one argument, no shell.
func (c *openCmd) Run(e *env) error {
	id, err := parseID("open", c.ID)
	if err != nil {
		return err
	}
	st, done, err := e.openStoreToRead()
	if err != nil {
		return err
	}
	defer done()
	b, err := st.Body(e.ctx, id)
	if err != nil {
		return fmt.Errorf("open %d: %w", id, err)
	}
	if err := handoff.Open(b.Link, os.Getenv("BROWSER"), e.stderr); err != nil {
		return fmt.Errorf("open %d: %w", id, err)
	}
	return nil
}
