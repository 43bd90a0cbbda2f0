// Package storegen fills a store with realistic synthetic articles for
// benchmarks and manual testing: skewed author and tag popularity, a Zipf
// vocabulary (so full-text queries hit common and rare words alike), and
// dates spread over five years. Output is deterministic for a seed.
package storegen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/herald-reader/herald/store"
)

// Options shape the generated store.
type Options struct {
	Articles int
	Feeds    int    // default 200
	Authors  int    // default 2,000
	Tags     int    // default 400
	MinWords int    // default 200
	MaxWords int    // default 2,000
	Seed     uint64 // default 1
}

func (o *Options) defaults() {
	if o.Feeds == 0 {
		o.Feeds = 200
	}
	if o.Authors == 0 {
		o.Authors = 2000
	}
	if o.Tags == 0 {
		o.Tags = 400
	}
	if o.MinWords == 0 {
		o.MinWords = 200
	}
	if o.MaxWords == 0 {
		o.MaxWords = 2000
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
}

// Epoch is the newest generated date; articles go back five years from it.
var Epoch = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// Fill adds o.Articles articles to st, in batches of one transaction per
// feed-sized chunk, then indexes them for search.
func Fill(ctx context.Context, st *store.Store, o Options) error {
	o.defaults()
	g := newGenerator(o)
	const batch = 2000
	for done := 0; done < o.Articles; done += batch {
		n := min(batch, o.Articles-done)
		feed := g.rng.IntN(o.Feeds)
		items := make([]store.NewArticle, n)
		for i := range items {
			items[i] = g.article(done + i)
		}
		info := store.FeedInfo{URL: fmt.Sprintf("https://feeds.example/%d.xml", feed), Kind: store.KindHTTP, Title: g.feedTitle(feed)}
		if _, err := st.SaveArticles(ctx, info, items); err != nil {
			return err
		}
	}
	_, err := st.IndexPending(ctx)
	return err
}

type generator struct {
	o       Options
	rng     *rand.Rand
	vocab   []string
	words   *rand.Zipf
	authors *rand.Zipf
	tags    *rand.Zipf
}

func newGenerator(o Options) *generator {
	rng := rand.New(rand.NewPCG(o.Seed, 7))
	g := &generator{o: o, rng: rng}
	g.vocab = vocabulary(rand.New(rand.NewPCG(o.Seed, 11)), 20000)
	g.words = rand.NewZipf(rng, 1.07, 2, uint64(len(g.vocab)-1))
	g.authors = rand.NewZipf(rng, 1.2, 5, uint64(o.Authors-1))
	g.tags = rand.NewZipf(rng, 1.1, 3, uint64(o.Tags-1))
	return g
}

var syllables = strings.Fields("ka lo mi ra ten sor vel an is ul pre qua dor fin gal mar nek ost pil rum sa tri ve zo ber cal den el fro")

// vocabulary makes n distinct pronounceable words.
func vocabulary(rng *rand.Rand, n int) []string {
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		k := 1 + rng.IntN(4)
		var b strings.Builder
		for range k {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		w := b.String()
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// Word returns the i-th most common vocabulary word for seed 1, for
// benchmarks that query common (small i) and rare (large i) words.
func Word(i int) string {
	return vocabulary(rand.New(rand.NewPCG(1, 11)), 20000)[i]
}

// AuthorName and TagName name the i-th most popular author and tag.
func AuthorName(i int) string { return fmt.Sprintf("Author %d", i) }
func TagName(i int) string    { return fmt.Sprintf("Topic %d", i) }

func (g *generator) feedTitle(i int) string { return fmt.Sprintf("Feed %d", i) }

func (g *generator) sentence(words int) string {
	var b strings.Builder
	for i := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(g.vocab[g.words.Uint64()])
	}
	b.WriteByte('.')
	return b.String()
}

func (g *generator) article(n int) store.NewArticle {
	words := g.o.MinWords + g.rng.IntN(g.o.MaxWords-g.o.MinWords+1)
	var body strings.Builder
	for words > 0 {
		para := min(words, 40+g.rng.IntN(80))
		body.WriteString(g.sentence(para))
		body.WriteString("\n\n")
		words -= para
	}
	authors := []string{AuthorName(int(g.authors.Uint64()))}
	if g.rng.IntN(10) == 0 {
		authors = append(authors, AuthorName(int(g.authors.Uint64())))
	}
	tags := make([]string, 1+g.rng.IntN(4))
	for i := range tags {
		tags[i] = TagName(int(g.tags.Uint64()))
	}
	published := Epoch.Add(-time.Duration(g.rng.Int64N(int64(5 * 365 * 24 * time.Hour))))
	text := body.String()
	return store.NewArticle{
		GUID:      fmt.Sprintf("gen-%d", n),
		Link:      fmt.Sprintf("https://news.example/a/%d", n),
		Title:     strings.TrimSuffix(g.sentence(4+g.rng.IntN(8)), "."),
		Published: published,
		Content:   "<p>" + strings.ReplaceAll(strings.TrimSpace(text), "\n\n", "</p>\n<p>") + "</p>",
		Text:      text,
		Authors:   authors,
		Tags:      tags,
	}
}
