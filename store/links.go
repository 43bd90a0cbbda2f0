package store

import (
	"context"
	"net/url"
	"strings"
)

// maxLinkArgs bounds the spellings looked up in one statement, well under
// SQLite's limit on bound parameters.
const maxLinkArgs = 500

// ArticlesByLink finds the articles of the store that links point to: for
// each link, the article whose own link (articles.link) is that URL. A
// stored link is matched as written or under the spellings of the same
// page that feeds and authors mix up (see linkVariants); stored links are
// never rewritten. When several articles carry the same link (one story in
// two feeds), the newest is taken. Links with no article are absent from
// the map. It is an index lookup per spelling (articles_by_link).
func (s *Store) ArticlesByLink(ctx context.Context, links []string) (map[string]Article, error) {
	variants := make(map[string][]string, len(links))
	var args []any
	asked := map[string]bool{}
	for _, l := range links {
		if _, done := variants[l]; done {
			continue
		}
		vs := linkVariants(l)
		variants[l] = vs
		for _, v := range vs {
			if !asked[v] {
				asked[v] = true
				args = append(args, v)
			}
		}
	}
	byLink := map[string]Article{} // stored link -> its newest article
	for len(args) > 0 {
		chunk := args[:min(len(args), maxLinkArgs)]
		args = args[len(chunk):]
		if err := s.articlesWithLinks(ctx, chunk, byLink); err != nil {
			return nil, err
		}
	}
	out := make(map[string]Article)
	for l, vs := range variants {
		for _, v := range vs {
			if a, ok := byLink[v]; ok {
				out[l] = a
				break
			}
		}
	}
	return out, nil
}

// articlesWithLinksQuery reads the articles whose link is one of n values,
// newest first.
func articlesWithLinksQuery(n int) string {
	in := strings.TrimSuffix(strings.Repeat("?,", n), ",")
	return "SELECT " + articleColumns + " FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.link IN (" + in +
		") ORDER BY a.published DESC, a.id DESC"
}

// articlesWithLinks adds to byLink the newest article for each stored link
// in links.
func (s *Store) articlesWithLinks(ctx context.Context, links []any, byLink map[string]Article) error {
	rows, err := s.db.QueryContext(ctx, articlesWithLinksQuery(len(links)), links...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return err
		}
		if _, seen := byLink[a.Link]; !seen {
			byLink[a.Link] = a
		}
	}
	return rows.Err()
}

// linkVariants are the spellings under which the page at link may be
// stored, best first: as written; without its fragment; with scheme and
// host in lower case and no default port; with and without a trailing
// slash; and all that over the other of http and https (many feeds still
// say http for pages served over https). The empty link has none: it would
// match every article without one.
func linkVariants(link string) []string {
	link = strings.TrimSpace(link)
	if link == "" {
		return nil
	}
	out := []string{link}
	seen := map[string]bool{link: true}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return out
	}
	u.Fragment, u.RawFragment = "", ""
	add(u.String())
	u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	if port := u.Port(); (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		u.Host = u.Hostname()
	}
	slashes := func(u url.URL) {
		if u.Path == "" {
			u.Path = "/"
		}
		add(u.String())
		if strings.HasSuffix(u.Path, "/") {
			u.Path, u.RawPath = strings.TrimSuffix(u.Path, "/"), strings.TrimSuffix(u.RawPath, "/")
		} else {
			u.Path += "/"
			if u.RawPath != "" {
				u.RawPath += "/"
			}
		}
		add(u.String())
	}
	slashes(*u)
	switch u.Scheme {
	case "http":
		u.Scheme = "https"
	case "https":
		u.Scheme = "http"
	default:
		return out
	}
	slashes(*u)
	return out
}
