package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// relatedLine is a line of `related --json`: the `ls --json` object plus
// score and reasons.
type relatedLine struct {
	articleJSON
	Score   float64  `json:"score"`
	Reasons []string `json:"reasons"`
}

// craftsFeed is written for the related tests: Embroidery shares an author
// and two tags with Winter weaving; Market day, newer, shares one tag that
// most of the feed carries. Every story's words are its own.
const craftsFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Crafts Weekly</title>
  <link>https://crafts.example/</link>
  <item><title>Winter weaving</title><guid>w1</guid><dc:creator>Xia Hua</dc:creator>
    <category>Crafts</category><category>Winter</category><category>Wool</category>
    <pubDate>Mon, 15 Jan 2024 10:00:00 GMT</pubDate><description>Shuttles clatter.</description></item>
  <item><title>Embroidery at dusk</title><guid>w2</guid><dc:creator>Xia Hua</dc:creator>
    <category>Winter</category><category>Wool</category>
    <pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate><description>Needles glint.</description></item>
  <item><title>Market day</title><guid>w3</guid><dc:creator>Sam Okafor</dc:creator>
    <category>Crafts</category>
    <pubDate>Mon, 05 Feb 2024 10:00:00 GMT</pubDate><description>Stalls open early.</description></item>
  <item><title>Pottery</title><guid>w4</guid><dc:creator>Ode Tamsin</dc:creator>
    <category>Crafts</category>
    <pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate><description>Kilns cool slowly.</description></item>
  <item><title>Basketry</title><guid>w5</guid><dc:creator>Lena Berg</dc:creator>
    <category>Crafts</category>
    <pubDate>Mon, 01 Apr 2024 10:00:00 GMT</pubDate><description>Willow soaks overnight.</description></item>
  <item><title>Tide tables</title><guid>w6</guid><dc:creator>Priya Nair</dc:creator>
    <category>Harbour</category>
    <pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate><description>Spring tides arrive.</description></item>
