package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"html"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/herald-reader/herald/content"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// Limits on names and titles: a hostile feed must not hand the store a
// megabyte-long "author" or ten thousand tags.
const (
	maxNameLen   = 200 // bytes in one author or tag name
	maxNames     = 64  // authors, and tags, kept per article
	maxTitleLen  = 1000
	derivedWords = 12 // words in a title made from the text
	derivedLen   = 80 // bytes in a title made from the text
)

// nameList collects author or tag names: each is cleaned to one printable
// line, empty ones are dropped, and so are repeats that differ only in case,
// keeping the first spelling seen.
type nameList []string

func (l *nameList) add(names ...string) {
	for _, name := range names {
		if len(*l) >= maxNames {
			return
		}
		name = sanitize.Line(name)
		if len(name) > maxNameLen {
			name = truncateRunes(name, maxNameLen)
		}
		if name == "" || l.has(name) {
			continue
		}
		*l = append(*l, name)
	}
}

func (l nameList) has(name string) bool {
	for _, seen := range l {
		if strings.EqualFold(seen, name) {
			return true
		}
	}
	return false
}

// splitCommaList splits s on commas when it is clearly a list ("go, rust,
// zig"); anything else is one name.
func splitCommaList(s string) []string {
	if !strings.Contains(s, ",") {
		return []string{s}
	}
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// personName returns the name in an RSS-style person string, which may carry
// an email address: "jo@x.com (Jo Bloggs)", "Jo Bloggs <jo@x.com>" and
// "Jo Bloggs (jo@x.com)" are all "Jo Bloggs". A bare address is kept (it is
// all there is), unless it is a no-reply one that names nobody.
func personName(s string) string {
	s = strings.TrimSpace(s)
	if open := strings.IndexByte(s, '('); open >= 0 && strings.HasSuffix(s, ")") {
		inner := strings.TrimSpace(s[open+1 : len(s)-1])
		outer := strings.TrimSpace(s[:open])
		if isEmail(outer) {
			return inner
		}
		if isEmail(inner) {
			return outer
		}
	}
	if open := strings.IndexByte(s, '<'); open > 0 && strings.HasSuffix(s, ">") && isEmail(s[open+1:len(s)-1]) {
		return strings.Trim(strings.TrimSpace(s[:open]), `"`)
	}
	if isEmail(s) && isNoReply(s) {
		return ""
	}
	return s
}

func isEmail(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(s), "mailto:")
	at := strings.IndexByte(s, '@')
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " \t()<>")
}

func isNoReply(address string) bool {
	local := strings.ToLower(address[:strings.IndexByte(address, '@')])
	switch strings.NewReplacer("-", "", "_", "", ".", "").Replace(local) {
	case "noreply", "donotreply", "nobody", "none", "unknown":
		return true
	}
	return false
}

// Dates outside [earliestDate, now+futureSlack] are treated as unknown: a
// feed that says 1970 or 2099 must not pin its items to the top or bottom
// of every list.
var earliestDate = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

const futureSlack = 48 * time.Hour

func saneDate(t, now time.Time) time.Time {
	if t.IsZero() || t.Before(earliestDate) || t.After(now.Add(futureSlack)) {
		return time.Time{}
	}
	return t.UTC()
}

// dateLayouts are the forms parseDate accepts: W3C-DTF / RFC 3339 (dc:date,
// JSON Feed) and the RFC 822 family, for dates gofeed left unparsed.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04 -0700",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006-01",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	time.RFC822Z,
	time.RFC822,
}

