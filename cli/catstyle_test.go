//go:build linux

package cli_test

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// Styled cat on a terminal asks the terminal its background colour once
// for the whole command, not once an article (each question waits for an
// answer: seconds each when nothing answers).
func TestStyledCatAsksTheTerminalOnce(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	ids := lsArticles(t, db)
	if len(ids) < 3 {
		t.Fatalf("the fixtures hold %d articles", len(ids))
	}
	args := []string{"--db", db, "cat", itoa(ids[0].ID), itoa(ids[1].ID), itoa(ids[2].ID)}
	screen, cmd, ptmx := startInTerminalWithInput(t, []string{"XDG_CONFIG_HOME=" + t.TempDir(), "COLORFGBG=", "NO_COLOR=", "TERM=xterm-256color"}, args...)
	// Answer each question as a dark terminal would.
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	answered := 0
wait:
	for {
		select {
		case <-done:
			break wait
		case <-time.After(10 * time.Millisecond):
		}
		if n := strings.Count(screen.String(), "\x1b]11;?"); n > answered {
			ptmx.Write([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?62;22c"))
			answered = n
		}
	}
	screen.waitDrained(10 * time.Second)
	if !cmd.ProcessState.Success() {
		t.Fatalf("cat failed: %v\n%q", cmd.ProcessState, screen.String())
	}
	if n := strings.Count(screen.String(), "\x1b]11;?"); n != 1 {
		t.Errorf("cat of 3 articles asked the terminal its background %d times, want once", n)
	}
	printed := strings.Join(strings.Fields(ansi.Strip(screen.String())), " ")
	if !strings.Contains(printed, strings.Join(strings.Fields(ids[2].Title), " ")) {
		t.Errorf("the third article (%q) is not printed:\n%s", ids[2].Title, printed)
	}
}

// NO_COLOR and TERM=dumb get no colours, and the terminal is not asked.
func TestStyledCatWithoutColours(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	var a articleJSON
	for _, x := range lsArticles(t, db) {
		if len(x.Authors) > 0 {
			a = x
			break
		}
	}
	if a.ID == 0 {
		t.Fatal("no fixture article has an author")
	}
	id := a.ID
	for _, env := range [][]string{{"NO_COLOR=1"}, {"TERM=dumb", "NO_COLOR="}} {
		screen, cmd := startInTerminal(t, append(env, "XDG_CONFIG_HOME="+t.TempDir()), "--db", db, "cat", itoa(id))
		if state := waitExit(t, cmd, 30*time.Second); !state.Success() {
			t.Fatalf("%v: cat failed: %v", env, state)
		}
		screen.waitDrained(10 * time.Second)
		out := screen.String()
		if strings.Contains(out, "\x1b]11;?") || strings.Contains(out, "\x1b[38;5;") {
			t.Errorf("%v: cat asked the terminal or coloured its output:\n%q", env, out)
		}
		// The header keeps one item a line (glamour would join them).
		for _, l := range strings.Split(ansi.Strip(out), "\n") {
			if strings.Contains(l, "By ") && strings.Contains(l, a.Feed) {
				t.Errorf("%v: byline and feed on one line: %q", env, l)
			}
		}
		if !strings.Contains(out, "By "+a.Authors[0]) || !strings.Contains(out, a.Feed+" · ") {
			t.Errorf("%v: no feed line in:\n%s", env, ansi.Strip(out))
		}
	}
}
