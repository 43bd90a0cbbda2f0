package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// herald's own JSON export (`herald export json`) is its backup and
// migration format: JSON Lines, one article object a line, the object
// DESIGN.md fixes for `ls --json` plus "markdown" and "text", and the
// fields of ExportIdentity. Importing it gives back the same articles,
// read and starred included (see store.Restore); importing it into the
// store it came from changes nothing.

// ExportIdentity are the fields the JSON export adds to the documented
// article object so that an import finds an article and its feed again in
// any store: ids are the store's own and are never reused.
type ExportIdentity struct {
	GUID     string `json:"guid"`      // the article's id in its feed, as the feed gave it ("" when none)
	FeedURL  string `json:"feed_url"`  // the feed's identity: its URL, or file:// for imported files
	FeedKind string `json:"feed_kind"` // "http" for a subscription, "file" for an imported file or an archive
}

// exportRecord is a line of the export as an import reads it. "id" is the
// exporting store's and is not read; a line without ExportIdentity's
// fields (an export from an older herald) is found by its feed's name,
// its link, title and date.
type exportRecord struct {
	Title     *string  `json:"title"`
	URL       *string  `json:"url"`
	Feed      string   `json:"feed"`
	Authors   []string `json:"authors"`
	Tags      []string `json:"tags"`
	Published string   `json:"published"`
	Read      bool     `json:"read"`
	Starred   bool     `json:"starred"`
	Markdown  string   `json:"markdown"`
	Text      string   `json:"text"`
	ExportIdentity
	// Items is no key of an export's: a JSON Feed (whose first key was
	// "id", against its spec) that Sniff took for one says so by it.
	Items json.RawMessage `json:"items"`
}

// exportKeys are the keys of an exported article object (and of the
// `ls --json` and `related --json` ones, which import the same way).
var exportKeys = map[string]bool{
	"id": true, "title": true, "url": true, "feed": true, "authors": true, "tags": true,
	"published": true, "read": true, "starred": true, "markdown": true, "text": true,
	"guid": true, "feed_url": true, "feed_kind": true, "score": true, "reasons": true,
}

// isHeraldExport reports whether the start of a document is herald's JSON
// export: its first value is an object whose keys, as far as head shows
// them, are all an exported article's, among them "id" and "title" or
// "feed". A JSON Feed has neither "id" nor "feed" at its top, and its
// "version" or "items" rule it out.
func isHeraldExport(head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	keys := firstObjectKeys(head)
	if !keys["id"] || !(keys["title"] || keys["feed"]) {
		return false
	}
	for k := range keys {
		if !exportKeys[k] {
			return false
		}
	}
	return true
}

// firstObjectKeys returns the top-level keys of the JSON object data starts
// with, as far as data holds it (it may be cut short).
func firstObjectKeys(data []byte) map[string]bool {
	keys := map[string]bool{}
	d := json.NewDecoder(bytes.NewReader(data))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return keys
	}
	depth, wantKey := 1, true
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			return keys
		}
		if delim, ok := tok.(json.Delim); ok {
			switch delim {
			case '{', '[':
				depth++
			default:
				depth--
				if depth == 1 {
					wantKey = true
				}
			}
			continue
		}
		if depth != 1 {
			continue
		}
		if wantKey {
			if s, ok := tok.(string); ok {
				keys[s] = true
			}
		}
		wantKey = !wantKey
	}
	return keys
}

// exportSource is an export being imported: read as it is stored, not
// into memory first (an export of a large store is gigabytes).
type exportSource struct {
	r io.Reader
	c io.Closer
}

// exportChunkSize is about how many bytes of the export one parse job
// holds, and exportChunkArticles how many articles at most: enough for
// the writer's statements to be large, few enough that memory stays a few
// chunks per core.
const (
	exportChunkSize     = 4 << 20
	exportChunkArticles = 1000
)

