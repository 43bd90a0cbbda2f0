package cli_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestCatText(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	id := itoa(idOf(t, db, tWeaving))
	// A bytes.Buffer is not a terminal: the default is plain text.
	def := mustHerald(t, db, "cat", id)
	text := mustHerald(t, db, "cat", "--format", "text", id)
	if def.stdout != text.stdout {
		t.Errorf("cat to a non-terminal should print text:\ndefault:\n%s\n--format text:\n%s", def.stdout, text.stdout)
	}
	out := text.stdout
	for _, want := range []string{tWeaving, "Xia Hua", "Harbour Notes", "2024-01-15", "https://harbour.example/weaving",
		"The museum keeps a weaving loom by the quay.", "Second paragraph about shuttles."} {
		if !strings.Contains(out, want) {
			t.Errorf("cat text lacks %q:\n%s", want, out)
		}
	}
	if first, _, _ := strings.Cut(out, "\n"); first != tWeaving {
		t.Errorf("first line %q, want the title", first)
	}
	for _, bad := range []string{"<p>", "<b>", "**", "\x1b"} {
		if strings.Contains(out, bad) {
			t.Errorf("cat text holds %q (markup or styling):\n%s", bad, out)
		}
	}
	if text.stderr != "" {
		t.Errorf("stderr: %q", text.stderr)
	}
	// The short form of --format.
	if r := mustHerald(t, db, "cat", "-f", "text", id); r.stdout != out {
		t.Errorf("cat -f text differs from --format text")
	}
}

func TestCatMarkdown(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	out := mustHerald(t, db, "cat", "--format", "markdown", itoa(idOf(t, db, tWeaving))).stdout
	if !strings.HasPrefix(out, "# "+tWeaving+"\n") {
		t.Errorf("markdown should start with the title as a heading:\n%s", out)
	}
	for _, want := range []string{"Xia Hua", "**shuttles**", "The museum keeps a weaving loom"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "<p>") {
		t.Errorf("markdown holds HTML tags:\n%s", out)
	}
	// A markdown file comes out as the markdown it was.
	md := mustHerald(t, db, "cat", "--format", "markdown", itoa(idOf(t, db, tField))).stdout
	if !strings.Contains(md, "The warp was *uneven* today") {
		t.Errorf("markdown article:\n%s", md)
	}
}

func TestCatHTML(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	out := mustHerald(t, db, "cat", "--format", "html", itoa(idOf(t, db, tWeaving))).stdout
	for _, want := range []string{"<p>", "<b>shuttles</b>", "The museum keeps a weaving loom"} {
		if !strings.Contains(out, want) {
			t.Errorf("html lacks %q:\n%s", want, out)
		}
	}
}

// TestCatHTMLOfMarkdownArticle: an article imported from a markdown file
// has a body in HTML too.
func TestCatHTMLOfMarkdownArticle(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	out := mustHerald(t, db, "cat", "--format", "html", itoa(idOf(t, db, tField))).stdout
	if !strings.Contains(out, "uneven") || !strings.Contains(out, "<em>uneven</em>") {
		t.Errorf("cat --format html of a markdown article lacks its body (want <em>uneven</em>): %q", out)
	}
}

func TestCatJSON(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	id := idOf(t, db, tWeaving)
	r := mustHerald(t, db, "cat", "--format", "json", itoa(id))
	raws := jsonLines[map[string]json.RawMessage](t, r.stdout)
	if len(raws) != 1 {
		t.Fatalf("%d lines, want 1:\n%s", len(raws), r.stdout)
	}
	want := []string{"authors", "feed", "id", "markdown", "published", "read", "starred", "tags", "text", "title", "url"}
	if got := keys(raws[0]); !equal(got, want) {
		t.Errorf("keys %q, want %q", got, want)
	}
	a := jsonLines[articleJSON](t, r.stdout)[0]
	if a.ID != id || a.Title != tWeaving || a.Published != "2024-01-15T10:00:00Z" || !equal(a.Authors, []string{"Xia Hua"}) {
		t.Errorf("cat json: %+v", a)
	}
	if a.Markdown == nil || !strings.Contains(*a.Markdown, "**shuttles**") {
		t.Errorf("markdown = %v, want the body as markdown", a.Markdown)
	}
	if a.Text == nil || !strings.Contains(*a.Text, "Second paragraph about shuttles.") || strings.Contains(*a.Text, "**") {
		t.Errorf("text = %v, want the body as plain text", a.Text)
	}
	// The list fields agree with ls --json.
	for _, l := range lsArticles(t, db) {
		if l.ID == id {
			l.Markdown, l.Text = a.Markdown, a.Text
			if fmt.Sprint(l) != fmt.Sprint(a) {
				t.Errorf("cat json %+v differs from ls json %+v", a, l)
			}
		}
	}
}