// parseDate parses s in any of dateLayouts; zero when none fits.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// firstDate returns the first non-zero time.
func firstDate(times ...time.Time) time.Time {
	for _, t := range times {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

func derefTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// resolveLink returns ref as an absolute http(s) URL, resolved against base
// when relative; "" when it is empty or any other scheme (javascript:,
// data:, file: ... have no place behind a key that opens a browser).
func resolveLink(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// firstLink returns the first candidate that resolves to an http(s) URL.
func firstLink(base *url.URL, candidates ...string) string {
	for _, c := range candidates {
		if link := resolveLink(base, c); link != "" {
			return link
		}
	}
	return ""
}

// parseBase returns s as a base URL for resolving links, or nil unless it is
// an absolute http(s) URL.
func parseBase(s string) *url.URL {
	if resolveLink(nil, s) == "" {
		return nil
	}
	u, _ := url.Parse(strings.TrimSpace(s))
	return u
}

// cleanTitle turns a title as published into one plain line: titles may
// carry markup (Atom type="html", or escaped tags in RSS) that must not show.
func cleanTitle(title string) string {
	if strings.ContainsAny(title, "<&") {
		// Markup goes and entities are decoded: a plain-text title field
		// often arrives escaped ("Q&amp;A") or with tags in it.
		title = content.Text(title)
	}
	title = sanitize.Line(title)
	if len(title) > maxTitleLen {
		title = truncateRunes(title, maxTitleLen) + "…"
	}
	return title
}

// titleFromText makes a title for an untitled item (a microblog post, say)
// from the first words of its text.
func titleFromText(text string) string {
	words := strings.Fields(sanitize.Line(text))
	if len(words) == 0 {
		return ""
	}
	cut := len(words) > derivedWords
	if cut {
		words = words[:derivedWords]
	}
	title := strings.Join(words, " ")
	if len(title) > derivedLen {
		title, cut = truncateRunes(title, derivedLen), true
	}
	if cut {
		title += "…"
	}
	return title
}

// textToHTML wraps plain text as HTML for the Content field: escaped, with
// blank-line separated paragraphs and line breaks kept.
func textToHTML(text string) string {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	if text == "" {
		return ""
	}
	var b strings.Builder
	for _, para := range strings.Split(text, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(para), "\n", "<br>\n"))
		b.WriteString("</p>\n")
	}
	return b.String()
}

// contentHTML returns an Atom-style text construct as HTML. gofeed has
// already decoded it; kind is its type attribute. Plain text is escaped so
// that "a < b" survives; a construct without a type that nonetheless looks
// like HTML is taken as HTML, which is what its publisher meant.
func contentHTML(value, kind string) string {
	switch strings.ToLower(strings.TrimSpace(kind)) {
	case "html", "xhtml", "text/html", "application/xhtml+xml":
		return value
	case "text", "text/plain":
		return textToHTML(value)
	case "":
		if content.LooksLikeHTML(value) {
			return value
		}
		return textToHTML(value)
	}
	return value
}

// finishArticle fills what every format derives the same way: a title when
// there is none, a GUID when the item has no id and no link, and sane UTC
// dates. The plain text of an HTML body is not made here: the store derives
// it when it indexes or prints the article (making it on ingest cost an
// import a fifth of its time, and storing it a third of the store's size).
func finishArticle(a *store.NewArticle, now time.Time) {
	a.Title = cleanTitle(a.Title)
	if a.Title == "" {
		text := a.Text
		if text == "" {
			text = content.Text(a.Content)
		}
		a.Title = titleFromText(text)
	}
	a.Published = saneDate(a.Published, now)
	a.Updated = saneDate(a.Updated, now)
	if a.Published.IsZero() {
		a.Published = a.Updated
	}
	a.GUID = strings.TrimSpace(a.GUID)
	if a.GUID == "" {
		a.GUID = a.Link
	}
	if a.GUID == "" {
		a.GUID = contentID(a)
	}
	if !utf8.ValidString(a.GUID) {
		a.GUID = strings.ToValidUTF8(a.GUID, "\uFFFD")
	}
}

// contentID names an item that has neither id nor link by what it says, so
// importing the same feed twice does not duplicate it.
func contentID(a *store.NewArticle) string {
	h := sha256.New()
	for _, s := range []string{a.Title, a.Published.Format(time.RFC3339), a.Summary, a.Content} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)[:16])
}
