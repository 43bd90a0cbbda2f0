package store

import (
	"context"
	"strings"
)

// sqlFilter is a Filter translated to SQL over `articles a`.
//
// The page query is a keyset walk over an index in list order. Which index
// drives it matters at a million articles: a rare author walked through the
// date index would scan every row, so the first author (or tag) filter
// drives the walk through its link table, whose primary key is in list
// order. Full-text matches choose between the date walk and the FTS result
// set by how many rows match (see ftsDrive).
type sqlFilter struct {
	from  string // FROM clause, with the driving table
	pub   string // the published column of the driving table
	id    string // the article id column of the driving table
	where []string
	args  []any
}

// buildFilter translates f. ctx and s are used to pick how a full-text
// match drives the query.
func (s *Store) buildFilter(ctx context.Context, f Filter) (sqlFilter, error) {
	q := sqlFilter{from: "articles a", pub: "a.published", id: "a.id"}
	authors, tags := f.Authors, f.Tags
	switch {
	case len(authors) > 0:
		q.from = "article_authors d JOIN articles a ON a.id = d.article_id"
		q.pub, q.id = "d.published", "d.article_id"
		q.where = append(q.where, "d.author_id = (SELECT id FROM authors WHERE key = ?)")
		q.args = append(q.args, foldKey(authors[0]))
		authors = authors[1:]
	case len(tags) > 0:
		q.from = "article_tags d JOIN articles a ON a.id = d.article_id"
		q.pub, q.id = "d.published", "d.article_id"
		q.where = append(q.where, "d.tag_id = (SELECT id FROM tags WHERE key = ?)")
		q.args = append(q.args, foldKey(tags[0]))
		tags = tags[1:]
	}
	for _, name := range authors {
		q.add("EXISTS (SELECT 1 FROM article_authors x JOIN authors n ON n.id = x.author_id WHERE x.article_id = a.id AND n.key = ?)", foldKey(name))
	}
	for _, name := range f.NotAuthors {
		q.add("NOT EXISTS (SELECT 1 FROM article_authors x JOIN authors n ON n.id = x.author_id WHERE x.article_id = a.id AND n.key = ?)", foldKey(name))
	}
	for _, name := range tags {
		q.add("EXISTS (SELECT 1 FROM article_tags x JOIN tags n ON n.id = x.tag_id WHERE x.article_id = a.id AND n.key = ?)", foldKey(name))
	}
	for _, name := range f.NotTags {
		q.add("NOT EXISTS (SELECT 1 FROM article_tags x JOIN tags n ON n.id = x.tag_id WHERE x.article_id = a.id AND n.key = ?)", foldKey(name))
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
	if !f.After.IsZero() {
		q.add(q.pub+" >= ?", f.After.Unix())
	}
	if !f.Before.IsZero() {
		q.add(q.pub+" < ?", f.Before.Unix())
	}
	if f.Match != "" || f.NotMatch != "" {
		if err := s.ensureIndexed(ctx); err != nil {
			return q, err
		}
	}
	if f.Match != "" {
		q.add("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", f.Match)
	}
	if f.NotMatch != "" {
		q.add("a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", f.NotMatch)
	}
	return q, nil
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
