package feed

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// corpusFile reads a file of the shared corpus (path under corpusDir), and
// skips the test where there is no corpus.
func corpusFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir, path))
	if os.IsNotExist(err) {
		t.Skip("shared corpus file " + path + " not found; skipping")
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// parseAt parses a feed document as Parse does, at the given time.
func parseAt(t *testing.T, data []byte, name string, now time.Time) []store.NewArticle {
	t.Helper()
	_, articles, err := parseFeed(bytes.NewReader(data), name, parseOptions{now: now, cdataMinLen: cdataMinLen})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return articles
}

func guids(articles []store.NewArticle) []string {
	out := make([]string, len(articles))
	for i, a := range articles {
		out[i] = a.GUID
	}
	return out
}

func distinct(values []string) int {
	seen := map[string]bool{}
	for _, v := range values {
		seen[v] = true
	}
	return len(seen)
}

// A podcast whose 15 episodes have no guid and all link to the show's page
// must be 15 articles, not one (each overwriting the last), and the same 15
// on every import.
func TestSharedLinkPodcastKeepsEveryEpisode(t *testing.T) {
	const path = "feeds/rss2/rome__rsr.xml"
	data := corpusFile(t, path)
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	first := parseAt(t, data, path, now)
	if len(first) != 15 {
		t.Fatalf("got %d items, want 15", len(first))
	}
	for _, a := range first {
		if a.Link != "http://www.rsr.ch/capsule" {
			t.Errorf("%q: link %q, want the show's page, as published", a.Title, a.Link)
		}
	}
	if n := distinct(guids(first)); n != 15 {
		t.Errorf("%d distinct identities among 15 episodes, want 15: %q", n, guids(first))
	}
	// Stable: another parse, at another time, names them the same.
	again := parseAt(t, data, path, now.Add(36*time.Hour))
	for i := range first {
		if again[i].GUID != first[i].GUID {
			t.Errorf("%q: identity %q, then %q on the next parse", first[i].Title, first[i].GUID, again[i].GUID)
		}
	}

	// Through the store: a fresh import adds 15, importing again changes nothing.
	st := openStore(t)
	info := store.FeedInfo{URL: "file:///rsr.xml", Kind: store.KindFile, Title: "RSR"}
	ctx := context.Background()
	res, err := st.SaveArticles(ctx, info, first)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 15 {
		t.Errorf("first import: %+v, want 15 added", res)
	}
	res, err = st.SaveArticles(ctx, info, again)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 0 || res.Updated != 0 || res.Unchanged != 15 {
		t.Errorf("second import: %+v, want 15 unchanged", res)
	}
}

const sharedLinkRSS = `<rss version="2.0"><channel><title>Show</title><link>https://show.example/</link>
<item><title>Ep 3</title><link>https://show.example/</link><pubDate>Wed, 03 Jan 2024 10:00:00 GMT</pubDate>
 <enclosure url="https://cdn.example/3.mp3" type="audio/mpeg" length="1"/></item>
<item><title>Ep 2</title><link>https://show.example/</link><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate></item>
<item><title>Ep 1</title><link>https://show.example/</link><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate></item>
<item><title>Own page</title><link>https://show.example/own</link></item>
<item><title>Has a guid</title><link>https://show.example/</link><guid>ep-0</guid></item>
</channel></rss>`

func TestSharedLinkIdentities(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	articles := parseAt(t, []byte(sharedLinkRSS), "show.xml", now)
	byTitle := map[string]store.NewArticle{}
	for _, a := range articles {
		byTitle[a.Title] = a
	}
	// An item whose link is its own keeps it as its identity, as before:
	// stores made before this rule must keep matching it.
	if g := byTitle["Own page"].GUID; g != "https://show.example/own" {
		t.Errorf("item with a link of its own: GUID %q, want the link", g)
	}
	if g := byTitle["Has a guid"].GUID; g != "ep-0" {
		t.Errorf("item with a guid: GUID %q, want the guid", g)
	}
	shared := []string{byTitle["Ep 3"].GUID, byTitle["Ep 2"].GUID, byTitle["Ep 1"].GUID}
	if distinct(shared) != 3 {
		t.Errorf("items sharing a link: GUIDs %q, want three different ones", shared)
	}
	for _, g := range shared {
		if g == "https://show.example/" || g == "" {
			t.Errorf("item sharing a link kept %q as its identity", g)
		}
	}

	// The identity of an item with an enclosure is the enclosure's: a
	// retitled episode is the same episode.
	retitled := strings.Replace(sharedLinkRSS, "<title>Ep 3</title>", "<title>Ep 3 (fixed typo)</title>", 1)
	for _, a := range parseAt(t, []byte(retitled), "show.xml", now) {
		if a.Title == "Ep 3 (fixed typo)" && a.GUID != byTitle["Ep 3"].GUID {
			t.Errorf("retitled episode with the same enclosure: GUID %q, was %q", a.GUID, byTitle["Ep 3"].GUID)
		}
	}

	// A new episode on the same page leaves the others' identities alone.
	newer := strings.Replace(sharedLinkRSS, "<item>", `<item><title>Ep 4</title><link>https://show.example/</link><pubDate>Thu, 04 Jan 2024 10:00:00 GMT</pubDate></item><item>`, 1)
	after := map[string]string{}
	for _, a := range parseAt(t, []byte(newer), "show.xml", now) {
		after[a.Title] = a.GUID
	}
	for title, a := range byTitle {
		if after[title] != a.GUID {
			t.Errorf("%q: GUID %q, then %q once another item shared its link", title, a.GUID, after[title])
		}
	}
}

func TestSharedLinkClashes(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	// Same link, same enclosure, different text: still two items.
	doc := `<rss version="2.0"><channel><title>T</title>
<item><title>A</title><link>https://x.example/</link><description>one</description><enclosure url="https://x.example/a.mp3"/></item>
<item><title>A</title><link>https://x.example/</link><description>two</description><enclosure url="https://x.example/a.mp3"/></item>
<item><title>B</title><link>https://x.example/same</link><description>twice</description></item>
<item><title>B</title><link>https://x.example/same</link><description>twice</description></item>
<item><title>C</title><link>https://x.example/c</link><guid isPermaLink="false">https://x.example/d</guid></item>
<item><title>D</title><link>https://x.example/d</link></item>
</channel></rss>`
	a := parseAt(t, []byte(doc), "clash.xml", now)
	if a[0].GUID == a[1].GUID {
		t.Errorf("items alike but for their text share GUID %q", a[0].GUID)
	}
	// Items alike in everything are one item listed twice.
	if a[2].GUID != a[3].GUID {
		t.Errorf("an item listed twice got two identities: %q, %q", a[2].GUID, a[3].GUID)
	}
	// A link that is another item's guid would merge the two.
	if a[4].GUID != "https://x.example/d" || a[5].GUID == a[4].GUID {
		t.Errorf("guid %q and an id-less item with that link %q: want the guid kept and the other told apart", a[4].GUID, a[5].GUID)
	}
}

// Atom entries without an id, and JSON Feed items without one, are told
// apart the same way.
func TestSharedLinkAtomAndJSONFeed(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	atomDoc := `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>One</title><link href="https://x.example/"/><updated>2024-01-02T00:00:00Z</updated><link rel="enclosure" href="https://x.example/1.mp3"/></entry>
<entry><title>Two</title><link href="https://x.example/"/><updated>2024-01-01T00:00:00Z</updated></entry>
<entry><title>Own</title><link href="https://x.example/own"/><updated>2024-01-01T00:00:00Z</updated></entry>
</feed>`
	a := parseAt(t, []byte(atomDoc), "a.xml", now)
	if a[0].GUID == a[1].GUID || a[0].GUID == "https://x.example/" || a[1].GUID == "https://x.example/" {
		t.Errorf("Atom entries sharing a link: GUIDs %q, %q", a[0].GUID, a[1].GUID)
	}
	if a[2].GUID != "https://x.example/own" {
		t.Errorf("Atom entry with its own link: GUID %q, want the link", a[2].GUID)
	}

	jsonDoc := `{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[
{"url":"https://x.example/","title":"One","content_text":"1","attachments":[{"url":"https://x.example/1.mp3","mime_type":"audio/mpeg"}]},
{"url":"https://x.example/","title":"Two","content_text":"2","attachments":{"url":"https://x.example/2.mp3"}},
{"url":"https://x.example/","title":"Three","content_text":"3","attachments":"bent"},
{"url":"https://x.example/own","title":"Own","content_text":"4"}]}`
	j := parseAt(t, []byte(jsonDoc), "j.json", now)
	if len(j) != 4 || distinct(guids(j)) != 4 {
		t.Fatalf("JSON Feed items: GUIDs %q, want 4 different ones", guids(j))
	}
	if j[3].GUID != "https://x.example/own" {
		t.Errorf("JSON Feed item with its own url: GUID %q, want the url", j[3].GUID)
	}
}

// Feeds whose items have links of their own keep link identities: the
// corpus files checked here have items without guids.
func TestUniqueLinksKeepLinkIdentity(t *testing.T) {
	const path = "feeds/malformed/miniflux__no_encoding_ISO-8859-1.xml"
	for _, a := range parseAt(t, corpusFile(t, path), path, time.Now()) {
		if a.Link != "" && a.GUID != a.Link {
			t.Errorf("%q: GUID %q, want its link %q", a.Title, a.GUID, a.Link)
		}
	}
}
