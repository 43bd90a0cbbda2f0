package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/handoff"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/ui/display"
)

// Piping: | asks for a command and runs it with the article on its standard
// input (from the list: every article of the list, as JSON Lines). The
// command text is the user's own and runs through `sh -c`; article data
// only ever reaches it on standard input and in the HERALD_* environment
// variables, never in the command text. The command gets the terminal
// (the terminal's Exec) as a shell's foreground job does (display.StartJob),
// so pagers and editors work and the keys that signal reach it, not herald;
// herald waits for enter after it so that what it printed can be read.
//
// The prompt takes a format before the command: "md: less", "json: jq .",
// "html: lynx -stdin", "text: wc -w". Without one the reader sends text
// and the list JSON Lines.

// pipeState is the root's side of piping (its history is the Model's
// pipeHistory).
type pipeState struct {
	target pipeTarget
}

// pipeTarget is what the open prompt will pipe: one article, or every
// article of a filter.
type pipeTarget struct {
	all     bool
	article store.Article
	filter  store.Filter
}

// openPipePrompt opens the | prompt for the open article (in the reader)
// or the whole list (elsewhere: the list, or a sidebar that filters it),
// and reads the history the first time.
func (m Model) openPipePrompt() (Model, tea.Cmd) {
	var t pipeTarget
	label := "pipe article | "
	if m.focus != paneReader {
		if m.list.countKnown && m.list.total() == 0 {
			m.message = "no articles to pipe"
			return m, nil
		}
		t = pipeTarget{all: true, filter: m.listStoreFilter()}
		label = "pipe all articles | "
		if m.list.countKnown {
			label = "pipe " + plural(m.list.total(), "article") + " | "
		}
	} else {
		a, ok := m.articleAtHand()
		if !ok {
			m.message = "no article to pipe"
			return m, nil
		}
		t.article = a
	}
	m.pipe.target = t
	placeholder := "command (md: html: json: text: first picks the format) · ↑ earlier"
	open := m.prompt.openAs(promptPipe, label, placeholder, m.opts.PipeCommand, m.pipeHistory.entries)
	return m, tea.Batch(open, m.pipeHistory.load())
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return formatCount(n) + " " + noun + "s"
}

// parsePipeCommand splits "FORMAT: command" into the format and the
// command; without a known format first, the whole text is the command in
// format def.
func parsePipeCommand(text string, def handoff.Format) (handoff.Format, string) {
	text = strings.TrimSpace(text)
	if name, rest, ok := strings.Cut(text, ":"); ok && !strings.ContainsAny(name, " \t") {
		if f, ok := handoff.ParseFormat(name); ok {
			return f, strings.TrimSpace(rest)
		}
	}
	return def, text
}

// submitPipe runs the prompt's command on the target, and keeps it in the
// history.
func (m Model) submitPipe() (Model, tea.Cmd) {
	text := strings.TrimSpace(m.prompt.Value())
	t := m.pipe.target
	def := handoff.Text
	if t.all {
		def = handoff.JSON
	}
	format, command := parsePipeCommand(text, def)
	if command == "" {
		m.prompt.Fail(errors.New("type a command to pipe to"))
		return m, nil
	}
	m.prompt.Close()
	m.message, m.note = "", ""
	save := m.pipeHistory.add(text)
	run := &pipeRun{command: command, pause: true, feed: m.pipeFeed(t, format),
		env: pipeEnv(t, format)}
	done := m.term.Exec(run, func(err error) tea.Msg { return pipeDoneMsg{command: command, err: err} })
	return m, tea.Batch(save, done)
}

// pipeFeed writes the target to the command. It captures values only: it
// runs in its own goroutine while the command runs.
func (m *Model) pipeFeed(t pipeTarget, format handoff.Format) func(context.Context, io.Writer) error {
	st := m.st
	if t.all {
		return func(c context.Context, w io.Writer) error {
			return handoff.WriteAll(c, w, st, t.filter, format)
		}
	}
	id := t.article.ID
	return func(c context.Context, w io.Writer) error {
		b, err := st.Body(c, id)
		if err != nil {
			return fmt.Errorf("could not read the article: %w", err)
		}
		return handoff.Write(c, w, st, b, format)
	}
}

// pipeEnv is the command's HERALD_* variables: what it gets on stdin, and
// for one article its id, link and title (cleaned of control characters).
func pipeEnv(t pipeTarget, format handoff.Format) []string {
	env := []string{"HERALD_FORMAT=" + string(format)}
	if t.all {
		return env
	}
	a := t.article
	return append(env,
		"HERALD_ID="+strconv.FormatInt(a.ID, 10),
		"HERALD_URL="+sanitize.Line(a.Link),
		"HERALD_TITLE="+sanitize.Line(a.Title))
}

// pipeDoneMsg says how a piped command ended.
type pipeDoneMsg struct {
	command string
	err     error
}

