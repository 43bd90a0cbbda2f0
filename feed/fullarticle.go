package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"github.com/herald-reader/herald/content"
	"github.com/herald-reader/herald/store"
)

// FullArticle fetches an article's page and extracts the readable article
// from it (go-readability), sanitised (content.SafeHTML, links resolved
// against the page), with its markdown and plain text. Errors are one line.
func (f *Fetcher) FullArticle(ctx context.Context, link string) (store.FullArticle, error) {
	resp, err := f.Get(ctx, Request{URL: link})
	if err != nil {
		return store.FullArticle{}, err
	}
	if !isHTMLPage(resp.ContentType, resp.Body) {
		return store.FullArticle{}, errors.New("the link is not a web page")
	}
	return extractArticle(resp.Body, resp.URL)
}

// extractArticle turns a web page into a full article.
func extractArticle(page []byte, pageURL string) (a store.FullArticle, err error) {
	defer func() {
		if r := recover(); r != nil { // readability on a hostile page
			a, err = store.FullArticle{}, fmt.Errorf("extraction failed: %v", r)
		}
	}()
	doc, err := html.Parse(bytes.NewReader(htmlToUTF8(page)))
	if err != nil {
		return a, err
	}
	base, _ := url.Parse(pageURL)
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(doc, base)
	if err != nil || art.Node == nil {
		return a, errNoArticle
	}
	var body bytes.Buffer
	if err := art.RenderHTML(&body); err != nil {
		return a, err
	}
	safe := content.SafeHTML(body.String(), pageURL)
	text := content.Text(safe)
	if strings.TrimSpace(text) == "" {
		return a, errNoArticle
	}
	md, err := content.Markdown(safe, pageURL)
	if err != nil {
		return a, err
	}
	return store.FullArticle{URL: pageURL, HTML: safe, Markdown: md, Text: text}, nil
}

// FullArticleStore is what FetchFullArticle needs of the store; *store.Store
// has it.
type FullArticleStore interface {
	Body(ctx context.Context, id int64) (store.Body, error)
	SetFullArticle(ctx context.Context, id int64, a store.FullArticle) error
}

// FetchFullArticle fetches article id's page, extracts the readable article
// and stores it beside the feed's summary; the store shows it instead of
// the summary from then on (store.Body). This is what the reader's `F` runs
// (in a tea.Cmd).
func FetchFullArticle(ctx context.Context, st FullArticleStore, f *Fetcher, id int64) (store.FullArticle, error) {
	b, err := st.Body(ctx, id)
	if err != nil {
		return store.FullArticle{}, err
	}
	if b.Link == "" {
		return store.FullArticle{}, errors.New("the article has no link")
	}
	a, err := f.FullArticle(ctx, b.Link)
	if err != nil {
		return a, err
	}
	return a, st.SetFullArticle(ctx, id, a)
}

// fetchFullArticles fetches the pages of the articles a refresh added to
// feeds that want full articles: the same worker and per-host limits, the
// extraction in the workers, the store writes on this goroutine. A page
// that fails costs only its article, which keeps the feed's summary.
func fetchFullArticles(ctx context.Context, st *store.Store, fetcher *Fetcher, feeds []int64, since time.Time, opts RefreshOptions, sum *Summary) {
	var refs []store.ArticleRef
	for _, id := range feeds {
		r, err := st.WithoutFullArticle(ctx, id, since, opts.MaxFullPerFeed)
		if err != nil {
			sum.FullFailed++
			continue
		}
		refs = append(refs, r...)
	}
	if len(refs) == 0 {
		return
	}
	type extracted struct {
		id      int64
		article store.FullArticle
		err     error
	}
	results := make(chan extracted, 1)
	go func() {
		pool(ctx, refs, func(r store.ArticleRef) string { return host(r.Link) }, opts.Jobs, opts.PerHost, func(r store.ArticleRef) {
			a, err := fetcher.FullArticle(ctx, r.Link)
			select {
			case results <- extracted{r.ID, a, err}:
			case <-ctx.Done():
			}
		})
		close(results)
	}()
	for x := range results {
		if x.err == nil {
			x.err = st.SetFullArticle(ctx, x.id, x.article)
		}
		if x.err != nil {
			sum.FullFailed++
		} else {
			sum.FullArticles++
		}
	}
}
