package feed

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"

	"github.com/herald-reader/herald/store"
)

var errNotJSONFeed = errors.New(`not a feed: JSON, but not a JSON Feed (no "items" list)`)

// jsonFeedDoc is a JSON Feed (1.0 and 1.1). It is declared here rather than
// taken from gofeed/json because real feeds bend the types (tags as one
// string, numeric ids, an author as a bare name), and gofeed fails the whole
// feed on one such item; the loose types below take them as meant.
type jsonFeedDoc struct {
	Version     looseString     `json:"version"`
	Title       looseString     `json:"title"`
	HomePageURL looseString     `json:"home_page_url"`
	Author      looseAuthors    `json:"author"`
	Authors     looseAuthors    `json:"authors"`
	Items       *[]jsonFeedItem `json:"items"`
}

type jsonFeedItem struct {
	ID            looseString  `json:"id"`
	URL           looseString  `json:"url"`
	ExternalURL   looseString  `json:"external_url"`
	Title         looseString  `json:"title"`
	ContentHTML   looseString  `json:"content_html"`
	ContentText   looseString  `json:"content_text"`
	Summary       looseString  `json:"summary"`
	DatePublished looseString  `json:"date_published"`
	DateModified  looseString  `json:"date_modified"`
	Author        looseAuthors `json:"author"`
	Authors       looseAuthors `json:"authors"`
	Tags          looseStrings `json:"tags"`
	Attachments   looseURLs    `json:"attachments"`
}

// parseJSONFeed reads JSON Feed 1.0 and 1.1.
func (m mapper) parseJSONFeed(data []byte) (store.FeedInfo, []store.NewArticle, error) {
	var f jsonFeedDoc
	if err := json.Unmarshal(data, &f); err != nil {
		return store.FeedInfo{}, nil, err
	}
	// "items" is the one member every JSON Feed has; other JSON (an API
	// response, RSS rendered as JSON) has none.
	if f.Items == nil {
		return store.FeedInfo{}, nil, errNotJSONFeed
	}
	site := resolveLink(m.base, string(f.HomePageURL))
	info := store.FeedInfo{Title: cleanTitle(string(f.Title)), SiteURL: site}
	base := m.base
	if site != "" {
		base = parseBase(site)
	}
	var feedAuthors nameList
	feedAuthors.add(append(f.Authors, f.Author...)...)

	articles := make([]store.NewArticle, 0, len(*f.Items))
	ids := make([]itemIdentity, 0, len(*f.Items))
	for _, item := range *f.Items {
		a, id := m.jsonItem(item, base, feedAuthors)
		articles, ids = append(articles, a), append(ids, id)
	}
	finishDocument(articles, ids, m.now)
	return info, articles, nil
}

func (m mapper) jsonItem(item jsonFeedItem, base *url.URL, feedAuthors nameList) (store.NewArticle, itemIdentity) {
	a := store.NewArticle{
		GUID:      string(item.ID),
		Link:      firstLink(base, string(item.URL), string(item.ExternalURL)),
		Title:     string(item.Title),
		Summary:   string(item.Summary),
		Content:   string(item.ContentHTML),
		Published: parseDate(string(item.DatePublished)),
		Updated:   parseDate(string(item.DateModified)),
	}
	if strings.TrimSpace(a.Content) == "" {
		// Plain text is the item's own text: no HTML round trip for it.
		a.Text = strings.TrimSpace(string(item.ContentText))
		a.Content = textToHTML(a.Text)
	}
	if a.Content == "" {
		a.Text = strings.TrimSpace(a.Summary) // the spec says summary is plain text
		a.Content = textToHTML(a.Text)
	}

	var authors nameList
	authors.add(append(item.Authors, item.Author...)...)
	if len(authors) == 0 {
		authors = append(authors, feedAuthors...)
	}
	a.Authors = authors

	var tags nameList
	tags.add(item.Tags...)
	a.Tags = tags

	id := itemIdentity{hasID: strings.TrimSpace(a.GUID) != ""}
	if len(item.Attachments) > 0 {
		id.enclosure = item.Attachments[0]
	}
	finishArticle(&a, m.now)
	return a, id
}

// looseString is a JSON string that also accepts a number or a boolean (the
// spec asks readers to coerce a numeric id) and reads anything else as "".
type looseString string

func (s *looseString) UnmarshalJSON(data []byte) error {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	switch v := v.(type) {
	case string:
		*s = looseString(v)
	case float64, bool:
		*s = looseString(strings.TrimSpace(string(data)))
	default:
		*s = ""
	}
	return nil
}

// looseStrings is a list of strings that also accepts one string, read as a
// comma list ("tags": "go, rust").
type looseStrings []string

func (l *looseStrings) UnmarshalJSON(data []byte) error {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*l = nil
	switch v := v.(type) {
	case string:
		*l = splitCommaList(v)
	case []any:
		for _, item := range v {
			if s, ok := item.(string); ok {
				*l = append(*l, s)
			}
		}
	}
	return nil
}

// looseURLs reads the URLs of JSON Feed attachments: a list of objects with
// a "url" string, or one such object; anything else holds none.
type looseURLs []string

func (l *looseURLs) UnmarshalJSON(data []byte) error {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*l = nil
	list, ok := v.([]any)
	if !ok {
		list = []any{v}
	}
	for _, item := range list {
		if obj, ok := item.(map[string]any); ok {
			if u, ok := obj["url"].(string); ok && strings.TrimSpace(u) != "" {
				*l = append(*l, strings.TrimSpace(u))
			}
		}
	}
	return nil
}

// looseAuthors reads JSON Feed authors as names: an author object, a list of
// them (1.1), or a bare name. Each name is cleaned of an email address.
type looseAuthors []string

func (l *looseAuthors) UnmarshalJSON(data []byte) error {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*l = nil
	var add func(v any)
	add = func(v any) {
		switch v := v.(type) {
		case string:
			*l = append(*l, personName(v))
		case map[string]any:
			if name, ok := v["name"].(string); ok {
				*l = append(*l, personName(name))
			}
		case []any:
			for _, item := range v {
				if _, nested := item.([]any); !nested {
					add(item)
				}
			}
		}
	}
	add(v)
	return nil
}
