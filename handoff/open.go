package handoff

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/herald-reader/herald/sanitize"
)

// CheckLink returns link in a canonical form if it is an absolute http or
// https URL with a host, and otherwise an error saying why it is refused.
// Only such links are handed to a browser: a "javascript:" or "file:" link
// is not for a feed to open, and a link that must start with "http" can
// never pass as a command-line option.
func CheckLink(link string) (string, error) {
	clean := strings.TrimSpace(link)
	if clean == "" {
		return "", errors.New("the article has no link")
	}
	if clean != sanitize.Line(clean) || strings.ContainsAny(clean, " \t") {
		return "", fmt.Errorf("refused to open %q: a link holds no spaces or control characters", sanitize.Line(clean))
	}
	u, err := url.Parse(clean)
	if err != nil {
		return "", fmt.Errorf("refused to open %q: not a valid link", clean)
	}
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return "", fmt.Errorf("refused to open %q: only http and https links are opened", clean)
	}
	if u.Host == "" {
		return "", fmt.Errorf("refused to open %q: not a web address", clean)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	return u.String(), nil
}

// OpenCommand returns the command that opens link: the first command of
// $BROWSER (its value is given as browser; a colon separates alternatives,
// and an argument "%s" stands for the link) or else the platform's opener
// (xdg-open, open). The command is split into words, never given to a
// shell, and the link, checked by CheckLink, is one argument of its own.
func OpenCommand(link, browser string) (*exec.Cmd, error) {
	link, err := CheckLink(link)
	if err != nil {
		return nil, err
	}
	argv := strings.Fields(strings.Split(browser, ":")[0])
	if len(argv) == 0 {
		argv = platformOpener()
	}
	placed := false
	for i, a := range argv[1:] {
		if strings.Contains(a, "%s") {
			argv[i+1] = strings.ReplaceAll(a, "%s", link)
			placed = true
		}
	}
	if !placed {
		argv = append(argv, link)
	}
	return exec.Command(argv[0], argv[1:]...), nil
}

func platformOpener() []string {
	switch runtime.GOOS {
	case "darwin":
		return []string{"open"}
	case "windows":
		return []string{"rundll32", "url.dll,FileProtocolHandler"}
	}
	return []string{"xdg-open"}
}

// openGrace is how long Open waits for the opener to fail before it takes
// the opener's silence for success. An opener that hands the link to a
// running browser exits at once; one that starts the browser may stay until
// the browser is closed.
const openGrace = 2 * time.Second

// Open opens link in the browser (see OpenCommand) and returns once the
// opener has exited or openGrace has passed, whichever is first, leaving a
// slow browser running. The opener reads nothing and its output goes to
// stderr (nil: dropped); a failure says its exit status and the last line
// it wrote there.
func Open(link, browser string, stderr io.Writer) error {
	cmd, err := OpenCommand(link, browser)
	if err != nil {
		return err
	}
	tail := &LastLine{}
	if stderr == nil {
		cmd.Stderr = tail
	} else {
		cmd.Stderr = io.MultiWriter(stderr, tail)
	}
	// A browser started by the opener may keep its stderr: don't wait for it.
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return fmt.Errorf("open link: %s is not installed (set $BROWSER to your browser)", cmd.Args[0])
		}
		return fmt.Errorf("open link: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }() // reaps the opener however long it runs
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("open link: %s: %w%s", cmd.Args[0], err, tail.suffix())
		}
		return nil
	case <-time.After(openGrace):
		return nil
	}
}

// LastLine is a writer that keeps the last non-blank line written to it
// (at most maxLastLine bytes of it, cleaned for the terminal), for an
// error message: a program's stderr.
type LastLine struct {
	mu      sync.Mutex
	partial []byte
	line    string
}

const maxLastLine = 512

func (l *LastLine) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.partial = append(l.partial, p...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			break
		}
		l.keep(l.partial[:i])
		l.partial = l.partial[i+1:]
	}
	if len(l.partial) > maxLastLine {
		l.partial = l.partial[len(l.partial)-maxLastLine:]
	}
	return len(p), nil
}

func (l *LastLine) keep(line []byte) {
	if s := strings.TrimSpace(sanitize.Line(string(line))); s != "" {
		l.line = s
	}
}

// Last returns the last non-blank line written, including an unfinished one.
func (l *LastLine) Last() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if s := strings.TrimSpace(sanitize.Line(string(l.partial))); s != "" {
		return s
	}
	return l.line
}

// suffix is ": LAST LINE" for an error message, or "".
func (l *LastLine) suffix() string {
	if s := l.Last(); s != "" {
		return ": " + s
	}
	return ""
}
