package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"html"
	"net/url"
	"regexp"
	"strconv"
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
// all there is), unless it is a no-reply one that names nobody. Markup is
// never a name: see personText.
func personName(s string) string {
	s = strings.TrimSpace(personText(s))
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

// personTag matches an XML or HTML tag ("<name>", "</atom:name>", "<br/>",
// "<b class=x>"), but not an address in angle brackets ("<jo@x.com>"): a
// tag's name is followed by a space, a slash or its end.
var personTag = regexp.MustCompile(`</?[A-Za-z][\w.-]*(?::[A-Za-z][\w.-]*)?(?:\s[^<>]*)?/?>`)

// personNameElement matches a <name> element, with any prefix.
var personNameElement = regexp.MustCompile(`(?is)<(?:[\w.-]+:)?name(?:\s[^<>]*)?>(.*?)</(?:[\w.-]+:)?name\s*>`)

// personText returns a person as text. Some feeds give an RSS <author> (or a
// dc:creator) as elements, the way Atom does: <name>Jo</name><title>Editor
// </title>. The parser hands that over as markup; the person is the <name>
// element's text, and any other tag is dropped, its text kept.
func personText(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	markup := false
	if m := personNameElement.FindStringSubmatch(s); m != nil {
		s, markup = m[1], true
	}
	if personTag.MatchString(s) {
		s, markup = personTag.ReplaceAllString(s, " "), true
	}
	if markup {
		// The parser decoded entities once, as XML; markup that was
		// escaped in the feed holds its text's entities one layer down.
		s = html.UnescapeString(s)
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

// dateLayouts are the W3C-DTF / RFC 3339 forms parseDate accepts (dc:date,
// JSON Feed, Atom); the RFC 822 family is parseRFC822's.
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
}

// parseDate parses s as a W3C-DTF or an RFC 822 date (for dates gofeed left
// unparsed); zero when it is neither.
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
	return parseRFC822(s)
}

// parseRFC822 reads an RFC 822 / 2822 date as feeds write it, leniently:
// "Thu, 09 Feb 2006 16:59:45 PDT" and also without the weekday or the
// seconds, with a two-digit year, names in any case ("tHu", "fEb", "pDt",
// "z"), comments ("9(th) Feb(ruary)"), any whitespace, the month before
// the day (as JavaScript writes dates), and any four-digit year. A zone
// name is read from zoneOffsets, not from the machine's time zone
// (time.Parse's MST layout would); a military letter or an unknown name
// reads as UTC, as RFC 2822 says a zone that means nothing reliable is to
// be read. Zero when s is no such date (an impossible day included).
func parseRFC822(s string) time.Time {
	fields := strings.Fields(strings.ReplaceAll(stripDateComments(s), ",", " "))
	if len(fields) > 0 && isWeekday(fields[0]) {
		fields = fields[1:]
	}
	if len(fields) < 4 || len(fields) > 5 {
		return time.Time{}
	}
	day, month := dayOfMonth(fields[0]), monthNumber(fields[1])
	if day == 0 || month == 0 { // "Feb 09 2006 ..."
		day, month = dayOfMonth(fields[1]), monthNumber(fields[0])
	}
	year := rfc822Year(fields[2])
	hour, minute, second, clockOK := clockTime(fields[3])
	if day == 0 || month == 0 || year < 0 || !clockOK {
		return time.Time{}
	}
	offset := 0
	if len(fields) == 5 {
		var ok bool
		if offset, ok = zoneOffset(fields[4]); !ok {
			return time.Time{}
		}
	}
	t := time.Date(year, time.Month(month), day, hour, minute, second, 0, time.FixedZone("", offset))
	if t.Day() != day { // 31 Feb would roll over into March
		return time.Time{}
	}
	return t
}

// stripDateComments replaces RFC 822 comments (parenthesised, nestable,
// with backslash escapes) by spaces, which is what they separate like.
func stripDateComments(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && depth > 0:
			i++ // the escaped character is part of the comment
		case c == '(':
			if depth == 0 {
				b.WriteByte(' ')
			}
			depth++
		case c == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isWeekday(s string) bool {
	if len(s) < 3 || !isLetters(s) {
		return false
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		if name := d.String(); strings.EqualFold(s, name[:3]) || strings.EqualFold(s, name) {
			return true
		}
	}
	return false
}

// monthNumber reads a month's name, abbreviated or in full, in any case;
// 0 when s is none.
func monthNumber(s string) int {
	if len(s) < 3 || !isLetters(s) {
		return 0
	}
	for m := time.January; m <= time.December; m++ {
		if name := m.String(); strings.EqualFold(s, name[:3]) || strings.EqualFold(s, name) {
			return int(m)
		}
	}
	return 0
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

// dayOfMonth reads a one- or two-digit day; 0 when s is none.
func dayOfMonth(s string) int {
	if len(s) > 2 {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 31 {
		return 0
	}
	return n
}

// rfc822Year reads a year of four digits, or of two (RFC 2822: 00-49 are
// 2000-2049, 50-99 are 1950-1999) or three (1900 + n); -1 when s is none.
func rfc822Year(s string) int {
	if len(s) < 2 || len(s) > 4 || strings.TrimLeft(s, "0123456789") != "" {
		return -1
	}
	n, _ := strconv.Atoi(s)
	switch {
	case len(s) == 2 && n < 50:
		n += 2000
	case len(s) < 4:
		n += 1900
	}
	return n
}

// clockTime reads "15:04" or "15:04:05".
func clockTime(s string) (hour, minute, second int, ok bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || len(p) > 2 || v < 0 {
			return 0, 0, 0, false
		}
		n[i] = v
	}
	if n[0] > 23 || n[1] > 59 || n[2] > 60 {
		return 0, 0, 0, false
	}
	return n[0], n[1], n[2], true
}

// zoneOffsets are zone names feeds write, in minutes east of UTC: RFC 822's
// own and the common North American, European, Asian and Pacific ones.
// Ambiguous names (IST, BST outside Britain) are left out.
var zoneOffsets = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
	"EST": -5 * 60, "EDT": -4 * 60, "CST": -6 * 60, "CDT": -5 * 60,
	"MST": -7 * 60, "MDT": -6 * 60, "PST": -8 * 60, "PDT": -7 * 60,
	"AKST": -9 * 60, "AKDT": -8 * 60, "HST": -10 * 60, "AST": -4 * 60, "ADT": -3 * 60,
	"BST": 60, "WEST": 60, "CET": 60, "MET": 60, "CEST": 2 * 60, "MEST": 2 * 60,
	"EET": 2 * 60, "EEST": 3 * 60, "MSK": 3 * 60,
	"HKT": 8 * 60, "SGT": 8 * 60, "AWST": 8 * 60, "JST": 9 * 60, "KST": 9 * 60,
	"ACST": 9*60 + 30, "AEST": 10 * 60, "AEDT": 11 * 60, "NZST": 12 * 60, "NZDT": 13 * 60,
}

// zoneOffset reads a zone: "+0100", "-07:00", a name from zoneOffsets in
// any case, or "GMT+0100". A military letter or another name of letters
// means nothing reliable and reads as UTC; anything else is no zone.
func zoneOffset(s string) (seconds int, ok bool) {
	upper := strings.ToUpper(s)
	if minutes, known := zoneOffsets[upper]; known {
		return minutes * 60, true
	}
	for _, prefix := range []string{"GMT", "UTC", "UT"} {
		if rest, found := strings.CutPrefix(upper, prefix); found && rest != "" && (rest[0] == '+' || rest[0] == '-') {
			upper = rest
			break
		}
	}
	if upper != "" && (upper[0] == '+' || upper[0] == '-') {
		digits := strings.ReplaceAll(upper[1:], ":", "")
		if len(digits) != 4 || strings.TrimLeft(digits, "0123456789") != "" {
			return 0, false
		}
		h, _ := strconv.Atoi(digits[:2])
		m, _ := strconv.Atoi(digits[2:])
		if h > 23 || m > 59 {
			return 0, false
		}
		seconds = (h*60 + m) * 60
		if upper[0] == '-' {
			seconds = -seconds
		}
		return seconds, true
	}
	if len(upper) <= 5 && isLetters(upper) {
		return 0, true
	}
	return 0, false
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

// itemIdentity is what finishDocument needs to know of an item besides its
// article.
type itemIdentity struct {
	hasID     bool   // the feed gave the item an id: an RSS guid, an Atom or JSON Feed id
	enclosure string // the URL of its first enclosure (a podcast episode's file), if any
}

// finishDocument does what takes all of one document's items at once: it
// gives items that would share an identity one each, and dates undated
// items so that they keep the document's order. ids is parallel to
// articles; finishArticle has run on each.
func finishDocument(articles []store.NewArticle, ids []itemIdentity, now time.Time) {
	distinguishSharedLinks(articles, ids)
	orderUndated(articles, now)
}

// distinguishSharedLinks gives an identity of its own to each item that has
// no id and shares its link with another item of the document.
//
// An item without an id is known by its link (finishArticle), and that is
// what matches it to its stored copy on the next refresh. But some feeds,
// podcasts above all, give every item the same link (the show's page) and
// no guid: known by the link, all the episodes would be one article, each
// overwriting the last. Such items are known instead by the link together
// with what tells them apart and stays put from one fetch to the next: the
// enclosure URL when there is one, else the title and the published date
// (with the text as well where even those clash). Nothing here depends on
// the time or the item's position, so a re-import finds the same identities;
// and an item whose link is its own keeps the link as its identity, as it
// always has, so stored items keep matching.
func distinguishSharedLinks(articles []store.NewArticle, ids []itemIdentity) {
	claims := make(map[string]int) // identity → the items known by it
	for _, a := range articles {
		claims[a.GUID]++ // an id clashes with an equal link too
	}
	var changed []int
	for i := range articles {
		a := &articles[i]
		if ids[i].hasID || a.Link == "" || a.GUID != a.Link || claims[a.GUID] < 2 {
			continue
		}
		if ids[i].enclosure != "" {
			a.GUID = derivedID("link+enclosure", a.Link, ids[i].enclosure)
		} else {
			a.GUID = derivedID("link+title+date", a.Link, a.Title, dateKey(a.Published))
		}
		changed = append(changed, i)
	}
	clash := make(map[string]int, len(changed))
	for _, i := range changed {
		clash[articles[i].GUID]++
	}
	for _, i := range changed {
		if a := &articles[i]; clash[a.GUID] > 1 {
			// The same enclosure, or title and date, twice: what the
			// items say decides. Items alike in all of it are one item
			// listed twice, and stay one.
			a.GUID = derivedID("link+all", a.Link, ids[i].enclosure, a.Title, dateKey(a.Published), a.Summary, a.Content)
		}
	}
}

// derivedID hashes an identity out of parts; kind keeps identities made
// from different parts apart.
func derivedID(kind string, parts ...string) string {
	h := sha256.New()
	h.Write([]byte(kind))
	for _, s := range parts {
		h.Write([]byte{0})
		h.Write([]byte(s))
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)[:16])
}

func dateKey(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// undatedStep separates the times orderUndated gives undated items: the
// store keeps whole seconds.
const undatedStep = time.Second

// orderUndated dates the items that have no date at all: the first now,
// each later one a step earlier, so that a list ordered newest first shows
// them in the document's order (feeds list their newest item first). Left
// undated, they would all take the time they were stored and tie, and the
// store breaks ties by the last stored first: the document upside down.
//
// The time goes in Updated, which the store falls back to for an item
// without a published date but does not count in the item's content hash
// (Published is in it, as is the fallback identity contentID): a refresh
// that finds the item again finds it unchanged, and it keeps the time of
// its first import instead of jumping to the top each time.
func orderUndated(articles []store.NewArticle, now time.Time) {
	for i := range articles {
		if a := &articles[i]; a.Published.IsZero() && a.Updated.IsZero() {
			a.Updated = now.Add(-time.Duration(i) * undatedStep).UTC()
		}
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
