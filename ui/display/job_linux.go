//go:build linux

package display

import (
	"io"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// StartJob starts cmd as a shell starts a foreground job: in a process
// group of its own that the terminal tty (the program's keyboard) puts in
// the foreground. The keys that signal (ctrl+c, ctrl+\, ctrl+z) then reach
// the command only; left in the program's group they reached the program
// too, and a SIGINT ends herald (main.go).
//
// wait waits for the command to end and makes the program's group the
// terminal's foreground again. When the program does not have the terminal
// in the foreground (no terminal, as in tests, or run in the background),
// cmd is started and waited for as it is.
func StartJob(cmd *exec.Cmd, tty io.Reader) (wait func() error, err error) {
	fd, ok := foregroundFd(tty)
	if !ok {
		if err := cmd.Start(); err != nil {
			return nil, err
		}
		return cmd.Wait, nil
	}
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	// With Foreground the child puts its new group in the foreground itself,
	// before it executes the command: the command never runs without the
	// terminal. Ctty is the descriptor in this process, not in the child.
	cmd.SysProcAttr.Foreground, cmd.SysProcAttr.Ctty = true, fd
	own := unix.Getpgrp()
	err = cmd.Start()
	runtime.KeepAlive(tty) // fd stays open until the child has used it
	if err != nil {
		takeTerminal(fd, own) // the child may have taken it before its exec failed
		return nil, err
	}
	return func() error {
		waitEnd(cmd.Process.Pid)
		err := cmd.Wait()
		takeTerminal(fd, own)
		return err
	}, nil
}

// foregroundFd is tty's descriptor when it is the program's terminal and
// the program's group is its foreground.
func foregroundFd(tty io.Reader) (int, bool) {
	f, ok := tty.(*os.File)
	if !ok {
		return 0, false
	}
	fd := int(f.Fd())
	pgrp, err := unix.IoctlGetInt(fd, unix.TIOCGPGRP)
	return fd, err == nil && pgrp == unix.Getpgrp()
}

// cldStopped is CLD_STOPPED, waitid's code for a stopped child.
const cldStopped = 5

// waitEnd waits until process pid (the job's leader) has ended, leaving it
// for cmd.Wait to reap. A job stopped by ctrl+z is continued at once: herald
// cannot hand a stopped job to the shell above it, and a job left stopped
// would hold the terminal with nothing reading it, herald waiting forever.
func waitEnd(pid int) {
	for {
		var info unix.Siginfo
		err := unix.Waitid(unix.P_PID, pid, &info, unix.WEXITED|unix.WSTOPPED|unix.WNOWAIT, nil)
		if err == unix.EINTR {
			continue
		}
		if err != nil || info.Code != cldStopped {
			return
		}
		_ = unix.Kill(-pid, unix.SIGCONT) // the whole job: the group is pid's
	}
}

// takeTerminal makes group pgrp the terminal's foreground again. The
// program asks from the background, and a background process that does is
// sent SIGTTOU, which stops it, unless it blocks the signal. So the signal
// is blocked around the call on this thread only: ignored, it would be
// ignored by the whole process and by every command it starts after.
func takeTerminal(fd, pgrp int) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var block, old unix.Sigset_t
	bits := uint(unsafe.Sizeof(block.Val[0])) * 8 // the word is 32 or 64 bits by architecture
	n := uint(unix.SIGTTOU) - 1
	block.Val[n/bits] |= 1 << (n % bits)
	if err := unix.PthreadSigmask(unix.SIG_BLOCK, &block, &old); err != nil {
		return
	}
	_ = unix.IoctlSetPointerInt(fd, unix.TIOCSPGRP, pgrp)
	_ = unix.PthreadSigmask(unix.SIG_SETMASK, &old, nil)
}