// handlePipeDone puts how the command ended on the status line.
func (m Model) handlePipeDone(msg pipeDoneMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.message = "| " + msg.command + ": " + msg.err.Error()
		return m, nil
	}
	m.note = "| " + msg.command + ": done"
	return m, nil
}

// pipeRun is a tea.ExecCommand: it runs the command through sh with the
// terminal on its stdout and stderr, feeds it the articles through a pipe
// from a goroutine, and asks for enter once it is done.
type pipeRun struct {
	command string
	env     []string
	feed    func(context.Context, io.Writer) error
	pause   bool

	tty    io.Reader // the terminal's input: the command's own stdin is the pipe
	stdout io.Writer
	stderr io.Writer
}

func (r *pipeRun) SetStdin(in io.Reader) { r.tty = in }
func (r *pipeRun) SetStdout(w io.Writer) { r.stdout = w }
func (r *pipeRun) SetStderr(w io.Writer) { r.stderr = w }

// Run runs the command to its end. Its error says how the command failed,
// or that the articles could not be read; a command that stops reading
// early (`head`) is not a failure.
func (r *pipeRun) Run() error {
	pr, pw, err := os.Pipe()
	if err != nil {
		return err
	}
	cmd := exec.Command("sh", "-c", shellTrap+r.command)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = pr, r.stdout, r.stderr
	cmd.Env = append(os.Environ(), r.env...)
	// The command gets the terminal as a shell's foreground job does, so
	// that ctrl+c, ctrl+\ and ctrl+z typed while it runs reach it, not herald.
	wait, err := display.StartJob(cmd, r.tty)
	if err != nil {
		pr.Close()
		pw.Close()
		return fmt.Errorf("could not start sh: %w", err)
	}
	pr.Close() // the command holds the read end now; when it goes, writes fail
	ctx, cancel := context.WithCancel(context.Background())
	fed := make(chan error, 1)
	go func() {
		err := r.feed(ctx, pw)
		pw.Close() // end of input
		fed <- err
	}()
	waitErr := wait()
	cancel()
	pw.Close() // a write still blocked on a command that is gone fails now
	feedErr := <-fed
	err = pipeError(waitErr, feedErr)
	if r.pause {
		r.waitForEnter(err)
	}
	return err
}

// shellTrap goes before the command. The command runs as a child of sh,
// which is in the job's process group and so gets the terminal's ctrl+c
// (SIGINT) and ctrl+\ (SIGQUIT) too. dash, waiting for its child, then ends
// by that signal itself once the child has ended, however the child took
// it: less, for which ctrl+c only stops a search, would be reported
// interrupted when it was later quit. With the trap, sh leaves with its
// child's status instead: 128+n when the child was killed by signal n.
const shellTrap = `trap 'exit $?' INT QUIT; `

// pipeError is how a run went: the command's exit comes first, then a
// failure to read the articles. A write into a pipe the command closed
// (EPIPE, or the pipe closed after it left), or a read of the store ended
// because the command had left (the context), is the command's choice: it
// did not want the rest.
func pipeError(waitErr, feedErr error) error {
	var exit *exec.ExitError
	if errors.As(waitErr, &exit) {
		switch code := exit.ExitCode(); code {
		case -1:
			return fmt.Errorf("stopped by %s", strings.TrimPrefix(exit.String(), "signal: "))
		case 126:
			return errors.New("cannot be run (exit status 126)")
		case 127:
			return errors.New("command not found (exit status 127)")
		default:
			if code > 128 && code < 128+32 { // sh's child was killed by a signal (shellTrap)
				return fmt.Errorf("stopped by %s", syscall.Signal(code-128))
			}
			return fmt.Errorf("exit status %d", code)
		}
	}
	if waitErr != nil {
		return waitErr
	}
	if feedErr == nil || errors.Is(feedErr, syscall.EPIPE) || errors.Is(feedErr, os.ErrClosed) ||
		errors.Is(feedErr, context.Canceled) {
		return nil
	}
	return feedErr
}

// waitForEnter says how the command ended and waits for enter, so that the
// command's output stays on the screen until the user has read it. ctrl+c,
// q and esc return too: every way out of it leads back to herald, none
// quits it.
func (r *pipeRun) waitForEnter(err error) {
	if r.stdout == nil || r.tty == nil {
		return
	}
	status := "done"
	if err != nil {
		status = sanitize.Line(err.Error())
	}
	defer display.RawKeys(r.tty)()
	// Raw, the terminal no longer turns "\n" into a new line's start.
	fmt.Fprintf(r.stdout, "\r\n[herald] %s: %s. Press enter to return to herald.", sanitize.Line(r.command), status)
	// Nor does it echo the enter: end the line, or what the shell prints
	// after herald joins it on the main screen.
	defer fmt.Fprint(r.stdout, "\r\n")
	for {
		k, err := display.ReadKey(r.tty)
		if err != nil {
			return
		}
		switch k {
		case "\r", "\n", "\x03", "q", "\x1b":
			return
		}
	}
}
