package handoff

import (
	"bufio"
	"context"
	"encoding/json"
	"io"

	"github.com/herald-reader/herald/store"
)

// Pager reads a filtered list a keyset page at a time (*store.Store is one).
type Pager interface {
	Page(ctx context.Context, req store.PageRequest) ([]store.Article, error)
}

// Source is what WriteAll reads: pages of the list and each article's body.
type Source interface {
	Pager
	MarkdownCache
	Body(ctx context.Context, id int64) (store.Body, error)
}

// walkPage is how many rows Walk reads per keyset page.
const walkPage = 500

// Walk calls fn for each article f matches, in list order, at most limit of
// them (0: all), reading the store a keyset page at a time so that memory
// stays flat at any size. It stops at fn's first error and returns it.
func Walk(ctx context.Context, p Pager, f store.Filter, limit int, fn func(store.Article) error) error {
	var from *store.Key
	seen := 0
	for {
		n := walkPage
		if limit > 0 {
			n = min(n, limit-seen)
		}
		if n <= 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := p.Page(ctx, store.PageRequest{Filter: f, From: from, Limit: n})
		if err != nil {
			return err
		}
		for _, a := range page {
			if err := fn(a); err != nil {
				return err
			}
		}
		seen += len(page)
		if len(page) < n {
			return nil
		}
		k := page[len(page)-1].Key()
		from = &k
	}
}

// WriteAll writes every article f matches to w. In JSON each is one line,
// the object `herald ls --json` prints plus "text" (no markdown: converting
// a whole list would cost more than most readers of it want); in the other
// formats each is written as Write writes it, a blank line between. The
// store is read a page and a body at a time, as w takes the text.
func WriteAll(ctx context.Context, w io.Writer, src Source, f store.Filter, format Format) error {
	out := bufio.NewWriter(w)
	enc := json.NewEncoder(out)
	first := true
	err := Walk(ctx, src, f, 0, func(a store.Article) error {
		b, err := src.Body(ctx, a.ID)
		if err != nil {
			return err
		}
		if format == JSON {
			j := JSONOf(b.Article)
			text := BodyText(b)
			j.Text = &text
			return enc.Encode(j)
		}
		if !first {
			if _, err := out.WriteString("\n"); err != nil {
				return err
			}
		}
		first = false
		return Write(ctx, out, src, b, format)
	})
	if err != nil {
		return err
	}
	return out.Flush()
}
