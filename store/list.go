package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// defaultPageSize is used when a PageRequest has no limit; maxPageSize caps
// it, so no caller can select every article by accident.
const (
	defaultPageSize = 50
	maxPageSize     = 10000
)

const articleColumns = `a.id, a.feed_id, CASE WHEN f.title != '' THEN f.title ELSE f.url END,
	a.guid, a.link, a.title, a.published, a.updated, a.added, a.read, a.starred`

// Page returns one page of the filtered list in list order (published desc,
// id desc), walking by keyset from req.From.
func (s *Store) Page(ctx context.Context, req PageRequest) ([]Article, error) {
	q, err := s.buildFilter(ctx, req.Filter)
	if err != nil {
		return nil, err
	}
	limit := req.Limit
	if limit <= 0 {
		limit = defaultPageSize
	}
	limit = min(limit, maxPageSize)
	order := q.orderBy(req.Dir)
	if req.From != nil {
		cmp := map[[2]bool]string{{false, false}: "<", {false, true}: "<=", {true, false}: ">", {true, true}: ">="}[[2]bool{req.Dir == Newer, req.Inclusive}]
		q.add(q.keyCompare(cmp), q.key(*req.From)...)
	}
	query := "SELECT " + articleColumns + " FROM " + q.from + " JOIN feeds f ON f.id = a.feed_id" +
		q.whereClause() + order + " LIMIT ?"
	rows, err := s.db.QueryContext(ctx, query, append(q.args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var page []Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		page = append(page, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if req.Dir == Newer {
		for i, j := 0, len(page)-1; i < j; i, j = i+1, j-1 {
			page[i], page[j] = page[j], page[i]
		}
	}
	return page, s.attachFacets(ctx, page)
}

// Count returns how many articles f matches. It walks the matching rows, so
// callers showing it in a UI run it off the update loop.
func (s *Store) Count(ctx context.Context, f Filter) (int, error) {
	q, err := s.buildFilter(ctx, f)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+q.from+q.whereClause(), q.args...).Scan(&n)
	return n, err
}

// Position returns how many articles of f come before k in list order: the
// row index k has (or would have) in the filtered list.
func (s *Store) Position(ctx context.Context, f Filter, k Key) (int, error) {
	q, err := s.buildFilter(ctx, f)
	if err != nil {
		return 0, err
	}
	q.add(q.keyCompare(">"), q.key(k)...)
	var n int
	err = s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+q.from+q.whereClause(), q.args...).Scan(&n)
	return n, err
}

type scanner interface{ Scan(...any) error }

func scanArticle(r scanner) (Article, error) {
	var a Article
	var published, updated, added int64
	err := r.Scan(&a.ID, &a.FeedID, &a.Feed, &a.GUID, &a.Link, &a.Title, &published, &updated, &added, &a.Read, &a.Starred)
	a.Published, a.Updated, a.Added = fromUnix(published), fromUnix(updated), fromUnix(added)
	return a, err
}

// attachFacets fills in the authors and tags of a page with two queries.
func (s *Store) attachFacets(ctx context.Context, page []Article) error {
	if len(page) == 0 {
		return nil
	}
	index := make(map[int64]*Article, len(page))
	ids := make([]any, len(page))
	for i := range page {
		index[page[i].ID] = &page[i]
		ids[i] = page[i].ID
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"
	for _, facet := range []struct {
		query string
		add   func(*Article, string)
	}{
		{`SELECT l.article_id, n.name FROM article_authors l JOIN authors n ON n.id = l.author_id
			WHERE l.article_id IN ` + in + ` ORDER BY l.article_id, l.pos`, func(a *Article, n string) { a.Authors = append(a.Authors, n) }},
		{`SELECT l.article_id, n.name FROM article_tags l JOIN tags n ON n.id = l.tag_id
			WHERE l.article_id IN ` + in + ` ORDER BY l.article_id, l.pos`, func(a *Article, n string) { a.Tags = append(a.Tags, n) }},
	} {
		rows, err := s.db.QueryContext(ctx, facet.query, ids...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return err
			}
			facet.add(index[id], name)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// Body returns one article with its text.
func (s *Store) Body(ctx context.Context, id int64) (Body, error) {
	row := s.db.QueryRowContext(ctx, "SELECT "+articleColumns+
		", a.summary, a.content, coalesce(a.markdown, ''), a.text FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?", id)
	var b Body
	var published, updated, added int64
	err := row.Scan(&b.ID, &b.FeedID, &b.Feed, &b.GUID, &b.Link, &b.Title, &published, &updated, &added,
		&b.Read, &b.Starred, &b.Summary, &b.Content, &b.Markdown, &b.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return b, ErrNotFound
	}
	if err != nil {
		return b, err
	}
	b.Published, b.Updated, b.Added = fromUnix(published), fromUnix(updated), fromUnix(added)
	page := []Article{b.Article}
	if err := s.attachFacets(ctx, page); err != nil {
		return b, err
	}
	b.Article = page[0]
	return b, nil
}
