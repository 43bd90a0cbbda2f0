package content

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/herald-reader/herald/sanitize"
)

// Link is one link of an article: the text it is on and where it goes.
type Link struct {
	Text string // one line, sanitised; "" when the link has no text
	URL  string // absolute, http or https
}

// MaxLinks bounds how many links Links returns: a link round-up of
// thousands is listed as far as anyone would scroll.
const MaxLinks = 1000

// Links returns the links of an article body in the order they first
// appear, each URL once (the first link's text wins; a link with text lends
// it to an earlier one to the same place that has none). The body is
// markdown when there is any (an article file, or the cached conversion of
// its HTML), else html. Besides the links of the markup, a web address
// written out in the text (see bareURLs) is a link with no text, as GitHub
// and the reader show it; one in code is not. Only http and https links are
// kept: relative ones are resolved against base (the article's own link)
// and dropped when base is not an http or https URL; mail, javascript: and
// the like are dropped, and so are links to the article itself (its in-page
// anchors).
func Links(markdown, html, base string) []Link {
	c := linkCollector{base: httpBase(base), seen: map[string]int{}}
	if c.base != nil {
		self := *c.base
		self.Fragment, self.RawFragment = "", ""
		c.self = normalisedLink(&self)
	}
	if strings.TrimSpace(markdown) != "" {
		c.markdown(markdown)
	} else {
		c.html(html)
	}
	return c.links
}

// linkCollector gathers links in order, resolving and deduplicating them.
type linkCollector struct {
	base  *url.URL
	self  string         // the article's own link, normalised; "" without a base
	seen  map[string]int // URL -> its index in links, or -1 when dropped
	links []Link
}

// add keeps the link to raw if it is an http(s) link not seen before.
func (c *linkCollector) add(raw, text string) {
	if len(c.links) >= MaxLinks {
		return
	}
	u, ok := c.resolve(raw)
	if !ok {
		return
	}
	abs := u.String()
	if i, seen := c.seen[abs]; seen {
		if i >= 0 && c.links[i].Text == "" {
			c.links[i].Text = linkText(text) // a bare address named later on
		}
		return
	}
	c.seen[abs] = -1
	noFragment := *u
	noFragment.Fragment, noFragment.RawFragment = "", ""
	if c.self != "" && normalisedLink(&noFragment) == c.self {
		return // an anchor in the article itself
	}
	c.seen[abs] = len(c.links)
	c.links = append(c.links, Link{Text: linkText(text), URL: sanitize.Line(abs)})
}

// text adds the web addresses written out in text, which has no markup.
func (c *linkCollector) text(text string) {
	for _, u := range bareURLs(text) {
		c.add(u.URL, "")
	}
}

// resolve makes raw absolute against the base and keeps it only if it is
// http or https with a host.
func (c *linkCollector) resolve(raw string) (*url.URL, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, false
	}
	if !u.IsAbs() {
		if c.base == nil {
			return nil, false
		}
		u = c.base.ResolveReference(u)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, false
	}
	return u, true
}

// normalisedLink is u with its scheme and host lower-cased and no trailing
// slash on its path, for telling whether two links go to the same page.
func normalisedLink(u *url.URL) string {
	v := *u
	v.Scheme, v.Host = strings.ToLower(v.Scheme), strings.ToLower(v.Host)
	v.Path = strings.TrimSuffix(v.Path, "/")
	v.RawPath = strings.TrimSuffix(v.RawPath, "/")
	return v.String()
}

// linkText is a link's text on one line.
func linkText(s string) string {
	return sanitize.Line(strings.Join(strings.Fields(s), " "))
}

// markdown collects the links of a markdown document: inline and reference
// links, autolinks, <a href> in inline or block HTML, and web addresses
// written out in its text.
func (c *linkCollector) markdown(md string) {
	if tooDeeplyNested(md) {
		return // shown as plain text, so there are no links to follow
	}
	source := []byte(md)
	doc := markdownParser.Parse(text.NewReader(source))
	var open *pendingLink // an inline <a href> whose </a> has not come yet
	// run is the text read since the last markup, escapes resolved: an
	// address written in it may span several text nodes (goldmark splits
	// text at '_', '*' and the like that turn out not to be emphasis).
	var run bytes.Buffer
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok {
			switch {
			case !entering:
			case open != nil:
				open.text.Write(textValue(t, source))
				open.text.WriteByte(' ')
			default:
				run.Write(textValue(t, source))
				if t.SoftLineBreak() || t.HardLineBreak() {
					run.WriteByte('\n')
				}
			}
			return ast.WalkContinue, nil
		}
		// Any other node, going in or out, ends the run of text.
		c.text(run.String())
		run.Reset()
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			c.add(string(n.Destination), markdownText(n, source))
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				c.add(string(n.URL(source)), string(n.Label(source)))
			}
		case *ast.HTMLBlock:
			c.html(blockSource(n, source))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			open = c.rawHTML(rawSource(n, source), open)
		case *ast.CodeSpan, *ast.Image:
			// Code is not text, nor is an image's alt text, unless it
			// is the text of an <a> around it.
			if open == nil {
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
	c.text(run.String())
	if open != nil {
		c.add(open.href, open.text.String())
	}
}

