// Package feed turns documents into articles: RSS, Atom and JSON feeds,
// OPML subscription lists and single article files (markdown, text, HTML).
//
// Everything read here is untrusted. Parsing is bounded (a size cap, no
// entity expansion), never panics to the caller, and fails with a one-line
// error that names the document and the cause.
package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/herald-reader/herald/store"
)

// Parse reads one feed document (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed
// 1.0/1.1) and returns what it says. source names the document in errors (a
// path or URL); when it is an http(s) URL it is also the base for relative
// links. The returned FeedInfo has Title and SiteURL; URL and Kind are left
// to the caller. Errors are *ParseError.
//
// The format is sniffed here and gofeed's format parsers are called
// directly: its universal parser translates every feed into a generic shape
// first, which costs more than the parse and loses what the mapping below
// needs (dc:creator lists, Atom category labels, content types). Long CDATA
// bodies are kept out of gofeed's way and put back afterwards (cdata.go),
// which makes the parse about three times cheaper and changes no result.
func Parse(r io.Reader, source string) (store.FeedInfo, []store.NewArticle, error) {
	return parseFeed(r, source, parseOptions{now: time.Now(), cdataMinLen: cdataMinLen})
}

// parseOptions are Parse's settings, which tests vary.
type parseOptions struct {
	now         time.Time
	cdataMinLen int          // the CDATA bypass lifts bodies this long (cdata.go); 0 turns it off
	stats       *bypassStats // when set, counts what the bypass did
}

func parseFeed(r io.Reader, source string, opts parseOptions) (info store.FeedInfo, articles []store.NewArticle, err error) {
	defer func() { // runs after recoverParse: no half-built results with an error
		if err != nil {
			info, articles = store.FeedInfo{}, nil
		}
	}()
	defer recoverParse(source, "feed", &err)
	data, err := readDocument(r)
	if err != nil {
		return store.FeedInfo{}, nil, newError(source, "%v", err)
	}
	if isBlank(data) {
		return store.FeedInfo{}, nil, newError(source, "empty file")
	}
	data = toUTF8(data)
	if looksBinary(data) {
		return store.FeedInfo{}, nil, newError(source, "binary data, not a feed")
	}
	format, data, err := detectFormat(data)
	if err != nil {
		return store.FeedInfo{}, nil, newError(source, "%v", err)
	}
	if format != formatJSON {
		data = dropIllegalCharRefs(data)
	}
	m := mapper{base: parseBase(source), now: opts.now, cdataMinLen: opts.cdataMinLen, stats: opts.stats}
	switch format {
	case formatRSS:
		info, articles, err = m.parseRSS(data)
	case formatAtom:
		info, articles, err = m.parseAtom(data)
	case formatJSON:
		info, articles, err = m.parseJSONFeed(data)
	}
	if err != nil {
		return store.FeedInfo{}, nil, newError(source, "%s", describeError(err, data))
	}
	return info, articles, nil
}

// recoverParse turns a panic in a parser (gofeed's, readability's or ours)
// into an error naming the document, so one bad file costs only itself.
// It must be deferred directly; the caller drops any half-built results.
func recoverParse(source, what string, err *error) {
	if p := recover(); p != nil {
		*err = newError(source, "%s parser crashed: %v", what, p)
	}
}

// mapper turns one parsed feed into herald's types.
type mapper struct {
	base *url.URL // the feed's own URL, when known: the last resort for relative links
	now  time.Time

	cdataMinLen int          // see parseOptions
	stats       *bypassStats // may be nil
}

type feedFormat int

const (
	formatRSS feedFormat = iota + 1
	formatAtom
	formatJSON
)

// detectFormat looks at the start of a UTF-8 document to pick its parser,
// and explains what the document is when it is no feed. A standalone Atom
// entry is wrapped in a feed element so the Atom parser takes it.
func detectFormat(data []byte) (feedFormat, []byte, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case trimmed[0] == '{':
		return formatJSON, data, nil
	case trimmed[0] == '[':
		return 0, nil, errors.New("not a feed: JSON, but not a JSON Feed (an array, not an object)")
	case trimmed[0] != '<':
		return 0, nil, errors.New("not a feed: neither XML nor JSON")
	}
	root, err := rootElement(data)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return 0, nil, errors.New("not a feed: no XML element in it")
		}
		return 0, nil, errors.New(describeError(err, data))
	}
	switch root.kind() {
	case rootRSS, rootRDF:
		return formatRSS, data, nil
	case rootAtomFeed:
		return formatAtom, data, nil
	case rootAtomEntry:
		return formatAtom, wrapAtomEntry(data, root.offset), nil
	case rootOPML:
		return 0, nil, errors.New("not a feed: an OPML subscription list (import it as a list)")
	case rootHTML:
		return 0, nil, errors.New("not a feed: looks like an HTML page")
	}
	name := root.local
	if root.prefix != "" {
		name = root.prefix + ":" + name
	}
	return 0, nil, fmt.Errorf("not a feed: root element <%s> is not RSS, Atom or JSON Feed", name)
}

// wrapAtomEntry puts <feed> around the standalone entry starting at offset.
func wrapAtomEntry(data []byte, offset int64) []byte {
	out := make([]byte, 0, len(data)+len("<feed></feed>"))
	out = append(out, data[:offset]...)
	out = append(out, "<feed>"...)
	out = append(out, data[offset:]...)
	return append(out, "</feed>"...)
}

// describeError says in one line what a parser's error means.
func describeError(err error, data []byte) string {
	var syntax *xml.SyntaxError
	var jsonSyntax *json.SyntaxError
	var jsonType *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		if strings.Contains(syntax.Msg, "unexpected EOF") {
			return fmt.Sprintf("truncated XML at line %d", syntax.Line)
		}
		return fmt.Sprintf("malformed XML at line %d: %s", syntax.Line, syntax.Msg)
	case errors.Is(err, io.ErrUnexpectedEOF), strings.Contains(err.Error(), "document ended"):
		return "truncated XML"
	case errors.As(err, &jsonSyntax):
		line := bytes.Count(data[:min(int(jsonSyntax.Offset), len(data))], []byte("\n")) + 1
		if strings.Contains(jsonSyntax.Error(), "unexpected end of JSON input") {
			return fmt.Sprintf("truncated JSON at line %d", line)
		}
		return fmt.Sprintf("malformed JSON at line %d: %s", line, jsonSyntax.Error())
	case errors.Is(err, errNotJSONFeed):
		return err.Error()
	case errors.As(err, &jsonType):
		return fmt.Sprintf("not a JSON Feed: %q holds a %s where it needs a %s", jsonType.Field, jsonType.Value, jsonType.Type)
	}
	return "malformed feed: " + err.Error()
}
