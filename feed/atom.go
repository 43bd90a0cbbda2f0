package feed

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed/atom"

	"github.com/herald-reader/herald/store"
)

// parseAtom reads Atom 1.0 and 0.3 feeds.
func (m mapper) parseAtom(data []byte) (store.FeedInfo, []store.NewArticle, error) {
	// Atom text constructs are re-rendered against an xml:base, so a
	// document with one keeps its CDATA bodies (refuseBase).
	f, err := parseLifted(data, m.cdataMinLen, true, m.stats, func(doc []byte) (*atom.Feed, error) {
		var parser atom.Parser
		return parser.Parse(bytes.NewReader(doc))
	})
	if err != nil {
		return store.FeedInfo{}, nil, err
	}
	base := m.base
	if base == nil {
		base = parseBase(linkWithRel(f.Links, "self"))
	}
	site := resolveLink(base, alternateLink(f.Links))
	info := store.FeedInfo{Title: cleanTitle(f.Title), SiteURL: site}
	if site != "" {
		base = parseBase(site)
	}
	var feedAuthors nameList
	feedAuthors.add(atomAuthors(f.Authors)...)

	articles := make([]store.NewArticle, 0, len(f.Entries))
	ids := make([]itemIdentity, 0, len(f.Entries))
	for _, entry := range f.Entries {
		a, id := m.atomEntry(entry, base, feedAuthors)
		articles, ids = append(articles, a), append(ids, id)
	}
	finishDocument(articles, ids, m.now)
	return info, articles, nil
}

func (m mapper) atomEntry(e *atom.Entry, base *url.URL, feedAuthors nameList) (store.NewArticle, itemIdentity) {
	a := store.NewArticle{
		GUID:    e.ID,
		Title:   e.Title,
		Summary: e.Summary,
	}
	contentSrc := ""
	if e.Content != nil {
		a.Content = contentHTML(e.Content.Value, e.Content.Type)
		contentSrc = e.Content.Src
	}
	if strings.TrimSpace(a.Content) == "" {
		a.Content = contentHTML(e.Summary, "")
	}
	if strings.TrimSpace(a.Content) == "" {
		// YouTube and other media feeds put the text in media:group.
		a.Summary = mediaDescription(e.Extensions)
		a.Content = textToHTML(a.Summary)
	}
	a.Link = firstLink(base, alternateLink(e.Links), contentSrc)

	dc := e.Extensions["dc"]
	// A date gofeed could not read may still be one parseDate can.
	a.Updated = firstDate(derefTime(e.UpdatedParsed), parseDate(e.Updated))
	published := firstDate(derefTime(e.PublishedParsed), parseDate(e.Published))
	a.Published = firstDate(published, a.Updated, parseDate(extText(dc, "date")))

	var authors nameList
	authors.add(atomAuthors(e.Authors)...)
	if len(authors) == 0 && e.Source != nil {
		authors.add(atomAuthors(e.Source.Authors)...)
	}
	authors.add(dcAuthors(dc)...)
	if len(authors) == 0 {
		authors = append(authors, feedAuthors...)
	}
	a.Authors = authors

	var tags nameList
	for _, c := range e.Categories {
		// The label is the human-readable form; the term may be a slug or URI.
		if strings.TrimSpace(c.Label) != "" {
			tags.add(c.Label)
		} else {
			tags.add(c.Term)
		}
	}
	for _, subject := range dc["subject"] {
		tags.add(splitCommaList(subject.Value)...)
	}
	a.Tags = tags

	id := itemIdentity{hasID: strings.TrimSpace(a.GUID) != "", enclosure: linkWithRel(e.Links, "enclosure")}
	finishArticle(&a, m.now)
	return a, id
}

// atomAuthors returns the names of Atom persons; a person with no name is
// known by their address.
func atomAuthors(people []*atom.Person) []string {
	names := make([]string, 0, len(people))
	for _, p := range people {
		if p == nil {
			continue
		}
		name := personName(p.Name)
		if strings.TrimSpace(name) == "" && usableAddress(p.Email) {
			name = p.Email
		}
		names = append(names, name)
	}
	return names
}

// usableAddress reports whether s is an email address that names someone.
func usableAddress(s string) bool { return isEmail(s) && !isNoReply(strings.TrimSpace(s)) }

// alternateLink picks the link that points at the web page: rel="alternate"
// (the default), preferring an HTML one.
func alternateLink(links []*atom.Link) string {
	best := ""
	for _, l := range links {
		if l == nil || (l.Rel != "" && l.Rel != "alternate") {
			continue
		}
		if l.Type == "" || strings.Contains(l.Type, "html") {
			return l.Href
		}
		if best == "" {
			best = l.Href
		}
	}
	return best
}

// linkWithRel returns the href of the first link with the given rel.
func linkWithRel(links []*atom.Link, rel string) string {
	for _, l := range links {
		if l != nil && l.Rel == rel {
			return l.Href
		}
	}
	return ""
}
