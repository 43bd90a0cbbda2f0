package ui

import (
	"slices"
	"strings"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// listFilter is everything narrowing the article list: the author and tag
// picked in the sidebars and the search query. They combine (AND).
type listFilter struct {
	author string
	tag    string
	query  string       // as typed at the prompt
	parsed store.Filter // query, parsed
}

func (f listFilter) isZero() bool {
	return f.author == "" && f.tag == "" && f.query == ""
}

// storeFilter is the one store.Filter the list reads with.
func (f listFilter) storeFilter() store.Filter {
	sf := f.parsed
	if f.author != "" {
		sf.Authors = append(slices.Clip(sf.Authors), f.author)
	}
	if f.tag != "" {
		sf.Tags = append(slices.Clip(sf.Tags), f.tag)
	}
	return sf
}

// describe is the filter as the status line shows it, in the query
// language: author:"Jane Doe" tag:go "climate change".
func (f listFilter) describe() string {
	var parts []string
	if f.author != "" {
		parts = append(parts, "author:"+quoteName(f.author))
	}
	if f.tag != "" {
		parts = append(parts, "tag:"+quoteName(f.tag))
	}
	if f.query != "" {
		parts = append(parts, "/"+sanitize.Line(f.query))
	}
	return strings.Join(parts, " ")
}

// quoteName quotes a name holding spaces or quotes, as a query would.
func quoteName(name string) string {
	name = sanitize.Line(name)
	if !strings.ContainsAny(name, " \"") {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
