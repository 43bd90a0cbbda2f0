package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// recordingBrowser writes a $BROWSER that records its arguments, one a
// line, in the returned file.
func recordingBrowser(t *testing.T) (browser, record string) {
	t.Helper()
	dir := t.TempDir()
	record = filepath.Join(dir, "args")
	browser = filepath.Join(dir, "browser")
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + record + "'; done\n"
	if err := os.WriteFile(browser, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return browser, record
}

// hostileLinksDB is a store whose articles' titles and links hold shell
// syntax, option-like text and non-web schemes. It is written through the
// store, not a feed: the importer already drops such links, and the
// commands must refuse them even in a store that holds them.
func hostileLinksDB(t *testing.T) string {
	t.Helper()
	db := newDB(t)
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	articles := []store.NewArticle{
		{GUID: "1", Link: "javascript:alert(1)", Title: "js link", Text: "x", Published: day(1)},
		{GUID: "2", Link: "file:///etc/passwd", Title: "file link", Text: "x", Published: day(2)},
		{GUID: "3", Link: "-oProxyCommand=touch pwned", Title: "option link", Text: "x", Published: day(3)},
		{GUID: "4", Link: "https://evil.example/$(touch%20pwned);`id`",
			Title: "$(touch pwned) `touch pwned2`; rm -rf \"q\" '../../x'\nline", Text: "Body text.", Published: day(4)},
	}
	info := store.FeedInfo{URL: "file:///hostile-links", Kind: store.KindFile, Title: "Hostile links"}
	if _, err := st.SaveArticles(context.Background(), info, articles); err != nil {
		t.Fatal(err)
	}
	return db
}

func idByTitlePrefix(t *testing.T, db, prefix string) string {
	t.Helper()
	for _, a := range lsArticles(t, db) {
		if strings.HasPrefix(a.Title, prefix) {
			return itoa(a.ID)
		}
	}
	t.Fatalf("no article titled %q…", prefix)
	return ""
}

func TestOpenGivesTheLinkToTheBrowserAsOneArgument(t *testing.T) {
	t.Parallel()
	db := hostileLinksDB(t)
	browser, record := recordingBrowser(t)
	r := execHerald(t, []string{"BROWSER=" + browser}, "--db", db, "open", idByTitlePrefix(t, db, "$(touch"))
	if r.code != 0 {
		t.Fatalf("open: %v", r)
	}
	data, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	args := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(args) != 1 || !strings.HasPrefix(args[0], "https://evil.example/$") {
		t.Errorf("the browser got %q", args)
	}
}

func TestOpenRefusesLinksThatAreNotWebAddresses(t *testing.T) {
	t.Parallel()
	db := hostileLinksDB(t)
	browser, record := recordingBrowser(t)
	for _, title := range []string{"js link", "file link", "option link"} {
		r := execHerald(t, []string{"BROWSER=" + browser}, "--db", db, "open", idByTitlePrefix(t, db, title))
		if r.code != 1 || !strings.HasPrefix(r.stderr, "herald: open ") ||
			!strings.Contains(r.stderr, "refused to open") {
			t.Errorf("%s: %v", title, r)
		}
	}
	if _, err := os.Stat(record); err == nil {
		data, _ := os.ReadFile(record)
		t.Errorf("the browser was run with %q", data)
	}
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	for _, args := range [][]string{{"open", "x"}, {"open", "0"}, {"open", "99999"}} {
		r := herald(t, db, args...)
		if r.code != 1 || !strings.HasPrefix(r.stderr, "herald: open") {
			t.Errorf("%v: %v", args, r)
		}
	}
	r := execHerald(t, []string{"BROWSER=herald-no-such-browser"}, "--db", db, "open", itoa(idOf(t, db, tWeaving)))
	if r.code != 1 || !strings.Contains(r.stderr, "herald-no-such-browser is not installed") {
		t.Errorf("missing browser: %v", r)
	}
}
