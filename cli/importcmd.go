package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/sanitize"
)

type importCmd struct {
	Paths []string `arg:"" name:"path" help:"Feed files, OPML lists, .md/.txt/.html article files, herald's JSON export, or folders of them; '-' reads stdin."`
	Stats bool     `help:"Print where the time went."`
}

func (c *importCmd) Run(e *env) error {
	start := time.Now()
	sources, failed, skipped := c.sources(e)
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	stats, err := feed.Import(e.ctx, st, sources, func(source string, err error) {
		// Parser errors may name the source themselves (as may a file
		// system error, with its path); name it once.
		name := sanitize.Line(source)
		msg := sanitize.Line(pathError(err))
		msg = strings.TrimPrefix(strings.TrimPrefix(msg, name+": "), sanitize.Line(filepath.Base(source))+": ")
		fmt.Fprintf(e.stderr, "herald: import %s: %s\n", name, msg)
	})
	if err != nil {
		return fmt.Errorf("import interrupted: %w (files imported before it are kept)", err)
	}
	t := time.Now()
	indexed, err := st.IndexPending(e.ctx)
	if err != nil {
		return fmt.Errorf("index for search: %w", err)
	}
	indexTime, searchable := time.Since(t), time.Since(start)
	// Commits leave the checkpoint to the end of a large write (see
	// store.Checkpoint); an import that fails to make one has still
	// stored everything, in the log.
	t = time.Now()
	if err := st.Checkpoint(e.ctx); err != nil {
		return fmt.Errorf("checkpoint the store: %w", err)
	}
	checkpointTime := time.Since(t)
	failed += stats.Failed
	fmt.Fprintf(e.stderr, "%s: %d new, %d updated, %d unchanged articles", plural(stats.Files-len(stats.Skipped)+failed-stats.Failed, "file"), stats.Added, stats.Updated, stats.Unchanged)
	if stats.Subscriptions > 0 {
		fmt.Fprintf(e.stderr, ", %s", plural(stats.Subscriptions, "subscription"))
	}
	if failed > 0 {
		fmt.Fprintf(e.stderr, ", %d failed", failed)
	}
	fmt.Fprintln(e.stderr)
	skipped = append(skipped, stats.Skipped...)
	if n := len(skipped); n > 0 {
		// Not an error (the summary line stays as scripts read it): a
		// folder may hold other things besides its feeds.
		fmt.Fprintf(e.stderr, "skipped %s found in folders, neither feeds, OPML lists nor article files: %s\n", plural(n, "file"), someNames(skipped, 3))
	}
	if c.Stats {
		fmt.Fprintf(e.stderr, "listable after %v (parse %v over all workers, store %v), searchable after %v (index %d articles: %v), checkpoint %v\n",
			stats.Listable.Round(time.Millisecond), stats.Parse.Round(time.Millisecond), stats.Store.Round(time.Millisecond),
			searchable.Round(time.Millisecond), indexed, indexTime.Round(time.Millisecond), checkpointTime.Round(time.Millisecond))
	}
	if failed > 0 {
		return partialFailure{failed: failed}
	}
	return nil
}

// sources expands the command's paths: folders to the files in them
// (hidden ones skipped), '-' to stdin. A path that cannot be read is
// reported and counted, and the rest go on.
func (c *importCmd) sources(e *env) (out []feed.Source, failed int, skipped []string) {
	for _, p := range c.Paths {
		if p == "-" {
			stdin := e.stdin
			out = append(out, feed.Source{Name: "-", Open: func() (io.ReadCloser, error) { return io.NopCloser(stdin), nil }})
			continue
		}
		abs, err := filepath.Abs(p)
		if err == nil {
			err = filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if path != abs && strings.HasPrefix(d.Name(), ".") {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if d.IsDir() {
					return nil
				}
				if path != abs && !importableFile(path, d) {
					// A pipe would block the import for ever; a link to a
					// folder may loop. Named on the command line they are
					// still read (`herald import <(curl …)` is a pipe).
					skipped = append(skipped, foundName(p, abs, path))
					return nil
				}
				name := foundName(p, abs, path)
				out = append(out, feed.Source{Name: name, Path: path, Found: path != abs,
					Open: func() (io.ReadCloser, error) { return os.Open(path) }})
				return nil
			})
		}
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "herald: import %s: %s\n", sanitize.Line(p), sanitize.Line(pathError(err)))
		}
	}
	return out, failed, skipped
}

// foundName names a file found under abs, the folder given as p, as the
// user would: by the path they gave and the file's place in the folder.
func foundName(p, abs, path string) string {
	if rel, err := filepath.Rel(abs, path); err == nil && rel != "." {
		return filepath.Join(p, rel)
	}
	return p
}

// importableFile: of what a folder holds, only regular files (or links to
// them) are read.
func importableFile(path string, d fs.DirEntry) bool {
	if d.Type().IsRegular() {
		return true
	}
	if d.Type()&fs.ModeSymlink == 0 {
		return false
	}
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// someNames lists the first few of names and says how many more there are.
func someNames(names []string, few int) string {
	shown := make([]string, 0, few)
	for _, n := range names[:min(len(names), few)] {
		shown = append(shown, sanitize.Line(n))
	}
	list := strings.Join(shown, ", ")
	if more := len(names) - len(shown); more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	return list
}

// pathError strips the path from an *fs.PathError: the caller names it.
func pathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
