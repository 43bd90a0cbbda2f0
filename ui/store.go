package ui

import (
	"context"

	"github.com/herald-reader/herald/store"
)

// Store is what the reader needs from the article store. *store.Store
// satisfies it; tests hand the reader an in-memory fake.
type Store interface {
	// Page returns rows in list order (published desc, id desc) walking by
	// keyset from req.From.
	Page(ctx context.Context, req store.PageRequest) ([]store.Article, error)
	Count(ctx context.Context, f store.Filter) (int, error)
	// Position returns how many rows of f come before k in list order.
	Position(ctx context.Context, f store.Filter, k store.Key) (int, error)
	Body(ctx context.Context, id int64) (store.Body, error)
	Authors(ctx context.Context) ([]store.Facet, error)
	Tags(ctx context.Context) ([]store.Facet, error)
	SetRead(ctx context.Context, id int64, read bool) error
	SetStarred(ctx context.Context, id int64, starred bool) error
	// SetMarkdown caches the markdown conversion of an article's body.
	SetMarkdown(ctx context.Context, id int64, markdown string) error
	// Related returns up to n articles related to article id, best first.
	Related(ctx context.Context, id int64, n int) ([]store.Related, error)
	// ArticlesByLink returns the articles that links point to, by link
	// (links with no article in the store are absent).
	ArticlesByLink(ctx context.Context, links []string) (map[string]store.Article, error)
}
