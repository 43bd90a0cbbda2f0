package query

import (
	"database/sql"
	"errors"
	"reflect"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// hostileInputs are queries written to break an FTS5 expression; they seed
// FuzzParse too.
var hostileInputs = []string{
	`"`, `""`, `"""`, `""""`, `a"b`, `"a"b"`, `a""b`, `-"`, `"a"*`, `"*"`,
	`NEAR(a b)`, `NEAR/2`, `NEAR(a b, 2)`, `title:x`, `{title text}:x`, `title : x`, `-title:x`,
	`a OR b`, `a AND b`, `NOT a`, `a NOT b`, `AND`, `OR`, `NOT`, `a AND`, `OR b`,
	`*`, `**`, `-*`, `*x`, `x*y`, `x**`, `^x`, `^`, `+`, `a + b`, `(`, `)`, `()`, `(a OR b)`,
	`-`, `--`, `---`, `- x`, `-"a phrase"`, `x:`, `:x`, `:`, `foo:bar`, `http://x.org/a?b=c`,
	`author:"x`, `tag:"""`, `"unterminated`, `col:"x"`, `\`, `'`, `''`, `;`, `' OR 1=1 --`,
	"Füße 東京 café naïve", "🎉 🇳🇿 👩‍👩‍👧", "\u0301", "\u200b", "\ue000", "\U0001E900",
	"a\x00b", "\x00", "\"a\x00b\"", "\x01\x02\x1f\x7f", "a\tb\nc\rd", "\xff\xfe", "a\xffb",
	// As long as Parse allows (MaxLength).
	strings.Repeat("a ", 500),
	strings.Repeat("-a ", 333),
	strings.Repeat("a* ", 333),
	strings.Repeat("x", 1000),
	strings.Repeat("東", 1000),
	`"` + strings.Repeat("x ", 499),
	strings.Repeat(`"`, 1000),
	strings.Repeat(`NEAR(`, 200),
	// Its String is longer than it is: the closing quote is added.
	`"` + strings.Repeat(`""`, 499) + "2",
}

// newFTS opens an in-memory FTS5 table like the store's, holding rows.
func newFTS(t testing.TB, rows map[int]string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	_, err = db.Exec(`CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='unicode61 remove_diacritics 2')`)
	if err != nil {
		t.Fatal(err)
	}
	for id, row := range rows {
		title, text, _ := strings.Cut(row, "|")
		if _, err := db.Exec(`INSERT INTO t (rowid, title, text) VALUES (?, ?, ?)`, id, title, text); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// search returns the rows that match every positive term and no negated
// one, the way the store combines Match and NotMatch.
func search(db *sql.DB, match, notMatch string) ([]int, error) {
	query := `SELECT rowid FROM t WHERE 1`
	var args []any
	if match != "" {
		query += ` AND rowid IN (SELECT rowid FROM t WHERE t MATCH ?)`
		args = append(args, match)
	}
	if notMatch != "" {
		query += ` AND rowid NOT IN (SELECT rowid FROM t WHERE t MATCH ?)`
		args = append(args, notMatch)
	}
	rows, err := db.Query(query+` ORDER BY rowid`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

var ftsRows = map[int]string{
	1: "Climate change in New Zealand|open source tools for climate research",
	2: "Sports round-up|rugby and cricket results",
	3: "Café culture|the source of good coffee; open late",
	4: "NEAR future|title: x AND y",
}

func TestFTS5AcceptsHostileInput(t *testing.T) {
	db := newFTS(t, ftsRows)
	for _, in := range hostileInputs {
		q, err := Parse(in)
		if errors.Is(err, errNothingToSearch) {
			continue // refused as it should be: "(" is no search at all
		}
		if err != nil {
			t.Errorf("Parse(%.60q): %v", in, err)
			continue
		}
		f := q.Filter()
		if _, err := search(db, f.Match, f.NotMatch); err != nil {
			t.Errorf("Parse(%.60q): MATCH %.60q NOT %.60q: %v", in, f.Match, f.NotMatch, err)
		}
	}
}

func TestFTS5Results(t *testing.T) {
	db := newFTS(t, ftsRows)
	tests := []struct {
		in   string
		want []int
	}{
		{"climate", []int{1}},
		{"CLIMATE", []int{1}},
		{"climat*", []int{1}},
		{"climat", nil},
		{"cult* coffee", []int{3}},
		{"open source", []int{1, 3}},
		{`"open source"`, []int{1}},
		{`"source open"`, nil},
		{"source -climate", []int{3}},
		{`source -"open source"`, []int{3}},
		{"-rugby -climat*", []int{3, 4}},
		{"cafe", []int{3}}, // diacritics removed
		{"café", []int{3}},
		{"round-up", []int{2}},       // the phrase "round up"
		{"near", []int{4}},           // a word, not the NEAR operator
		{"title:x", []int{4}},        // the phrase "title x", not a column filter
		{"x AND y", []int{4}},        // "and" is a word here, and row 4's text has it
		{"rugby OR coffee", nil},     // no row holds the word "or"
		{"coffee NOT rugby", nil},    // nor "not"
		{"NEAR(future x)", []int{4}}, // "near future" AND "x", not a NEAR group
		{"--- () * coffee", []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			f := q.Filter()
			got, err := search(db, f.Match, f.NotMatch)
			if err != nil {
				t.Fatalf("search(%q, %q): %v", f.Match, f.NotMatch, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%q (MATCH %q NOT %q) found %v, want %v", tt.in, f.Match, f.NotMatch, got, tt.want)
			}
		})
	}
}
