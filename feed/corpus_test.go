package feed

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/herald-reader/herald/store"
)

// corpusDir is the shared real-world corpus, which only exists in the
// project's workspace: a fresh clone has none, and these tests skip there.
const corpusDir = "../../shared/corpus"

type manifestRow struct {
	path          string
	format        string
	expectedItems int // -1: not given
	note          string
}

func readManifest(t *testing.T) []manifestRow {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "MANIFEST.tsv"))
	if os.IsNotExist(err) {
		t.Skip("shared corpus not found at " + corpusDir + "; skipping corpus test")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []manifestRow
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	sc.Scan() // header
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 5 {
			continue
		}
		row := manifestRow{path: cols[0], format: cols[1], expectedItems: -1, note: cols[4]}
		if n, err := strconv.Atoi(cols[2]); err == nil {
			row.expectedItems = n
		}
		rows = append(rows, row)
	}
	return rows
}

// TestCorpusFeeds parses every feed in the corpus: nothing panics, every
// failure is a one-line error naming its file, at least 95% of the items
// the MANIFEST counts come back, and every article is clean.
func TestCorpusFeeds(t *testing.T) {
	var expected, returned, files, failed int
	for _, row := range readManifest(t) {
		if !strings.HasPrefix(row.path, "feeds/") {
			continue
		}
		files++
		data, err := os.ReadFile(filepath.Join(corpusDir, row.path))
		if err != nil {
			t.Fatal(err)
		}
		_, articles, err := Parse(strings.NewReader(string(data)), row.path)
		if err != nil {
			failed++
			checkOneLineError(t, err, row.path)
			if row.expectedItems > 0 {
				t.Logf("FAIL %s (expected %d items): %v", row.path, row.expectedItems, err)
			}
		}
		if row.expectedItems >= 0 {
			expected += row.expectedItems
			returned += min(len(articles), row.expectedItems)
			if err == nil && len(articles) != row.expectedItems {
				t.Logf("COUNT %s: got %d items, MANIFEST says %d", row.path, len(articles), row.expectedItems)
			}
		}
		for _, a := range articles {
			checkCleanArticle(t, row.path, a)
		}
	}
	share := float64(returned) / float64(expected)
	t.Logf("%d feed files, %d failed; %d of %d expected items returned (%.1f%%)", files, failed, returned, expected, 100*share)
	if share < 0.95 {
		t.Errorf("returned %.1f%% of the MANIFEST's expected items, want at least 95%%", 100*share)
	}
}

func checkOneLineError(t *testing.T, err error, source string) {
	t.Helper()
	msg := err.Error()
	if strings.ContainsAny(msg, "\n\r") || !strings.HasPrefix(msg, source+": ") || len(msg) <= len(source)+2 {
		t.Errorf("%s: error is not one line naming the file: %q", source, msg)
	}
	for _, r := range msg {
		if unicode.IsControl(r) {
			t.Errorf("%s: error holds control character %U: %q", source, r, msg)
			break
		}
	}
}

// checkCleanArticle asserts what every parsed article must satisfy.
func checkCleanArticle(t *testing.T, source string, a store.NewArticle) {
	t.Helper()
	if strings.TrimSpace(a.Title) != a.Title {
		t.Errorf("%s: untrimmed title %q", source, a.Title)
	}
	if a.Title == "" && strings.TrimSpace(a.PlainText()) != "" {
		t.Errorf("%s: no title, though the text could give one: %.40q", source, a.PlainText())
	}
	names := append(append([]string{}, a.Authors...), a.Tags...)
	for _, f := range names {
		if f == "" || strings.TrimSpace(f) != f {
			t.Errorf("%s: empty or untrimmed name %q", source, f)
		}
	}
	for _, f := range append(names, a.Title) {
		for _, r := range f {
			if unicode.IsControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
				t.Errorf("%s: control character %U in %q", source, r, f)
				break
			}
		}
	}
	if a.GUID == "" {
		t.Errorf("%s: article %q has no GUID", source, a.Title)
	}
	latest := time.Now().Add(futureSlack + time.Hour)
	for _, d := range []time.Time{a.Published, a.Updated} {
		if !d.IsZero() && (d.Before(earliestDate) || d.After(latest) || d.Location() != time.UTC) {
			t.Errorf("%s: article %q has an absurd or non-UTC date %v", source, a.Title, d)
		}
	}
	if a.Link != "" && !strings.HasPrefix(a.Link, "http://") && !strings.HasPrefix(a.Link, "https://") {
		t.Errorf("%s: article %q has a non-http link %q", source, a.Title, a.Link)
	}
}
