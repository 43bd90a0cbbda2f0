package ui

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/herald-reader/herald/store"
)

// clipboard returns the text cmd puts on the clipboard (OSC 52), if any.
func clipboard(cmd tea.Cmd) (string, bool) {
	want := reflect.TypeOf(tea.SetClipboard("")())
	for _, msg := range collect(cmd) {
		if reflect.TypeOf(msg) == want {
			return reflect.ValueOf(msg).String(), true
		}
	}
	return "", false
}

func TestCopyLink(t *testing.T) {
	h := newHarness(t, newFakeStore(20), Options{}, 80, 24, stubRender)
	got, ok := clipboard(h.sendOnly(keyPress("y")))
	if !ok || got != "https://example.com/a/20" {
		t.Fatalf("y in the list copied %q (%v)", got, ok)
	}
	h.requireScreen("copied link https://example.com/a/20")
	h.press("j", "enter")
	got, _ = clipboard(h.sendOnly(keyPress("y")))
	if got != "https://example.com/a/19" {
		t.Fatalf("y in the reader copied %q", got)
	}
	// The note goes with the next key.
	h.press("j")
	h.requireNotScreen("copied link")
	h.requireFits()
}

func TestCopyLinkOfAnArticleWithoutOne(t *testing.T) {
	st := newFakeStore(3)
	st.edit[3] = func(b *store.Body) { b.Link = "" }
	h := newHarness(t, st, Options{}, 80, 24, stubRender)
	if _, ok := clipboard(h.sendOnly(keyPress("y"))); ok {
		t.Fatal("copied an empty link")
	}
	h.requireScreen("this article has no link")
}

func TestCopyText(t *testing.T) {
	h := newHarness(t, newFakeStore(20), Options{}, 160, 50, stubRender)
	h.press("enter")
	msgs := collect(h.sendOnly(keyPress("Y")))
	if len(msgs) != 1 {
		t.Fatalf("Y made %d messages", len(msgs))
	}
	got, ok := clipboard(h.sendOnly(msgs[0]))
	if !ok || !strings.HasPrefix(got, "Article 20 about go\n") || !strings.Contains(got, "word0 word1") ||
		strings.Contains(got, "<p>") {
		t.Fatalf("Y copied %q", got)
	}
	h.requireScreen("copied the article's text (1")
}

func TestSaveArticle(t *testing.T) {
	dir := t.TempDir()
	st := newFakeStore(20)
	st.edit[19] = func(b *store.Body) { b.Title = "../../$(touch pwned); `id` -rf\n.." }
	h := newHarness(t, st, Options{SaveDir: dir}, 160, 50, stubRender)
	h.press("S")
	want := filepath.Join(dir, "article-20-about-go.md")
	h.requireScreen("saved " + want)
	if got := readFile(t, want); !strings.HasPrefix(got, "# Article 20 about go\n") || !strings.Contains(got, "## Part one of 20") {
		t.Errorf("saved:\n%s", got)
	}
	h.press("S") // again: a new file, the first kept
	h.requireScreen("saved " + filepath.Join(dir, "article-20-about-go-2.md"))

	h.press("j", "enter", "S") // from the reader, a hostile title
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 3 || !strings.Contains(strings.Join(names, " "), "touch-pwned-id-rf.md") {
		t.Errorf("files in the save folder: %q", names)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "pwned")); err == nil {
		t.Error("a title escaped the save folder")
	}
}

func TestSaveToAMissingFolderIsReported(t *testing.T) {
	h := newHarness(t, newFakeStore(5), Options{SaveDir: filepath.Join(t.TempDir(), "gone")}, 80, 24, stubRender)
	h.press("S")
	h.requireScreen("save: save folder")
	h.requireFits()
}

// recordingOpener is an Options.OpenURL that records what it was given.
type recordingOpener struct {
	mu   sync.Mutex
	urls []string
}

func (r *recordingOpener) open(_ context.Context, url string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.urls = append(r.urls, url)
	return nil
}

func TestOpenLink(t *testing.T) {
	op := &recordingOpener{}
	h := newHarness(t, newFakeStore(20), Options{OpenURL: op.open}, 160, 50, stubRender)
	h.press("o")
	h.press("enter", "o")
	if len(op.urls) != 2 || op.urls[0] != "https://example.com/a/20" || op.urls[1] != "https://example.com/a/20" {
		t.Fatalf("opened %q", op.urls)
	}
}

// Only http and https links reach the opener; anything else is refused
// with a message saying why.
func TestOpenLinkRefusesHostileLinks(t *testing.T) {
	hostile := []string{"javascript:alert(1)", "file:///etc/passwd", "-oProxyCommand=touch pwned",
		"--help", "data:text/html,x", "https://e.example/a b", ""}
	st := newFakeStore(len(hostile))
	for i, link := range hostile {
		st.edit[int64(len(hostile)-i)] = func(b *store.Body) { b.Link = link }
	}
	op := &recordingOpener{}
	h := newHarness(t, st, Options{OpenURL: op.open}, 160, 50, stubRender)
	for i, link := range hostile {
		if i > 0 {
			h.press("j")
		}
		h.press("o")
		if !strings.Contains(h.m.message, "refused") && !strings.Contains(h.m.message, "no link") {
			t.Errorf("%q: message %q", link, h.m.message)
		}
		h.requireFits()
	}
	if len(op.urls) != 0 {
		t.Errorf("the opener was given %q", op.urls)
	}
}

func TestArticleKeysWithNoArticle(t *testing.T) {
	h := newHarness(t, newFakeStore(5), Options{}, 160, 50, stubRender)
	h.press("4") // the reader, nothing open
	for _, k := range []string{"o", "y", "Y", "S"} {
		h.m.message = ""
		h.press(k)
		if h.m.message != "no article to act on" {
			t.Errorf("%s: message %q", k, h.m.message)
		}
	}
}
