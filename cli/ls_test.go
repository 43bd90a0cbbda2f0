package cli_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// rowRE is one `herald ls` text row: id, date, flags, feed column, title.
var rowRE = regexp.MustCompile(`^ *(\d+)  (\d{4}-\d{2}-\d{2})  ([N ][* ])  (.+?)  +(.+)$`)

func TestLsText(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	all := lsArticles(t, db)
	r := mustHerald(t, db, "ls")
	rows := nonEmptyLines(r.stdout)
	if len(rows) != fixtureArticles {
		t.Fatalf("ls printed %d rows, want %d:\n%s", len(rows), fixtureArticles, r.stdout)
	}
	if r.stderr != "" {
		t.Errorf("ls wrote to stderr: %q", r.stderr)
	}
	for i, row := range rows {
		m := rowRE.FindStringSubmatch(row)
		if m == nil {
			t.Errorf("row %d does not look like `ID  DATE  FLAGS  FEED  TITLE`: %q", i, row)
			continue
		}
		a := all[i] // same order as --json
		if m[1] != itoa(a.ID) {
			t.Errorf("row %d has id %s, --json has %d", i, m[1], a.ID)
		}
		if m[2] != a.Published[:10] {
			t.Errorf("row %d has date %s, want %s", i, m[2], a.Published[:10])
		}
		if m[3] != "N " {
			t.Errorf("row %d flags %q, want unread and not starred", i, m[3])
		}
		if !strings.HasPrefix(m[5], a.Title) {
			t.Errorf("row %d: %q does not show the title %q", i, row, a.Title)
		}
		for _, au := range a.Authors {
			if !strings.Contains(m[5], au) {
				t.Errorf("row %d: %q does not show the author %q", i, row, au)
			}
		}
	}

	// The row for a known article, in full.
	for _, row := range rows {
		if strings.Contains(row, tWeaving) {
			if !strings.Contains(row, "2024-01-15") || !strings.Contains(row, "Harbour Notes") ||
				!strings.HasSuffix(row, tWeaving+" — Xia Hua") {
				t.Errorf("row for %q: %q", tWeaving, row)
			}
		}
	}
}

func TestLsLimit(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	all := lsTitles(t, db)
	for _, n := range []int{1, 3, fixtureArticles + 5} {
		want := all[:min(n, len(all))]
		if got := lsTitles(t, db, "--limit", itoa(int64(n))); !equal(got, want) {
			t.Errorf("ls --json --limit %d = %q, want %q", n, got, want)
		}
		rows := nonEmptyLines(mustHerald(t, db, "ls", "--limit", itoa(int64(n))).stdout)
		if len(rows) != len(want) {
			t.Errorf("ls --limit %d printed %d rows, want %d", n, len(rows), len(want))
		}
	}
	// A limit with a query counts matches, not articles scanned.
	if got := lsTitles(t, db, "author:Xia Hua", "--limit", "2"); !equal(got, []string{tField, tFerry}) {
		t.Errorf("ls author:\"Xia Hua\" --limit 2 = %q", got)
	}
}

