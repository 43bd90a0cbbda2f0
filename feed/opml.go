package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/herald-reader/herald/sanitize"
)

// Subscription is one feed an OPML list subscribes to.
type Subscription struct {
	URL     string // the feed's http(s) URL
	Title   string // one clean line; may be ""
	SiteURL string // the site's http(s) URL, or ""
	// FullArticles: the list asks for the feed's full articles (herald's
	// own attribute, herald:fullArticles="true", as `herald export opml`
	// writes it for a feed subscribed with --full).
	FullArticles bool
}

// ParseOPML returns the feed subscriptions an OPML document lists. Nested
// outlines (folders) are flattened; an outline without an xmlUrl is a folder
// or a note and is passed over. Only http and https feed URLs are accepted
// (feed:// is read as http://); every other outline with an xmlUrl is
// reported in skipped, one line each, with the reason. A URL listed twice is
// returned once. The error is a *ParseError when the document is not OPML.
func ParseOPML(r io.Reader, source string) (subs []Subscription, skipped []string, err error) {
	data, err := readDocument(r)
	if err != nil {
		return nil, nil, newError(source, "%v", err)
	}
	if isBlank(data) {
		return nil, nil, newError(source, "empty file")
	}
	data = toUTF8(data)
	if looksBinary(data) {
		return nil, nil, newError(source, "binary data, not an OPML list")
	}
	root, err := rootElement(data)
	if err != nil {
		return nil, nil, newError(source, "not an OPML list: %s", describeError(err, data))
	}
	if root.kind() != rootOPML {
		return nil, nil, newError(source, "not an OPML list: root element is <%s>", root.local)
	}
	subs, skipped, err = readOutlines(dropIllegalCharRefs(data))
	if err != nil {
		return nil, nil, newError(source, "%s", describeError(err, data))
	}
	return subs, skipped, nil
}

// readOutlines walks every <outline> element, however deeply nested.
// Attribute names are matched without regard to case: "xmlUrl", "xmlurl"
// and "XMLURL" are all found in the wild.
func readOutlines(data []byte) (subs []Subscription, skipped []string, err error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.CharsetReader = utf8Passthrough
	seen := map[string]bool{}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return subs, skipped, nil
		}
		if err != nil {
			return nil, nil, err
		}
		start, ok := tok.(xml.StartElement)
		if !ok || !strings.EqualFold(start.Name.Local, "outline") {
			continue
		}
		feedURL := attr(start, "xmlUrl")
		if feedURL == "" {
			continue
		}
		title := sanitize.Line(attr(start, "title"))
		if title == "" {
			title = sanitize.Line(attr(start, "text"))
		}
		link, reason := subscriptionURL(feedURL)
		if reason != "" {
			skipped = append(skipped, fmt.Sprintf("skipped %q: %s", shorten(sanitize.Line(feedURL)), reason))
			continue
		}
		if seen[link] {
			continue
		}
		seen[link] = true
		subs = append(subs, Subscription{URL: link, Title: title, SiteURL: resolveLink(nil, attr(start, "htmlUrl")),
			FullArticles: attr(start, "fullArticles") == "true"})
	}
}

// subscriptionURL checks a feed URL from a list; reason says why it is refused.
func subscriptionURL(raw string) (link, reason string) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return "", "not a valid URL"
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "feed":
		// feed://host/path and feed:https://host/path are old browser
		// conventions for "this is a feed".
		if u.Opaque != "" {
			return subscriptionURL(u.Opaque)
		}
		u.Scheme = "http"
	case "":
		return "", "not an absolute URL"
	default:
		return "", fmt.Sprintf("%s: URLs are not feeds (only http and https are)", strings.ToLower(u.Scheme))
	}
	if u.Host == "" {
		return "", "no host in URL"
	}
	return u.String(), ""
}

// attr returns the value of the named attribute, matching its name without
// regard to case or namespace prefix.
func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// shorten keeps a quoted document value short enough for one error line.
func shorten(s string) string {
	if len(s) <= 100 {
		return s
	}
	return truncateRunes(s, 100) + "…"
}
