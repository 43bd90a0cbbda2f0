package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/herald-reader/herald/store"
)

// openTestStore makes a real store in a temp folder with n articles from
// one feed: article i is by "Writer i%3", tagged "topic i%2", published i
// hours after a fixed date.
func openTestStore(t *testing.T, n int) *store.Store {
	t.Helper()
	st, err := store.Open(t.TempDir() + "/h.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	base := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	items := make([]store.NewArticle, n)
	for i := range items {
		items[i] = store.NewArticle{
			GUID:      fmt.Sprintf("g%d", i),
			Link:      fmt.Sprintf("https://blog.example/%d", i),
			Title:     fmt.Sprintf("Real story %d", i),
			Published: base.Add(time.Duration(i) * time.Hour),
			Content:   fmt.Sprintf("<h1>Heading %d</h1><p>First <em>paragraph</em> of story %d.</p><ul><li>point</li></ul>", i, i),
			Text:      fmt.Sprintf("Heading %d First paragraph of story %d.", i, i),
			Authors:   []string{fmt.Sprintf("Writer %d", i%3)},
			Tags:      []string{fmt.Sprintf("topic %d", i%2)},
		}
	}
	info := store.FeedInfo{URL: "https://blog.example/feed.xml", Kind: store.KindHTTP, Title: "Example Blog"}
	if _, err := st.SaveArticles(context.Background(), info, items); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestWithTheRealStore(t *testing.T) {
	st := openTestStore(t, 30)
	h := newHarness(t, st, Options{}, 160, 50)
	h.requireScreen("Real story 29", "Real story 28", "30 articles", "Writer 0", "topic 1")
	h.requireFits()

	// Open the newest: rendered from its HTML, marked read, conversion kept.
	h.press("enter")
	h.requireScreen("Heading 29", "First paragraph of story 29.", "by Writer 2 · Example Blog", "#topic 1")
	body, err := st.Body(context.Background(), h.m.reader.article.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !body.Read {
		t.Error("the article was not marked read in the store")
	}
	if body.Markdown == "" {
		t.Error("the markdown conversion was not kept in the store")
	}

	// Filter from a sidebar and from the prompt; they combine.
	h.press("1")
	for h.m.authors.shown[h.m.authors.cursor].Name != "Writer 1" {
		h.press("j")
	}
	h.press("enter")
	h.requireScreen("10 articles", "Real story 28")
	h.press("/")
	h.typeText("tag:\"topic 0\"")
	h.press("enter")
	// Writer 1 (i%3==1) and topic 0 (i%2==0): 4, 10, 16, 22, 28.
	h.requireScreen("5 articles", "Real story 28", "Real story 4")
	h.requireNotScreen("Real story 25")

	// Star one and scroll to the end.
	h.press("3", "s", "G")
	if h.cursorID() == 0 {
		t.Fatal("no cursor")
	}
	h.requireScreen("Real story 4")
}

// After a refresh the reader indexes what it stored and checkpoints the
// write-ahead log, as `herald refresh` does.
func TestAfterRefreshIndexAndCheckpoint(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "h.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	info := store.FeedInfo{URL: "https://blog.example/feed.xml", Kind: store.KindHTTP}
	if _, err := st.SaveArticles(ctx, info, []store.NewArticle{{GUID: "1", Title: "New", Content: "<p>kittiwake</p>"}}); err != nil {
		t.Fatal(err)
	}
	cmd := indexCmd(ctx, st)
	if cmd == nil {
		t.Fatal("a real store should be indexed after a refresh")
	}
	if msg := cmd().(indexedMsg); msg.err != nil {
		t.Fatal(msg.err)
	}
	if n, _ := st.PendingIndex(ctx); n != 0 {
		t.Fatalf("%d articles left to index", n)
	}
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() != 0 {
		t.Fatalf("the log should be checkpointed and empty: %v %v", fi, err)
	}
}
