package feed

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestParseOPML(t *testing.T) {
	f, err := os.Open("testdata/subscriptions.opml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	subs, skipped, err := ParseOPML(f, "subscriptions.opml")
	if err != nil {
		t.Fatal(err)
	}
	want := []Subscription{
		{URL: "https://go.dev/blog/feed.atom", Title: "The Go Blog", SiteURL: "https://go.dev/blog"},
		{URL: "https://lwn.net/headlines/rss", Title: "LWN"},
		{URL: "http://example.com/rss.xml", Title: "Old & Fine"}, // feed:// read as http://; javascript: htmlUrl dropped
	}
	if !reflect.DeepEqual(subs, want) {
		t.Errorf("subscriptions:\n got %+v\nwant %+v", subs, want)
	}
	if len(skipped) != 2 || !strings.Contains(skipped[0], "javascript:alert(1)") || !strings.Contains(skipped[1], "file:///etc/passwd") {
		t.Errorf("skipped %q: want the javascript: and file: URLs, with reasons", skipped)
	}
	for _, s := range skipped {
		if !strings.Contains(s, "only http and https") || strings.Contains(s, "\n") {
			t.Errorf("skip reason %q: want one line saying why", s)
		}
	}
}

func TestParseOPMLRejectsOtherDocuments(t *testing.T) {
	for _, tc := range []struct{ name, doc, want string }{
		{"empty", "", "empty file"},
		{"feed", `<rss version="2.0"><channel/></rss>`, "not an OPML list: root element is <rss>"},
		{"truncated", `<opml><body><outline xmlUrl="https://a.example/"`, "truncated XML"},
		{"binary", "\x00\x01\x02\x03\x04", "binary data"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			subs, _, err := ParseOPML(strings.NewReader(tc.doc), "list.opml")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, %v: want an error saying %q", subs, err, tc.want)
			}
			if err != nil {
				checkOneLineError(t, err, "list.opml")
			}
		})
	}
}

func TestParseOPMLHostileTitles(t *testing.T) {
	doc := `<opml><body><outline text="Evil&#x202E;&#x1b;[2J title" xmlUrl="https://a.example/f"/>` +
		`<outline xmlUrl="javascript:&#x1b;[2Jalert(1)"/></body></opml>`
	subs, skipped, err := ParseOPML(strings.NewReader(doc), "x.opml")
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || strings.ContainsAny(subs[0].Title, "\x1b\u202e") {
		t.Errorf("subs %+v: want the title cleaned", subs)
	}
	if len(skipped) != 1 || strings.ContainsAny(skipped[0], "\x1b") {
		t.Errorf("skipped %q: want the reported URL cleaned", skipped)
	}
}

func TestParseCorpusOPML(t *testing.T) {
	data, err := os.ReadFile("/tmp/wl/s10k/feeds.opml")
	if err != nil {
		t.Skip("no generated s10k workload at /tmp/wl/s10k")
	}
	subs, skipped, err := ParseOPML(strings.NewReader(string(data)), "feeds.opml")
	if err != nil || len(skipped) != 0 || len(subs) != 101 {
		t.Errorf("got %d subscriptions, %d skipped, %v: want the 101 generated feeds", len(subs), len(skipped), err)
	}
}