// exportChunk is a run of consecutive values of the export, parsed by a
// worker into a batch for the writer.
type exportChunk struct {
	data   []byte
	values []valueSpan
	err    error // what ended the stream here (after the values), if anything
	done   chan exportResult
}

type valueSpan struct {
	start, end int // in data
	line       int // where it starts, from 1
}

type exportResult struct {
	batch *store.RestoreBatch
	n     int
	err   error
}

// importExport streams an export into st: values are split off the stream
// in order, parsed and sanitised by workers on every core, and written in
// their order in one transaction, so a bad line anywhere leaves the store
// as it was. It returns the workers' time with the result.
func importExport(ctx context.Context, st *store.Store, src *exportSource) (store.SaveResult, time.Duration, error) {
	defer src.c.Close()
	r, err := exportReader(src.r)
	if err != nil {
		return store.SaveResult{}, 0, err
	}
	// Cancelled on return: the splitter and the workers stop. They are not
	// waited for, as the splitter may be blocked reading stdin.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan *exportChunk)
	ordered := make(chan *exportChunk, 2*workers)
	var mu sync.Mutex
	var parseTime time.Duration
	for range workers {
		go func() {
			for c := range jobs {
				t := time.Now()
				res := parseChunk(st, c)
				mu.Lock()
				parseTime += time.Since(t)
				mu.Unlock()
				c.done <- res
			}
		}()
	}
	go func() {
		defer close(ordered)
		defer close(jobs)
		splitExport(ctx, r, func(c *exportChunk) bool {
			c.done = make(chan exportResult, 1)
			select {
			case ordered <- c: // first, so the writer takes chunks in order
			case <-ctx.Done():
				return false
			}
			select {
			case jobs <- c:
				return true
			case <-ctx.Done():
				c.done <- exportResult{err: ctx.Err()}
				return false
			}
		})
	}()
	stored := 0
	res, err := st.Restore(ctx, func(rs *store.Restorer) error {
		for c := range ordered {
			var res exportResult
			select {
			case res = <-c.done:
			case <-ctx.Done():
				return ctx.Err()
			}
			if res.err != nil {
				if stored > 0 || res.n > 0 {
					return fmt.Errorf("%w; nothing of this file was imported", res.err)
				}
				return res.err
			}
			if err := rs.Save(res.batch); err != nil {
				return err
			}
			stored += res.n
		}
		return ctx.Err()
	})
	mu.Lock()
	defer mu.Unlock()
	return res, parseTime, err
}

// exportReader undoes gzip (an export kept compressed) and a byte order
// mark.
func exportReader(r io.Reader) (io.Reader, error) {
	br := newPeekReader(r)
	if magic, _ := br.peek(2); bytes.Equal(magic, gzipMagic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, errBadGzip
		}
		br = newPeekReader(gzipErrors{zr})
	}
	if bom, _ := br.peek(len(utf8BOM)); bytes.Equal(bom, utf8BOM) {
		br.buf = br.buf[len(utf8BOM):]
	}
	return br, nil
}

// gzipErrors names a corrupt compressed export as such.
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = errBadGzip
	}
	return n, err
}

// peekReader is a reader that can look ahead a few bytes.
type peekReader struct {
	r   io.Reader
	buf []byte
}

func newPeekReader(r io.Reader) *peekReader { return &peekReader{r: r} }

func (p *peekReader) peek(n int) ([]byte, error) {
	for len(p.buf) < n {
		more := make([]byte, n-len(p.buf))
		k, err := p.r.Read(more)
		p.buf = append(p.buf, more[:k]...)
		if err != nil {
			return p.buf, err
		}
	}
	return p.buf[:n], nil
}

func (p *peekReader) Read(b []byte) (int, error) {
	if len(p.buf) > 0 {
		n := copy(b, p.buf)
		p.buf = p.buf[n:]
		return n, nil
	}
	return p.r.Read(b)
}

