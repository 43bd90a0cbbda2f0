//go:build linux

package cli_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/herald-reader/herald/internal/ptytest"
)

// When its terminal goes away (SIGHUP: a closed window, a dropped ssh
// link, `tmux kill-session`) or it is asked to stop (SIGTERM), the reader
// ends as it does on `q`: the demo's temporary store is removed, and the
// process exits rather than being killed by the signal.
func TestReaderEndsCleanlyOnHangupAndTerm(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			tmp := t.TempDir()
			screen, cmd := startInTerminal(t, []string{"TMPDIR=" + tmp, "XDG_CONFIG_HOME=" + tmp}, "--demo")
			if !screen.waitFor("articles", 20*time.Second) {
				cmd.Process.Kill()
				t.Fatalf("the demo never drew its list; the terminal shows:\n%q", screen.String())
			}
			if demoDirs(t, tmp) != 1 {
				t.Fatalf("the demo made %d temporary folders in %s, want 1", demoDirs(t, tmp), tmp)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			state := waitExit(t, cmd, 20*time.Second)
			if ws, ok := state.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				t.Fatalf("herald was killed by %v instead of ending", ws.Signal())
			}
			if n := demoDirs(t, tmp); n != 0 {
				t.Errorf("after %v, %d demo folders are left in %s", sig, n, tmp)
			}
		})
	}
}

func demoDirs(t *testing.T, dir string) int {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "herald-demo-*"))
	if err != nil {
		t.Fatal(err)
	}
	return len(m)
}

func waitExit(t *testing.T, cmd *exec.Cmd, timeout time.Duration) *os.ProcessState {
	t.Helper()
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
		return cmd.ProcessState
	case <-time.After(timeout):
		cmd.Process.Kill()
		<-done
		t.Fatalf("herald did not end within %v", timeout)
		return nil
	}
}

// terminalOutput collects what a program writes to its terminal.
type terminalOutput struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	drained chan struct{} // closed once the terminal has no more to read
}

// waitDrained waits until everything the program wrote has been read
// (after it has ended), so that String holds all of it.
func (o *terminalOutput) waitDrained(timeout time.Duration) {
	select {
	case <-o.drained:
	case <-time.After(timeout):
	}
}

func (o *terminalOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

func (o *terminalOutput) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// waitFor reports whether text appears in the output within timeout.
func (o *terminalOutput) waitFor(text string, timeout time.Duration) bool {
	for end := time.Now().Add(timeout); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if bytes.Contains([]byte(o.String()), []byte(text)) {
			return true
		}
	}
	return false
}

// startInTerminal starts herald with args in a new session whose
// controlling terminal is a fresh 80x24 pseudo-terminal, as a user's shell
// would, and collects what it draws. The terminal is closed when the test
// ends.
func startInTerminal(t *testing.T, env []string, args ...string) (*terminalOutput, *exec.Cmd) {
	t.Helper()
	out, cmd, _ := startInTerminalWithInput(t, env, args...)
	return out, cmd
}

// startInTerminalWithInput is startInTerminal, also giving the terminal's
// side to type into (or to answer the program's questions on).
func startInTerminalWithInput(t *testing.T, env []string, args ...string) (*terminalOutput, *exec.Cmd, *os.File) {
	t.Helper()
	ptmx, tty := ptytest.Open(t, 80, 24)
	cmd := exec.Command(heraldBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close() // the child has its own copy
	out := &terminalOutput{drained: make(chan struct{})}
	copied := out.drained
	go func() {
		defer close(copied)
		buf := make([]byte, 32<<10)
		for {
			n, err := ptmx.Read(buf)
			out.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		ptmx.Close()
		<-copied
	})
	return out, cmd, ptmx
}
