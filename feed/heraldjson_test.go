package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// exportLine is one line of herald's JSON export, as `export json` writes it.
func exportLine(id int, title string) string {
	b, _ := json.Marshal(map[string]any{
		"id": id, "title": title, "url": "https://example.org/" + fmt.Sprint(id), "feed": "Example",
		"authors": []string{"Ann"}, "tags": []string{"t"}, "published": time.Date(2024, 1, 1+id%28, 0, 0, 0, 0, time.UTC).Format(time.RFC3339),
		"read": id%2 == 0, "starred": id%3 == 0, "markdown": "Body of *" + title + "*", "text": "Body of " + title,
		"guid": fmt.Sprint("g", id), "feed_url": "https://example.org/feed.xml", "feed_kind": "http",
	})
	return string(b)
}

func TestSniffHeraldExport(t *testing.T) {
	line := exportLine(1, "One")
	var pretty bytes.Buffer
	json.Indent(&pretty, []byte(line), "", "  ")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(line + "\n" + exportLine(2, "Two") + "\n"))
	zw.Close()
	longTitle := `{"id":1,"title":"` + strings.Repeat("long ", 2000) + `"`
	old := `{"id":7,"title":"T","url":"","feed":"F","authors":[],"tags":[],"published":"2024-01-01T00:00:00Z","read":false,"starred":false}`
	for _, tc := range []struct {
		what, name, head string
		want             FileKind
	}{
		{"an export", "backup.jsonl", line + "\n" + exportLine(2, "Two"), KindExport},
		{"an export named .json", "backup.json", line, KindExport},
		{"an export named .txt", "backup.txt", line, KindExport},
		{"stdin", "-", line, KindExport},
		{"run through jq .", "pretty.json", pretty.String(), KindExport},
		{"compressed", "backup.jsonl.gz", gz.String(), KindExport},
		{"cut short in a long title", "backup.jsonl", longTitle[:SniffSize], KindExport},
		{"ls --json (an older export's keys)", "old.jsonl", old, KindExport},
		{"a JSON Feed", "feed.json", `{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","title":"x"}]}`, KindFeed},
		{"a JSON Feed without version first", "feed.json", `{"title":"T","items":[{"id":"1","title":"x"}],"version":"https://jsonfeed.org/version/1"}`, KindFeed},
		{"a JSON Feed with an id", "feed.json", `{"id":"x","title":"T","items":[]}`, KindFeed},
		{"other JSON", "meta.json", `{"id":3,"title":"x","byline":"y"}`, KindFeed},
		{"a markdown file", "notes.md", "# Title", KindArticle},
	} {
		if got := Sniff(tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("%s: Sniff = %v, want %v", tc.what, got, tc.want)
		}
	}
}

// importExportText imports text (an export, or not) as one named file
// through Import, as `herald import` does.
func importText(t *testing.T, st *store.Store, name, text string) (ImportStats, []string) {
	t.Helper()
	src := Source{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(text)), nil }}
	var failures []string
	stats, err := Import(context.Background(), st, []Source{src}, func(src string, err error) {
		failures = append(failures, src+": "+err.Error())
	})
	if err != nil {
		t.Fatal(err)
	}
	return stats, failures
}

