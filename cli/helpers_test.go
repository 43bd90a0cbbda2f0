package cli_test

// End-to-end tests of herald's command line (DESIGN.md, "The command
// line"). Most drive cli.Run in-process against a store in t.TempDir();
// the few that need a real process (pipes, kill -9, environment at start-up)
// build the herald binary once and run it.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/herald-reader/herald/cli"
)

// result is what one herald invocation did.
type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout:\n%s--- stderr:\n%s", r.code, r.stdout, r.stderr)
}

// runHerald runs herald in-process with the given arguments (no --db added)
// and stdin.
func runHerald(t *testing.T, stdin io.Reader, args ...string) result {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errb bytes.Buffer
	code := cli.Run(context.Background(), args, stdin, &out, &errb)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// herald runs herald in-process on the store db.
func herald(t *testing.T, db string, args ...string) result {
	t.Helper()
	return runHerald(t, nil, append([]string{"--db", db}, args...)...)
}

// mustHerald runs herald on db and fails the test unless it exits 0.
func mustHerald(t *testing.T, db string, args ...string) result {
	t.Helper()
	r := herald(t, db, args...)
	if r.code != 0 {
		t.Fatalf("herald %s: want exit 0, got %v", strings.Join(args, " "), r)
	}
	return r
}

// newDB returns the path of a store that does not exist yet.
func newDB(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "herald.db")
}

// Fixtures in testdata, written for these tests.
var (
	feedFixtures    = []string{"testdata/feeds/harbour.rss", "testdata/feeds/loom.atom", "testdata/feeds/kettle.json"}
	articleFixtures = []string{"testdata/articles/field-notes.md", "testdata/articles/shopping.txt", "testdata/articles/page.html"}
	opmlFixture     = "testdata/subs.opml"
)

// Article titles in the fixtures.
const (
	tWeaving  = "Weaving on the old loom"        // Harbour Notes; Xia Hua; Crafts, China; 2024-01-15
	tTides    = "Tide tables for February"       // Harbour Notes; Sam Okafor; harbour; 2024-02-10
	tFerry    = "Night ferry"                    // Harbour Notes; Xia Hua; china; 2024-03-05
	tOpenLoom = "Open source looms"              // Loom Weekly; Priya Nair; crafts; 2024-01-20
	tThreads  = "Threads from the source"        // Loom Weekly; Priya Nair; dyes; 2024-04-01T10:00Z
	tKettle   = "Kettle descaling guide"         // Kettle Club; Lena Berg; home; 2024-05-01T06:00Z
	tTea      = "Tea and weather"                // Kettle Club; Lena Berg; home, weather; 2023-12-24
	tField    = "Field notes on the loom"        // articles/field-notes.md; Xia Hua; notes, Crafts; 2024-06-01
	tShopping = "Shopping list for the workshop" // articles/shopping.txt; no date (import time)
	tWheel    = "Repairing a spinning wheel"     // articles/page.html; Ode Tamsin; no date
)

const fixtureArticles = 10 // 3 + 2 + 2 feed items, 3 article files

