package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Related is an article related to another one, with why.
type Related struct {
	Article // authors and tags filled, as in a list page
	Score   float64
	// Reasons says what the two articles share: authors, then tags, then
	// words, as in "same author: Xia Hua", "tags: Crafts, Winter",
	// "words: weaving, embroidery".
	Reasons []string
}

// Reason is the reasons as one line.
func (r Related) Reason() string { return strings.Join(r.Reasons, " · ") }

const (
	defaultRelated = 10
	// maxRelated is the most a call returns, and what is ranked and cached
	// per article, so asking for 5 and then 20 ranks once.
	maxRelated = 50
	// facetWindow is how many articles sharing an author or tag are taken on
	// each side of the article's date. A tag on 300,000 articles costs what a
	// rare one does, and the stories chosen are the ones of the same time.
	facetWindow = 100
	// rerankPool is how many of the best candidates get their shared
	// authors and tags read in full (see exactFacets).
	rerankPool = 2 * maxRelated
	// maxFacetEvidence caps the authors and the tags of the article that
	// count: which of them a candidate shares is a bit of a uint64.
	maxFacetEvidence = 64
	// Full-text similarity: of the article's words, the candidateTerms most
	// frequent are looked up, and the distinctiveTerms best by tf·idf are
	// searched for. A word in more than maxTermDocs articles is too common
	// to tell stories apart and too costly to read the postings of.
	candidateTerms   = 24
	distinctiveTerms = 8
	maxTermDocs      = 500
	// wordWeight scales a shared word against a shared author or tag of the
	// same rarity: a tag is a statement about the story, a word a hint.
	wordWeight = 0.5
	// titleWeight is how many times a title word counts: a title says
	// what the story is about.
	titleWeight = 2
	// minTermRunes drops short words, which are rarely what a story is about.
	minTermRunes = 3
	// maxSourceText bounds how much of a long article is read for its words.
	maxSourceText = 64 << 10
)

// Related returns up to n articles related to article id (n <= 0: 10; at
// most 50), best first. An article is related by sharing authors and tags,
// each worth its rarity (idf = ln(1 + articles/count): a tag on half the
// store says little, a rare one a lot), and by sharing the article's most
// distinctive words (worth wordWeight times theirs). Equal scores are in
// list order (newest first), so the answer is the same for the same store.
//
// Rankings are cached per article until the store's content changes, in
// this process or another; read and starred flags, which change no ranking,
// are read fresh on every call.
func (s *Store) Related(ctx context.Context, id int64, n int) ([]Related, error) {
	if n <= 0 {
		n = defaultRelated
	}
	n = min(n, maxRelated)
	stats, err := s.articleStats(ctx)
	if err != nil {
		return nil, err
	}
	cache := &s.related
	ranked, ok := cache.ranking(stats.generation, id)
	if !ok {
		ranked, err = s.rankRelated(ctx, id, stats, cache)
		if err != nil {
			return nil, err
		}
		cache.putRanking(stats.generation, id, ranked)
	}
	return s.relatedArticles(ctx, ranked[:min(n, len(ranked))])
}

// articleStats is the store's change generation and article count, kept by
// triggers (see migrations/0003_article_stats.sql).
type articleStats struct {
	generation int64
	articles   int
}

func (s *Store) articleStats(ctx context.Context) (articleStats, error) {
	var st articleStats
	err := s.db.QueryRowContext(ctx, "SELECT generation, articles FROM article_stats").Scan(&st.generation, &st.articles)
	return st, err
}

// rankedArticle is one entry of a cached ranking.
type rankedArticle struct {
	id      int64
	score   float64
	reasons []string
}

// evidence is one author, tag or word of the article being related, with
// what sharing it is worth.
type evidence struct {
	id     int64 // the author's or tag's id; 0 for a word
	name   string
	weight float64
}

// relatedSource is the article whose related stories are being ranked.
type relatedSource struct {
	key                  Key
	title, text          string
	authors, tags, words []evidence
}

// candidate is an article sharing something with the source. Bit i of a
// mask says it shares the source's i-th author, tag or word.
type candidate struct {
	id, published        int64
	authors, tags, words uint64
	score                float64
}

