package store

import "context"

// Authors returns every author with at least one article, by count then
// name. Counts are kept by triggers, so this reads the authors table only.
func (s *Store) Authors(ctx context.Context) ([]Facet, error) {
	return s.facets(ctx, "authors")
}

// Tags returns every tag with at least one article, by count then name.
func (s *Store) Tags(ctx context.Context) ([]Facet, error) {
	return s.facets(ctx, "tags")
}

func (s *Store) facets(ctx context.Context, table string) ([]Facet, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT name, count FROM "+table+" WHERE count > 0 ORDER BY count DESC, key")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Facet
	for rows.Next() {
		var f Facet
		if err := rows.Scan(&f.Name, &f.Count); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