// splitExport reads r and hands emit each run of complete top-level JSON
// values, in order, with the line each starts on. It finds where a value
// ends by its brackets, outside strings, without parsing it: parsing is
// the workers' job. Values may span lines (an export run through `jq .`)
// or share one. What is neither whitespace nor a value's start, a value
// too large, a stream that ends inside a value or fails to read ends the
// run with an error, in order, after the values before it. emit returns
// false to stop.
func splitExport(ctx context.Context, r io.Reader, emit func(*exportChunk) bool) {
	c := &exportChunk{data: make([]byte, 0, exportChunkSize+64<<10)}
	var (
		pos      int  // next byte of c.data to scan
		start    = -1 // where the current value starts, -1 between values
		line     = 1  // the line pos is on
		startAt  int  // the line the current value starts on
		depth    int
		inString bool
		eof      bool
	)
	fail := func(err error) {
		c.err = err
		emit(c)
	}
	for {
		if pos == len(c.data) {
			if eof {
				if start >= 0 {
					fail(badValue(c.data[start:], startAt, newLineError(startAt, "the article that starts here is cut short (the file ends inside it)")))
					return
				}
				if len(c.values) > 0 {
					emit(c)
				}
				return
			}
			if ctx.Err() != nil {
				return
			}
			if start >= 0 && len(c.data)-start > MaxDocumentSize {
				fail(badValue(c.data[start:], startAt, newLineError(startAt, "the article that starts here is larger than the %d MiB limit", MaxDocumentSize>>20)))
				return
			}
			if cap(c.data)-len(c.data) < 32<<10 {
				grown := make([]byte, len(c.data), 2*cap(c.data))
				copy(grown, c.data)
				c.data = grown
			}
			n, err := r.Read(c.data[len(c.data):cap(c.data)])
			c.data = c.data[:len(c.data)+n]
			if err == io.EOF {
				eof = true
			} else if err != nil {
				fail(err)
				return
			}
			continue
		}
		if inString {
			// Most of an export is inside strings: skip to the next quote
			// and see whether a backslash escapes it.
			i := bytes.IndexByte(c.data[pos:], '"')
			if i < 0 {
				line += bytes.Count(c.data[pos:], newline)
				pos = len(c.data)
				continue
			}
			q := pos + i
			line += bytes.Count(c.data[pos:q], newline)
			pos = q + 1
			backslashes := 0
			for j := q - 1; j >= start && c.data[j] == '\\'; j-- {
				backslashes++
			}
			if backslashes%2 == 0 {
				inString = false
			}
			continue
		}
		b := c.data[pos]
		pos++
		switch b {
		case '\n':
			line++
			continue
		case ' ', '\t', '\r':
			continue
		}
		if start < 0 {
			if b != '{' {
				fail(newLineError(line, "not an article object: it starts with \"%s\"", shortQuote(c.data[pos-1:])))
				return
			}
			start, startAt, depth = pos-1, line, 0
		}
		switch b {
		case '"':
			inString = true
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		}
		if depth > 0 {
			continue
		}
		c.values = append(c.values, valueSpan{start: start, end: pos, line: startAt})
		start = -1
		if len(c.values) < exportChunkArticles && pos < exportChunkSize {
			continue
		}
		// Hand the chunk over; the rest of what was read starts the next.
		next := &exportChunk{data: make([]byte, 0, exportChunkSize+64<<10)}
		next.data = append(next.data, c.data[pos:]...)
		c.data = c.data[:pos]
		if !emit(c) {
			return
		}
		c, pos = next, 0
	}
}

var newline = []byte{'\n'}

// badValue explains a value that never ended (the stream ended inside
// it, or it grew past the limit): a line before it broke its brackets or
// quotes, which the parser finds, else what the caller says.
func badValue(value []byte, line int, otherwise error) error {
	err := json.Unmarshal(value, new(any))
	var syn *json.SyntaxError
	if errors.As(err, &syn) && syn.Offset < int64(len(value)) {
		return jsonLineError(value, line, err)
	}
	return otherwise
}

