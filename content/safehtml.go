package content

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"

	"github.com/herald-reader/herald/sanitize"
)

// SafeHTML returns html cleaned by an allow-list (bluemonday): no script,
// style, iframe, object, embed, form, event-handler attributes, style
// attributes; links only http, https, mailto (and relative ones resolved
// against base when base is an http or https URL; kept relative otherwise);
// images only http/https (or relative); no javascript:, data:, vbscript:,
// file: anywhere. Keeps structure: p, br, h1-h6, ul/ol/li, blockquote, pre,
// code, em/strong/b/i/u/s, del/ins, a, img, table parts, figure/figcaption,
// hr, dl/dt/dd, sup/sub. A body without markup comes back as escaped
// paragraphs.
func SafeHTML(html, base string) string {
	body, isHTML := prepareHTML(html)
	if !isHTML {
		return sanitize.Text(plainTextHTML(body))
	}
	safe := articlePolicy.Sanitize(body)
	if baseURL := httpBase(base); baseURL != nil {
		safe = resolveLinks(safe, baseURL)
	}
	// bluemonday decodes "&#27;" in text and writes the character back raw;
	// no control character may reach a terminal through the HTML either.
	// Removing characters from sanitised HTML cannot form new markup: its
	// text and attribute values hold no raw '<' or quote.
	return sanitize.Text(safe)
}

// articlePolicy is built once and only read afterwards: a bluemonday Policy
// is safe for concurrent use once configured.
var articlePolicy = newArticlePolicy()

// relativeOrHTTP matches an image source that is relative (no scheme before
// the first '/', '?' or '#') or http(s). URL validation proper is
// bluemonday's; this only keeps mailto, which links may use, off images.
var relativeOrHTTP = regexp.MustCompile(`(?i)^(?:https?:|[^:/?#]*(?:[/?#]|$))`)

func newArticlePolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "h1", "h2", "h3", "h4", "h5", "h6",
		"ul", "ol", "li", "blockquote", "pre", "code",
		"em", "strong", "b", "i", "u", "s", "del", "ins", "sup", "sub", "hr",
		"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
		"figure", "figcaption", "dl", "dt", "dd")

	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowAttrs("href", "title").OnElements("a")
	p.AllowAttrs("src").Matching(relativeOrHTTP).OnElements("img")
	p.AllowAttrs("alt", "title").OnElements("img")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer).OnElements("td", "th")
	// html-to-markdown reads the code block's language from this class.
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[\w+#.-]{1,32}$`)).OnElements("code")

	// Besides bluemonday's defaults (script, style, iframe, object, noscript,
	// title, ...), drop what is inside these too: none of it is article text.
	p.SkipElementsContent("template", "svg", "math", "head", "select", "textarea", "button")
	return p
}

// httpBase returns base parsed when it is an absolute http(s) URL. Any other
// base (empty, relative, javascript:...) resolves nothing: a hostile base
// must not turn a harmless relative link into a dangerous absolute one.
func httpBase(base string) *url.URL {
	if base == "" {
		return nil
	}
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil
	}
	return u
}

// resolveLinks rewrites the relative href and src attributes of sanitised
// HTML against base. Its input is bluemonday's output (re-serialised tokens,
// no raw-text elements), so tokenising it again reads exactly what
// bluemonday wrote; a resolved URL is kept only if it is still http(s).
func resolveLinks(safe string, base *url.URL) string {
	if !strings.Contains(safe, "href=") && !strings.Contains(safe, "src=") {
		return safe
	}
	var b strings.Builder
	b.Grow(len(safe) + len(safe)/8)
	z := html.NewTokenizer(strings.NewReader(safe))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String()
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.Write(z.Raw())
			continue
		}
		tok := z.Token()
		kept := tok.Attr[:0]
		for _, attr := range tok.Attr {
			if attr.Key == "href" || attr.Key == "src" {
				resolved, ok := resolveURL(base, attr.Val)
				if !ok {
					continue
				}
				attr.Val = resolved
			}
			kept = append(kept, attr)
		}
		tok.Attr = kept
		b.WriteString(tok.String())
	}
}

// resolveURL resolves ref against base; absolute refs are returned as they
// are. ok is false when the result is not http, https or mailto.
func resolveURL(base *url.URL, ref string) (string, bool) {
	u, err := url.Parse(ref)
	if err != nil {
		return "", false
	}
	if !u.IsAbs() {
		u = base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return u.String(), true
	}
	return "", false
}
