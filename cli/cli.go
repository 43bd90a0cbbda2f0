// Package cli is herald's command line: the grammar of DESIGN.md's
// "The command line", and one small function per command that wires the
// store, the feed importer and the reader together.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/adrg/xdg"
	"github.com/alecthomas/kong"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// Version is herald's version, set at build time with -ldflags.
var Version = "0.1.0-dev"

// grammar is the command line. Field tags are kong's.
type grammar struct {
	DB       string           `name:"db" help:"Article store (default: $HERALD_DB, else $XDG_DATA_HOME/herald/herald.db)." placeholder:"PATH"`
	Demo     bool             `help:"Open the reader on the bundled sample articles (a temporary store)."`
	NoConfig bool             `name:"no-config" help:"Start the reader with the default settings, ignoring the config file."`
	Version  kong.VersionFlag `help:"Print the version and exit."`

	Read    readCmd    `cmd:"" default:"1" hidden:"" help:"Open the reader."`
	Import  importCmd  `cmd:"" help:"Import feed files, OPML lists and .md/.txt/.html article files ('-' is stdin)."`
	Ls      lsCmd      `cmd:"" help:"List articles matching QUERY, newest first."`
	Cat     catCmd     `cmd:"" help:"Print articles."`
	Authors authorsCmd `cmd:"" help:"List authors with their article counts."`
	Tags    tagsCmd    `cmd:"" help:"List tags with their article counts."`
	Feeds   feedsCmd   `cmd:"" help:"List feeds."`
	Related relatedCmd `cmd:"" help:"List the articles related to article ID: shared authors, tags and words, best first."`
	Open    openCmd    `cmd:"" help:"Open article ID's link in the browser ($BROWSER, else xdg-open or open); only http and https links."`
	Save    saveCmd    `cmd:"" help:"Save article ID as markdown in DIR (default: save_dir from the config, else the current folder); prints the file's path."`
	Export  exportCmd  `cmd:"" help:"Export the store: 'json' (every article, JSON Lines) or 'opml' (subscriptions)."`
	Add     addCmd     `cmd:"" help:"Subscribe to feeds (or to the feed a web page names); their articles are fetched at once."`
	Refresh refreshCmd `cmd:"" help:"Fetch subscribed feeds (progress on stderr)."`
	Rm      rmCmd      `cmd:"" help:"Unsubscribe from feeds; their articles go too, except starred ones."`
	Prune   pruneCmd   `cmd:"" help:"Remove old articles (never starred ones) and compact the store."`
}

// env is what every command runs with: the streams and the store path.
type env struct {
	ctx      context.Context
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer
	dbPath   string
	demo     bool
	noConfig bool
	// storeMissing: the command ran on an empty stand-in, as there is no
	// store at dbPath (see openStoreToRead); its errors say so.
	storeMissing bool
}

// openStore opens the store the user chose.
func (e *env) openStore() (*store.Store, error) {
	st, err := store.Open(e.dbPath)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", e.dbPath, err)
	}
	return st, nil
}

// openStoreToRead opens the store for a command that adds nothing to it
// (ls, cat, export, rm, refresh…). Where there is no store yet, the command
// runs on an empty one in a temporary folder, removed by done: it answers
// as on an empty store, and a mistyped --db leaves no new store behind (it
// made one, and the folders to it, that the next mistyped command read as
// real).
func (e *env) openStoreToRead() (st *store.Store, done func(), err error) {
	if _, err := os.Lstat(e.dbPath); !errors.Is(err, fs.ErrNotExist) {
		st, err := e.openStore()
		if err != nil {
			return nil, nil, err
		}
		return st, func() { st.Close() }, nil
	}
	dir, err := os.MkdirTemp("", "herald-empty-")
	if err != nil {
		return nil, nil, fmt.Errorf("open store %s: there is none, and no empty one could be made: %w", e.dbPath, err)
	}
	if st, err = store.Open(filepath.Join(dir, "empty.db")); err != nil {
		os.RemoveAll(dir)
		return nil, nil, fmt.Errorf("open store %s: there is none, and no empty one could be made: %w", e.dbPath, err)
	}
	e.storeMissing = true
	return st, func() { st.Close(); os.RemoveAll(dir) }, nil
}

// missingStoreNote is what an error adds when the command ran on an empty
// stand-in for a store that does not exist: a mistyped --db shows.
func (e *env) missingStoreNote() string {
	if !e.storeMissing {
		return ""
	}
	return fmt.Sprintf(" (there is no store at %s)", e.dbPath)
}

// Run runs herald with args (without the program name) and returns the exit
// status. Errors are printed as "herald: what failed: why".
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var g grammar
	exitCode := -1
	parser, err := kong.New(&g,
		kong.Name("herald"),
		kong.Description("A terminal news reader."),
		kong.Vars{"version": Version},
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { exitCode = code }),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
	)
	if err != nil {
		fmt.Fprintf(stderr, "herald: %v\n", err)
		return 1
	}
	if err := checkStoreFlag(args); err != nil {
		fmt.Fprintf(stderr, "herald: %v (see 'herald --help')\n", err)
		return 1
	}
	kctx, err := parser.Parse(protectNegatedTerms(args))
	if exitCode >= 0 { // --help or --version
		return exitCode
	}
	if err != nil {
		fmt.Fprintf(stderr, "herald: %v (see 'herald --help')\n", err)
		return 1
	}
	if err := checkDemoFlag(g, kctx.Command()); err != nil {
		fmt.Fprintf(stderr, "herald: %v (see 'herald --help')\n", err)
		return 1
	}
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, dbPath: storePath(g.DB), demo: g.Demo, noConfig: g.NoConfig}
	if err := kctx.Run(e); err != nil {
		if note := e.missingStoreNote(); note != "" {
			err = fmt.Errorf("%w%s", err, note)
		}
		return report(stderr, err)
	}
	return 0
}

