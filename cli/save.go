package cli

import (
	"fmt"
	"strconv"

	"github.com/herald-reader/herald/handoff"
)

type saveCmd struct {
	ID  string `arg:"" name:"id" help:"Article id (as 'herald ls' prints it)."`
	Dir string `arg:"" optional:"" help:"Folder to save in (default: save_dir from the config, else the current folder)."`
}

// Run saves the article as the reader's S does: a new markdown file named
// from the title, never outside the folder, never over another file.
func (c *saveCmd) Run(e *env) error {
	id, err := parseID("save", c.ID)
	if err != nil {
		return err
	}
	dir := c.Dir
	if dir == "" {
		cfg, err := loadConfig(e.noConfig)
		if err != nil {
			return err
		}
		dir = cfg.SaveDir
	}
	st, done, err := e.openStoreToRead()
	if err != nil {
		return err
	}
	defer done()
	path, err := handoff.Save(e.ctx, st, id, dir)
	if err != nil {
		return fmt.Errorf("save %d: %w", id, err)
	}
	_, err = fmt.Fprintln(e.stdout, path)
	return err
}

// parseID reads an article id argument of command cmd.
func parseID(cmd, s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%s: %q is not an article id", cmd, s)
	}
	return id, nil
}
