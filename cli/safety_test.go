package cli_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// forbidden is what must never reach a terminal or a pipe from article
// data: raw bytes, and in JSON their escaped forms too.
var forbidden = []struct{ name, s string }{
	{"ESC", "\x1b"},
	{"C1 CSI (U+009B)", "\u009b"},
	{"bidi override (U+202E)", "\u202e"},
	{"NUL", "\x00"},
	{"BEL", "\x07"},
	{`JSON \u001b`, `\u001b`},
	{`JSON \u009b`, `\u009b`},
	{`JSON \u202e`, `\u202e`},
	{`JSON \u0000`, `\u0000`},
	{`JSON \u0007`, `\u0007`},
}

// checkClean fails the test for each forbidden sequence in out.
func checkClean(t *testing.T, what string, out []byte) {
	t.Helper()
	for _, f := range forbidden {
		if i := bytes.Index(out, []byte(f.s)); i >= 0 {
			lo, hi := max(0, i-40), min(len(out), i+40)
			t.Errorf("%s: output holds %s at byte %d: %q", what, f.name, i, out[lo:hi])
		}
	}
	// A lone 0x9b byte (not inside a UTF-8 sequence) is CSI to an 8-bit terminal.
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRune(out[i:])
		if r == utf8.RuneError && size == 1 && out[i] == 0x9b {
			t.Errorf("%s: output holds a raw 0x9b byte at %d", what, i)
			break
		}
		i += size
	}
}

// TestTerminalSafety imports feeds whose every field holds escape
// sequences, control characters and bidi overrides, raw and as character
// references, and checks that no command's output carries any of them.
func TestTerminalSafety(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	// hostile.json holds the sequences as JSON escapes (raw ESC, OSC title,
	// C1 CSI, U+202E, NUL, &#27; and &amp;#x1b; in HTML); hostile.rss holds
	// them as raw bytes and character references in XML.
	r := herald(t, db, "import", "testdata/hostile.json", "testdata/hostile.rss")
	checkClean(t, "import stderr", []byte(r.stderr))
	if r.code != 0 {
		t.Fatalf("the hostile feeds should import (they are well-formed enough): %v", r)
	}
	arts := lsArticles(t, db)
	if len(arts) != 3 {
		t.Fatalf("%d articles, want 3", len(arts))
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, itoa(a.ID))
	}
	commands := [][]string{
		{"ls"},
		{"ls", "--json"},
		{"ls", "pwned"},
		{"ls", "--json", "red"},
		{"authors"},
		{"authors", "--json"},
		{"tags"},
		{"tags", "--json"},
		{"feeds"},
		{"feeds", "--json"},
		{"export", "json"},
		{"export", "opml"},
	}
	for _, f := range []string{"text", "markdown", "html", "json", "auto"} {
		commands = append(commands, append([]string{"cat", "--format", f}, ids...))
	}
	for _, id := range ids {
		commands = append(commands, []string{"cat", id})
	}
	for _, args := range commands {
		r := mustHerald(t, db, args...)
		what := "herald " + strings.Join(args, " ")
		checkClean(t, what+" (stdout)", []byte(r.stdout))
		checkClean(t, what+" (stderr)", []byte(r.stderr))
		if strings.TrimSpace(r.stdout) == "" && args[0] != "export" {
			t.Errorf("%s printed nothing", what)
		}
	}

	// The words around the sequences survive: cleaning is not deleting.
	all := mustHerald(t, db, "cat", "--format", "text", ids[0], ids[1], ids[2]).stdout
	for _, want := range []string{"Body", "red", "C1", "bidi", "nul", "blink", "tail", "raw"} {
		if !strings.Contains(all, want) {
			t.Errorf("cat text lost the word %q:\n%s", want, all)
		}
	}

	// An error message quoting article data is cleaned too.
	r = herald(t, db, "ls", "feed:\x1b[2J\u202e", "after:\x1b]0;x\x07")
	checkClean(t, "ls error", []byte(r.stderr))
	if r.code != 1 {
		t.Errorf("bad query with escapes: exit %d, want 1", r.code)
	}
}