// TestLsJSON checks the JSON Lines contract, key by key.
func TestLsJSON(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	r := mustHerald(t, db, "ls", "--json")
	raws := jsonLines[map[string]json.RawMessage](t, r.stdout)
	if len(raws) != fixtureArticles {
		t.Fatalf("%d lines, want %d", len(raws), fixtureArticles)
	}
	wantKeys := []string{"authors", "feed", "id", "published", "read", "starred", "tags", "title", "url"}
	var prev time.Time
	for i, raw := range raws {
		if got := keys(raw); !equal(got, wantKeys) {
			t.Errorf("line %d has keys %q, want exactly %q", i, got, wantKeys)
		}
		for _, k := range []string{"authors", "tags"} {
			var list []string
			if !strings.HasPrefix(string(raw[k]), "[") || json.Unmarshal(raw[k], &list) != nil {
				t.Errorf("line %d: %s is %s, want an array of strings (never null)", i, k, raw[k])
			}
		}
		var id int64
		if err := json.Unmarshal(raw["id"], &id); err != nil || id <= 0 {
			t.Errorf("line %d: id %s is not a positive integer", i, raw["id"])
		}
		for _, k := range []string{"read", "starred"} {
			if s := string(raw[k]); s != "true" && s != "false" {
				t.Errorf("line %d: %s is %s, want a boolean", i, k, s)
			}
		}
		for _, k := range []string{"title", "url", "feed"} {
			var s string
			if err := json.Unmarshal(raw[k], &s); err != nil {
				t.Errorf("line %d: %s is %s, want a string", i, k, raw[k])
			}
		}
		var pub string
		json.Unmarshal(raw["published"], &pub)
		ts, err := time.Parse(time.RFC3339, pub)
		if err != nil || !strings.HasSuffix(pub, "Z") || ts.Location() != time.UTC {
			t.Errorf("line %d: published %q is not RFC 3339 in UTC (ending in Z)", i, pub)
		}
		if i > 0 && ts.After(prev) {
			t.Errorf("line %d: published %s after the line before (%s): not newest first", i, ts, prev)
		}
		prev = ts
	}
	// Articles with no authors or tags still have [] (the .txt file has neither).
	if !strings.Contains(r.stdout, `"title":"`+tShopping+`"`) {
		t.Fatalf("no %q in ls --json", tShopping)
	}
	for _, line := range nonEmptyLines(r.stdout) {
		if strings.Contains(line, tShopping) && (!strings.Contains(line, `"authors":[]`) || !strings.Contains(line, `"tags":[]`)) {
			t.Errorf("article without authors or tags: want [] for both: %s", line)
		}
	}
	// The values of one article.
	for _, a := range lsArticles(t, db) {
		if a.Title == tWeaving {
			if a.URL != "https://harbour.example/weaving" || a.Feed != "Harbour Notes" ||
				!equal(a.Authors, []string{"Xia Hua"}) || len(a.Tags) != 2 ||
				a.Published != "2024-01-15T10:00:00Z" || a.Read || a.Starred {
				t.Errorf("ls --json for %q: %+v", tWeaving, a)
			}
		}
	}
}

// TestLsQueries runs each kind of query term.
func TestLsQueries(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	cases := []struct {
		name  string
		query []string
		want  []string
	}{
		{"word", []string{"weaving"}, []string{tWeaving}},
		{"two words", []string{"ferry", "melons"}, []string{tFerry}},
		{"word in the body", []string{"vinegar"}, []string{tKettle}},
		{"phrase", []string{`"open source"`}, []string{tOpenLoom, tWeaving}},
		// One argument holding a space is a phrase, as `herald ls "open source"` in a shell.
		{"phrase as one argument", []string{"open source"}, []string{tOpenLoom, tWeaving}},
		{"words, not a phrase", []string{"open", "source"}, []string{tThreads, tOpenLoom, tWeaving}},
		{"author", []string{`author:"Xia Hua"`}, []string{tField, tFerry, tWeaving}},
		{"author, shell-unquoted", []string{"author:Xia Hua"}, []string{tField, tFerry, tWeaving}},
		{"author, case-insensitive", []string{`author:"xia hua"`}, []string{tField, tFerry, tWeaving}},
		{"tag", []string{"tag:china"}, []string{tFerry, tWeaving}},
		{"tag, case-insensitive", []string{"tag:CHINA"}, []string{tFerry, tWeaving}},
		{"feed", []string{`feed:"Harbour Notes"`}, []string{tFerry, tTides, tWeaving}},
		{"feed, case-insensitive", []string{`feed:"kettle club"`}, []string{tKettle, tTea}},
		{"after", []string{"after:2024-03-01", "before:2025-01-01"}, []string{tField, tKettle, tThreads, tFerry}},
		{"before", []string{"before:2024-01-16"}, []string{tWeaving, tTea}},
		{"combined", []string{"tag:crafts", "author:Priya Nair"}, []string{tOpenLoom}},
		{"negated tag", []string{"-tag:china", "feed:Harbour Notes"}, []string{tTides}},
		{"negated word", []string{"loom", "-weaving"}, []string{tField}},
		{"negated phrase", []string{"feed:Loom Weekly", `-"open source"`}, []string{tThreads}},
		{"negated author", []string{"-author:Xia Hua", "-author:Lena Berg", "before:2025-01-01"}, []string{tThreads, tTides, tOpenLoom}},
		{"no match", []string{"zeppelin"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// `--` so a leading '-' is a query term, not a flag (see TestLsNegationWithoutDoubleDash).
			got := lsTitles(t, db, append([]string{"--"}, c.query...)...)
			if !equal(got, c.want) {
				t.Errorf("ls %q = %q, want %q", c.query, got, c.want)
			}
		})
	}
}