// pendingLink is an <a href> met in inline HTML, collecting its text.
type pendingLink struct {
	href string
	text bytes.Buffer
}

// rawHTML follows inline HTML tags: <a href> opens a link whose text is the
// markdown text up to </a>.
func (c *linkCollector) rawHTML(tag string, open *pendingLink) *pendingLink {
	z := html.NewTokenizer(strings.NewReader(tag))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return open
		case html.StartTagToken:
			if href, ok := anchorHref(z); ok {
				if open != nil {
					c.add(open.href, open.text.String())
				}
				open = &pendingLink{href: href}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); atom.Lookup(name) == atom.A && open != nil {
				c.add(open.href, open.text.String())
				open = nil
			}
		}
	}
}

// html collects the <a href> links of an HTML fragment and the web
// addresses written out in its text.
func (c *linkCollector) html(src string) {
	if strings.TrimSpace(src) == "" {
		return
	}
	z := html.NewTokenizer(strings.NewReader(src))
	var open *pendingLink
	notText := 0 // how many elements whose text is not article text are open
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			if open != nil {
				c.add(open.href, open.text.String())
			}
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch atom.Lookup(name) {
			case atom.A:
				if open != nil { // <a> does not nest: a new one ends the last
					c.add(open.href, open.text.String())
					open = nil
				}
				if href, ok := attr(z, hasAttr, "href"); ok {
					open = &pendingLink{href: href}
				}
			case atom.Img:
				if alt, ok := attr(z, hasAttr, "alt"); ok && open != nil {
					open.text.WriteString(" " + alt + " ")
				}
			default:
				if tt == html.StartTagToken && !holdsText(atom.Lookup(name)) {
					notText++
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); {
			case a == atom.A && open != nil:
				c.add(open.href, open.text.String())
				open = nil
			case !holdsText(a) && notText > 0:
				notText--
			}
		case html.TextToken:
			switch {
			case open != nil:
				open.text.Write(z.Text())
			case notText == 0:
				c.text(string(z.Text()))
			}
		}
	}
}

// holdsText reports whether the text inside an element is article text,
// where a web address written out is a link: not in code (SafeHTML keeps
// code and pre, so the reader shows them as code), nor in what the reader
// never shows (scripts, styles, forms, the head).
func holdsText(a atom.Atom) bool {
	switch a {
	case atom.Code, atom.Pre, atom.Script, atom.Style, atom.Template, atom.Noscript,
		atom.Iframe, atom.Title, atom.Svg, atom.Math, atom.Head, atom.Select, atom.Textarea, atom.Button:
		return false
	}
	return true
}

// anchorHref is the href of the start tag z is on, if it is an <a>.
func anchorHref(z *html.Tokenizer) (string, bool) {
	name, hasAttr := z.TagName()
	if atom.Lookup(name) != atom.A {
		return "", false
	}
	return attr(z, hasAttr, "href")
}

// attr reads the named attribute of the tag z is on (its attributes not
// yet read).
func attr(z *html.Tokenizer, more bool, name string) (string, bool) {
	for more {
		var key, val []byte
		key, val, more = z.TagAttr()
		if string(key) == name {
			return string(val), true
		}
	}
	return "", false
}

// markdownText is the text of a markdown node's descendants: text, code,
// an image's alt text.
func markdownText(n ast.Node, source []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(textValue(c, source))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// textValue is a text node as the reader shows it: escapes resolved.
func textValue(n *ast.Text, source []byte) []byte {
	value := n.Value(source)
	if !n.IsRaw() {
		value = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(value)))
	}
	return value
}

func blockSource(n *ast.HTMLBlock, source []byte) string {
	var b []byte
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b = append(b, seg.Value(source)...)
	}
	if n.HasClosure() {
		b = append(b, n.ClosureLine.Value(source)...)
	}
	return string(b)
}

func rawSource(n *ast.RawHTML, source []byte) string {
	var b []byte
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		b = append(b, seg.Value(source)...)
	}
	return string(b)
}