// TestTerminalSafetyArticleFiles: the same for article files, whose bodies
// are markdown and plain text rather than HTML.
func TestTerminalSafetyArticleFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	h := "\x1b[2J\x1b]0;pwned\x07 \u009b31m \u202e &#27;[31m &amp;#x1b;[0m"
	writeFile(t, dir+"/in/evil.md", fmt.Sprintf("---\ntitle: \"Evil %s md\"\nauthor: \"Mal %s\"\ntags: [\"t%s\"]\n---\n\n# Heading %s\n\nBody *%s* text.\n\n```\ncode %s\n```\n", h, h, "\u202e", h, h, h))
	writeFile(t, dir+"/in/evil.txt", "Evil "+h+" txt\n\nBody "+h+" text\n")
	writeFile(t, dir+"/in/evil.html", "<html><head><title>Evil "+h+" html</title><meta name=\"author\" content=\"Mal"+h+"\"></head><body><article><h1>Evil</h1><p>Body "+h+" text, long enough to count as the readable part of the page, and then some more words so it does.</p><p>Second paragraph "+h+" with more words in it to make it an article.</p></article></body></html>")
	db := dir + "/herald.db"
	r := herald(t, db, "import", dir+"/in")
	checkClean(t, "import stderr", []byte(r.stderr))
	if r.code != 0 {
		t.Errorf("import: %v", r)
	}
	arts := lsArticles(t, db)
	if len(arts) != 3 {
		t.Errorf("%d of the 3 article files imported", len(arts))
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, itoa(a.ID))
	}
	for _, args := range [][]string{
		{"ls"}, {"ls", "--json"}, {"authors"}, {"authors", "--json"}, {"tags"}, {"tags", "--json"},
		{"feeds"}, {"feeds", "--json"}, {"export", "json"},
		append([]string{"cat", "--format", "text"}, ids...),
		append([]string{"cat", "--format", "markdown"}, ids...),
		append([]string{"cat", "--format", "html"}, ids...),
		append([]string{"cat", "--format", "json"}, ids...),
	} {
		r := mustHerald(t, db, args...)
		checkClean(t, "herald "+strings.Join(args, " "), []byte(r.stdout+r.stderr))
	}
}

// TestTerminalSafetyOPML: subscriptions from an OPML list whose titles and
// URLs hold bidi overrides, C1 controls and XML specials come out clean in
// `feeds` and as well-formed XML in `export opml`.
func TestTerminalSafetyOPML(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir+"/subs.opml", `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>x</title></head><body>
<outline type="rss" text="Bidi `+"\u202e"+`evil `+"\u009b"+`31m &amp; &lt;tag&gt; &quot;q&quot;" xmlUrl="https://evil.example/feed?a=1&amp;b=`+"\u202e"+`2" htmlUrl="https://evil.example/`+"\u009b"+`"/>
</body></opml>
`)
	db := dir + "/herald.db"
	mustHerald(t, db, "import", dir+"/subs.opml")
	for _, args := range [][]string{{"feeds"}, {"feeds", "--json"}, {"export", "opml"}} {
		r := mustHerald(t, db, args...)
		checkClean(t, "herald "+strings.Join(args, " "), []byte(r.stdout+r.stderr))
		if !strings.Contains(r.stdout, "evil") {
			t.Errorf("herald %s lost the subscription:\n%s", strings.Join(args, " "), r.stdout)
		}
	}
	var doc opml
	out := mustHerald(t, db, "export", "opml").stdout
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("export opml: %v\n%s", err, out)
	}
	if subs := flatten(doc.Body.Outlines); len(subs) != 1 || !strings.Contains(subs[0].Text, `& <tag> "q"`) {
		t.Errorf("export opml lost the title's XML specials: %+v", subs)
	}
}
