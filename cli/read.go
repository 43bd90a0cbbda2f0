package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/adrg/xdg"

	"github.com/herald-reader/herald/config"
	"github.com/herald-reader/herald/demo"
	"github.com/herald-reader/herald/handoff"
	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/ui"
)

// readCmd opens the reader (the default command).
type readCmd struct{}

func (c *readCmd) Run(e *env) error {
	opts, err := readerOptions(e.noConfig)
	if err != nil {
		return err
	}
	var st *store.Store
	if e.demo {
		dir, err := os.MkdirTemp("", "herald-demo-")
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		defer os.RemoveAll(dir)
		if st, err = openDemoStore(e.ctx, dir+"/demo.db"); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	} else if st, err = e.openStore(); err != nil {
		return err
	}
	defer st.Close()
	feeds := newReaderFeeds(st, RefreshExecutable)
	defer feeds.close() // before st.Close: the reader's background work ends first
	opts.Refresh, opts.FetchFull = feeds.refresh, feeds.fetchFull
	return ui.Run(e.ctx, st, opts)
}

// options reads the config file into the reader's options. A bad config is
// an error naming its file and line; --no-config starts without it.
func readerOptions(noConfig bool) (ui.Options, error) {
	cfg, err := loadConfig(noConfig)
	if err != nil {
		return ui.Options{}, err
	}
	keys := ui.DefaultKeyMap()
	if err := keys.Apply(cfg.Keys); err != nil {
		return ui.Options{}, fmt.Errorf("config %s: %w", cfg.Source(), err)
	}
	browser := os.Getenv("BROWSER")
	return ui.Options{
		Theme: cfg.Theme, GlamourStyle: cfg.GlamourStyle, DateFormat: cfg.DateFormat,
		SidebarWidth: cfg.SidebarWidth, ListWidth: cfg.ListWidth, Keys: keys,
		PipeCommand: cfg.PipeCommand, SaveDir: cfg.SaveDir, AutoRefresh: cfg.AutoRefresh.Duration,
		PipeHistory:   filepath.Join(xdg.StateHome, "herald", "pipe_history"),
		SearchHistory: filepath.Join(xdg.StateHome, "herald", "search_history"),
		OpenURL: func(_ context.Context, url string) error {
			return handoff.Open(url, browser, nil) // nil: the opener must not write over the reader
		},
	}, nil
}

// loadConfig reads and checks the config file (defaults with --no-config).
func loadConfig(noConfig bool) (config.Config, error) {
	if noConfig {
		return config.Default(), nil
	}
	cfg, err := config.Load(config.Path())
	if err != nil {
		return cfg, fmt.Errorf("config %w (start with --no-config to ignore it)", err)
	}
	if err := cfg.Validate(ui.BindingNames()); err != nil {
		return cfg, fmt.Errorf("config %w (start with --no-config to ignore it)", err)
	}
	return cfg, nil
}

// openDemoStore makes a store at path holding the bundled sample articles.
func openDemoStore(ctx context.Context, path string) (*store.Store, error) {
	feeds, err := demo.Feeds()
	if err != nil {
		return nil, err
	}
	st, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	for _, f := range feeds {
		if _, err := st.SaveArticles(ctx, f.Info, f.Articles); err != nil {
			st.Close()
			return nil, err
		}
	}
	if _, err := st.IndexPending(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}
