package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"

	"github.com/herald-reader/herald/handoff"
	"github.com/herald-reader/herald/query"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

type lsCmd struct {
	Query []string `arg:"" optional:"" help:"Query: words, \"phrases\", author:NAME, tag:NAME, feed:NAME, is:unread, is:read, is:starred, after:DATE, before:DATE, -negation."`
	JSON  bool     `name:"json" help:"Print JSON Lines."`
	Limit int      `help:"Print at most N articles (0: all)." placeholder:"N"`
}

func (c *lsCmd) Run(e *env) error {
	q, err := query.Parse(joinQuery(c.Query))
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	st, done, err := e.openStoreToRead()
	if err != nil {
		return err
	}
	defer done()
	out := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(out)
	printed := 0
	err = handoff.Walk(e.ctx, st, q.Filter(), c.Limit, func(a store.Article) error {
		printed++
		if c.JSON {
			return enc.Encode(handoff.JSONOf(a))
		}
		_, err := fmt.Fprintln(out, listRow(a))
		return err
	})
	if err != nil {
		return err
	}
	return out.Flush()
}

type authorsCmd struct {
	JSON bool `name:"json" help:"Print JSON Lines."`
}

func (c *authorsCmd) Run(e *env) error { return printFacets(e, c.JSON, (*store.Store).Authors) }

type tagsCmd struct {
	JSON bool `name:"json" help:"Print JSON Lines."`
}

func (c *tagsCmd) Run(e *env) error { return printFacets(e, c.JSON, (*store.Store).Tags) }

func printFacets(e *env, asJSON bool, list func(*store.Store, context.Context) ([]store.Facet, error)) error {
	st, done, err := e.openStoreToRead()
	if err != nil {
		return err
	}
	defer done()
	facets, err := list(st, e.ctx)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(out)
	for _, f := range facets {
		if asJSON {
			err = enc.Encode(facetJSON{Name: sanitize.Line(f.Name), Count: f.Count})
		} else {
			_, err = fmt.Fprintln(out, facetRow(f))
		}
		if err != nil {
			return err
		}
	}
	return out.Flush()
}

type feedsCmd struct {
	JSON bool `name:"json" help:"Print JSON Lines."`
}

func (c *feedsCmd) Run(e *env) error {
	st, done, err := e.openStoreToRead()
	if err != nil {
		return err
	}
	defer done()
	feeds, err := st.Feeds(e.ctx)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(out)
	for _, f := range feeds {
		if c.JSON {
			err = enc.Encode(toFeedJSON(f))
		} else {
			_, err = fmt.Fprintln(out, feedRow(f))
		}
		if err != nil {
			return err
		}
	}
	return out.Flush()
}
