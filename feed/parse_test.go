package feed

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// parseFile parses a fixture from testdata, failing the test on error.
func parseFile(t *testing.T, name string) (store.FeedInfo, []store.NewArticle) {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, articles, err := Parse(f, name)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	for _, a := range articles {
		checkCleanArticle(t, name, a)
	}
	return info, articles
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestParseAtom(t *testing.T) {
	info, articles := parseFile(t, "atom-authors.xml")
	if info.Title != "Field & Notes blog" {
		t.Errorf("feed title %q: want the html title as plain text", info.Title)
	}
	if info.SiteURL != "https://notes.example.org/" {
		t.Errorf("site URL %q: want the relative alternate link resolved against rel=self", info.SiteURL)
	}
	if len(articles) != 3 {
		t.Fatalf("got %d entries, want 3", len(articles))
	}

	first := articles[0]
	if want := []string{"Ada Lovelace", "Grace Hopper"}; !reflect.DeepEqual(first.Authors, want) {
		t.Errorf("authors %q, want both authors once each %q", first.Authors, want)
	}
	if want := []string{"Pair Programming", "keyboards"}; !reflect.DeepEqual(first.Tags, want) {
		t.Errorf("tags %q, want label over term, deduped ignoring case %q", first.Tags, want)
	}
	if first.Link != "https://notes.example.org/2024/03/pair" {
		t.Errorf("link %q: want the alternate link, resolved", first.Link)
	}
	if first.GUID != "tag:notes.example.org,2024:1" {
		t.Errorf("GUID %q: want the Atom id", first.GUID)
	}
	if !first.Published.Equal(utc("2024-03-01T07:30:00Z")) || first.Published.Location() != time.UTC {
		t.Errorf("published %v: want 2024-03-01 07:30 UTC", first.Published)
	}
	if !first.Updated.Equal(utc("2024-03-02T08:00:00Z")) {
		t.Errorf("updated %v", first.Updated)
	}
	if first.Summary != "A short summary." || !strings.Contains(first.Content, `<a href="/x">a link</a>`) {
		t.Errorf("summary %q / content %q: want each as published", first.Summary, first.Content)
	}
	if first.PlainText() != "Body with a link." {
		t.Errorf("text %q: want the content as plain text", first.PlainText())
	}

	second := articles[1]
	if second.Title != "When a < b" {
		t.Errorf("title %q: a text title keeps its '<'", second.Title)
	}
	if !second.Published.Equal(utc("2024-02-20T12:00:00Z")) {
		t.Errorf("published %v: want it taken from <updated> when there is no <published>", second.Published)
	}
	if !reflect.DeepEqual(second.Authors, []string{"Guest Writer"}) {
		t.Errorf("authors %q: want the dc:creator", second.Authors)
	}
	if !strings.Contains(second.Content, "&lt;angle&gt;") || !strings.Contains(second.PlainText(), "<angle>") {
		t.Errorf("content %q / text %q: type=text content must be escaped into HTML and kept in text", second.Content, second.PlainText())
	}

	third := articles[2]
	if third.Link != "" {
		t.Errorf("link %q: a javascript: link must be dropped", third.Link)
	}
	if !strings.HasPrefix(third.Title, "An entry with no title") || !strings.HasSuffix(third.Title, "…") {
		t.Errorf("title %q: want the first words of the summary", third.Title)
	}
	if !reflect.DeepEqual(third.Authors, []string{"Feed Owner"}) {
		t.Errorf("authors %q: want the feed's author as fallback", third.Authors)
	}
	if !third.Published.IsZero() {
		t.Errorf("published %v: want zero (unknown)", third.Published)
	}
}

func TestParseRSS(t *testing.T) {
	info, articles := parseFile(t, "rss-dc.xml")
	if info.Title != "Harbour Gazette" || info.SiteURL != "https://gazette.example.net/" {
		t.Errorf("feed info %+v", info)
	}
	if len(articles) != 6 {
		t.Fatalf("got %d items, want 6", len(articles))
	}
	byTitle := map[string]store.NewArticle{}
	for _, a := range articles {
		byTitle[a.Title] = a
	}

	tides := byTitle["Tide tables revised"]
	if want := []string{"Jo Bloggs", "Sam Smith"}; !reflect.DeepEqual(tides.Authors, want) {
		t.Errorf("authors %q, want %q (email stripped, dc:creator added, deduped)", tides.Authors, want)
	}
	if want := []string{"Harbour", "Weather", "tides", "moon", "sea"}; !reflect.DeepEqual(tides.Tags, want) {
		t.Errorf("tags %q, want %q (categories deduped, dc:subject comma list split)", tides.Tags, want)
	}
	if tides.Link != "https://gazette.example.net/2024/tides" {
		t.Errorf("link %q: want the relative link resolved against the channel link", tides.Link)
	}
	if tides.GUID != "gazette-1" {
		t.Errorf("GUID %q", tides.GUID)
	}
	if tides.Content != "<p>The full story of the <b>tides</b>.</p>" || tides.Summary != "<p>Summary of the tides.</p>" {
		t.Errorf("content %q / summary %q: want content:encoded and description", tides.Content, tides.Summary)
	}
	if !tides.Published.Equal(utc("2024-03-05T13:00:00Z")) {
		t.Errorf("published %v", tides.Published)
	}

	noDates := byTitle["No dates at all"]
	// Undated: no published date, and the import time (less a step per
	// position, see orderUndated) as updated, which the store orders by.
	if !noDates.Published.IsZero() || noDates.Updated.IsZero() || time.Since(noDates.Updated) > time.Minute {
		t.Errorf("dates %v %v: want no published date and about now as updated", noDates.Published, noDates.Updated)
	}
	if noDates.Link != "https://gazette.example.net/2024/no-dates" {
		t.Errorf("link %q: want the permalink guid", noDates.Link)
	}
	if noDates.Content != noDates.Summary || noDates.Content == "" {
		t.Errorf("content %q: want the description when there is no content:encoded", noDates.Content)
	}
	if !reflect.DeepEqual(noDates.Authors, []string{"Desk Editor"}) {
		t.Errorf("authors %q: want the channel's dc:creator as fallback", noDates.Authors)
	}

	if got := byTitle["Dated by Dublin Core"].Published; !got.Equal(utc("2024-03-01T04:15:00Z")) {
		t.Errorf("published %v: want the dc:date", got)
	}
	for _, title := range []string{"From the epoch", "From the future"} {
		if got := byTitle[title].Published; !got.IsZero() {
			t.Errorf("%s: published %v, want an absurd date treated as unknown", title, got)
		}
	}

	var hostile store.NewArticle
	for _, a := range articles {
		if strings.HasPrefix(a.Title, "Clear") {
			hostile = a
		}
	}
	if strings.ContainsAny(hostile.Title, "\x1b\x07\u202e") || hostile.Link != "" {
		t.Errorf("hostile item kept control characters or a javascript: link: %q %q", hostile.Title, hostile.Link)
	}
	if !strings.HasPrefix(hostile.GUID, "sha256:") {
		t.Errorf("GUID %q: an item with no guid and no link needs a content-derived id", hostile.GUID)
	}
}

func TestParseJSONFeed(t *testing.T) {
	info, articles := parseFile(t, "feed.json")
	if info.Title != "Pocket & Notebook" || info.SiteURL != "https://pocket.example.com/" {
		t.Errorf("feed info %+v", info)
	}
	if len(articles) != 3 {
		t.Fatalf("got %d items, want 3", len(articles))
	}
	first, second, third := articles[0], articles[1], articles[2]
	if !reflect.DeepEqual(first.Authors, []string{"Ana Writer", "Bo Writer"}) {
		t.Errorf("authors %q", first.Authors)
	}
	if !reflect.DeepEqual(first.Tags, []string{"Notes", "Go"}) {
		t.Errorf("tags %q", first.Tags)
	}
	if first.Link != "https://pocket.example.com/posts/1" || first.Content != "<p>Hello <em>world</em>.</p>" || first.PlainText() != "Hello world." {
		t.Errorf("link %q content %q text %q", first.Link, first.Content, first.PlainText())
	}
	if !first.Published.Equal(utc("2024-01-10T13:00:00Z")) || !first.Updated.Equal(utc("2024-01-11T08:00:00Z")) {
		t.Errorf("dates %v %v", first.Published, first.Updated)
	}

	if second.GUID != "2" {
		t.Errorf("GUID %q: a numeric id is coerced to a string", second.GUID)
	}
	if second.PlainText() != "A microblog post with no title.\n\nIt has <two> paragraphs & plain text." {
		t.Errorf("text %q: content_text is the text as is", second.PlainText())
	}
	if !strings.Contains(second.Content, "&lt;two&gt;") {
		t.Errorf("content %q: content_text must be escaped into HTML", second.Content)
	}
	if !strings.HasPrefix(second.Title, "A microblog post with no title.") {
		t.Errorf("title %q: want it derived from the text", second.Title)
	}
	if !reflect.DeepEqual(second.Authors, []string{"Pat Feed"}) {
		t.Errorf("authors %q: want the feed's authors as fallback", second.Authors)
	}
	if !reflect.DeepEqual(second.Tags, []string{"single", "comma", "list"}) {
		t.Errorf("tags %q: a tags string is read as a comma list", second.Tags)
	}

	if third.Link != "https://other.example.org/story" || !reflect.DeepEqual(third.Authors, []string{"Old Style (1.0)"}) {
		t.Errorf("link %q authors %q: want external_url and the 1.0 author", third.Link, third.Authors)
	}
	if third.Content == "" || third.PlainText() != "Only a summary." {
		t.Errorf("content %q text %q: a summary-only item still has a body", third.Content, third.PlainText())
	}
}

func TestParseStandaloneAtomEntry(t *testing.T) {
	doc := `<?xml version="1.0"?>
<entry xmlns="http://www.w3.org/2005/Atom"><id>urn:x:1</id><title>Alone</title>
<link href="https://a.example/1"/><updated>2020-05-01T00:00:00Z</updated></entry>`
	_, articles, err := Parse(strings.NewReader(doc), "entry.xml")
	if err != nil || len(articles) != 1 || articles[0].Title != "Alone" {
		t.Fatalf("got %+v, %v: want the one entry", articles, err)
	}
}

func TestParseResolvesAgainstSourceURL(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>T</title><link>/</link>
<item><title>A</title><link>posts/a</link></item></channel></rss>`
	info, articles, err := Parse(strings.NewReader(doc), "https://host.example/feeds/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	if info.SiteURL != "https://host.example/" || articles[0].Link != "https://host.example/posts/a" {
		t.Errorf("site %q link %q: want both resolved against the feed's URL", info.SiteURL, articles[0].Link)
	}
}

func TestPersonName(t *testing.T) {
	for in, want := range map[string]string{
		"jo@x.com (Jo Bloggs)":         "Jo Bloggs",
		"Jo Bloggs (jo@x.com)":         "Jo Bloggs",
		`"Jo Bloggs" <jo@x.com>`:       "Jo Bloggs",
		"Jo Bloggs":                    "Jo Bloggs",
		"jo@x.com":                     "jo@x.com",
		"noreply@blogger.com":          "",
		"no-reply@x.com":               "",
		"noreply@blogger.com (Ann Li)": "Ann Li",
		"Ann (the editor)":             "Ann (the editor)",
		"  ":                           "",
	} {
		if got := personName(in); got != want {
			t.Errorf("personName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNameListCleansAndDedupes(t *testing.T) {
	var l nameList
	l.add("Go", " go ", "GO", "", "  ", "Rust\x1b[31m", "a\nb", strings.Repeat("x", 1000))
	want := []string{"Go", "Rust[31m", "a b", strings.Repeat("x", maxNameLen)}
	if !reflect.DeepEqual([]string(l), want) {
		t.Errorf("got %q, want %q", l, want)
	}
	var many nameList
	for i := range 1000 {
		many.add("tag" + string(rune('a'+i%26)) + strings.Repeat("z", i/26))
	}
	if len(many) != maxNames {
		t.Errorf("kept %d names, want the cap %d", len(many), maxNames)
	}
}

func TestSaneDate(t *testing.T) {
	now := utc("2025-06-01T00:00:00Z")
	for _, tc := range []struct {
		in   time.Time
		want time.Time
	}{
		{utc("2024-01-01T00:00:00Z"), utc("2024-01-01T00:00:00Z")},
		{utc("1989-12-31T23:59:59Z"), time.Time{}},
		{utc("1990-01-01T00:00:00Z"), utc("1990-01-01T00:00:00Z")},
		{utc("2025-06-02T23:00:00Z"), utc("2025-06-02T23:00:00Z")}, // within two days
		{utc("2025-06-03T01:00:00Z"), time.Time{}},
		{time.Time{}, time.Time{}},
	} {
		if got := saneDate(tc.in, now); !got.Equal(tc.want) {
			t.Errorf("saneDate(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	local := time.Date(2024, 1, 1, 12, 0, 0, 0, time.FixedZone("X", 3600))
	if got := saneDate(local, now); got.Location() != time.UTC {
		t.Errorf("saneDate kept zone %v, want UTC", got.Location())
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2024-02-29T23:15:00-05:00":       "2024-03-01T04:15:00Z",
		"2024-02-29T23:15:00.123Z":        "2024-02-29T23:15:00Z",
		"2024-02-29":                      "2024-02-29T00:00:00Z",
		"2024-02-29T10:00":                "",
		"Tue, 05 Mar 2024 14:00:00 +0100": "2024-03-05T13:00:00Z",
		"garbage":                         "",
	} {
		got := parseDate(in)
		if want == "" {
			if !got.IsZero() {
				t.Errorf("parseDate(%q) = %v, want zero", in, got)
			}
			continue
		}
		if !got.Truncate(time.Second).Equal(utc(want)) {
			t.Errorf("parseDate(%q) = %v, want %s", in, got, want)
		}
	}
}

func TestResolveLink(t *testing.T) {
	base := parseBase("https://site.example/blog/")
	for _, tc := range []struct{ ref, want string }{
		{"post/1", "https://site.example/blog/post/1"},
		{"/abs", "https://site.example/abs"},
		{"http://other.example/x", "http://other.example/x"},
		{"javascript:alert(1)", ""},
		{"data:text/html,hi", ""},
		{"file:///etc/passwd", ""},
		{"  ", ""},
		{"//cdn.example/y", "https://cdn.example/y"},
	} {
		if got := resolveLink(base, tc.ref); got != tc.want {
			t.Errorf("resolveLink(%q) = %q, want %q", tc.ref, got, tc.want)
		}
	}
	if got := resolveLink(nil, "relative/only"); got != "" {
		t.Errorf("relative link without base = %q, want \"\"", got)
	}
}

func TestTitleFromText(t *testing.T) {
	if got := titleFromText("Short post."); got != "Short post." {
		t.Errorf("got %q", got)
	}
	long := "one two three four five six seven eight nine ten eleven twelve thirteen"
	if got := titleFromText(long); got != "one two three four five six seven eight nine ten eleven twelve…" {
		t.Errorf("got %q", got)
	}
	if got := titleFromText(strings.Repeat("é", 100)); len(got) > derivedLen+len("…") || !strings.HasSuffix(got, "…") {
		t.Errorf("got %q: want at most %d bytes and an ellipsis", got, derivedLen)
	}
}

func TestParseExtensionOnlyBodies(t *testing.T) {
	podcast := `<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>P</title>
<item><title>Episode 1</title><guid>e1</guid><itunes:summary>We talk about &lt;tides&gt; &amp; moons.</itunes:summary></item></channel></rss>`
	_, articles, err := Parse(strings.NewReader(podcast), "podcast.xml")
	if err != nil {
		t.Fatal(err)
	}
	if a := articles[0]; a.PlainText() != "We talk about <tides> & moons." || !strings.Contains(a.Content, "&lt;tides&gt;") {
		t.Errorf("text %q content %q: want the itunes:summary as the body", a.PlainText(), a.Content)
	}

	video := `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><title>V</title>
<entry><id>v1</id><title>Clip</title><media:group><media:title>Clip</media:title>
<media:description>Filmed at dawn.</media:description></media:group></entry></feed>`
	_, articles, err = Parse(strings.NewReader(video), "video.xml")
	if err != nil {
		t.Fatal(err)
	}
	if a := articles[0]; a.PlainText() != "Filmed at dawn." || a.Summary != "Filmed at dawn." {
		t.Errorf("text %q summary %q: want the media:description as the body", a.PlainText(), a.Summary)
	}
}
