package feed

import (
	"bytes"
	"net/url"
	"strings"

	ext "github.com/mmcdole/gofeed/extensions"
	"github.com/mmcdole/gofeed/rss"

	"github.com/herald-reader/herald/store"
)

// parseRSS reads RSS 0.9x, 1.0 (RDF) and 2.0.
func (m mapper) parseRSS(data []byte) (store.FeedInfo, []store.NewArticle, error) {
	// No RSS field that gets a body back is resolved against an xml:base,
	// so one does not stop the bypass here (refuseBase false).
	f, err := parseLifted(data, m.cdataMinLen, false, m.stats, func(doc []byte) (*rss.Feed, error) {
		var parser rss.Parser
		return parser.Parse(bytes.NewReader(doc))
	})
	if err != nil {
		return store.FeedInfo{}, nil, err
	}
	base := m.base
	if base == nil {
		base = parseBase(atomLinkHref(f.Extensions, "self"))
	}
	site := resolveLink(base, f.Link)
	info := store.FeedInfo{Title: cleanTitle(f.Title), SiteURL: site}
	if site != "" {
		base = parseBase(site)
	}
	// The channel's author, for items that name none.
	var channelAuthors nameList
	channelAuthors.add(dcAuthors(f.Extensions["dc"])...)
	if f.ITunesExt != nil {
		channelAuthors.add(personName(f.ITunesExt.Author))
	}
	channelAuthors.add(personName(f.ManagingEditor))

	articles := make([]store.NewArticle, 0, len(f.Items))
	ids := make([]itemIdentity, 0, len(f.Items))
	for _, item := range f.Items {
		a, id := m.rssItem(item, base, channelAuthors)
		articles, ids = append(articles, a), append(ids, id)
	}
	finishDocument(articles, ids, m.now)
	return info, articles, nil
}

func (m mapper) rssItem(item *rss.Item, base *url.URL, channelAuthors nameList) (store.NewArticle, itemIdentity) {
	a := store.NewArticle{
		Title:   item.Title,
		Summary: item.Description,
		Content: item.Content,
	}
	if a.Content == "" {
		a.Content = item.Description
	}
	if a.Content == "" {
		// Podcasts and video feeds often describe an item only in an
		// extension, as plain text.
		a.Summary = firstNonBlank(itunesSummary(item.ITunesExt), mediaDescription(item.Extensions))
		a.Content = textToHTML(a.Summary)
	}
	permalink := ""
	if item.GUID != nil {
		a.GUID = item.GUID.Value
		if item.GUID.IsPermalink != "false" {
			permalink = resolveLink(nil, item.GUID.Value) // only an absolute URL is a link
		}
	}
	a.Link = firstLink(base, item.Link, atomLinkHref(item.Extensions, "alternate"), permalink)

	dc := item.DublinCoreExt
	var dcDate, updated string
	if dc != nil && len(dc.Date) > 0 {
		dcDate = dc.Date[0]
	}
	if atomExt := item.Extensions["atom"]; atomExt != nil {
		updated = extText(atomExt, "updated")
	}
	a.Updated = parseDate(updated)
	pubDate := derefTime(item.PubDateParsed)
	if pubDate.IsZero() {
		pubDate = parseDate(item.PubDate) // a form gofeed does not know
	}
	a.Published = firstDate(pubDate, a.Updated, parseDate(dcDate))

	var authors nameList
	authors.add(personName(item.Author))
	authors.add(dcAuthors(item.Extensions["dc"])...)
	authors.add(extPeople(item.Extensions["atom"]["author"])...)
	if item.ITunesExt != nil {
		authors.add(personName(item.ITunesExt.Author))
	}
	if len(authors) == 0 {
		authors = append(authors, channelAuthors...)
	}
	a.Authors = authors

	var tags nameList
	for _, c := range item.Categories {
		tags.add(c.Value)
	}
	if dc != nil {
		for _, subject := range dc.Subject {
			tags.add(splitCommaList(subject)...)
		}
	}
	a.Tags = tags

	id := itemIdentity{hasID: strings.TrimSpace(a.GUID) != "", enclosure: rssEnclosure(item)}
	finishArticle(&a, m.now)
	return a, id
}

// rssEnclosure returns the URL of an item's first enclosure, or of its
// first media:content when it has none.
func rssEnclosure(item *rss.Item) string {
	if item.Enclosure != nil && strings.TrimSpace(item.Enclosure.URL) != "" {
		return strings.TrimSpace(item.Enclosure.URL)
	}
	for _, e := range item.Enclosures {
		if e != nil && strings.TrimSpace(e.URL) != "" {
			return strings.TrimSpace(e.URL)
		}
	}
	for _, c := range item.Extensions["media"]["content"] {
		if u := strings.TrimSpace(c.Attrs["url"]); u != "" {
			return u
		}
	}
	return ""
}

// dcAuthors returns the dc:creator (and the rarer dc:author) names, each
// cleaned of an email address, from a "dc" extension map.
func dcAuthors(dc map[string][]ext.Extension) []string {
	return append(extPeople(dc["creator"]), extPeople(dc["author"])...)
}

// extPeople returns the names of people given as extension elements: the
// element's text, or, for one written as an Atom person (<dc:creator>
// <name>Jo</name></dc:creator>, an <atom:author> in an RSS item), its name
// child. Each is cleaned as personName cleans it.
func extPeople(elements []ext.Extension) []string {
	var names []string
	for _, e := range elements {
		name := e.Value
		if strings.TrimSpace(name) == "" {
			name = extText(e.Children, "name")
		}
		if strings.TrimSpace(name) == "" && usableAddress(extText(e.Children, "email")) {
			name = extText(e.Children, "email")
		}
		names = append(names, personName(name))
	}
	return names
}

// atomLinkHref returns the href of the first atom:link with the given rel
// (a missing rel means "alternate"). RSS feeds use atom:link rel="self" to
// say where they live, and some items use one instead of <link>.
func atomLinkHref(exts ext.Extensions, rel string) string {
	for _, l := range exts["atom"]["link"] {
		r := l.Attrs["rel"]
		if r == "" {
			r = "alternate"
		}
		if r == rel {
			return l.Attrs["href"]
		}
	}
	return ""
}
