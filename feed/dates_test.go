package feed

import (
	"context"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// The Feed Validator's date tests: every item but the out-of-range ones
// gets the date it describes. Military zones mean nothing reliable (RFC
// 2822 §4.3) and read as UTC, one of the readings the file allows.
func TestDateFormsCorpus(t *testing.T) {
	const path = "feeds/rss2/feedvalidator__rss20_data-types-datetime_everything.xml"
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	articles := parseAt(t, corpusFile(t, path), path, now)
	if len(articles) != 30 {
		t.Fatalf("got %d items, want 30", len(articles))
	}
	want := map[string]string{
		"04": "2006-02-09T23:59:00Z",
		"06": "1996-02-09T23:59:45Z",
		"09": "2006-02-09T16:59:45Z",
		"10": "2006-02-09T12:59:45Z",
		"11": "2006-02-10T03:59:45Z",
		"29": "2016-02-09T23:59:45Z",
		// Out of herald's sane range (saneDate): unknown, as before.
		"27": "", "28": "", "30": "",
	}
	for _, a := range articles {
		number := a.Title[:2]
		w, special := want[number]
		if !special {
			w = "2006-02-09T23:59:45Z"
		}
		if w == "" {
			if !a.Published.IsZero() {
				t.Errorf("%s: published %v, want none (out of range)", a.Title, a.Published)
			}
			continue
		}
		if !a.Published.Equal(utc(w)) {
			t.Errorf("%s: published %v, want %s", a.Title, a.Published, w)
		}
		if !a.Updated.IsZero() {
			t.Errorf("%s: a dated item was given updated %v", a.Title, a.Updated)
		}
	}
}

func TestParseDateForms(t *testing.T) {
	for in, want := range map[string]string{
		"Thu, 09 Feb 2006 16:59:45 PDT":                                          "2006-02-09T23:59:45Z",
		"Thu, 09 Feb 2006 16:59:45 pDt":                                          "2006-02-09T23:59:45Z",
		"Thu, 09 Feb 2006 23:59:45 z":                                            "2006-02-09T23:59:45Z",
		"tHu, 09 fEb 2006 23:59:45 +0000":                                        "2006-02-09T23:59:45Z",
		"Thu, 09 Feb 2006 17:59:45 cst":                                          "2006-02-09T23:59:45Z",
		"Thu, 09 Feb 2006 23:59:45 G":                                            "2006-02-09T23:59:45Z",
		"Thu, 09 Feb 2006 21:25:45 -0234":                                        "2006-02-09T23:59:45Z",
		"Fri, 10 Feb 2006 00:59:45 CET":                                          "2006-02-09T23:59:45Z",
		"Fri, 10 Feb 2006 01:59:45 +02:00":                                       "2006-02-09T23:59:45Z",
		"Thu(oh), 9(th) Feb(ruary) 2006 23:59:45 +0000(GMT)":                     "2006-02-09T23:59:45Z",
		`Thu, 09 (nested (comment) Mar)Feb(escaped\) 2005) 2006()23:59:45 +0000`: "2006-02-09T23:59:45Z",
		"\r\n Thu,\r\n 09 Feb 2006\r\n 23:59:45 +0000\r\n":                       "2006-02-09T23:59:45Z",
		"Thursday, 09 February 2006 23:59:45 GMT":                                "2006-02-09T23:59:45Z",
		"09 Feb 06 23:59 +0000":                                                  "2006-02-09T23:59:00Z",
		"Thu Feb 09 2006 23:59:45 GMT+0000 (Coordinated Universal Time)":         "2006-02-09T23:59:45Z",
		"Thu, 09 Feb 2006 23:59:45":                                              "2006-02-09T23:59:45Z",
		"Thu, 09 Feb 2006 23:59:45 XYZT":                                         "2006-02-09T23:59:45Z",
		// Any four-digit year parses; saneDate decides what to keep.
		"Sun, 09 Feb 1806 23:59:45 +0000": "1806-02-09T23:59:45Z",
		"Tue, 09 Feb 2106 23:59:45 +0000": "2106-02-09T23:59:45Z",
		// Not dates.
		"Thu, 31 Feb 2006 23:59:45 +0000":          "",
		"Thu, 09 Feb 2006":                         "",
		"Thu, 09 Foo 2006 23:59:45 +0000":          "",
		"Thu, 09 Feb 2006 25:59:45 +0000":          "",
		"Thu, 09 Feb 2006 23:59:45 +99":            "",
		"Thu, 09 Feb 2006 23:59:45 +0000 and more": "",
		"yesterday": "",
		"(":         "",
	} {
		got := parseDate(in)
		if want == "" {
			if !got.IsZero() {
				t.Errorf("parseDate(%q) = %v, want zero", in, got)
			}
			continue
		}
		if !got.Equal(utc(want)) {
			t.Errorf("parseDate(%q) = %v, want %s", in, got, want)
		}
	}
}

// A named zone is read from herald's own table, whatever the machine's
// time zone: time.Parse would give "PDT" the local offset on a machine in
// California and none elsewhere.
func TestParseDateZoneIsNotLocal(t *testing.T) {
	got := parseDate("Thu, 09 Feb 2006 16:59:45 PDT")
	if _, offset := got.Zone(); offset != -7*3600 {
		t.Errorf("PDT read with offset %d s, want -25200", offset)
	}
}

// Atom dates gofeed cannot read fall back to parseDate too.
func TestAtomDateFallback(t *testing.T) {
	doc := `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><id>1</id><title>a</title><updated>Thu, 09 Feb 2006 16:59:45 pDt</updated></entry></feed>`
	a := parseAt(t, []byte(doc), "a.xml", time.Now())
	if !a[0].Published.Equal(utc("2006-02-09T23:59:45Z")) {
		t.Errorf("published %v, want the <updated> date", a[0].Published)
	}
}

// Undated items take the import time, less a step per position: listed
// newest first, they read in the document's order. Dated items keep their
// dates and get no updated time.
func TestUndatedItemsKeepDocumentOrder(t *testing.T) {
	const path = "feeds/rss2/rust-rss__rss092.xml"
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	articles := parseAt(t, corpusFile(t, path), path, now)
	if len(articles) < 2 {
		t.Fatalf("got %d items", len(articles))
	}
	for i, a := range articles {
		if !a.Published.IsZero() {
			t.Errorf("item %d: published %v, want none (the feed gives none)", i, a.Published)
		}
		if want := now.Add(-time.Duration(i) * time.Second); !a.Updated.Equal(want) {
			t.Errorf("item %d: updated %v, want %v", i, a.Updated, want)
		}
	}

	mixed := `<rss version="2.0"><channel><title>T</title>
<item><guid>a</guid><title>undated first</title></item>
<item><guid>b</guid><title>dated</title><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate></item>
<item><guid>c</guid><title>undated third</title></item>
</channel></rss>`
	m := parseAt(t, []byte(mixed), "mixed.xml", now)
	if !m[1].Published.Equal(utc("2024-01-01T10:00:00Z")) || !m[1].Updated.IsZero() {
		t.Errorf("dated item: published %v updated %v, want its date and no updated", m[1].Published, m[1].Updated)
	}
	if !m[0].Updated.After(m[2].Updated) {
		t.Errorf("undated items: %v then %v, want the first newer", m[0].Updated, m[2].Updated)
	}
}

// Through the store: the list shows an undated feed in its order, and a
// later import finds its items unchanged, keeping their first times.
func TestUndatedItemsInStore(t *testing.T) {
	const path = "feeds/rss2/rust-rss__rss092.xml"
	data := corpusFile(t, path)
	st := openStore(t)
	ctx := context.Background()
	info := store.FeedInfo{URL: "file:///rss092.xml", Kind: store.KindFile, Title: "Dead"}
	first := parseAt(t, data, path, time.Now())
	res, err := st.SaveArticles(ctx, info, first)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.Page(ctx, store.PageRequest{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != res.Added {
		t.Fatalf("listed %d, added %d", len(rows), res.Added)
	}
	// The document's items in its order, less one it lists twice: the
	// store keeps the later copy, with its time.
	var order []string
	seen := map[string]bool{}
	for i := len(first) - 1; i >= 0; i-- {
		if a := first[i]; !seen[a.GUID] {
			seen[a.GUID] = true
			order = append([]string{a.Title}, order...)
		}
	}
	if len(order) != len(rows) {
		t.Fatalf("listed %d rows, want %d", len(rows), len(order))
	}
	for i, r := range rows {
		if r.Title != order[i] {
			t.Errorf("row %d is %q, want %q (document order)", i, r.Title, order[i])
		}
	}

	time.Sleep(1100 * time.Millisecond) // a later import, a later second
	res, err = st.SaveArticles(ctx, info, parseAt(t, data, path, time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 0 || res.Updated != 0 {
		t.Errorf("re-import: %+v, want nothing added or updated", res)
	}
	again, err := st.Page(ctx, store.PageRequest{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		if again[i].ID != rows[i].ID || !again[i].Published.Equal(rows[i].Published) {
			t.Errorf("row %d: %d at %v, then %d at %v after a re-import", i, rows[i].ID, rows[i].Published, again[i].ID, again[i].Published)
		}
	}
}
