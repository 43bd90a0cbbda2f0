package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/herald-reader/herald/store"
)

// fakeStore is an in-memory Store whose articles are computed from their
// ids, so it can hold a million of them without holding any. Article n (1
// to total) is published n minutes after base, so list order (published
// desc, id desc) is id desc. Unfiltered reads are arithmetic; filtered reads
// scan, which is fine at test sizes.
type fakeStore struct {
	mu       sync.Mutex
	total    int
	base     time.Time
	read     map[int64]bool
	starred  map[int64]bool
	markdown map[int64]string
	edit     map[int64]func(*store.Body) // per-article changes (hostile text, say)
	words    int                         // words in a body
	// holdWrites keeps SetRead and SetStarred from landing until
	// landWrites, as a write can land after a read started later.
	holdWrites bool
	held       []func()

	// What the reader asked for.
	pageCalls    int
	maxLimit     int
	bodyCalls    int
	setReadIDs   []int64
	failFilters  bool // every filtered read fails
	relatedCalls []int64
}

var (
	fakeFeeds   = []string{"Go Blog", "Tech News", "日本語ニュース"}
	fakeAuthors = []string{"Alice", "Bob", "Carol", "Dan", "Eve 🚀"}
	fakeTags    = []string{"go", "rust", "climate", "日本"}
)

func newFakeStore(total int) *fakeStore {
	return &fakeStore{
		total:    total,
		base:     time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC),
		read:     map[int64]bool{},
		starred:  map[int64]bool{},
		markdown: map[int64]string{},
		edit:     map[int64]func(*store.Body){},
		words:    120,
	}
}

// add makes n newer articles.
func (f *fakeStore) add(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.total += n
}

func (f *fakeStore) body(id int64) store.Body {
	b := store.Body{Article: store.Article{
		ID:        id,
		FeedID:    id%3 + 1,
		Feed:      fakeFeeds[id%3],
		GUID:      fmt.Sprintf("guid-%d", id),
		Link:      fmt.Sprintf("https://example.com/a/%d", id),
		Title:     fmt.Sprintf("Article %d about %s", id, fakeTags[id%4]),
		Published: f.base.Add(time.Duration(id) * time.Minute),
		Authors:   []string{fakeAuthors[id%5]},
		Tags:      []string{fakeTags[id%4]},
		Read:      f.read[id],
		Starred:   f.starred[id],
	}}
	b.Content = fakeHTML(id, f.words)
	b.Markdown = f.markdown[id]
	if e := f.edit[id]; e != nil {
		e(&b)
	}
	return b
}

// fakeHTML is a body of about words words in paragraphs.
func fakeHTML(id int64, words int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<h2>Part one of %d</h2>", id)
	for i := range words {
		if i%60 == 0 {
			if i > 0 {
				b.WriteString("</p>")
			}
			b.WriteString("<p>")
		}
		fmt.Fprintf(&b, "word%d ", i)
	}
	b.WriteString("</p>")
	return b.String()
}

func (f *fakeStore) article(id int64) store.Article { return f.body(id).Article }

// before reports whether key a comes before key b in list order.
func before(a, b store.Key) bool {
	if a.Published != b.Published {
		return a.Published > b.Published
	}
	return a.ID > b.ID
}

func (f *fakeStore) keyOf(id int64) store.Key {
	return store.Key{Published: f.base.Add(time.Duration(id) * time.Minute).Unix(), ID: id}
}

// matches is the fake's reading of a filter.
func (f *fakeStore) matches(a store.Article, flt store.Filter) bool {
	for _, name := range flt.Authors {
		if !containsFold(a.Authors, name) {
			return false
		}
	}
	for _, name := range flt.Tags {
		if !containsFold(a.Tags, name) {
			return false
		}
	}
	if flt.Unread != nil && a.Read == *flt.Unread {
		return false
	}
	if flt.Starred != nil && a.Starred != *flt.Starred {
		return false
	}
	for _, w := range strings.Fields(strings.NewReplacer(`"`, " ", "*", " ").Replace(flt.Match)) {
		if w == "AND" || w == "OR" || w == "NOT" {
			continue
		}
		if !strings.Contains(strings.ToLower(a.Title), strings.ToLower(w)) {
			return false
		}
	}
	return true
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// ids returns the ids matching flt in list order (only for filtered reads).
func (f *fakeStore) ids(flt store.Filter) []int64 {
	var out []int64
	for id := int64(f.total); id >= 1; id-- {
		if f.matches(f.article(id), flt) {
			out = append(out, id)
		}
	}
	return out
}

func (f *fakeStore) Page(ctx context.Context, req store.PageRequest) ([]store.Article, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pageCalls++
	f.maxLimit = max(f.maxLimit, req.Limit)
	if f.failFilters && !req.Filter.IsZero() {
		return nil, fmt.Errorf("fts5: syntax error")
	}
	limit := req.Limit
	if limit <= 0 {
		limit = 50
	}
	filtered := !req.Filter.IsZero()
	var order []int64 // the matching ids in list order, when filtered
	n := f.total
	if filtered {
		order = f.ids(req.Filter)
		n = len(order)
	}
	idAt := func(i int) int64 {
		if filtered {
			return order[i]
		}
		return int64(f.total - i)
	}
	// p rows come before From; row p may be From itself.
	lo, hi := 0, n
	if req.From != nil {
		k := *req.From
		p := sort.Search(n, func(i int) bool { return !before(f.keyOf(idAt(i)), k) })
		atK := 0
		if p < n && f.keyOf(idAt(p)) == k {
			atK = 1
		}
		if req.Dir == store.Newer {
			hi = p
			if req.Inclusive {
				hi += atK
			}
		} else {
			lo = p
			if !req.Inclusive {
				lo += atK
			}
		}
	}
	if req.Dir == store.Newer {
		lo = max(hi-limit, 0)
	} else {
		hi = min(lo+limit, n)
	}
	rows := make([]store.Article, 0, max(hi-lo, 0))
	for i := lo; i < hi; i++ {
		rows = append(rows, f.article(idAt(i)))
	}
	return rows, nil
}

func (f *fakeStore) Count(ctx context.Context, flt store.Filter) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if flt.IsZero() {
		return f.total, nil
	}
	if f.failFilters {
		return 0, fmt.Errorf("fts5: syntax error")
	}
	return len(f.ids(flt)), nil
}

