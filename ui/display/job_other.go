//go:build !linux

package display

import (
	"io"
	"os/exec"
)

// StartJob starts cmd in the program's own process group: the foreground
// job of job_linux.go is not done here, so the keys that signal reach the
// program too.
func StartJob(cmd *exec.Cmd, tty io.Reader) (wait func() error, err error) {
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return cmd.Wait, nil
}
