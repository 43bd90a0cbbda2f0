package ui

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/store"
)

// fakeTerminal runs piped commands in place of the terminal's Exec: the
// command's output goes to out, and enter is pressed when herald asks.
type fakeTerminal struct {
	mu  sync.Mutex
	out bytes.Buffer
}

func (ft *fakeTerminal) Write(p []byte) (int, error) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	return ft.out.Write(p)
}

func (ft *fakeTerminal) String() string {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	return ft.out.String()
}

func (ft *fakeTerminal) setup(m *Model) { m.term = ft }

// Exec runs c at once, with enter pressed for it.
func (ft *fakeTerminal) Exec(c tea.ExecCommand, fn tea.ExecCallback) tea.Cmd {
	return func() tea.Msg {
		c.SetStdin(strings.NewReader("\n"))
		c.SetStdout(ft)
		c.SetStderr(ft)
		return fn(c.Run())
	}
}

func (ft *fakeTerminal) SetClipboard(text string) tea.Cmd { return tea.SetClipboard(text) }

func (ft *fakeTerminal) RequestBackgroundColor() tea.Cmd { return nil }

// pipeHarness is a harness at 160x50 whose piped commands run in dir.
func pipeHarness(t *testing.T, st Store, opts Options) (*harness, *fakeTerminal, string) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	ft := &fakeTerminal{}
	return newHarness(t, st, opts, 160, 50, stubRender, ft.setup), ft, dir
}

// pipe opens the | prompt, types command and runs it.
func (h *harness) pipe(command string) {
	h.t.Helper()
	h.press("|")
	if !h.m.prompt.open || h.m.prompt.kind != promptPipe {
		h.t.Fatal("| did not open the pipe prompt")
	}
	h.typeText(command)
	h.press("enter")
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestPipeArticleToACommand(t *testing.T) {
	h, ft, dir := pipeHarness(t, newFakeStore(100), Options{})
	h.press("enter") // open article 100
	h.press("|")
	h.requireScreen("pipe article | ")
	h.typeText("wc -w > words")
	h.press("enter")
	if h.m.prompt.open {
		t.Fatal("the prompt stayed open")
	}
	n, err := strconv.Atoi(strings.TrimSpace(readFile(t, filepath.Join(dir, "words"))))
	if err != nil || n < 120 {
		t.Fatalf("wc -w counted %d (%v); the article has 120 words and a header", n, err)
	}
	h.requireScreen("| wc -w > words: done")
	if !strings.Contains(ft.String(), "Press enter to return to herald") {
		t.Errorf("herald did not wait for enter after the command: %q", ft.String())
	}
	// The reader is where it was.
	if h.m.focus != paneReader || h.m.reader.article.ID != 100 {
		t.Error("herald did not come back where it was")
	}
	h.requireFits()
}

func TestPipeFormats(t *testing.T) {
	h, _, dir := pipeHarness(t, newFakeStore(100), Options{})
	h.press("enter")
	h.pipe("cat > plain")
	h.pipe("md: cat > doc.md")
	h.pipe("html:cat > page.html")
	h.pipe("json: cat > one.json")
	if got := readFile(t, filepath.Join(dir, "plain")); !strings.HasPrefix(got, "Article 100 about go\n") ||
		!strings.Contains(got, "word0 word1") || strings.Contains(got, "<p>") {
		t.Errorf("text:\n%s", got)
	}
	if got := readFile(t, filepath.Join(dir, "doc.md")); !strings.HasPrefix(got, "# Article 100 about go\n") ||
		!strings.Contains(got, "## Part one of 100") {
		t.Errorf("markdown:\n%s", got)
	}
	if got := readFile(t, filepath.Join(dir, "page.html")); !strings.Contains(got, "<h2>Part one of 100</h2>") {
		t.Errorf("html:\n%s", got)
	}
	var j map[string]any
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "one.json"))), &j); err != nil {
		t.Fatal(err)
	}
	if j["id"] != float64(100) || j["markdown"] == nil || j["text"] == nil {
		t.Errorf("json: %v", j)
	}
}

