package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"runtime"
	"sync"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/handoff"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

type exportCmd struct {
	Format string `arg:"" enum:"json,opml" help:"json: every article as JSON Lines with its markdown, text, read and starred state (herald import reads it back); opml: the subscriptions."`
}

func (c *exportCmd) Run(e *env) error {
	st, done, err := e.openStoreToRead()
	if err != nil {
		return err
	}
	defer done()
	out := bufio.NewWriter(e.stdout)
	if c.Format == "opml" {
		feeds, err := st.Feeds(e.ctx)
		if err != nil {
			return err
		}
		if err := writeOPML(out, feeds); err != nil {
			return err
		}
		return out.Flush()
	}
	if err := writeExport(e.ctx, out, st); err != nil {
		return err
	}
	return out.Flush()
}

// exportedArticle is a line of `export json`: the article object DESIGN.md
// fixes, with its markdown and text, then what identifies the article and
// its feed in any store (feed.ExportIdentity), so that `herald import`
// reads the export back (see feed/heraldjson.go). Consumers ignore keys
// they do not know; the documented ones come first, as `cat --format json`
// writes them.
type exportedArticle struct {
	handoff.ArticleJSON
	feed.ExportIdentity
}

// writeExport writes every article as JSON Lines, in list order. The store
// is read a page at a time; each article's body is read, converted to
// markdown (some 1 ms an article, most of an export's time) and encoded on
// every core, and the lines are written in order as they are done.
func writeExport(ctx context.Context, w io.Writer, st *store.Store) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan *exportJob)
	ordered := make(chan *exportJob, 4*workers)
	feeds := &exportFeeds{st: st, byID: map[int64]store.Feed{}}
	for range workers {
		go func() {
			for j := range jobs {
				line, err := exportLine(ctx, st, feeds, j.article)
				j.done <- exportDone{line, err}
			}
		}()
	}
	go func() {
		defer close(ordered)
		defer close(jobs)
		err := handoff.Walk(ctx, st, store.Filter{}, 0, func(a store.Article) error {
			j := &exportJob{article: a, done: make(chan exportDone, 1)}
			select {
			case ordered <- j: // first, so that lines go out in order
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case jobs <- j:
				return nil
			case <-ctx.Done():
				j.done <- exportDone{err: ctx.Err()}
				return ctx.Err()
			}
		})
		if err != nil && ctx.Err() == nil {
			j := &exportJob{done: make(chan exportDone, 1)}
			j.done <- exportDone{err: err}
			ordered <- j
		}
	}()
	for j := range ordered {
		d := <-j.done
		if d.err != nil {
			return d.err
		}
		if _, err := w.Write(d.line); err != nil {
			return err
		}
	}
	return ctx.Err()
}

type exportJob struct {
	article store.Article
	done    chan exportDone
}

type exportDone struct {
	line []byte
	err  error
}

// exportFeeds reads each feed once, for its URL and kind.
type exportFeeds struct {
	st   *store.Store
	mu   sync.Mutex
	byID map[int64]store.Feed
}

func (f *exportFeeds) get(ctx context.Context, id int64) (store.Feed, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if feed, ok := f.byID[id]; ok {
		return feed, nil
	}
	feed, err := f.st.Feed(ctx, id)
	if err == nil {
		f.byID[id] = feed
	}
	return feed, err
}

// exportLine is an article's line of the export.
func exportLine(ctx context.Context, st *store.Store, feeds *exportFeeds, a store.Article) ([]byte, error) {
	b, err := st.Body(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	f, err := feeds.get(ctx, b.FeedID)
	if err != nil {
		return nil, err
	}
	// No markdown cache: an export only reads the store.
	md, err := handoff.BodyMarkdown(ctx, nil, b)
	if err != nil {
		return nil, err
	}
	text := handoff.BodyText(b)
	j := handoff.JSONOf(b.Article)
	j.Markdown, j.Text = &md, &text
	var buf bytes.Buffer
	err = json.NewEncoder(&buf).Encode(exportedArticle{ArticleJSON: j, ExportIdentity: feed.ExportIdentity{
		GUID:     sanitize.Line(b.GUID),
		FeedURL:  sanitize.Line(f.URL),
		FeedKind: sanitize.Line(f.Kind),
	}})
	return buf.Bytes(), err
}

type opmlDoc struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	// Herald declares the namespace of herald's own outline attribute.
	Herald string        `xml:"xmlns:herald,attr"`
	Title  string        `xml:"head>title"`
	Feeds  []opmlOutline `xml:"body>outline"`
}

type opmlOutline struct {
	Type    string `xml:"type,attr"`
	Text    string `xml:"text,attr"`
	Title   string `xml:"title,attr,omitempty"`
	XMLURL  string `xml:"xmlUrl,attr"`
	HTMLURL string `xml:"htmlUrl,attr,omitempty"`
	// Full keeps herald add --full across an export and an import; other
	// readers pass over it.
	Full string `xml:"herald:fullArticles,attr,omitempty"`
}

// opmlNamespace names herald's own OPML attributes.
const opmlNamespace = "https://github.com/herald-reader/herald"

// writeOPML writes the subscriptions (not the sources of imported files)
// as OPML 2.0.
func writeOPML(w io.Writer, feeds []store.Feed) error {
	doc := opmlDoc{Version: "2.0", Herald: opmlNamespace, Title: "herald subscriptions"}
	for _, f := range feeds {
		if f.Kind != store.KindHTTP {
			continue
		}
		title := sanitize.Line(f.Title)
		if title == "" {
			title = sanitize.Line(f.URL)
		}
		o := opmlOutline{Type: "rss", Text: title, Title: title,
			XMLURL: sanitize.Line(f.URL), HTMLURL: sanitize.Line(f.SiteURL)}
		if f.FullArticles {
			o.Full = "true"
		}
		doc.Feeds = append(doc.Feeds, o)
	}
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
