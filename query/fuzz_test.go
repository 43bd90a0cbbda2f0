package query

import "testing"

// FuzzParse checks that Parse never panics, that every full-text
// expression it yields is valid FTS5, and that String round-trips.
//
// SQLite runs under the fuzzer's coverage instrumentation and a long query
// takes milliseconds, so shorten minimizing or it stalls the run:
//
//	go test -run '^$' -fuzz FuzzParse -fuzzminimizetime 3s ./query/
func FuzzParse(f *testing.F) {
	for _, in := range hostileInputs {
		f.Add(in)
	}
	db := newFTS(f, ftsRows)
	f.Fuzz(func(t *testing.T, in string) {
		q, err := Parse(in)
		if err != nil {
			return
		}
		filter := q.Filter()
		if _, err := search(db, filter.Match, filter.NotMatch); err != nil {
			t.Fatalf("Parse(%q): MATCH %q NOT %q: %v", in, filter.Match, filter.NotMatch, err)
		}
		checkRoundTrip(t, in)
	})
}