// fixtureDB returns a new store holding every fixture: the three feeds, the
// article folder and the OPML list. The import runs once; each test gets a
// copy of its store, so ids are the same in every test.
func fixtureDB(t *testing.T) string {
	t.Helper()
	fixtureOnce.Do(func() {
		dir, err := os.MkdirTemp("", "herald-cli-fixture-")
		if err != nil {
			fixtureErr = err
			return
		}
		fixtureDir = dir
		db := filepath.Join(dir, "herald.db")
		r := herald(t, db, "import", "testdata/feeds", "testdata/articles", opmlFixture)
		if r.code != 0 {
			fixtureErr = fmt.Errorf("import the fixtures: %v", r)
		}
		fixturePath = db
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	db := newDB(t)
	// The store is closed, so its file is whole; copy a WAL file too if
	// one was left behind.
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(fixturePath + suffix)
		if suffix != "" && os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(db+suffix, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

var (
	fixtureOnce sync.Once
	fixtureDir  string
	fixturePath string
	fixtureErr  error
)

// articleJSON is an article as `ls --json` prints it.
type articleJSON struct {
	ID        int64    `json:"id"`
	Title     string   `json:"title"`
	URL       string   `json:"url"`
	Feed      string   `json:"feed"`
	Authors   []string `json:"authors"`
	Tags      []string `json:"tags"`
	Published string   `json:"published"`
	Read      bool     `json:"read"`
	Starred   bool     `json:"starred"`
	Markdown  *string  `json:"markdown"`
	Text      *string  `json:"text"`
}

// jsonLines decodes JSON Lines output into one value per line, failing on
// anything that is not one JSON object a line.
func jsonLines[T any](t *testing.T, out string) []T {
	t.Helper()
	var vs []T
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if !json.Valid(line) || !bytes.HasPrefix(bytes.TrimSpace(line), []byte("{")) {
			t.Fatalf("line %d is not a JSON object: %q", n, line)
		}
		var v T
		if err := json.Unmarshal(line, &v); err != nil {
			t.Fatalf("line %d: %v: %q", n, err, line)
		}
		vs = append(vs, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return vs
}

// lsArticles runs `ls --json QUERY...` on db and returns the articles.
func lsArticles(t *testing.T, db string, query ...string) []articleJSON {
	t.Helper()
	r := mustHerald(t, db, append([]string{"ls", "--json"}, query...)...)
	return jsonLines[articleJSON](t, r.stdout)
}

// lsTitles runs `ls --json QUERY...` and returns the titles, in order.
func lsTitles(t *testing.T, db string, query ...string) []string {
	t.Helper()
	var titles []string
	for _, a := range lsArticles(t, db, query...) {
		titles = append(titles, a.Title)
	}
	return titles
}

// idOf returns the id of the article titled title.
func idOf(t *testing.T, db, title string) int64 {
	t.Helper()
	for _, a := range lsArticles(t, db) {
		if a.Title == title {
			return a.ID
		}
	}
	t.Fatalf("no article titled %q", title)
	return 0
}

// summaryRE matches import's summary line on stderr.
var summaryRE = regexp.MustCompile(`(?m)^(\d+) files?: (\d+) new, (\d+) updated, (\d+) unchanged articles(, (\d+) subscriptions?)?(, (\d+) failed)?$`)

// importSummary is import's summary line, parsed.
type importSummary struct {
	files, added, updated, unchanged, subscriptions, failed int
}

func parseSummary(t *testing.T, stderr string) importSummary {
	t.Helper()
	m := summaryRE.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no summary line on stderr:\n%s", stderr)
	}
	atoi := func(s string) int {
		var n int
		fmt.Sscan(s, &n)
		return n
	}
	return importSummary{atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4]), atoi(m[6]), atoi(m[8])}
}

// sharedDir is ../shared relative to the repository root, or "" when absent.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "shared"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared folder %s is absent; skipping (it holds the corpus and tools)", dir)
	}
	return dir
}

// The herald binary, built once for the tests that need a real process.
// TestMain starts the build in the background so it overlaps the
// in-process tests; heraldBinary waits for it.
var (
	binDir   string
	binPath  string
	binErr   error
	binReady = make(chan struct{})
)

func TestMain(m *testing.M) {
	go buildHerald()
	cli.HeraldBinary = heraldBinary
	code := m.Run()
	<-binReady
	for _, dir := range []string{binDir, fixtureDir} {
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

// buildHerald runs `go build -o DIR/herald .` in the repository root.
func buildHerald() {
	defer close(binReady)
	goTool, err := exec.LookPath("go")
	if err != nil {
		binErr = errNoGo
		return
	}
	if binDir, binErr = os.MkdirTemp("", "herald-cli-test-"); binErr != nil {
		return
	}
	binPath = filepath.Join(binDir, "herald")
	cmd := exec.Command(goTool, "build", "-o", binPath, ".")
	cmd.Dir = ".." // the repository root
	if out, err := cmd.CombinedOutput(); err != nil {
		binErr = fmt.Errorf("go build: %v\n%s", err, out)
	}
}

var errNoGo = errors.New("no go tool on PATH to build the herald binary")

// heraldBinary returns the path of the herald binary, waiting for its build.
func heraldBinary(t *testing.T) string {
	t.Helper()
	<-binReady
	if binErr == errNoGo {
		t.Skip(binErr)
	}
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// execHerald runs the herald binary with args and env (added to a clean
// copy of the environment) and returns what it did.
func execHerald(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(heraldBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("run herald %v: %v", args, err)
		}
		code = ee.ExitCode()
	}
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// nonEmptyLines splits s into its non-empty lines.
func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// absPath is p made absolute.
func absPath(t *testing.T, p string) string {
	t.Helper()
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}
