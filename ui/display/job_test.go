//go:build unix

package display

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Without a terminal in the foreground (tests, input from a pipe), a job
// runs as a plain child and its outcome is cmd.Wait's.
func TestStartJobWithoutATerminal(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	for _, tty := range []io.Reader{nil, strings.NewReader(""), pr} {
		wait, err := StartJob(exec.Command("sh", "-c", "exit 3"), tty)
		if err != nil {
			t.Fatalf("%T: %v", tty, err)
		}
		var exit *exec.ExitError
		if err := wait(); !errors.As(err, &exit) || exit.ExitCode() != 3 {
			t.Errorf("%T: the job ended with %v, want exit status 3", tty, err)
		}
	}
	if _, err := StartJob(exec.Command("/herald/no/such/command"), pr); err == nil {
		t.Error("a command that cannot start started")
	}
}

// Without a terminal, a key is what one read gives: a sequence stays whole.
func TestReadKeyWithoutATerminal(t *testing.T) {
	k, err := ReadKey(strings.NewReader("\x1b[A"))
	if err != nil || k != "\x1b[A" {
		t.Errorf("ReadKey = %q, %v", k, err)
	}
	if _, err := ReadKey(strings.NewReader("")); err == nil {
		t.Error("ReadKey at the end of its input gave no error")
	}
}