// checkStoreFlag refuses an empty --db, which would fall back to the
// default store, and a --db with nothing after it (kong's own message for
// it is about "EOL").
func checkStoreFlag(args []string) error {
	for i, a := range args {
		if a == "--" {
			break
		}
		if a == "--db=" || (a == "--db" && (i+1 == len(args) || args[i+1] == "")) {
			return errors.New("--db needs a path")
		}
	}
	return nil
}

// checkDemoFlag refuses --demo with a command: it opens the reader, and
// the command would run on the real store.
func checkDemoFlag(g grammar, command string) error {
	if g.Demo && command != "read" {
		return fmt.Errorf("--demo opens the reader on sample articles; it does not go with %q", strings.Fields(command)[0])
	}
	return nil
}

// report prints err and returns the exit status for it. A closed pipe
// (`herald cat 1 | head -n 1`) is not an error: the reader has what it wanted.
func report(stderr io.Writer, err error) int {
	if errors.Is(err, syscall.EPIPE) {
		return 0
	}
	var partial partialFailure
	if errors.As(err, &partial) {
		return 1 // each failure was already reported
	}
	// An error listing several problems (a config file's) keeps one a line.
	for i, line := range strings.Split(strings.TrimSpace(err.Error()), "\n") {
		if i == 0 {
			fmt.Fprintf(stderr, "herald: %s\n", sanitize.Line(line))
		} else if line = sanitize.Line(line); line != "" {
			fmt.Fprintf(stderr, "  %s\n", line)
		}
	}
	return 1
}

// partialFailure means a command did what it could and reported what it
// could not (a bad file in an import); it still exits 1.
type partialFailure struct{ failed int }

func (p partialFailure) Error() string { return fmt.Sprintf("%d failed", p.failed) }

// storePath resolves the store: --db, else $HERALD_DB, else the XDG data home.
func storePath(flag string) string {
	if flag != "" {
		return flag
	}
	if p := os.Getenv("HERALD_DB"); p != "" {
		return p
	}
	return filepath.Join(xdg.DataHome, "herald", "herald.db")
}

// isTerminal reports whether w is a terminal (not a pipe or file).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// joinQuery turns `herald ls word author:x` into one query string. An
// argument that held spaces was quoted in the shell: it is a phrase
// (`herald ls "open source"`, `-"open source"`) or a name
// (`author:"Xia Hua"`), unless it is itself a query of several terms
// (`herald ls 'tag:crafts is:unread'`), which is passed on as written.
func joinQuery(args []string) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = quoteArgument(a)
	}
	return strings.Join(parts, " ")
}

func quoteArgument(a string) string {
	if !strings.ContainsAny(a, " \t") || strings.Contains(a, `"`) {
		return a
	}
	neg := ""
	if strings.HasPrefix(a, "-") {
		neg, a = "-", a[1:]
	}
	field, value, hasField := strings.Cut(a, ":")
	if !hasField || strings.ContainsAny(field, " \t") {
		field, value = "", a
	}
	for _, w := range strings.Fields(value) {
		if strings.Contains(w, ":") {
			return neg + a // a query of several terms, not one phrase
		}
	}
	if field != "" {
		return neg + field + `:"` + value + `"`
	}
	return neg + `"` + value + `"`
}

// protectNegatedTerms lets `herald ls -tag:sports` mean a negated query
// term, not a flag: after the ls command, arguments that start with '-' but
// are not one of its flags move behind a "--", where kong reads them as
// positional arguments. Their order among the query terms is kept.
func protectNegatedTerms(args []string) []string {
	cmd := -1
	for i, a := range args {
		if a == "--" {
			return args
		}
		if a == "ls" {
			cmd = i
			break
		}
	}
	if cmd < 0 {
		return args
	}
	out := append([]string{}, args[:cmd+1]...)
	var query []string
	for i := cmd + 1; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			query = append(query, args[i+1:]...)
			i = len(args)
		case lsFlags[a]:
			out = append(out, a)
			if lsFlagTakesValue[a] && i+1 < len(args) {
				i++
				out = append(out, args[i])
			}
		case strings.HasPrefix(a, "--"): // a long flag, known or not (kong reports unknown ones)
			out = append(out, a)
		default:
			query = append(query, a)
		}
	}
	if len(query) == 0 {
		return out
	}
	return append(append(out, "--"), query...)
}

var (
	lsFlags          = map[string]bool{"--json": true, "--limit": true, "--db": true, "--demo": true, "-h": true, "--help": true}
	lsFlagTakesValue = map[string]bool{"--limit": true, "--db": true}
)