func TestCatSeveral(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	ids := []string{itoa(idOf(t, db, tWeaving)), itoa(idOf(t, db, tKettle)), itoa(idOf(t, db, tShopping))}
	out := mustHerald(t, db, append([]string{"cat"}, ids...)...).stdout
	iw, ik, is := strings.Index(out, tWeaving), strings.Index(out, tKettle), strings.Index(out, tShopping)
	if iw < 0 || ik < 0 || is < 0 || !(iw < ik && ik < is) {
		t.Errorf("cat %v should print the three articles in order:\n%s", ids, out)
	}
	r := mustHerald(t, db, append([]string{"cat", "--format", "json"}, ids...)...)
	arts := jsonLines[articleJSON](t, r.stdout)
	if len(arts) != 3 || arts[0].Title != tWeaving || arts[1].Title != tKettle || arts[2].Title != tShopping {
		t.Errorf("cat --format json of three ids: %s", r.stdout)
	}
	for _, f := range []string{"markdown", "html"} {
		out := mustHerald(t, db, append([]string{"cat", "--format", f}, ids...)...).stdout
		if !strings.Contains(out, "weaving loom") || !strings.Contains(out, "Vinegar") || !strings.Contains(out, "Beeswax") {
			t.Errorf("cat --format %s of three ids lacks a body:\n%s", f, out)
		}
	}
}

func TestCatErrors(t *testing.T) {
	t.Parallel()
	db := fixtureDB(t)
	good := itoa(idOf(t, db, tWeaving))
	cases := []struct {
		args []string
		want string // in the one stderr line
	}{
		{[]string{"cat", "99999"}, "99999"},
		{[]string{"cat", good, "99999"}, "99999"},
		{[]string{"cat", "abc"}, `"abc"`},
		{[]string{"cat", "-5"}, ""},
		{[]string{"cat", "0"}, `"0"`},
		{[]string{"cat", "1.5"}, `"1.5"`},
		{[]string{"cat"}, ""},
		{[]string{"cat", "--format", "pdf", good}, "pdf"},
	}
	for _, c := range cases {
		r := herald(t, db, c.args...)
		if r.code != 1 {
			t.Errorf("herald %q: exit %d, want 1", c.args, r.code)
		}
		lines := nonEmptyLines(r.stderr)
		if len(lines) != 1 || !strings.HasPrefix(lines[0], "herald: ") || !strings.Contains(lines[0], c.want) {
			t.Errorf("herald %q: stderr %q, want one `herald: ...` line naming %q", c.args, r.stderr, c.want)
		}
	}
	// A non-numeric id fails before anything is printed.
	if r := herald(t, db, "cat", good, "abc"); r.stdout != "" {
		t.Errorf("cat %s abc printed %q", good, r.stdout)
	}
}

// longBodyFeed writes an RSS feed with one article of about n bytes of text.
func longBodyFeed(t *testing.T, path string, n int) {
	t.Helper()
	var body strings.Builder
	for i := 0; body.Len() < n; i++ {
		fmt.Fprintf(&body, "&lt;p&gt;Paragraph %d of a very long article about tides, looms and kettles.&lt;/p&gt;\n", i)
	}
	writeFile(t, path, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Long Reads</title><link>https://long.example/</link>
<item><title>A very long read</title><link>https://long.example/1</link><guid>long-1</guid>
<pubDate>Mon, 01 Jul 2024 10:00:00 GMT</pubDate><description>`+body.String()+`</description></item>
</channel></rss>
`)
}

// TestCatPipeClosed runs `herald cat ID | head -n 1` with the real binary:
// the closed pipe is no error to report.
func TestCatPipeClosed(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	feed := filepath.Join(dir, "long.rss")
	longBodyFeed(t, feed, 2<<20)
	db := filepath.Join(dir, "herald.db")
	mustHerald(t, db, "import", feed)
	id := itoa(idOf(t, db, "A very long read"))
	bin := heraldBinary(t)

	for _, format := range []string{"text", "markdown", "json"} {
		t.Run("sh/"+format, func(t *testing.T) {
			sh, err := exec.LookPath("sh")
			if err != nil {
				t.Skip("no sh")
			}
			if _, err := exec.LookPath("head"); err != nil {
				t.Skip("no head")
			}
			cmd := exec.Command(sh, "-c", `"$0" --db "$1" cat --format "$2" "$3" | head -n 1`, bin, db, format, id)
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Run(); err != nil {
				t.Errorf("sh: %v", err)
			}
			if errb.Len() != 0 {
				t.Errorf("stderr not empty: %q", errb.String())
			}
			if n := strings.Count(out.String(), "\n"); n != 1 {
				t.Errorf("head printed %d lines: %q", n, out.String())
			}
		})
	}

	t.Run("exec pipe", func(t *testing.T) {
		cmd := exec.Command(bin, "--db", db, "cat", id)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, err := bufio.NewReader(stdout).ReadString('\n')
		if err != nil || line != "A very long read\n" {
			t.Errorf("first line %q, %v", line, err)
		}
		stdout.Close() // the reader goes away, like head
		err = cmd.Wait()
		if errb.Len() != 0 {
			t.Errorf("stderr not empty: %q", errb.String())
		}
		// Exit 0 or death by SIGPIPE (what cat does) are both quiet; exit
		// 1 or 2 (an error or a panic) are not.
		var ee *exec.ExitError
		if err != nil {
			if !errors.As(err, &ee) {
				t.Fatalf("wait: %v", err)
			}
			ws, ok := ee.Sys().(syscall.WaitStatus)
			if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGPIPE {
				t.Errorf("herald cat into a closed pipe: %v, want exit 0 or SIGPIPE", err)
			}
		}
	})
}