</channel>
</rss>
`

func craftsDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "crafts.rss")
	if err := os.WriteFile(path, []byte(craftsFeed), 0o644); err != nil {
		t.Fatal(err)
	}
	db := newDB(t)
	mustHerald(t, db, "import", path)
	return db
}

func TestRelatedJSON(t *testing.T) {
	t.Parallel()
	db := craftsDB(t)
	id := idOf(t, db, "Winter weaving")
	lines := jsonLines[relatedLine](t, mustHerald(t, db, "related", "--json", strconv.FormatInt(id, 10)).stdout)
	var titles []string
	for _, l := range lines {
		titles = append(titles, l.Title)
	}
	if want := []string{"Embroidery at dusk", "Basketry", "Pottery", "Market day"}; !reflect.DeepEqual(titles, want) {
		t.Fatalf("related titles = %q, want %q (author and two tags first, then one common tag newest first)", titles, want)
	}
	first := lines[0]
	if want := []string{"same author: Xia Hua", "tags: Winter, Wool"}; !reflect.DeepEqual(first.Reasons, want) {
		t.Errorf("reasons = %q, want %q", first.Reasons, want)
	}
	if first.Feed != "Crafts Weekly" || !reflect.DeepEqual(first.Authors, []string{"Xia Hua"}) ||
		!reflect.DeepEqual(first.Tags, []string{"Winter", "Wool"}) || first.Published != "2024-01-01T10:00:00Z" || first.Read {
		t.Errorf("article fields = %+v", first.articleJSON)
	}
	if first.Markdown != nil || first.Text != nil {
		t.Error("related --json carries the body; it should be the ls object")
	}
	for i := 1; i < len(lines); i++ {
		if lines[i].Score > lines[i-1].Score {
			t.Errorf("scores not in descending order: %v then %v", lines[i-1].Score, lines[i].Score)
		}
		if !reflect.DeepEqual(lines[i].Reasons, []string{"tags: Crafts"}) {
			t.Errorf("%s: reasons = %q", lines[i].Title, lines[i].Reasons)
		}
	}
	if first.Score <= lines[1].Score {
		t.Errorf("score %v does not beat %v", first.Score, lines[1].Score)
	}
}

func TestRelatedText(t *testing.T) {
	t.Parallel()
	db := craftsDB(t)
	id := strconv.FormatInt(idOf(t, db, "Winter weaving"), 10)
	asJSON := jsonLines[relatedLine](t, mustHerald(t, db, "related", "--json", id).stdout)
	r := mustHerald(t, db, "related", id)
	rows := nonEmptyLines(r.stdout)
	if len(rows) != len(asJSON) {
		t.Fatalf("%d text rows, %d JSON lines:\n%s", len(rows), len(asJSON), r.stdout)
	}
	for i, row := range rows {
		// Each row is an `ls` row (id first, so ids can be cut out) and ends
		// with the reasons.
		fields := strings.Fields(row)
		if fields[0] != strconv.FormatInt(asJSON[i].ID, 10) || !strings.Contains(row, asJSON[i].Title) {
			t.Errorf("row %d = %q, want article %d %q", i, row, asJSON[i].ID, asJSON[i].Title)
		}
		if want := "(" + strings.Join(asJSON[i].Reasons, " · ") + ")"; !strings.HasSuffix(row, want) {
			t.Errorf("row %d = %q, want it to end %q", i, row, want)
		}
	}
	if !strings.HasSuffix(rows[0], "Embroidery at dusk — Xia Hua  (same author: Xia Hua · tags: Winter, Wool)") {
		t.Errorf("first row = %q", rows[0])
	}
	if r.stderr != "" {
		t.Errorf("stderr: %q", r.stderr)
	}
}

func TestRelatedLimit(t *testing.T) {
	t.Parallel()
	db := craftsDB(t)
	id := strconv.FormatInt(idOf(t, db, "Winter weaving"), 10)
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"--limit", "1"}, 1},
		{[]string{"--limit", "3", "--json"}, 3},
		{nil, 4}, // all four related stories fit the default of 10
	} {
		r := mustHerald(t, db, append([]string{"related", id}, c.args...)...)
		if got := len(nonEmptyLines(r.stdout)); got != c.want {
			t.Errorf("related %s: %d lines, want %d:\n%s", strings.Join(c.args, " "), got, c.want, r.stdout)
		}
	}
	first := nonEmptyLines(mustHerald(t, db, "related", "--limit", "1", id).stdout)
	if !strings.Contains(first[0], "Embroidery at dusk") {
		t.Errorf("--limit 1 = %q, want the best match", first)
	}
}

func TestRelatedOnTheFixtures(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	lines := jsonLines[relatedLine](t, mustHerald(t, db, "related", "--json", strconv.FormatInt(idOf(t, db, tWeaving), 10)).stdout)
	find := func(title string) relatedLine {
		i := slices.IndexFunc(lines, func(l relatedLine) bool { return l.Title == title })
		if i < 0 {
			t.Fatalf("%q is not related to %q", title, tWeaving)
		}
		return lines[i]
	}
	// Field notes: Xia Hua, Crafts. Night ferry: Xia Hua, China. Open source
	// looms: crafts. A tag is one tag whatever its case, named as first seen.
	hasReasons := func(title string, want ...string) {
		t.Helper()
		got := find(title).Reasons
		if len(got) < len(want) || !strings.EqualFold(strings.Join(got[:len(want)], "|"), strings.Join(want, "|")) {
			t.Errorf("%s: reasons %q, want them to start %q", title, got, want)
		}
	}
	hasReasons(tField, "same author: Xia Hua", "tags: Crafts")
	hasReasons(tFerry, "same author: Xia Hua", "tags: China")
	hasReasons(tOpenLoom, "tags: Crafts")
	for _, l := range lines {
		if l.Title == tWeaving {
			t.Error("an article is related to itself")
		}
	}
}

func TestRelatedErrors(t *testing.T) {
	t.Parallel()
	db := craftsDB(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"related", "999"}, "herald: related 999: not found\n"},
		{[]string{"related", "seven"}, "herald: related: \"seven\" is not an article id\n"},
		{[]string{"related", "0"}, "herald: related: \"0\" is not an article id\n"},
	} {
		r := herald(t, db, c.args...)
		if r.code != 1 || r.stderr != c.want || r.stdout != "" {
			t.Errorf("herald %s: %v\nwant exit 1 and stderr %q", strings.Join(c.args, " "), r, c.want)
		}
	}
	if r := herald(t, db, "related"); r.code != 1 || !strings.Contains(r.stderr, "herald: ") {
		t.Errorf("related without an id: %v", r)
	}
}

// --limit 0 means all, as it does for ls: every related article herald
// finds (at most 50), where the default is 10.
func TestRelatedLimitZeroIsAll(t *testing.T) {
	t.Parallel()
	var items strings.Builder
	for i := 1; i <= 15; i++ {
		fmt.Fprintf(&items, `<item><title>Loom note %d</title><guid>n%d</guid><author>a@x (Ann Weaver)</author><category>looms</category><description>warp weft shuttle heddle %d</description><pubDate>Mon, %02d Jan 2024 10:00:00 GMT</pubDate></item>`, i, i, i, i)
	}
	dir := t.TempDir()
	feed := filepath.Join(dir, "looms.rss")
	writeFile(t, feed, `<?xml version="1.0"?><rss version="2.0"><channel><title>Looms</title>`+items.String()+`</channel></rss>`)
	db := filepath.Join(dir, "herald.db")
	mustHerald(t, db, "import", feed)
	id := strconv.FormatInt(idOf(t, db, "Loom note 1"), 10)
	if got := len(nonEmptyLines(mustHerald(t, db, "related", id).stdout)); got != 10 {
		t.Errorf("related: %d lines, want the default 10", got)
	}
	if got := len(nonEmptyLines(mustHerald(t, db, "related", id, "--limit", "0").stdout)); got != 14 {
		t.Errorf("related --limit 0: %d lines, want all 14", got)
	}
}