func TestParsePipeCommand(t *testing.T) {
	for _, tc := range []struct{ in, format, cmd string }{
		{"less", "text", "less"},
		{"md: less -R", "markdown", "less -R"},
		{"markdown:glow -", "markdown", "glow -"},
		{"JSON: jq .", "json", "jq ."},
		{"html: w3m -T text/html", "html", "w3m -T text/html"},
		{"text:", "text", ""},
		{"scp - host:path", "text", "scp - host:path"},
		{"yaml: cat", "text", "yaml: cat"},
		{"  wc -w  ", "text", "wc -w"},
	} {
		f, cmd := parsePipeCommand(tc.in, "text")
		if string(f) != tc.format || cmd != tc.cmd {
			t.Errorf("%q: %q, %q; want %q, %q", tc.in, f, cmd, tc.format, tc.cmd)
		}
	}
}

// Article data reaches the command only on stdin and in HERALD_*: a title
// or link full of shell syntax runs nothing.
func TestPipeEnvironmentNeverRunsArticleData(t *testing.T) {
	st := newFakeStore(100)
	st.edit[100] = func(b *store.Body) {
		b.Title = "$(touch pwned) `touch pwned2`; touch pwned3 \"q\" 'x'\nnext -rf ../../"
		b.Link = "https://evil.example/$(touch%20pwned4);`id`"
	}
	h, _, dir := pipeHarness(t, st, Options{})
	h.press("enter")
	h.pipe(`printf '%s\n' "$HERALD_ID" "$HERALD_URL" "$HERALD_TITLE" "$HERALD_FORMAT" > env; cat > body`)
	got := strings.Split(readFile(t, filepath.Join(dir, "env")), "\n")
	want := []string{"100", "https://evil.example/$(touch%20pwned4);`id`",
		"$(touch pwned) `touch pwned2`; touch pwned3 \"q\" 'x' next -rf ../../", "text", ""}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("environment:\n%q\nwant\n%q", got, want)
	}
	for _, f := range []string{"pwned", "pwned2", "pwned3", "pwned4"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("article data ran a command (%s exists)", f)
		}
	}
	if body := readFile(t, filepath.Join(dir, "body")); !strings.HasPrefix(body, "$(touch pwned)") {
		t.Errorf("stdin: %q", body)
	}
}

