//go:build linux

package cli_test

import (
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A command piped to with | has the terminal as a shell's foreground job
// has it: ctrl+c typed while it runs reaches the command only, and herald
// reports how the command ended and goes on. At the "Press enter" line,
// ctrl+c returns to herald too. Before, both ended herald: its own group
// got the SIGINT.

func TestSignalKeysInAPipedCommandReachOnlyTheCommand(t *testing.T) {
	for _, tc := range []struct{ name, key, status string }{
		{"ctrl+c", "\x03", "stopped by interrupt"},
		{`ctrl+\`, "\x1c", "stopped by quit"}, // SIGQUIT made herald dump its goroutines and exit
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := startReader(t)
			r.pipe("ulimit -c 0; echo go''ing; sleep 60") // no core file from sleep
			r.await("going")
			// sh starts sleep just after the echo; a key sent before it
			// has would find sh alone, which leaves by its trap with the
			// echo's status.
			time.Sleep(time.Second)
			r.send(tc.key)
			r.await("sleep 60: " + tc.status + ". Press enter to return to herald.")
			r.send("\r")
			r.awaitReader()
			r.await(tc.status) // on the reader's status line
			r.quit()
		})
	}
}

func TestCtrlCAtPressEnterReturnsToHerald(t *testing.T) {
	t.Parallel()
	r := startReader(t)
	r.pipe("true")
	r.await("true: done. Press enter to return to herald.")
	r.send("\x03")
	r.awaitReader()
	r.await("| true: done")
	r.quit()
}

// less handles ctrl+c itself (it stops a search) and goes on: when it then
// quits, it has ended normally.
func TestCtrlCInLessIsLessOwn(t *testing.T) {
	if _, err := exec.LookPath("less"); err != nil {
		t.Skip("no less here")
	}
	t.Parallel()
	r := startReader(t)
	r.pipe("less")
	r.await(`"title"`)      // the list's JSON Lines, on less's screen
	time.Sleep(time.Second) // less has read its input and waits for keys
	r.send("\x03")
	r.await(":\x1b[K") // less has taken it, and drawn its prompt again
	r.send("q")
	r.await("less: done. Press enter to return to herald.")
	r.send("\r")
	r.awaitReader()
	r.quit()
}

// ctrl+z stops the command (the terminal sends SIGTSTP to its group only);
// herald, which cannot hand a stopped job to a shell, lets it go on rather
// than wait forever for it.
func TestCtrlZInAPipedCommandDoesNotHang(t *testing.T) {
	t.Parallel()
	r := startReader(t)
	r.pipe("echo go''ing; sleep 2; echo fin''ished")
	r.await("going")
	r.send("\x1a")
	r.await("finished")
	r.await("Press enter to return to herald.")
	r.send("\r")
	r.awaitReader()
	r.quit()
}

// runningReader is `herald --demo` in an 80x24 pseudo-terminal.
type runningReader struct {
	t      *testing.T
	screen *terminalOutput
	tty    *os.File // the terminal's master side, to type on
	cmd    *exec.Cmd
	exited chan struct{}
	from   int // what the screen showed before the last key sent
}

// The waits are long: the tests run beside others on a slow machine.
const readerWait = 30 * time.Second

func startReader(t *testing.T) *runningReader {
	t.Helper()
	tmp := t.TempDir()
	env := []string{"TMPDIR=" + tmp, "XDG_CONFIG_HOME=" + tmp, "XDG_STATE_HOME=" + tmp,
		"XDG_DATA_HOME=" + tmp, "TERM=xterm-256color", "LESS=", "LESSHISTFILE=-"}
	screen, cmd, tty := startInTerminalWithInput(t, env, "--demo")
	r := &runningReader{t: t, screen: screen, tty: tty, cmd: cmd, exited: make(chan struct{})}
	go func() { cmd.Wait(); close(r.exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-r.exited
	})
	r.await("38 articles") // the count is in: | then says how many it pipes
	return r
}

func (r *runningReader) send(keys string) {
	r.t.Helper()
	r.from = len(r.screen.String())
	if _, err := r.tty.WriteString(keys); err != nil {
		r.t.Fatalf("typing %q: %v", keys, err)
	}
}

// await waits for text to appear on the screen after the last key sent,
// failing when herald ends first.
func (r *runningReader) await(text string) {
	r.t.Helper()
	for end := time.Now().Add(readerWait); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(r.screen.String()[r.from:], text) {
			return
		}
		select {
		case <-r.exited:
			r.t.Fatalf("herald ended (%v) while waiting for %q; the terminal shows:\n%q",
				r.cmd.ProcessState, text, r.screen.String()[r.from:])
		default:
		}
	}
	r.t.Fatalf("%q never appeared; the terminal shows:\n%q", text, r.screen.String()[r.from:])
}

// awaitReader waits for herald to take the screen back and draw the reader.
func (r *runningReader) awaitReader() {
	r.t.Helper()
	r.await("\x1b[?1049h") // the alternate screen
	r.await("articles")
}

// pipe types | and command, and waits for the command to have the terminal.
func (r *runningReader) pipe(command string) {
	r.t.Helper()
	r.send("|")
	r.await("pipe 38 articles | ")
	r.send(command + "\r")
	r.await("\x1b[?1049l") // herald left its screen to the command
}

// quit presses q and checks that herald ends as it should.
func (r *runningReader) quit() {
	r.t.Helper()
	r.send("q")
	select {
	case <-r.exited:
	case <-time.After(readerWait):
		r.t.Fatalf("herald did not end on q; the terminal shows:\n%q", r.screen.String()[r.from:])
	}
	st := r.cmd.ProcessState
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		r.t.Fatalf("herald was killed by %v", ws.Signal())
	}
	if st.ExitCode() != 0 {
		r.t.Fatalf("herald exited with status %d; the terminal shows:\n%q", st.ExitCode(), r.screen.String()[r.from:])
	}
}
