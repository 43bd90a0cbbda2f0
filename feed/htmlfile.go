package feed

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/herald-reader/herald/store"
)

var (
	errBinaryArticle = errors.New("binary data, not an article")
	errNoArticle     = errors.New("no readable article found in the page")
)

// maxPageTags bounds the tags taken from a page's keywords, which some sites
// stuff with dozens of search terms.
const maxPageTags = 20

// parseHTMLArticle extracts the readable article from a saved web page.
func parseHTMLArticle(data []byte) (store.NewArticle, error) {
	data = htmlToUTF8(data)
	if looksBinary(data) {
		return store.NewArticle{}, errBinaryArticle
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return store.NewArticle{}, err
	}
	meta := readPageMeta(doc) // before readability rewrites the tree
	parser := readability.NewParser()
	page, err := parser.ParseAndMutate(doc, parseBase(meta.canonical))
	if err != nil || page.Node == nil {
		return store.NewArticle{}, errNoArticle
	}
	title := page.Title()
	if h, text := leadingHeading(page.Node); h != nil && (title == "" || sameTitle(title, text)) {
		// The reader shows the title above the body: a heading that
		// opens the body and is the title would show twice.
		if title == "" {
			title = text
		}
		h.Parent.RemoveChild(h)
	}
	var body bytes.Buffer
	if err := page.RenderHTML(&body); err != nil {
		return store.NewArticle{}, err
	}
	a := store.NewArticle{
		Title:   title,
		Link:    resolveLink(nil, meta.canonical),
		Summary: page.Excerpt(),
		Content: body.String(),
	}
	if published, err := page.PublishedTime(); err == nil {
		a.Published = published
	}
	if modified, err := page.ModifiedTime(); err == nil {
		a.Updated = modified
	}
	var authors, tags nameList
	authors.add(page.Byline())
	if len(authors) == 0 {
		authors.add(page.SiteName()) // "BBC News" beats no author at all
	}
	tags.add(meta.tags...)
	a.Authors, a.Tags = authors, tags
	return a, nil
}

// leadingHeading returns the h1 or h2 that holds the first text of an
// article's content, and that text on one line, or nil. readability turns
// the article's h1 elements into h2; when the page names no title, such a
// heading is the title the page shows (an image may come before it: a
// picture is not a title).
func leadingHeading(root *html.Node) (*html.Node, string) {
	first := firstText(root)
	for n := first; n != nil && n != root; n = n.Parent {
		if n.Type == html.ElementNode && (n.DataAtom == atom.H1 || n.DataAtom == atom.H2) {
			return n, strings.Join(strings.Fields(nodeText(n)), " ")
		}
	}
	return nil, ""
}

// firstText is the first text node under n that is not blank, or nil.
func firstText(n *html.Node) *html.Node {
	if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if t := firstText(c); t != nil {
			return t
		}
	}
	return nil
}

// nodeText is the text inside n.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// pageMeta is what a page's <head> says that readability does not return.
type pageMeta struct {
	canonical string   // <link rel=canonical>, else og:url
	tags      []string // keywords, article:tag, article:section
}

func readPageMeta(doc *html.Node) pageMeta {
	var m pageMeta
	var ogURL string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(htmlAttr(n, "name") + htmlAttr(n, "property"))
				value := htmlAttr(n, "content")
				switch key {
				case "keywords", "news_keywords":
					m.tags = append(m.tags, splitCommaList(value)...)
				case "article:tag", "article:section":
					m.tags = append(m.tags, value)
				case "og:url":
					ogURL = value
				}
			case atom.Link:
				if strings.EqualFold(htmlAttr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = htmlAttr(n, "href")
				}
			case atom.Body:
				return // everything herald wants is in the head
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if resolveLink(nil, m.canonical) == "" {
		m.canonical = ogURL
	}
	if len(m.tags) > maxPageTags {
		m.tags = m.tags[:maxPageTags]
	}
	return m
}

func htmlAttr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

// htmlToUTF8 converts a page to UTF-8. A page that is valid UTF-8 is taken
// as such: charset.DetermineEncoding only looks at the first 1024 bytes and
// guesses windows-1252 when they are plain ASCII, which turns "’" deep in a
// UTF-8 page into "â€™". Otherwise the byte order mark, the <meta> charset
// or windows-1252 decide.
func htmlToUTF8(data []byte) []byte {
	if enc, skip := unicodeEncoding(data); enc != nil {
		if decoded, err := enc.NewDecoder().Bytes(data[skip:]); err == nil {
			return decoded
		}
	}
	if utf8.Valid(data) {
		return bytes.TrimPrefix(data, utf8BOM)
	}
	enc, _, _ := charset.DetermineEncoding(data, "text/html")
	if decoded, err := enc.NewDecoder().Bytes(data); err == nil {
		return decoded
	}
	return bytes.ToValidUTF8(data, []byte("\uFFFD"))
}