func storedTitles(t *testing.T, st *store.Store) []string {
	t.Helper()
	page, err := st.Page(context.Background(), store.PageRequest{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, a := range page {
		titles = append(titles, a.Title)
	}
	return titles
}

// An export's objects may span lines (run through `jq .`) or share one;
// blank lines, a byte order mark and gzip are no matter.
func TestImportExportLayouts(t *testing.T) {
	one, two, three := exportLine(1, "One"), exportLine(2, "Two"), exportLine(3, "Three")
	var pretty bytes.Buffer
	for _, line := range []string{one, two, three} {
		json.Indent(&pretty, []byte(line), "", "  ")
		pretty.WriteString("\n")
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(one + "\n" + two + "\n" + three + "\n"))
	zw.Close()
	for what, text := range map[string]string{
		"JSON Lines":     one + "\n" + two + "\n" + three + "\n",
		"no last EOL":    one + "\n" + two + "\n" + three,
		"CRLF and blank": one + "\r\n\r\n" + two + "\r\n" + three + "\r\n\r\n",
		"jq .":           pretty.String(),
		"one line":       one + two + " " + three,
		"BOM":            "\ufeff" + one + "\n" + two + "\n" + three + "\n",
		"gzip":           gz.String(),
	} {
		st := openStore(t)
		stats, failures := importText(t, st, "backup.jsonl", text)
		if len(failures) != 0 || stats.Added != 3 {
			t.Errorf("%s: %+v %q", what, stats, failures)
			continue
		}
		if got := strings.Join(storedTitles(t, st), ","); got != "Three,Two,One" {
			t.Errorf("%s: stored %s", what, got)
		}
	}
}

// A bad line anywhere fails the file, naming the line, and stores nothing
// of it; what the store held stays.
func TestImportExportBadLine(t *testing.T) {
	var lines []string
	for i := 1; i <= 3000; i++ { // more than one parse chunk
		lines = append(lines, exportLine(i, fmt.Sprint("Article ", i)))
	}
	for _, tc := range []struct {
		what   string
		edit   func([]string) []string
		reason string
	}{
		{"a line cut short", func(l []string) []string { l[1499] = l[1499][:40]; return l }, "malformed JSON at line 1500: "},
		{"a stray character", func(l []string) []string { l[2] = "x" + l[2]; return l }, "line 3: not an article object"},
		{"a wrong type", func(l []string) []string {
			l[2998] = strings.Replace(l[2998], `"read":false`, `"read":"no"`, 1)
			return l
		}, `line 2999: "read" should be true or false`},
		{"a bad date", func(l []string) []string {
			l[9] = strings.Replace(l[9], `"published":"`, `"published":"yesterday`, 1)
			return l
		}, `line 10: "published" is not an RFC 3339 date`},
		{"not an article", func(l []string) []string { l[4] = `{"name":"Ann","count":3}`; return l }, "line 5: not an article"},
		{"the file ends inside one", func(l []string) []string { l[2999] = l[2999][:len(l[2999])-1]; return l }, "line 3000: the article that starts here is cut short"},
	} {
		st := openStore(t)
		importText(t, st, "first.jsonl", exportLine(9999, "Kept")+"\n")
		text := strings.Join(tc.edit(append([]string(nil), lines...)), "\n") + "\n"
		stats, failures := importText(t, st, "backup.jsonl", text)
		if stats.Failed != 1 || len(failures) != 1 || !strings.HasPrefix(failures[0], "backup.jsonl: "+tc.reason) {
			t.Errorf("%s: failures %q, want one saying %q", tc.what, failures, tc.reason)
		}
		if len(failures) == 1 && strings.Count(failures[0], "\n") > 0 {
			t.Errorf("%s: the message is not one line: %q", tc.what, failures[0])
		}
		if got := storedTitles(t, st); len(got) != 1 || got[0] != "Kept" {
			t.Errorf("%s: store holds %d articles, want only the one imported before", tc.what, len(got))
		}
	}
}

// An export is streamed, not read whole: one larger than the limit on a
// document imports, with memory for a few chunks of it.
func TestImportExportLargerThanADocument(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 70 MB")
	}
	body := strings.Repeat("word ", 2000)
	var b strings.Builder
	n := 0
	for b.Len() <= MaxDocumentSize+MaxDocumentSize/10 {
		n++
		line, _ := json.Marshal(map[string]any{"id": n, "title": fmt.Sprint("A", n), "url": "", "feed": "Big",
			"authors": []string{}, "tags": []string{}, "published": "2024-01-01T00:00:00Z", "read": false, "starred": false,
			"markdown": body, "text": body, "guid": fmt.Sprint(n), "feed_url": "file:///big", "feed_kind": "file"})
		b.Write(line)
		b.WriteByte('\n')
	}
	st := openStore(t)
	stats, failures := importText(t, st, "big.jsonl", b.String())
	if len(failures) != 0 || stats.Added != n {
		t.Fatalf("%+v %q, want %d added", stats, failures, n)
	}
}

// Whatever the bytes, splitting and parsing an export neither panics nor
// loses a value: the values handed over and the error (if any) account
// for every byte up to where it stopped.
func FuzzSplitExport(f *testing.F) {
	f.Add(exportLine(1, "One") + "\n" + exportLine(2, "Two") + "\n")
	f.Add(`{"id":1,"title":"a\"}{\\"}` + "\n" + `{"id":2}`)
	f.Add("{\n \"title\": \"x\"\n}\n\n{\"title\":\"y\"}")
	f.Add(`{"title":"unterminated` + "\n" + `{"title":"z"}`)
	f.Add("x")
	f.Fuzz(func(t *testing.T, data string) {
		var values int
		var failed error
		splitExport(context.Background(), strings.NewReader(data), func(c *exportChunk) bool {
			for _, v := range c.values {
				if v.start < 0 || v.end > len(c.data) || v.start >= v.end || c.data[v.start] != '{' || v.line < 1 {
					t.Fatalf("bad span %+v in %d bytes", v, len(c.data))
				}
				parseExportValue(c.data[v.start:v.end], v.line)
				values++
			}
			if c.err != nil {
				failed = c.err
			}
			return true
		})
		if failed != nil && !strings.HasPrefix(failed.Error(), "line ") && !strings.HasPrefix(failed.Error(), "malformed JSON at line ") {
			t.Errorf("error names no line: %v", failed)
		}
		if failed == nil && strings.TrimSpace(data) != "" && values == 0 {
			t.Errorf("%q: no value and no error", data)
		}
	})
}
