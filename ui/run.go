// Package ui is herald's reader: a Bubble Tea program with authors and tags
// sidebars, a virtual article list paged from the store by keyset, and a
// reading pane that renders articles with glamour ahead of the key that
// opens them. Run runs it; New gives the root model to tests.
//
// Article text is hostile: everything from the store is sanitised again as
// it is drawn, and glamour's output keeps only its SGR styling, so no escape
// sequence from an article reaches the terminal.
package ui

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// Run runs the reader on the terminal until the user quits or ctx ends. The
// view asks for the alternate screen and mouse reports; Bubble Tea restores
// the terminal on the way out, and after a panic anywhere (Update, View, or
// a command) it restores it first and then prints the panic, and Run
// returns an error.
func Run(ctx context.Context, st Store, opts Options) error {
	return runReader(ctx, st, opts)
}

// runReader runs the reader on st; when it ends, however it ends, its
// context is canceled, so that what it started in the background (a
// refresh, a full article's fetch) stops too.
func runReader(ctx context.Context, st Store, opts Options, extra ...tea.ProgramOption) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	return run(ctx, newModel(ctx, st, opts), extra...)
}

// run runs m with extra program options (tests pass input and output).
func run(ctx context.Context, m Model, extra ...tea.ProgramOption) error {
	opts := append([]tea.ProgramOption{tea.WithContext(ctx)}, extra...)
	_, err := tea.NewProgram(m, opts...).Run()
	switch {
	case err == nil:
		return nil
	case errors.Is(err, tea.ErrProgramPanic):
		return fmt.Errorf("the reader crashed (the terminal was restored): %w", err)
	case errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil:
		return nil // the caller ended the reader
	}
	return err
}
