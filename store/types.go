package store

import "time"

// Feed kinds.
const (
	KindHTTP = "http" // a subscription, fetched by `herald refresh`
	KindFile = "file" // the source of imported files; never fetched
)

// FeedInfo is what a parser knows about a feed.
type FeedInfo struct {
	URL     string // identity: the subscription URL, or file:// path for imports
	Kind    string // KindHTTP or KindFile
	Title   string
	SiteURL string
	// ID, when set, is the stored subscription the articles come from (a
	// refresh): it must still be one when they are saved, else they are
	// not (ErrFeedGone), so that a feed removed while it was being fetched
	// does not come back.
	ID int64
}

// Feed is a stored feed with its fetch state and counts.
type Feed struct {
	ID           int64
	URL          string
	Kind         string
	Title        string
	SiteURL      string
	ETag         string
	LastModified string
	LastError    string
	LastFetched  time.Time
	LastSuccess  time.Time
	RetryAfter   time.Time
	Articles     int
	Unread       int
	// FullArticles: fetch each new article's page and keep the readable
	// article from it (herald add --full).
	FullArticles bool
	// PrunedBefore: herald prune removed this feed's articles published
	// before it; a refresh does not bring them back.
	PrunedBefore time.Time
}

// NewArticle is one parsed item on its way into the store. Text fields may
// be hostile: the store sanitises every one of them before writing.
type NewArticle struct {
	GUID      string
	Link      string
	Title     string
	Published time.Time // zero: unknown (the store uses Updated, then the time it was added)
	Updated   time.Time
	Summary   string // HTML (or plain text) summary, as published
	Content   string // the body as published, HTML
	Markdown  string // the body as markdown, when the source is markdown; else ""
	Text      string // plain-text rendering of the body, for search and `cat`
	Authors   []string
	Tags      []string
}

// SaveResult counts what SaveArticles did.
type SaveResult struct {
	Added     int
	Updated   int
	Unchanged int
}

// Article is a list row: everything but the body.
type Article struct {
	ID        int64
	FeedID    int64
	Feed      string // the feed's title (or URL when it has none)
	GUID      string
	Link      string
	Title     string
	Published time.Time
	Updated   time.Time
	Added     time.Time
	Authors   []string
	Tags      []string
	Read      bool
	Starred   bool
}

// Key is an article's position in the list order (published desc, id desc).
type Key struct {
	Published int64 // unix seconds
	ID        int64
}

// Key returns a's position in the list order.
func (a Article) Key() Key { return Key{Published: a.Published.Unix(), ID: a.ID} }

// Body is an article with its text.
type Body struct {
	Article
	Summary  string
	Content  string
	Markdown string // "" until converted (see Store.SetMarkdown)
	Text     string
	// Full is set when the article's page was fetched and its readable
	// article kept (Store.SetFullArticle): Content, Markdown and Text are
	// then the full article's, and Summary is still the feed's.
	Full bool
}

// Facet is an author or a tag with the number of articles that carry it.
type Facet struct {
	Name  string
	Count int
}

// Filter narrows a list of articles. Zero values mean "no constraint"; all
// constraints combine with AND. Names match case-insensitively.
type Filter struct {
	Authors    []string // has every one of these authors
	NotAuthors []string
	Tags       []string
	NotTags    []string
	Feeds      []string // feed title or URL
	NotFeeds   []string
	Unread     *bool
	Starred    *bool
	After      time.Time // published at or after
	Before     time.Time // published before
	// Match and NotMatch are FTS5 MATCH expressions built by package query,
	// which quotes every user term; "" means none.
	Match    string
	NotMatch string
}

// IsZero reports whether f has no constraint at all.
func (f Filter) IsZero() bool {
	return len(f.Authors) == 0 && len(f.NotAuthors) == 0 && len(f.Tags) == 0 &&
		len(f.NotTags) == 0 && len(f.Feeds) == 0 && len(f.NotFeeds) == 0 &&
		f.Unread == nil && f.Starred == nil && f.After.IsZero() && f.Before.IsZero() &&
		f.Match == "" && f.NotMatch == ""
}

// Direction says which way a page goes from its key.
type Direction int

const (
	Older Direction = iota // rows after the key in list order (the default)
	Newer                  // rows before the key, returned in list order
)

// PageRequest asks for one page of a filtered list.
type PageRequest struct {
	Filter Filter
	From   *Key // nil: from the top (Older) or the bottom (Newer)
	// Inclusive includes the row at From itself (used to re-anchor a list).
	Inclusive bool
	Dir       Direction
	Limit     int
}

// PlainText is the article's body as plain text: Text when the source gave
// one (a .txt or .md file, a JSON Feed content_text), else the text of its
// HTML. Feeds' HTML bodies are stored without a text copy, which is derived
// when an article is indexed or printed instead (see plainText).
func (a NewArticle) PlainText() string { return plainText(a.Text, a.Content, a.Summary) }