// candidateSet collects candidates by article id.
type candidateSet map[int64]*candidate

func (cs candidateSet) get(id, published int64) *candidate {
	c := cs[id]
	if c == nil {
		c = &candidate{id: id, published: published}
		cs[id] = c
	}
	return c
}

func (s *Store) rankRelated(ctx context.Context, id int64, stats articleStats, cache *relatedCache) ([]rankedArticle, error) {
	src, err := s.relatedSource(ctx, id, stats.articles)
	if err != nil {
		return nil, err
	}
	if err := s.ensureIndexed(ctx); err != nil {
		return nil, err
	}
	if src.words, err = s.distinctiveWords(ctx, src, stats, cache); err != nil {
		return nil, err
	}
	cands := candidateSet{}
	if err := s.addFacetNeighbours(ctx, cands, src); err != nil {
		return nil, err
	}
	if err := s.addWordMatches(ctx, cands, src); err != nil {
		return nil, err
	}
	delete(cands, id)
	list := make([]candidate, 0, len(cands))
	for _, c := range cands {
		list = append(list, *c)
	}
	pool := src.best(list, rerankPool)
	if err := s.exactFacets(ctx, pool, src); err != nil {
		return nil, err
	}
	var ranked []rankedArticle
	for _, c := range src.best(pool, maxRelated) {
		ranked = append(ranked, rankedArticle{id: c.id, score: c.score, reasons: src.reasons(c)})
	}
	return ranked, nil
}

// relatedSource reads the article being related and the worth of each of
// its authors and tags.
func (s *Store) relatedSource(ctx context.Context, id int64, articles int) (*relatedSource, error) {
	src := &relatedSource{key: Key{ID: id}}
	// Markup is most of an HTML body's bytes: read four times the text
	// wanted so that a long article still yields maxSourceText of words.
	var text, html, summary string
	err := s.db.QueryRowContext(ctx, `SELECT a.published, a.title, substr(b.text, 1, ?1), substr(b.content, 1, 4 * ?1), substr(b.summary, 1, 4 * ?1)
		FROM articles a JOIN article_bodies b ON b.article_id = a.id WHERE a.id = ?2`, maxSourceText, id).
		Scan(&src.key.Published, &src.title, &text, &html, &summary)
	src.text = truncateUTF8(plainText(text, html, summary), maxSourceText)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if src.authors, err = s.facetEvidence(ctx, "article_authors", "author_id", "authors", id, articles); err != nil {
		return nil, err
	}
	src.tags, err = s.facetEvidence(ctx, "article_tags", "tag_id", "tags", id, articles)
	return src, err
}

func (s *Store) facetEvidence(ctx context.Context, link, column, table string, id int64, articles int) ([]evidence, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT n.id, n.name, n.count FROM "+link+" l JOIN "+table+" n ON n.id = l."+column+
		" WHERE l.article_id = ? ORDER BY l.pos LIMIT ?", id, maxFacetEvidence)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []evidence
	for rows.Next() {
		var e evidence
		var count int
		if err := rows.Scan(&e.id, &e.name, &count); err != nil {
			return nil, err
		}
		e.weight = idf(articles, count)
		out = append(out, e)
	}
	return out, rows.Err()
}

// idf is what sharing something found in count of the store's articles is
// worth: much when it is rare, little (never nothing) when it is everywhere.
func idf(articles, count int) float64 {
	return math.Log(1 + float64(max(articles, 1))/float64(max(count, 1)))
}

