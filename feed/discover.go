package feed

import (
	"bytes"
	"mime"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// feedLinkTypes are the <link rel="alternate"> types that name a feed.
var feedLinkTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
	"application/rdf+xml":   true,
}

// maxDiscoverTokens bounds how much of a hostile page discovery reads: the
// links it wants are in the head, near the top.
const maxDiscoverTokens = 200000

// isHTMLPage reports whether a fetched document is a web page rather than
// a feed: its Content-Type says so and its content does not disagree, or its
// content starts like HTML whatever the header says.
func isHTMLPage(contentType string, body []byte) bool {
	head := toUTF8(body[:min(len(body), SniffSize)])
	root, err := rootElement(head)
	if err == nil {
		switch root.kind() {
		case rootHTML:
			return true
		case rootRSS, rootRDF, rootAtomFeed, rootAtomEntry, rootOPML:
			return false
		}
	}
	media, _, _ := mime.ParseMediaType(contentType)
	return media == "text/html" || media == "application/xhtml+xml"
}

// DiscoverFeeds returns the feed URLs an HTML page names with
// <link rel="alternate" type="application/rss+xml"> (or Atom, JSON Feed,
// RSS 1.0), in document order, resolved against the page's <base href> or
// its own URL. Only http and https URLs are returned.
func DiscoverFeeds(page []byte, pageURL string) []string {
	base, _ := url.Parse(pageURL)
	z := html.NewTokenizer(bytes.NewReader(htmlToUTF8(page)))
	var out []string
	seen := map[string]bool{}
	var hrefs []string
	baseSet := false
	for range maxDiscoverTokens {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		switch atom.Lookup(name) {
		case atom.Base:
			if href := tokenAttrs(z, hasAttr)["href"]; href != "" && base != nil && !baseSet {
				baseSet = true // the first <base> counts
				if b, err := url.Parse(strings.TrimSpace(href)); err == nil {
					base = base.ResolveReference(b)
				}
			}
		case atom.Link:
			attrs := tokenAttrs(z, hasAttr)
			if !hasToken(attrs["rel"], "alternate") {
				continue
			}
			media, _, _ := mime.ParseMediaType(attrs["type"])
			if !feedLinkTypes[strings.ToLower(media)] {
				continue
			}
			hrefs = append(hrefs, attrs["href"])
		case atom.Body:
			// Feed links belong in the head; some sites put them in the
			// body too, so keep reading, but the base is settled.
		}
	}
	// Resolve after the loop: <base> applies to the whole document even
	// when it comes after a link.
	for _, h := range hrefs {
		link := resolveLink(base, h)
		if link != "" && !seen[link] {
			seen[link] = true
			out = append(out, link)
		}
	}
	return out
}

// tokenAttrs returns the current tag's attributes, names lower-cased.
func tokenAttrs(z *html.Tokenizer, more bool) map[string]string {
	attrs := map[string]string{}
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		key := strings.ToLower(string(k))
		if _, dup := attrs[key]; !dup {
			attrs[key] = strings.TrimSpace(string(v))
		}
	}
	return attrs
}

// hasToken reports whether a space-separated list (a rel value) holds tok.
func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}
