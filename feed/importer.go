package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/herald-reader/herald/store"
)

// Source is one thing to import: a file, or standard input.
type Source struct {
	Name string // what errors call it: the path, or "-" for stdin
	Path string // absolute path; "" for stdin
	Open func() (io.ReadCloser, error)
	// Found is set for a file found in a folder rather than named: one
	// that is not a feed, an OPML list or an article file (by its name or
	// its content, see SniffFound) is skipped, not imported or failed.
	Found bool
}

// ImportStats says what an import did and where its time went.
type ImportStats struct {
	Files, Failed             int
	Skipped                   []string // names of found files that are none of herald's (see Source.Found)
	Added, Updated, Unchanged int
	Subscriptions             int
	Parse                     time.Duration // summed over parse workers (reading, sniffing, parsing, text)
	Store                     time.Duration // in the single writer (sanitising, SQL, commits)
	Listable                  time.Duration // wall time until every article was committed
}

// parsed is one source's result, on its way to the writer.
type parsed struct {
	source   Source
	feed     store.FeedInfo
	articles []store.NewArticle
	batch    *store.Batch // articles made ready to store, in the parse worker
	subs     []Subscription
	export   *exportSource // herald's own export, streamed by the writer (see importExport)
	skipped  []string      // OPML entries left out
	notOurs  bool          // a found file of no kind herald reads
	err      error
}

