package handoff

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/herald-reader/herald/store"
)

// memStore is an in-memory Source: articles in list order (published desc,
// id desc), bodies by id. It counts what was read.
type memStore struct {
	mu        sync.Mutex
	bodies    map[int64]store.Body
	order     []store.Article
	pages     int
	maxLimit  int
	bodyReads int
	cached    map[int64]string
}

func newMemStore(bodies ...store.Body) *memStore {
	m := &memStore{bodies: map[int64]store.Body{}, cached: map[int64]string{}}
	for _, b := range bodies {
		m.bodies[b.ID] = b
		m.order = append(m.order, b.Article)
	}
	sort.Slice(m.order, func(i, j int) bool {
		a, b := m.order[i].Key(), m.order[j].Key()
		if a.Published != b.Published {
			return a.Published > b.Published
		}
		return a.ID > b.ID
	})
	return m
}

// manyBodies makes n plain articles, id 1 to n, id n the newest.
func manyBodies(n int) []store.Body {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]store.Body, n)
	for i := range out {
		id := int64(i + 1)
		out[i] = store.Body{
			Article: store.Article{ID: id, Title: fmt.Sprintf("Article %d", id), Feed: "Feed",
				Link: fmt.Sprintf("https://example.com/%d", id), Published: base.Add(time.Duration(id) * time.Minute)},
			Text: fmt.Sprintf("Body of article %d.", id),
		}
	}
	return out
}

func (m *memStore) Page(_ context.Context, req store.PageRequest) ([]store.Article, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pages++
	m.maxLimit = max(m.maxLimit, req.Limit)
	start := 0
	if req.From != nil {
		for start < len(m.order) {
			k := m.order[start].Key()
			if k.Published < req.From.Published || (k.Published == req.From.Published && k.ID < req.From.ID) {
				break
			}
			start++
		}
	}
	end := min(start+req.Limit, len(m.order))
	return append([]store.Article(nil), m.order[start:end]...), nil
}

func (m *memStore) Body(_ context.Context, id int64) (store.Body, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.bodyReads++
	b, ok := m.bodies[id]
	if !ok {
		return store.Body{}, fmt.Errorf("article %d: %w", id, store.ErrNotFound)
	}
	return b, nil
}

func (m *memStore) SetMarkdown(_ context.Context, id int64, md string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.cached[id] = md
	return nil
}
