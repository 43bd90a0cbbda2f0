package handoff

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCheckLinkRefuses(t *testing.T) {
	for _, link := range []string{
		"", "   ",
		"javascript:alert(1)", "JavaScript:alert(1)",
		"file:///etc/passwd", "data:text/html,<script>x</script>",
		"-oProxyCommand=touch pwned", "--help",
		"ftp://example.com/x", "mailto:a@example.com",
		"//example.com/no-scheme", "example.com",
		"https://", "http:///path",
		"https://exa mple.com/", "https://example.com/a b",
		"https://example.com/\x1b[2J", "https://example.com/\nx",
		"vbscript:msgbox", " file:///etc/passwd",
	} {
		if got, err := CheckLink(link); err == nil {
			t.Errorf("CheckLink(%q) = %q, want refused", link, got)
		}
	}
}

func TestCheckLinkAccepts(t *testing.T) {
	for _, link := range []string{
		"https://example.com/a",
		"HTTP://Example.com/",
		"https://example.com/$(touch%20x)",
		"https://example.com/a;b?q='x'#frag",
		"https://example.com/`id`",
		" https://example.com/trimmed ",
	} {
		got, err := CheckLink(link)
		if err != nil {
			t.Errorf("CheckLink(%q): %v", link, err)
			continue
		}
		// The exact escaping is url's; what matters is one http(s) argument.
		if !strings.HasPrefix(got, "http://") && !strings.HasPrefix(got, "https://") || strings.ContainsAny(got, " \n`") {
			t.Errorf("CheckLink(%q) = %q", link, got)
		}
	}
}

func TestOpenCommandArgv(t *testing.T) {
	const link = "https://example.com/$(touch pwned);`id`"
	for _, tc := range []struct {
		browser string
		want    []string
	}{
		{"firefox", []string{"firefox", "<link>"}},
		{"firefox --new-tab", []string{"firefox", "--new-tab", "<link>"}},
		{"w3m %s", []string{"w3m", "<link>"}},
		{"chromium --app=%s", []string{"chromium", "--app=<link>"}},
		{"firefox:chromium", []string{"firefox", "<link>"}},
	} {
		cmd, err := OpenCommand("https://example.com/$(touch%20pwned);%60id%60", tc.browser)
		if err != nil {
			t.Fatal(err)
		}
		checked, _ := CheckLink("https://example.com/$(touch%20pwned);%60id%60")
		want := make([]string, len(tc.want))
		for i, w := range tc.want {
			want[i] = strings.ReplaceAll(w, "<link>", checked)
		}
		if !slices.Equal(cmd.Args, want) {
			t.Errorf("BROWSER=%q: argv %q, want %q", tc.browser, cmd.Args, want)
		}
	}
	if _, err := OpenCommand(link, "firefox"); err == nil {
		t.Error("a link with a space was accepted")
	}
	cmd, err := OpenCommand("https://example.com/", "")
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS == "linux" && (cmd.Args[0] != "xdg-open" || len(cmd.Args) != 2) {
		t.Errorf("no $BROWSER: argv %q", cmd.Args)
	}
	if _, err := OpenCommand("javascript:alert(1)", "firefox"); err == nil {
		t.Error("javascript: link accepted")
	}
}

// fakeBrowser writes a script that records its arguments, one a line, and
// exits with status code after writing msg to stderr.
func fakeBrowser(t *testing.T, code int, msg string) (browser, record string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs sh")
	}
	dir := t.TempDir()
	record = filepath.Join(dir, "args")
	script := filepath.Join(dir, "browser")
	body := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + record + "'; done\n"
	if msg != "" {
		body += "echo 'first line' >&2\necho '" + msg + "' >&2\n"
	}
	body += "exit " + string(rune('0'+code)) + "\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	return script, record
}

func TestOpenRunsTheBrowserWithoutAShell(t *testing.T) {
	browser, record := fakeBrowser(t, 0, "")
	t.Chdir(t.TempDir())
	link := "https://example.com/$(touch%20pwned);`touch%20pwned2`'\"x"
	if err := Open(link, browser, nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	args := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(args) != 1 || !strings.HasPrefix(args[0], "https://example.com/$") {
		t.Errorf("browser got %q", args)
	}
	for _, f := range []string{"pwned", "pwned2"} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("the link ran a command (%s exists)", f)
		}
	}
}

func TestOpenReportsAFailingBrowser(t *testing.T) {
	browser, _ := fakeBrowser(t, 3, "no method available for opening")
	err := Open("https://example.com/", browser, nil)
	if err == nil || !strings.Contains(err.Error(), "exit status 3") ||
		!strings.HasSuffix(err.Error(), "no method available for opening") {
		t.Errorf("err = %v", err)
	}
	err = Open("https://example.com/", "/nonexistent/browser", nil)
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/browser") {
		t.Errorf("missing browser: %v", err)
	}
	err = Open("https://example.com/", "herald-no-such-browser", nil)
	if err == nil || !strings.Contains(err.Error(), "not installed") {
		t.Errorf("browser not on PATH: %v", err)
	}
}

// A browser that stays (it was not running, and the opener waits for it)
// does not keep Open waiting.
func TestOpenLeavesASlowBrowserRunning(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "slow")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nsleep 5\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := Open("https://example.com/", script, nil); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > openGrace+time.Second {
		t.Errorf("Open took %s", d)
	}
}

func TestLastLine(t *testing.T) {
	var l LastLine
	l.Write([]byte("one\ntw"))
	l.Write([]byte("o\n\n  \n"))
	if l.Last() != "two" {
		t.Errorf("Last = %q", l.Last())
	}
	l.Write([]byte("three \x1b[31mred"))
	if l.Last() != "three [31mred" {
		t.Errorf("Last = %q", l.Last())
	}
}
