package handoff

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/herald-reader/herald/store"
)

func TestWalkPagesAndLimits(t *testing.T) {
	st := newMemStore(manyBodies(1234)...)
	var ids []int64
	err := Walk(context.Background(), st, store.Filter{}, 0, func(a store.Article) error {
		ids = append(ids, a.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1234 || ids[0] != 1234 || ids[1233] != 1 {
		t.Fatalf("walked %d articles, first %d", len(ids), ids[0])
	}
	if st.maxLimit > walkPage || st.pages < 3 {
		t.Errorf("read %d pages of up to %d rows; want pages of at most %d", st.pages, st.maxLimit, walkPage)
	}
	n := 0
	_ = Walk(context.Background(), st, store.Filter{}, 7, func(store.Article) error { n++; return nil })
	if n != 7 {
		t.Errorf("limit 7 walked %d", n)
	}
}

func TestWriteAllJSONLinesAreLsObjectsWithText(t *testing.T) {
	st := newMemStore(manyBodies(3)...)
	var buf bytes.Buffer
	if err := WriteAll(context.Background(), &buf, st, store.Filter{}, JSON); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&buf)
	var got []map[string]any
	for sc.Scan() {
		var v map[string]any
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("not a JSON line: %q", sc.Text())
		}
		got = append(got, v)
	}
	if len(got) != 3 {
		t.Fatalf("%d lines, want 3", len(got))
	}
	for _, k := range []string{"id", "title", "url", "feed", "authors", "tags", "published", "read", "starred", "text"} {
		if _, ok := got[0][k]; !ok {
			t.Errorf("line lacks %q: %v", k, got[0])
		}
	}
	if _, ok := got[0]["markdown"]; ok {
		t.Error("list lines should not carry markdown")
	}
	if got[0]["text"] != "Body of article 3." {
		t.Errorf("text = %q", got[0]["text"])
	}
}

func TestWriteAllTextSeparatesArticles(t *testing.T) {
	st := newMemStore(manyBodies(2)...)
	var buf bytes.Buffer
	if err := WriteAll(context.Background(), &buf, st, store.Filter{}, Text); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "Article 2\n") || !strings.Contains(out, "Body of article 2.\n\nArticle 1\n") {
		t.Errorf("two articles as text:\n%s", out)
	}
}

// A reader that closes the pipe early (`head -n 1`) stops the writer: it
// gets EPIPE, returns it, and reads no more of the store.
func TestWriteAllStopsWhenTheReaderCloses(t *testing.T) {
	st := newMemStore(manyBodies(5000)...)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		br := bufio.NewReader(r)
		_, _ = br.ReadString('\n')
		r.Close()
	}()
	err = WriteAll(context.Background(), w, st, store.Filter{}, JSON)
	w.Close()
	if !errors.Is(err, syscall.EPIPE) {
		t.Fatalf("err = %v, want EPIPE", err)
	}
	if st.bodyReads >= 5000 {
		t.Errorf("read %d bodies after the reader left", st.bodyReads)
	}
}

func TestWriteAllStopsWithItsContext(t *testing.T) {
	st := newMemStore(manyBodies(2000)...)
	ctx, cancel := context.WithCancel(context.Background())
	w := writerFunc(func(p []byte) (int, error) {
		cancel()
		return len(p), nil
	})
	err := WriteAll(ctx, w, st, store.Filter{}, Text)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if st.bodyReads > walkPage {
		t.Errorf("read %d bodies after the context ended", st.bodyReads)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

var _ io.Writer = writerFunc(nil)
