package ui

import "container/list"

// renderCache keeps the most recent renderings, least recently used out
// first, so that going back to an article (or opening a pre-rendered one)
// costs no render while memory stays bounded.
type renderCache struct {
	capacity int
	entries  map[renderKey]*list.Element
	order    *list.List // front: most recently used
}

type cacheEntry struct {
	key renderKey
	rendering
}

func newRenderCache(capacity int) *renderCache {
	return &renderCache{capacity: capacity, entries: map[renderKey]*list.Element{}, order: list.New()}
}

func (c *renderCache) get(k renderKey) (*rendering, bool) {
	e, ok := c.entries[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	r := e.Value.(cacheEntry).rendering
	return &r, true
}

func (c *renderCache) has(k renderKey) bool {
	_, ok := c.entries[k]
	return ok
}

func (c *renderCache) put(k renderKey, r rendering) {
	if e, ok := c.entries[k]; ok {
		e.Value = cacheEntry{k, r}
		c.order.MoveToFront(e)
		return
	}
	c.entries[k] = c.order.PushFront(cacheEntry{k, r})
	for c.order.Len() > c.capacity {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.entries, last.Value.(cacheEntry).key)
	}
}

func (c *renderCache) len() int { return c.order.Len() }

// drop removes every rendering of article id (its body changed).
func (c *renderCache) drop(id int64) {
	for k, e := range c.entries {
		if k.id == id {
			c.order.Remove(e)
			delete(c.entries, k)
		}
	}
}