// addFacetNeighbours adds, for each author and tag of the source, the
// facetWindow articles on either side of it in that author's or tag's list,
// read off the link table's primary key (which is in list order).
func (s *Store) addFacetNeighbours(ctx context.Context, cands candidateSet, src *relatedSource) error {
	for i, a := range src.authors {
		err := s.facetWindow(ctx, "article_authors", "author_id", a.id, src.key, func(c *candidate) { c.authors |= 1 << i }, cands)
		if err != nil {
			return err
		}
	}
	for i, t := range src.tags {
		err := s.facetWindow(ctx, "article_tags", "tag_id", t.id, src.key, func(c *candidate) { c.tags |= 1 << i }, cands)
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) facetWindow(ctx context.Context, link, column string, facetID int64, k Key, mark func(*candidate), cands candidateSet) error {
	side := func(cmp, dir string) string {
		return "SELECT * FROM (SELECT article_id, published FROM " + link + " WHERE " + column + " = ?1 AND (published, article_id) " +
			cmp + " (?2, ?3) ORDER BY published " + dir + ", article_id " + dir + " LIMIT ?4)"
	}
	rows, err := s.db.QueryContext(ctx, side("<", "DESC")+" UNION ALL "+side(">", "ASC"), facetID, k.Published, k.ID, facetWindow)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, published int64
		if err := rows.Scan(&id, &published); err != nil {
			return err
		}
		mark(cands.get(id, published))
	}
	return rows.Err()
}

