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

// articleColumns are a list row's columns. Authors and tags come along as
// one string each, joined by the unit separator (which sanitised names never
// hold), so a page is one query and one prepared statement.
const articleColumns = `a.id, a.feed_id, CASE WHEN f.title != '' THEN f.title ELSE f.url END,
	a.guid, a.link, a.title, a.published, a.updated, a.added, a.read, a.starred,
	coalesce((SELECT group_concat(n.name, char(31) ORDER BY l.pos) FROM article_authors l
		JOIN authors n ON n.id = l.author_id WHERE l.article_id = a.id), ''),
	coalesce((SELECT group_concat(n.name, char(31) ORDER BY l.pos) FROM article_tags l
		JOIN tags n ON n.id = l.tag_id WHERE l.article_id = a.id), '')`

// nameSeparator joins names in articleColumns.
const nameSeparator = "\x1f"

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
	stmt, err := s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := stmt.QueryContext(ctx, append(q.args, limit)...)
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
	return page, nil
}

// Count returns how many articles f matches. With a filter it walks the
// matching rows, so callers showing it in a UI run it off the update loop.
// Without one it reads the count the triggers keep (article_stats): the
// reader shows it on its first screen, and walking 100k rows on a cold
// cache took 45 ms of it.
func (s *Store) Count(ctx context.Context, f Filter) (int, error) {
	if f.IsZero() {
		st, err := s.articleStats(ctx)
		return st.articles, err
	}
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
	var authors, tags string
	err := r.Scan(&a.ID, &a.FeedID, &a.Feed, &a.GUID, &a.Link, &a.Title, &published, &updated, &added, &a.Read, &a.Starred, &authors, &tags)
	a.Published, a.Updated, a.Added = fromUnix(published), fromUnix(updated), fromUnix(added)
	a.Authors, a.Tags = splitNames(authors), splitNames(tags)
	return a, err
}

func splitNames(joined string) []string {
	if joined == "" {
		return nil
	}
	return strings.Split(joined, nameSeparator)
}

// Body returns one article with its text.
func (s *Store) Body(ctx context.Context, id int64) (Body, error) {
	row := s.db.QueryRowContext(ctx, "SELECT "+articleColumns+
		`, b.summary, b.content, coalesce(b.markdown, ''), b.text,
			x.html IS NOT NULL, coalesce(x.html, ''), coalesce(x.markdown, ''), coalesce(x.text, '')
		FROM articles a JOIN feeds f ON f.id = a.feed_id
		JOIN article_bodies b ON b.article_id = a.id
		LEFT JOIN article_full x ON x.article_id = a.id WHERE a.id = ?`, id)
	var b Body
	var published, updated, added int64
	var authors, tags string
	var fullHTML, fullMarkdown, fullText string
	err := row.Scan(&b.ID, &b.FeedID, &b.Feed, &b.GUID, &b.Link, &b.Title, &published, &updated, &added,
		&b.Read, &b.Starred, &authors, &tags, &b.Summary, &b.Content, &b.Markdown, &b.Text,
		&b.Full, &fullHTML, &fullMarkdown, &fullText)
	if errors.Is(err, sql.ErrNoRows) {
		return b, ErrNotFound
	}
	if err != nil {
		return b, err
	}
	b.Published, b.Updated, b.Added = fromUnix(published), fromUnix(updated), fromUnix(added)
	b.Authors, b.Tags = splitNames(authors), splitNames(tags)
	if b.Summary == "" {
		b.Summary = b.Content // stored once when they were the same
	}
	if b.Full { // the full article is shown instead of the feed's content
		b.Content, b.Markdown, b.Text = fullHTML, fullMarkdown, fullText
	}
	b.Text = plainText(b.Text, b.Content, b.Summary)
	return b, nil
}
