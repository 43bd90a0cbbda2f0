package store

import (
	"context"
	"strconv"
	"strings"
)

// sqlFilter is a Filter translated to SQL over `articles a`.
//
// A page is a keyset walk down an index that is already in list order, so
// it stops after one page at any store size. Which index drives the walk
// matters at a million articles:
//   - a full-text match walks the full-text index, whose rowids are in list
//     order (see ftsRowID) — a rare word must not scan every article and a
//     common one must not sort every match;
//   - else the first author (or tag) walks its link table, whose primary key
//     is in list order — a rare author must not scan the date index;
//   - else the date index (or the feed's, or the unread one) drives.
//
// Every other condition is checked row by row along the walk.
type sqlFilter struct {
	from  string   // FROM clause, with the driving table
	order []string // the driving index's columns, in list order (descending)
	key   func(Key) []any
	where []string
	args  []any
}

// buildFilter translates f, bringing the full-text index up to date first
// when f searches text.
func (s *Store) buildFilter(ctx context.Context, f Filter) (sqlFilter, error) {
	q := sqlFilter{from: "articles a", order: []string{"a.published", "a.id"}, key: keyByDate}
	authors, tags := f.Authors, f.Tags
	switch {
	case f.Match != "":
		if err := s.ensureIndexed(ctx); err != nil {
			return q, err
		}
		q.from = "articles_fts s JOIN articles a ON a.id = (s.rowid & " + strconv.Itoa(ftsIDMask) + ")"
		q.order = []string{"s.rowid"}
		q.key = func(k Key) []any { return []any{ftsRowID(k)} }
		q.add("articles_fts MATCH ?", f.Match)
	case len(authors) > 0:
		q.from = "article_authors d JOIN articles a ON a.id = d.article_id"
		q.order = []string{"d.published", "d.article_id"}
		q.add("d.author_id = (SELECT id FROM authors WHERE key = ?)", foldKey(authors[0]))
		authors = authors[1:]
	case len(tags) > 0:
		q.from = "article_tags d JOIN articles a ON a.id = d.article_id"
		q.order = []string{"d.published", "d.article_id"}
		q.add("d.tag_id = (SELECT id FROM tags WHERE key = ?)", foldKey(tags[0]))
		tags = tags[1:]
	}
	// The name checks go by article (INDEXED BY): left to itself, SQLite
	// (without table statistics) walks the link table's primary key, every
	// article of that name, for each row of the walk; an author and a
	// popular tag took 250 ms a page at 100k articles.
	for _, name := range authors {
		q.add("EXISTS (SELECT 1 FROM article_authors x INDEXED BY article_authors_by_article_pos JOIN authors n ON n.id = x.author_id WHERE x.article_id = a.id AND n.key = ?)", foldKey(name))
	}
	for _, name := range f.NotAuthors {
		q.add("NOT EXISTS (SELECT 1 FROM article_authors x INDEXED BY article_authors_by_article_pos JOIN authors n ON n.id = x.author_id WHERE x.article_id = a.id AND n.key = ?)", foldKey(name))
	}
	for _, name := range tags {
		q.add("EXISTS (SELECT 1 FROM article_tags x INDEXED BY article_tags_by_article_pos JOIN tags n ON n.id = x.tag_id WHERE x.article_id = a.id AND n.key = ?)", foldKey(name))
	}
	for _, name := range f.NotTags {
		q.add("NOT EXISTS (SELECT 1 FROM article_tags x INDEXED BY article_tags_by_article_pos JOIN tags n ON n.id = x.tag_id WHERE x.article_id = a.id AND n.key = ?)", foldKey(name))
	}
	for _, name := range f.Feeds {
		q.add("a.feed_id IN (SELECT id FROM feeds WHERE lower(title) = ? OR lower(url) = ?)", foldKey(name), foldKey(name))
	}
	for _, name := range f.NotFeeds {
		q.add("a.feed_id NOT IN (SELECT id FROM feeds WHERE lower(title) = ? OR lower(url) = ?)", foldKey(name), foldKey(name))
	}
	if f.Unread != nil {
		q.add("a.read = ?", boolInt(!*f.Unread))
	}
	if f.Starred != nil {
		q.add("a.starred = ?", boolInt(*f.Starred))
	}
	if !f.After.IsZero() { // on the driving index, so the walk ends there
		q.add(q.keyCompare(">="), q.key(Key{Published: f.After.Unix()})...)
	}
	if !f.Before.IsZero() {
		q.add(q.keyCompare("<"), q.key(Key{Published: f.Before.Unix()})...)
	}
	if f.NotMatch != "" {
		if err := s.ensureIndexed(ctx); err != nil {
			return q, err
		}
		// Checked per row along the walk rather than materialising every
		// article that holds the word, which for a common word is most.
		q.add("NOT EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? AND rowid = a.fts_rowid)", f.NotMatch)
	}
	return q, nil
}

func keyByDate(k Key) []any { return []any{k.Published, k.ID} }

// keyCompare compares the driving index's columns with a key's values:
// "(a.published, a.id) < (?, ?)". Row values are what let SQLite seek.
func (q *sqlFilter) keyCompare(op string) string {
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(q.order)), ", ")
	return "(" + strings.Join(q.order, ", ") + ") " + op + " (" + marks + ")"
}

// orderBy is the ORDER BY clause for walking the driving index.
func (q *sqlFilter) orderBy(dir Direction) string {
	suffix := " DESC"
	if dir == Newer {
		suffix = " ASC"
	}
	return " ORDER BY " + strings.Join(q.order, suffix+", ") + suffix
}

func (q *sqlFilter) add(cond string, args ...any) {
	q.where = append(q.where, cond)
	q.args = append(q.args, args...)
}

func (q *sqlFilter) whereClause() string {
	if len(q.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(q.where, " AND ")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