// distinctiveWords picks the source's words that best say what it is about:
// frequent in it (tf), rare in the store (idf). Only the candidateTerms most
// frequent are looked up, so a long article costs what a short one does.
func (s *Store) distinctiveWords(ctx context.Context, src *relatedSource, stats articleStats, cache *relatedCache) ([]evidence, error) {
	counts := termCounts(src.title, src.text)
	// The full-text index holds author and tag names too: a word of the
	// source's own names would credit a shared author or tag twice.
	for _, e := range slices.Concat(src.authors, src.tags) {
		for _, w := range words(e.name) {
			delete(counts, w)
		}
	}
	terms := mostFrequent(counts, candidateTerms)
	if len(terms) == 0 {
		return nil, nil
	}
	articles := stats.articles
	dfs, err := s.docFrequencies(ctx, terms, stats.generation, cache)
	if err != nil {
		return nil, err
	}
	type scored struct {
		evidence
		tfidf float64
	}
	var picked []scored
	for i, term := range terms {
		df := dfs[i]
		// df 1 is the source alone; a word in most of the store (or in
		// more than maxTermDocs articles) tells no story from another.
		if df < 2 || df > maxTermDocs || 2*df > articles {
			continue
		}
		w := idf(articles, df)
		picked = append(picked, scored{evidence{name: term, weight: wordWeight * w}, float64(counts[term]) * w})
	}
	slices.SortFunc(picked, func(a, b scored) int {
		if c := cmp.Compare(b.tfidf, a.tfidf); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	out := make([]evidence, 0, distinctiveTerms)
	for _, p := range picked[:min(distinctiveTerms, len(picked))] {
		out = append(out, p.evidence)
	}
	return out, nil
}

// docFrequencies returns how many articles hold each term, counting no
// further than maxTermDocs+1. A term's count is a seek in every segment of
// the full-text index, the dearest step of a ranking, so counts are cached
// for the store generation (common words recur in every article) and the
// rest are read in one statement.
func (s *Store) docFrequencies(ctx context.Context, terms []string, generation int64, cache *relatedCache) ([]int, error) {
	dfs := make([]int, len(terms))
	var columns []string
	var args, dests []any
	for i, term := range terms {
		if df, ok := cache.docFrequency(generation, term); ok {
			dfs[i] = df
			continue
		}
		columns = append(columns, "(SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?))")
		args = append(args, termMatch(term), maxTermDocs+1)
		dests = append(dests, &dfs[i])
	}
	if len(columns) == 0 {
		return dfs, nil
	}
	if err := s.db.QueryRowContext(ctx, "SELECT "+strings.Join(columns, ", "), args...).Scan(dests...); err != nil {
		return nil, err
	}
	for i, term := range terms {
		cache.putDocFrequency(generation, term, dfs[i])
	}
	return dfs, nil
}

// addWordMatches adds every article holding one of the source's
// distinctive words (each is in at most maxTermDocs articles).
func (s *Store) addWordMatches(ctx context.Context, cands candidateSet, src *relatedSource) error {
	if len(src.words) == 0 {
		return nil
	}
	arms := make([]string, len(src.words))
	args := make([]any, 0, 3*len(src.words))
	for i, w := range src.words {
		arms[i] = "SELECT * FROM (SELECT ?, rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)"
		args = append(args, i, termMatch(w.name), maxTermDocs+1)
	}
	rows, err := s.db.QueryContext(ctx, strings.Join(arms, " UNION ALL "), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var rowID int64
		if err := rows.Scan(&i, &rowID); err != nil {
			return err
		}
		// The full-text rowid is the article's list position (ftsRowID).
		cands.get(rowID&ftsIDMask, rowID>>ftsIDBits).words |= 1 << i
	}
	return rows.Err()
}

// termMatch is an FTS5 query for one word, quoted the way package query
// quotes a user's term. It is not limited to the title and text columns: a
// column filter makes FTS5 decode every position list (a third more time per
// lookup, measured at 100k articles), and the source's own author and tag
// names are kept out of its words (see distinctiveWords).
func termMatch(term string) string {
	return `"` + strings.ReplaceAll(term, `"`, `""`) + `"`
}

// exactFacets sets the pool's author and tag masks from the link tables: a
// facet window holds only the articles nearest in date, so a candidate may
// share a popular tag without having been met in that tag's window, and its
// score and reasons would miss it.
func (s *Store) exactFacets(ctx context.Context, pool []candidate, src *relatedSource) error {
	if len(pool) == 0 {
		return nil
	}
	byID := make(map[int64]*candidate, len(pool))
	ids := make([]any, len(pool))
	for i := range pool {
		pool[i].authors, pool[i].tags = 0, 0
		byID[pool[i].id] = &pool[i]
		ids[i] = pool[i].id
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"
	for _, f := range []struct {
		link, column string
		source       []evidence
		mask         func(*candidate) *uint64
	}{
		{"article_authors", "author_id", src.authors, func(c *candidate) *uint64 { return &c.authors }},
		{"article_tags", "tag_id", src.tags, func(c *candidate) *uint64 { return &c.tags }},
	} {
		bit := make(map[int64]uint64, len(f.source))
		for i, e := range f.source {
			bit[e.id] = 1 << i
		}
		rows, err := s.db.QueryContext(ctx, "SELECT article_id, "+f.column+" FROM "+f.link+" WHERE article_id IN "+in, ids...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var articleID, facetID int64
			if err := rows.Scan(&articleID, &facetID); err != nil {
				rows.Close()
				return err
			}
			*f.mask(byID[articleID]) |= bit[facetID]
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// best scores the candidates and returns the best limit of them, by score,
// then newest, then highest id: a total order, so ties never swap between
// calls. Scores add up in the source's order of authors, tags and words, so
// they are the same to the last bit for the same store.
func (src *relatedSource) best(cands []candidate, limit int) []candidate {
	for i := range cands {
		c := &cands[i]
		c.score = sharedWeight(src.authors, c.authors) + sharedWeight(src.tags, c.tags) + sharedWeight(src.words, c.words)
	}
	slices.SortFunc(cands, func(a, b candidate) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		if c := cmp.Compare(b.published, a.published); c != 0 {
			return c
		}
		return cmp.Compare(b.id, a.id)
	})
	return cands[:min(limit, len(cands))]
}

func sharedWeight(source []evidence, mask uint64) float64 {
	total := 0.0
	for i, e := range source {
		if mask&(1<<i) != 0 {
			total += e.weight
		}
	}
	return total
}

func sharedNames(source []evidence, mask uint64) []string {
	var names []string
	for i, e := range source {
		if mask&(1<<i) != 0 {
			names = append(names, e.name)
		}
	}
	return names
}

// reasons says what c shares with the source.
func (src *relatedSource) reasons(c candidate) []string {
	var out []string
	if names := sharedNames(src.authors, c.authors); len(names) == 1 {
		out = append(out, "same author: "+names[0])
	} else if len(names) > 1 {
		out = append(out, "same authors: "+strings.Join(names, ", "))
	}
	if names := sharedNames(src.tags, c.tags); len(names) > 0 {
		out = append(out, "tags: "+strings.Join(names, ", "))
	}
	if names := sharedNames(src.words, c.words); len(names) > 0 {
		out = append(out, "words: "+strings.Join(names, ", "))
	}
	return out
}

// relatedArticles reads the list rows of a ranking, fresh (flags change
// without changing the ranking), in ranking order.
func (s *Store) relatedArticles(ctx context.Context, ranked []rankedArticle) ([]Related, error) {
	if len(ranked) == 0 {
		return nil, nil
	}
	ids := make([]any, len(ranked))
	for i, r := range ranked {
		ids[i] = r.id
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"
	rows, err := s.db.QueryContext(ctx, "SELECT "+articleColumns+" FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id IN "+in, ids...)
	if err != nil {
		return nil, err
	}
	var page []Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		page = append(page, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	byID := make(map[int64]Article, len(page))
	for _, a := range page {
		byID[a.ID] = a
	}
	out := make([]Related, 0, len(ranked))
	for _, r := range ranked {
		if a, ok := byID[r.id]; ok { // gone since it was ranked: skip it
			// A copy of the reasons: the ranking stays cached.
			out = append(out, Related{Article: a, Score: r.score, Reasons: slices.Clone(r.reasons)})
		}
	}
	return out, nil
}

// termCounts counts the words of an article that may say what it is about:
// lowercased runs of letters and digits, at least minTermRunes long, not all
// digits, not stop words. A title word counts titleWeight times.
func termCounts(title, text string) map[string]int {
	counts := map[string]int{}
	add := func(s string, weight int) {
		for _, w := range words(s) {
			if utf8.RuneCountInString(w) < minTermRunes || stopWords[w] || strings.IndexFunc(w, unicode.IsLetter) < 0 {
				continue
			}
			counts[w] += weight
		}
	}
	add(title, titleWeight)
	add(text, 1)
	for w := range counts { // inflected stop words, once per distinct word
		if isStopWord(w) {
			delete(counts, w)
		}
	}
	return counts
}

// words splits s into lowercased runs of letters and digits, as the
// full-text index's tokenizer does.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// mostFrequent returns the k most frequent terms, longer first among equals
// (a long word is more often a rare one), then alphabetical.
func mostFrequent(counts map[string]int, k int) []string {
	type term struct {
		word         string
		count, runes int
	}
	terms := make([]term, 0, len(counts))
	for w, n := range counts {
		terms = append(terms, term{w, n, utf8.RuneCountInString(w)})
	}
	slices.SortFunc(terms, func(a, b term) int {
		if c := cmp.Compare(b.count, a.count); c != 0 {
			return c
		}
		if c := cmp.Compare(b.runes, a.runes); c != 0 {
			return c
		}
		return strings.Compare(a.word, b.word)
	})
	out := make([]string, 0, k)
	for _, t := range terms[:min(k, len(terms))] {
		out = append(out, t.word)
	}
	return out
}

// relatedCache keeps, for one store generation (see
// migrations/0003_article_stats.sql), the rankings made and the document
// frequencies read. A newer generation empties it, so nothing in it is ever
// older than the store.
type relatedCache struct {
	mu         sync.Mutex
	generation int64
	rankings   map[int64][]rankedArticle
	docFreqs   map[string]int
}

// The cache starts over when it holds this many rankings or terms.
const (
	maxCachedRankings = 1000
	maxCachedTerms    = 100_000
)

// at makes the cache hold generation, emptying it if it held another. The
// caller holds c.mu.
func (c *relatedCache) at(generation int64) {
	if generation != c.generation || c.rankings == nil {
		c.generation = generation
		c.rankings = make(map[int64][]rankedArticle)
		c.docFreqs = make(map[string]int)
	}
}

func (c *relatedCache) ranking(generation, id int64) ([]rankedArticle, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at(generation)
	r, ok := c.rankings[id]
	return r, ok
}

func (c *relatedCache) putRanking(generation, id int64, ranked []rankedArticle) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if generation != c.generation { // the store moved on while this was ranked
		return
	}
	if len(c.rankings) >= maxCachedRankings {
		c.rankings = make(map[int64][]rankedArticle)
	}
	c.rankings[id] = ranked
}

func (c *relatedCache) docFrequency(generation int64, term string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at(generation)
	df, ok := c.docFreqs[term]
	return df, ok
}

func (c *relatedCache) putDocFrequency(generation int64, term string, df int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if generation != c.generation {
		return
	}
	if len(c.docFreqs) >= maxCachedTerms {
		c.docFreqs = make(map[string]int)
	}
	c.docFreqs[term] = df
}