func (f *fakeStore) Position(ctx context.Context, flt store.Filter, k store.Key) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if flt.IsZero() {
		return sort.Search(f.total, func(i int) bool { return !before(f.keyOf(int64(f.total-i)), k) }), nil
	}
	if f.failFilters {
		return 0, fmt.Errorf("fts5: syntax error")
	}
	n := 0
	for _, id := range f.ids(flt) {
		if before(f.keyOf(id), k) {
			n++
		}
	}
	return n, nil
}

func (f *fakeStore) Body(ctx context.Context, id int64) (store.Body, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.bodyCalls++
	if id < 1 || id > int64(f.total) {
		return store.Body{}, store.ErrNotFound
	}
	return f.body(id), nil
}

// facetCounts counts, for names[j], the ids 1..total with id%len(names)==j.
func (f *fakeStore) facetCounts(names []string) []store.Facet {
	out := make([]store.Facet, len(names))
	k := len(names)
	for j, name := range names {
		n := f.total / k
		if j != 0 && j <= f.total%k {
			n++
		}
		out[j] = store.Facet{Name: name, Count: n}
	}
	return out
}

func (f *fakeStore) Authors(ctx context.Context) ([]store.Facet, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.facetCounts(fakeAuthors), nil
}

func (f *fakeStore) Tags(ctx context.Context) ([]store.Facet, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.facetCounts(fakeTags), nil
}

func (f *fakeStore) SetRead(ctx context.Context, id int64, read bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.setReadIDs = append(f.setReadIDs, id)
	if f.holdWrites {
		f.held = append(f.held, func() { f.read[id] = read })
		return nil
	}
	f.read[id] = read
	return nil
}

func (f *fakeStore) SetStarred(ctx context.Context, id int64, starred bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.holdWrites {
		f.held = append(f.held, func() { f.starred[id] = starred })
		return nil
	}
	f.starred[id] = starred
	return nil
}

// landWrites applies the writes held so far.
func (f *fakeStore) landWrites() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, w := range f.held {
		w()
	}
	f.held, f.holdWrites = nil, false
}

func (f *fakeStore) SetMarkdown(ctx context.Context, id int64, markdown string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.markdown[id] = markdown
	return nil
}

// Related is deterministic: the articles by the same author (every fifth
// id), the next newer one first and then the older ones, up to n, each with
// the reason "same author: NAME". Newer first makes the relation
// non-transitive: 95's first related story is 100, not 90.
func (f *fakeStore) Related(ctx context.Context, id int64, n int) ([]store.Related, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.relatedCalls = append(f.relatedCalls, id)
	var out []store.Related
	cands := []int64{}
	if id+5 <= int64(f.total) {
		cands = append(cands, id+5)
	}
	for r := id - 5; r >= 1 && len(cands) < n; r -= 5 {
		cands = append(cands, r)
	}
	for _, r := range cands {
		a := f.body(r).Article
		out = append(out, store.Related{Article: a, Score: float64(n - len(out)),
			Reasons: []string{"same author: " + a.Authors[0]}})
	}
	return out, nil
}

// ArticlesByLink knows the fake's own links: https://example.com/a/N is
// article N.
func (f *fakeStore) ArticlesByLink(ctx context.Context, links []string) (map[string]store.Article, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]store.Article{}
	for _, l := range links {
		var id int64
		if _, err := fmt.Sscanf(l, "https://example.com/a/%d", &id); err == nil && id >= 1 && id <= int64(f.total) {
			if a := f.body(id).Article; a.Link == l {
				out[l] = a
			}
		}
	}
	return out, nil
}