// Import reads sources in parallel and stores what they hold. Parsing runs
// on every core while one writer commits each file in its own transaction,
// so a bad file costs only itself and an interrupted import keeps every
// file committed before it. onError is called (from one goroutine) for each
// file that fails, and for each OPML entry that is skipped.
//
// Herald's own JSON export is not read whole: the writer streams it into
// the store, in one transaction too, while it is parsed on every core
// (see importExport).
//
// Import does not index for full-text search: call store.IndexPending after
// it (searches do so themselves if it has not happened yet).
func Import(ctx context.Context, st *store.Store, sources []Source, onError func(source string, err error)) (ImportStats, error) {
	start := time.Now()
	var stats ImportStats
	jobs := make(chan Source)
	results := make(chan parsed, 4)
	var parseTime time.Duration
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for src := range jobs {
				t := time.Now()
				p := parseSource(src)
				if p.err == nil && p.export == nil && p.subs == nil && p.feed.URL != "" {
					// Sanitising and hashing here keeps the one writer
					// writing, while the cores share the rest.
					p.batch = st.Prepare(p.feed, p.articles)
					p.articles = nil
				}
				mu.Lock()
				parseTime += time.Since(t)
				mu.Unlock()
				select {
				case results <- p:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, src := range sources {
			select {
			case jobs <- src:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	for p := range results {
		stats.Files++
		if p.notOurs {
			stats.Skipped = append(stats.Skipped, p.source.Name)
			continue
		}
		if p.err != nil {
			stats.Failed++
			onError(p.source.Name, p.err)
			continue
		}
		t := time.Now()
		var err error
		if p.export != nil {
			var res store.SaveResult
			var parse time.Duration
			res, parse, err = importExport(ctx, st, p.export)
			stats.Added += res.Added
			stats.Updated += res.Updated
			stats.Unchanged += res.Unchanged
			mu.Lock()
			parseTime += parse
			mu.Unlock()
		} else {
			err = storeParsed(ctx, st, p, &stats)
		}
		stats.Store += time.Since(t)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			stats.Failed++
			onError(p.source.Name, err)
		}
		for _, s := range p.skipped {
			onError(p.source.Name, errors.New(s))
		}
	}
	mu.Lock()
	stats.Parse = parseTime
	mu.Unlock()
	stats.Listable = time.Since(start)
	return stats, ctx.Err()
}

func storeParsed(ctx context.Context, st *store.Store, p parsed, stats *ImportStats) error {
	if p.subs != nil || p.feed.URL == "" {
		for _, s := range p.subs {
			id, err := st.SaveFeed(ctx, store.FeedInfo{URL: s.URL, Kind: store.KindHTTP, Title: s.Title, SiteURL: s.SiteURL})
			if err != nil {
				return err
			}
			// Only turned on: a list without the attribute (from another
			// reader) leaves a feed's setting as it was.
			if s.FullArticles {
				if err := st.SetFullArticles(ctx, id, true); err != nil {
					return err
				}
			}
			stats.Subscriptions++
		}
		return nil
	}
	res, err := st.SaveBatch(ctx, p.batch)
	stats.Added += res.Added
	stats.Updated += res.Updated
	stats.Unchanged += res.Unchanged
	return err
}

// parseSource reads and parses one source, deciding by its content what it is.
func parseSource(src Source) (p parsed) {
	p.source = src
	defer func() {
		if r := recover(); r != nil { // a parser bug must cost one file, not the import
			p.err = fmt.Errorf("parser failed: %v", r)
		}
	}()
	rc, err := src.Open()
	if err != nil {
		p.err = err
		return p
	}
	// Decide from the start of the file, before reading all of it: a
	// folder may hold a film as well as its feeds, and herald's own export
	// is streamed rather than read into memory.
	head := make([]byte, SniffSize)
	n, err := io.ReadFull(rc, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		rc.Close()
		p.err = err
		return p
	}
	head = head[:n]
	kind, told := sniff(src.Name, head) // once: it tokenises the start of the file
	if src.Found && !told {             // what SniffFound says
		rc.Close()
		p.notOurs = true
		return p
	}
	r := rewound(rc, head)
	if kind == KindExport {
		p.export = &exportSource{r: r, c: rc} // the writer reads and closes it
		return p
	}
	data, err := readCapped(r) // the parsers' own cap and message
	rc.Close()
	if err != nil {
		p.err = err
		return p
	}
	if kind == KindUnknown && !bytes.ContainsRune(head, 0) {
		// Neither markup nor a telling name (stdin, a README): plain text
		// or markdown, read as an article. Binary data goes to Parse, which
		// says what it is.
		kind = KindArticle
	}
	switch kind {
	case KindOPML:
		p.subs, p.skipped, p.err = ParseOPML(bytes.NewReader(data), src.Name)
		if p.subs == nil {
			p.subs = []Subscription{}
		}
	case KindArticle:
		var a store.NewArticle
		a, p.err = ParseArticleFile(src.Path, bytes.NewReader(data))
		p.articles = []store.NewArticle{a}
		p.feed = articleFolderFeed(src)
	default:
		p.feed, p.articles, p.err = Parse(bytes.NewReader(data), src.Name)
		p.feed.Kind = store.KindFile
		p.feed.URL = sourceURL(src, p.feed.Title)
		if p.feed.Title == "" && src.Path != "" { // name it after its file rather than show a URL
			p.feed.Title = strings.TrimSuffix(filepath.Base(src.Path), filepath.Ext(src.Path))
		}
	}
	return p
}

// rewound is r as it was before head was read from it: the file itself
// sought back to its start (readCapped sizes its buffer from it), or head
// and the rest of r.
func rewound(r io.Reader, head []byte) io.Reader {
	if s, ok := r.(io.Seeker); ok {
		if _, err := s.Seek(0, io.SeekStart); err == nil {
			return r
		}
	}
	return io.MultiReader(bytes.NewReader(head), r)
}

// sourceURL is the identity of a feed imported from a file: the file itself,
// so importing it again updates the same feed.
func sourceURL(src Source, title string) string {
	if src.Path == "" {
		return "stdin:" + title
	}
	return "file://" + filepath.ToSlash(src.Path)
}

// articleFolderFeed is the feed that article files belong to: their folder.
func articleFolderFeed(src Source) store.FeedInfo {
	if src.Path == "" {
		return store.FeedInfo{URL: "stdin:articles", Kind: store.KindFile, Title: "Standard input"}
	}
	dir := filepath.Dir(src.Path)
	return store.FeedInfo{URL: "file://" + filepath.ToSlash(dir), Kind: store.KindFile, Title: filepath.Base(dir)}
}
