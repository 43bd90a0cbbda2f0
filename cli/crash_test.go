package cli_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver, to check the file behind herald's back
)

// workload is a feedgen.py set: its folder and the items in each file.
type workload struct {
	dir   string
	items map[string]int // absolute path of each feed file -> items in it
	total int
}

// genWorkload runs ../shared/tools/feedgen.py to make an RSS workload, or
// skips the test when python3 or the tool is absent.
func genWorkload(t *testing.T, name string, feeds, items int) workload {
	t.Helper()
	tool := filepath.Join(sharedDir(t), "tools", "feedgen.py")
	if _, err := os.Stat(tool); err != nil {
		t.Skipf("no %s", tool)
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 on PATH to run feedgen.py")
	}
	out := t.TempDir()
	cmd := exec.Command(py, tool, "gen", "--out", out, "--name", name, "--feeds", itoa(int64(feeds)), "--items", itoa(int64(items)))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("feedgen.py: %v\n%s", err, b)
	}
	w := workload{dir: filepath.Join(out, name), items: map[string]int{}}
	data, err := os.ReadFile(filepath.Join(w.dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Feeds []struct {
			File  string `json:"file"`
			Items int    `json:"items"`
		} `json:"feeds"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("feedgen manifest.json: %v", err)
	}
	for _, f := range m.Feeds {
		w.items[filepath.Join(w.dir, f.File)] = f.Items
		w.total += f.Items
	}
	if len(w.items) == 0 || w.total == 0 {
		t.Fatalf("feedgen made an empty workload: %s", data)
	}
	return w
}

// files is the workload's feed files, sorted.
func (w workload) files() []string {
	var fs []string
	for f := range w.items {
		fs = append(fs, f)
	}
	sort.Strings(fs)
	return fs
}

// checkWholeFeeds checks that every feed of the workload present in the
// store holds all its items (an import commits a file at once), and
// returns how many feeds and articles are present.
func checkWholeFeeds(t *testing.T, db string, w workload) (feeds, articles int) {
	t.Helper()
	for u, f := range feedList(t, db) {
		p, ok := strings.CutPrefix(u, "file://")
		want, known := w.items[filepath.FromSlash(p)]
		if !ok || !known {
			t.Errorf("unexpected feed %s", u)
			continue
		}
		if f.Articles != want {
			t.Errorf("feed %s holds %d of its %d items: a file was half imported", filepath.Base(p), f.Articles, want)
		}
		feeds++
		articles += f.Articles
	}
	if n := len(lsArticles(t, db)); n != articles {
		t.Errorf("ls lists %d articles, the feeds count %d", n, articles)
	}
	return feeds, articles
}

// TestImportKilled kills `herald import` with SIGKILL in the middle of a
// large import: the store must be intact, hold whole feeds only, and a
// second import must complete it.
func TestImportKilled(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("kill -9 is a Unix test")
	}
	// The full set (100 feeds of 20 items, 22 MB) takes half a minute on a
	// busy 2-core machine; by default a smaller one keeps `go test ./...`
	// quick. HERALD_TEST_FULL=1 runs the full set.
	feeds, items := 30, 20
	if os.Getenv("HERALD_TEST_FULL") != "" && !testing.Short() {
		feeds = 100
	}
	w := genWorkload(t, "s1k", feeds, items)
	bin := heraldBinary(t)
	db := filepath.Join(t.TempDir(), "herald.db")

	cmd := exec.Command(bin, append([]string{"--db", db, "import"}, w.files()...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	// Poll (read-only, with SQL: cheaper than a herald process per poll)
	// until about a quarter of the articles are in, then kill -9. If the
	// import finishes first the kill is moot; the checks below still hold.
	killed := false
	for !killed {
		select {
		case err := <-done:
			t.Logf("the import finished before it could be killed (%v); nothing was interrupted", err)
			done <- err
			killed = true
			continue
		default:
		}
		if articlesIn(db) >= w.total/4 {
			if err := cmd.Process.Kill(); err != nil {
				t.Logf("kill: %v", err)
			}
			killed = true
			continue
		}
		time.Sleep(20 * time.Millisecond)
	}
	waitErr := <-done
	t.Logf("import ended: %v; stderr: %q", waitErr, stderr.String())

	// The file is intact.
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := conn.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	if check != "ok" {
		t.Errorf("PRAGMA integrity_check = %q, want ok", check)
	}
	var fkProblems int
	if err := conn.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fkProblems); err != nil {
		t.Errorf("foreign_key_check: %v", err)
	} else if fkProblems != 0 {
		t.Errorf("%d foreign key violations", fkProblems)
	}
	conn.Close()

	// herald still works on it, and holds whole feeds only.
	if r := execHerald(t, nil, "--db", db, "ls"); r.code != 0 {
		t.Fatalf("herald ls after kill -9: %v", r)
	}
	nFeeds, nArticles := checkWholeFeeds(t, db, w)
	t.Logf("after kill -9: %d of %d feeds, %d of %d articles", nFeeds, len(w.items), nArticles, w.total)
	if nArticles == 0 {
		t.Errorf("the store lost the articles ls had shown before the kill")
	}

	// Running the same import again completes the set.
	r := execHerald(t, nil, append([]string{"--db", db, "import"}, w.files()...)...)
	if r.code != 0 {
		t.Fatalf("second import: %v", r)
	}
	if s := parseSummary(t, r.stderr); s.added != w.total-nArticles || s.unchanged != nArticles {
		t.Errorf("second import: %+v, want %d new and %d unchanged", s, w.total-nArticles, nArticles)
	}
	nFeeds, nArticles = checkWholeFeeds(t, db, w)
	if nFeeds != len(w.items) || nArticles != w.total {
		t.Errorf("after the second import: %d of %d feeds, %d of %d articles", nFeeds, len(w.items), nArticles, w.total)
	}
}

// articlesIn counts the articles in the store at db, read-only; 0 when it
// cannot tell yet (no file, no schema, busy).
func articlesIn(db string) int {
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro&_pragma=busy_timeout(1000)")
	if err != nil {
		return 0
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow(`SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0
	}
	return n
}