// From the list, | sends every article of the list's filter, one JSON
// object a line: the objects of `herald ls --json` with the text.
func TestPipeListSendsTheFilteredListAsJSONLines(t *testing.T) {
	h, _, dir := pipeHarness(t, newFakeStore(100), Options{})
	h.press("/")
	h.typeText("tag:rust")
	h.press("enter")
	h.requireScreen("25 articles")
	h.press("|")
	h.requireScreen("pipe 25 articles | ")
	h.typeText("cat > all.jsonl")
	h.press("enter")
	sc := bufio.NewScanner(strings.NewReader(readFile(t, filepath.Join(dir, "all.jsonl"))))
	var ids []int64
	for sc.Scan() {
		var a struct {
			ID      int64    `json:"id"`
			Title   string   `json:"title"`
			URL     string   `json:"url"`
			Tags    []string `json:"tags"`
			Authors []string `json:"authors"`
			Text    *string  `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("not a JSON line: %q", sc.Text())
		}
		if len(a.Tags) != 1 || a.Tags[0] != "rust" || a.Text == nil || !strings.Contains(*a.Text, "word0") ||
			a.URL == "" || len(a.Authors) != 1 {
			t.Errorf("line %+v", a)
		}
		ids = append(ids, a.ID)
	}
	if len(ids) != 25 || ids[0] != 97 || ids[24] != 1 {
		t.Errorf("ids %v, want the 25 rust articles newest first", ids)
	}
	// A format prefix works for the list too.
	h.pipe("text: cat > all.txt")
	if got := readFile(t, filepath.Join(dir, "all.txt")); strings.Count(got, "about rust\n") != 25 {
		t.Errorf("text of the list:\n%.300s", got)
	}
}

// A command that stops reading early (head) ends the pipe: the writer's
// EPIPE is no error, the store is not read to the end, and herald goes on.
func TestPipeListToACommandThatClosesEarly(t *testing.T) {
	st := newFakeStore(5000)
	h, _, _ := pipeHarness(t, st, Options{})
	h.pipe("head -c 100 > /dev/null")
	if h.m.message != "" {
		t.Errorf("message %q; a reader that stops early is not an error", h.m.message)
	}
	h.requireScreen("| head -c 100 > /dev/null: done")
	if st.bodyCalls >= 5000 {
		t.Errorf("read %d bodies for a command that took 100 bytes", st.bodyCalls)
	}
	if st.maxLimit > 500 {
		t.Errorf("read a page of %d rows at once", st.maxLimit)
	}
	h.press("j")
	if h.cursorID() != 4999 {
		t.Error("herald does not go on after the command")
	}
}

func TestPipeFailingCommandsAreReported(t *testing.T) {
	h, ft, _ := pipeHarness(t, newFakeStore(20), Options{})
	h.press("enter")
	for _, tc := range []struct{ cmd, want string }{
		{"cat >/dev/null; exit 3", "exit status 3"},
		{"herald-no-such-command", "command not found (exit status 127)"},
		{"exec 0<&-; echo closed stdin >&2; exit 1", "exit status 1"},
		{"kill -9 $$", "stopped by killed"},
		// sh's child killed by a signal: sh says so with status 128+n.
		{"sh -c 'kill -INT $$'", "stopped by interrupt"},
	} {
		h.pipe(tc.cmd)
		h.requireScreen("| " + tc.cmd + ": " + tc.want)
		if !strings.Contains(ft.String(), tc.want+". Press enter") {
			t.Errorf("%q: the terminal was not told %q:\n%s", tc.cmd, tc.want, ft.String())
		}
		h.requireFits()
	}
	// Its stderr went to the terminal, where the user reads it before enter.
	if !strings.Contains(ft.String(), "closed stdin") {
		t.Errorf("stderr did not reach the terminal: %q", ft.String())
	}
	// A good command clears the last failure.
	h.pipe("cat > /dev/null")
	h.requireNotScreen("exit status")
	h.requireScreen("done")
}

// At the "Press enter" line, ctrl+c, q and esc return to herald as enter
// does (ctrl+c used to quit it); other keys are passed over.
func TestPipeWaitEndsOnEnterCtrlCQOrEsc(t *testing.T) {
	for _, key := range []string{"\r", "\n", "\x03", "q", "\x1b"} {
		in := &keyPresses{keys: []string{"x", "\x1b[A", key, "after"}}
		var out strings.Builder
		r := &pipeRun{command: "true", stdout: &out, tty: in}
		r.waitForEnter(nil)
		if in.next != 3 {
			t.Errorf("%q: the wait read %d key presses, want 3", key, in.next)
		}
		// The raw terminal echoes no enter: the wait ends its line itself.
		if !strings.HasSuffix(out.String(), "Press enter to return to herald.\r\n") {
			t.Errorf("%q: the wait wrote %q", key, out.String())
		}
	}
}

// keyPresses gives one key press a read, as a terminal does.
type keyPresses struct {
	keys []string
	next int
}

func (k *keyPresses) Read(p []byte) (int, error) {
	if k.next == len(k.keys) {
		return 0, io.EOF
	}
	n := copy(p, k.keys[k.next])
	k.next++
	return n, nil
}

func TestPipePromptNeedsACommand(t *testing.T) {
	h, _, _ := pipeHarness(t, newFakeStore(20), Options{})
	h.press("|", "enter")
	if !h.m.prompt.open {
		t.Fatal("an empty command closed the prompt")
	}
	h.requireScreen("type a command to pipe to")
	h.typeText("md:")
	h.press("enter")
	if !h.m.prompt.open {
		t.Fatal("a format without a command closed the prompt")
	}
	h.press("esc")
	if h.m.prompt.open || h.m.message != "" {
		t.Fatal("esc should close the pipe prompt and run nothing")
	}
	// The search prompt still searches.
	h.press("/")
	h.typeText("rust")
	h.press("enter")
	h.requireScreen("filter: /rust")
}

func TestPipeDefaultCommandAndHistory(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "state", "herald", "pipe_history")
	opts := Options{PipeCommand: "md: cat > default.md", PipeHistory: hist}
	h, _, dir := pipeHarness(t, newFakeStore(20), opts)
	h.press("enter", "|")
	if got := h.m.prompt.Value(); got != "md: cat > default.md" {
		t.Fatalf("prompt opened with %q, want the configured command", got)
	}
	h.press("enter")
	if _, err := os.Stat(filepath.Join(dir, "default.md")); err != nil {
		t.Fatal("the default command did not run")
	}
	h.press("|")
	for range len("md: cat > default.md") {
		h.press("backspace")
	}
	h.typeText("wc -l > lines")
	h.press("enter")
	if got := readFile(t, hist); got != "md: cat > default.md\nwc -l > lines\n" {
		t.Fatalf("history file:\n%q", got)
	}
	if info, err := os.Stat(hist); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("history file mode %v (%v); commands are private", info.Mode(), err)
	}

	// A new reader reads the history back; ↑ and ↓ walk it.
	h2, _, _ := pipeHarness(t, newFakeStore(20), Options{PipeHistory: hist})
	h2.press("enter", "|")
	h2.typeText("draft")
	h2.press("up")
	if got := h2.m.prompt.Value(); got != "wc -l > lines" {
		t.Fatalf("↑ gave %q", got)
	}
	h2.press("up", "up")
	if got := h2.m.prompt.Value(); got != "md: cat > default.md" {
		t.Fatalf("↑↑ gave %q", got)
	}
	h2.press("down", "down")
	if got := h2.m.prompt.Value(); got != "draft" {
		t.Fatalf("↓ back to the draft gave %q", got)
	}
	h2.press("up", "enter")
	if got := readFile(t, hist); got != "md: cat > default.md\nwc -l > lines\n" {
		t.Fatalf("running an old command again should move it last, not repeat it:\n%q", got)
	}
}

func TestPipeHistoryIsBounded(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "pipe_history")
	var old []string
	for i := range 300 {
		old = append(old, fmt.Sprintf("cat > /dev/null # %d", i))
	}
	if err := os.WriteFile(hist, []byte(strings.Join(old, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h, _, _ := pipeHarness(t, newFakeStore(5), Options{PipeHistory: hist})
	h.pipe("true")
	lines := strings.Split(strings.TrimSuffix(readFile(t, hist), "\n"), "\n")
	if len(lines) != maxPromptHistory || lines[len(lines)-1] != "true" || lines[0] != "cat > /dev/null # 101" {
		t.Errorf("%d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
}

func TestPipeWithNothingToPipe(t *testing.T) {
	h, _, _ := pipeHarness(t, newFakeStore(0), Options{})
	h.press("|")
	if h.m.prompt.open {
		t.Fatal("| opened the prompt on an empty list")
	}
	h2, _, _ := pipeHarness(t, newFakeStore(5), Options{})
	h2.press("4", "|") // the reader, with no article open
	if h2.m.prompt.open {
		t.Fatal("| opened the prompt with no article open")
	}
	h2.requireScreen("no article to pipe")
}

// In a tags sidebar, | pipes the list the chosen tag filters: a whole tag
// at once.
func TestPipeFromTheTagsSidebar(t *testing.T) {
	h, _, dir := pipeHarness(t, newFakeStore(100), Options{})
	h.press("2", "enter") // climate: id%4 == 2
	h.requireScreen("filter: tag:climate")
	h.pipe("wc -l > count")
	if got := strings.TrimSpace(readFile(t, filepath.Join(dir, "count"))); got != "25" {
		t.Errorf("piped %s lines, want the 25 climate articles", got)
	}
	if h.m.focus != paneTags {
		t.Error("the focus moved")
	}
}

func TestFullHelpListsTheArticleOutKeys(t *testing.T) {
	h := newHarness(t, newFakeStore(20), Options{}, 80, 24, stubRender)
	h.press("?")
	h.requireScreen("| ", "pipe", "open link", "copy link", "copy text", "save (md)", "older", "newer")
	h.requireFits()
}

// A command that leaves without reading (true, or one that only uses
// $HERALD_URL) ends the feed: the store read it stops is no failure, but
// a store that fails while the command reads is one.
func TestPipeRunEndings(t *testing.T) {
	waitForCancel := func(ctx context.Context, _ io.Writer) error {
		<-ctx.Done()
		return fmt.Errorf("could not read the article: %w", ctx.Err())
	}
	r := &pipeRun{command: "true", feed: waitForCancel}
	if err := r.Run(); err != nil {
		t.Errorf("a command that reads nothing: %v", err)
	}
	failing := func(context.Context, io.Writer) error { return errors.New("disk on fire") }
	r = &pipeRun{command: "cat > /dev/null", feed: failing}
	if err := r.Run(); err == nil || err.Error() != "disk on fire" {
		t.Errorf("a failing store: %v", err)
	}
}