// TestLsState marks articles read and starred in the store and queries by state.
func TestLsState(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, title := range []string{tWeaving, tTea} {
		if err := st.SetRead(ctx, idOf(t, db, title), true); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetStarred(ctx, idOf(t, db, tFerry), true); err != nil {
		t.Fatal(err)
	}
	st.Close()

	unread := lsTitles(t, db, "is:unread")
	if len(unread) != fixtureArticles-2 || contains(unread, tWeaving) || contains(unread, tTea) {
		t.Errorf("is:unread = %q", unread)
	}
	if got := lsTitles(t, db, "is:read"); !equal(got, []string{tWeaving, tTea}) {
		t.Errorf("is:read = %q", got)
	}
	if got := lsTitles(t, db, "--", "-is:unread"); !equal(got, []string{tWeaving, tTea}) {
		t.Errorf("-is:unread = %q", got)
	}
	if got := lsTitles(t, db, "is:starred"); !equal(got, []string{tFerry}) {
		t.Errorf("is:starred = %q", got)
	}
	if got := lsTitles(t, db, "is:unread", "tag:china"); !equal(got, []string{tFerry}) {
		t.Errorf("is:unread tag:china = %q", got)
	}
	for _, a := range lsArticles(t, db, "tag:china") {
		if a.Title == tFerry && (!a.Starred || a.Read) {
			t.Errorf("%q: read %v starred %v, want unread and starred", a.Title, a.Read, a.Starred)
		}
		if a.Title == tWeaving && (a.Starred || !a.Read) {
			t.Errorf("%q: read %v starred %v, want read and not starred", a.Title, a.Read, a.Starred)
		}
	}
	// The text row flags: N for unread, * for starred.
	for _, row := range nonEmptyLines(mustHerald(t, db, "ls", "tag:china").stdout) {
		m := rowRE.FindStringSubmatch(row)
		switch {
		case m == nil:
			t.Errorf("bad row %q", row)
		case strings.Contains(row, tFerry) && m[3] != "N*":
			t.Errorf("flags %q for a starred unread article, want \"N*\": %q", m[3], row)
		case strings.Contains(row, tWeaving) && m[3] != "  ":
			t.Errorf("flags %q for a read article, want blanks: %q", m[3], row)
		}
	}
}

// TestLsNegationWithoutDoubleDash: README documents `-tag:sports`,
// `-"press release"` and `-is:read` as queries for `herald ls`; typed as
// such they must not be taken for unknown flags.
func TestLsNegationWithoutDoubleDash(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	for _, q := range [][]string{{"-tag:china"}, {"-is:read"}, {"loom", "-weaving"}, {"feed:Loom Weekly", "-open source"}} {
		r := herald(t, db, append([]string{"ls", "--json"}, q...)...)
		if r.code != 0 {
			t.Errorf("herald ls %q: %v", q, r)
			continue
		}
		// The same as with `--`.
		want := mustHerald(t, db, append([]string{"ls", "--json", "--"}, q...)...)
		if r.stdout != want.stdout {
			t.Errorf("herald ls %q differs from herald ls -- %q:\n%s\nwant:\n%s", q, q, r.stdout, want.stdout)
		}
	}
}

// TestLsNegatedPhraseFromShell: `herald ls -- -"open source"` reaches
// herald as the one argument `-open source` (the shell removes the quotes);
// it is the negated phrase, as `-author:Xia Hua` is the negated author.
func TestLsNegatedPhraseFromShell(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	if got := lsTitles(t, db, "--", "feed:Loom Weekly", "-open source"); !equal(got, []string{tThreads}) {
		t.Errorf("ls -- feed:\"Loom Weekly\" -\"open source\" (shell-unquoted) = %q, want %q", got, []string{tThreads})
	}
}

func TestLsBadQuery(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	for _, q := range []string{"after:2024-13-01", "before:yesterday-ish", "is:sleeping", "*", "(", "(("} {
		r := herald(t, db, "ls", q)
		if r.code != 1 {
			t.Errorf("ls %q: exit %d, want 1", q, r.code)
		}
		if !strings.HasPrefix(r.stderr, "herald: query: ") || len(nonEmptyLines(r.stderr)) != 1 {
			t.Errorf("ls %q: stderr %q, want one `herald: query: ...` line", q, r.stderr)
		}
		if r.stdout != "" {
			t.Errorf("ls %q printed %q", q, r.stdout)
		}
	}
	// Hostile FTS syntax is no error: every word is quoted.
	for _, q := range []string{`NEAR(a b)`, `"unbalanced`, `a OR`, `title:x`, `^loom`, `loom ((`} {
		if r := herald(t, db, "ls", "--", q); r.code != 0 {
			t.Errorf("ls %q: %v", q, r)
		}
	}
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