// shortQuote is the start of data, for a message.
func shortQuote(data []byte) string {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		data = data[:i]
	}
	if len(data) > 20 {
		return truncateRunes(string(data), 20) + "…"
	}
	return string(data)
}

// lineError is a bad value of an export, by the line it is on.
type lineError struct {
	line   int
	reason string
}

func (e *lineError) Error() string { return e.reason }

// newLineError builds a lineError. The reason may quote the file, so it is
// cleaned and bounded as newError's are.
func newLineError(line int, format string, args ...any) error {
	return &lineError{line: line, reason: fmt.Sprintf("line %d: ", line) + cleanReason(fmt.Sprintf(format, args...))}
}

func cleanReason(reason string) string {
	reason = sanitize.Line(reason)
	if len(reason) > maxReasonLen {
		reason = truncateRunes(reason, maxReasonLen) + "…"
	}
	return reason
}

// jsonLineError places a decoding error on its line: the value's start
// line plus the lines before the error's offset.
func jsonLineError(value []byte, line int, err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		off := min(int(syn.Offset), len(value))
		l := line + bytes.Count(value[:off], newline)
		if off > 0 && off <= len(value) && value[off-1] == '\n' {
			l-- // the offset is just past the newline that was wrong
		}
		return &lineError{line: l, reason: fmt.Sprintf("malformed JSON at line %d: %s", l, cleanReason(err.Error()))}
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return newLineError(line, "%q should be %s, not a JSON %s", typ.Field, typeName(typ.Type.Kind().String()), typ.Value)
	}
	return newLineError(line, "%v", err)
}

func typeName(kind string) string {
	switch kind {
	case "bool":
		return "true or false"
	case "slice":
		return "a list of strings"
	case "ptr", "string":
		return "a string"
	}
	return kind
}

// parseChunk decodes a chunk's values and makes them ready to store.
func parseChunk(st *store.Store, c *exportChunk) exportResult {
	items := make([]store.RestoredArticle, 0, len(c.values))
	for _, v := range c.values {
		a, err := parseExportValue(c.data[v.start:v.end], v.line)
		if err != nil {
			return exportResult{n: len(items), err: err}
		}
		items = append(items, a)
	}
	if c.err != nil {
		return exportResult{n: len(items), err: c.err}
	}
	return exportResult{batch: st.PrepareRestore(items), n: len(items)}
}

// parseExportValue reads one exported article.
func parseExportValue(value []byte, line int) (store.RestoredArticle, error) {
	var rec exportRecord
	if err := json.Unmarshal(value, &rec); err != nil {
		return store.RestoredArticle{}, jsonLineError(value, line, err)
	}
	if rec.Items != nil {
		return store.RestoredArticle{}, newLineError(line, "an object with \"items\": a JSON Feed, not herald's export")
	}
	if rec.Title == nil && rec.URL == nil {
		return store.RestoredArticle{}, newLineError(line, "not an article of herald's export (it has no \"title\" and no \"url\")")
	}
	var published time.Time
	if rec.Published != "" {
		t, err := time.Parse(time.RFC3339, rec.Published)
		if err != nil {
			return store.RestoredArticle{}, newLineError(line, "\"published\" is not an RFC 3339 date: %q", truncateRunes(rec.Published, 40))
		}
		published = t
	}
	a := store.RestoredArticle{
		NewArticle: store.NewArticle{
			GUID:      rec.GUID,
			Link:      deref(rec.URL),
			Title:     deref(rec.Title),
			Published: published,
			Markdown:  rec.Markdown,
			Text:      rec.Text,
			Authors:   rec.Authors,
			Tags:      rec.Tags,
		},
		FeedURL:  rec.FeedURL,
		FeedKind: rec.FeedKind,
		FeedName: rec.Feed,
		Read:     rec.Read,
		Starred:  rec.Starred,
	}
	if a.Markdown == a.Text {
		// A plain-text body: the export writes its text as its markdown
		// too. Kept as text, it is shown (escaped) and exported as before.
		a.Markdown = ""
	}
	return a, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
