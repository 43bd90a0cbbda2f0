package feed

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"io"
	"path/filepath"
	"strings"
)

// FileKind is what a file handed to `herald import` holds.
type FileKind int

const (
	KindUnknown FileKind = iota // neither content nor name says
	KindFeed                    // RSS, Atom or JSON Feed (or something that claims to be one)
	KindOPML                    // an OPML subscription list
	KindArticle                 // one article: markdown, plain text or an HTML page
	KindExport                  // herald's own JSON export (herald export json), see heraldjson.go
)

func (k FileKind) String() string {
	switch k {
	case KindFeed:
		return "feed"
	case KindOPML:
		return "OPML list"
	case KindArticle:
		return "article"
	case KindExport:
		return "herald export"
	}
	return "unknown"
}

// SniffSize is how many leading bytes Sniff needs to decide.
const SniffSize = 4096

// Sniff says what a file to import is, from the start of its content first
// (an .xml file can be OPML, a .rss file can be Atom, a .txt file can be a
// feed, JSON Lines of herald's article objects are its export) and from its
// name when the content does not tell: markdown and plain
// text look like nothing in particular. An HTML page is an article, unless
// its name says it was meant to be a feed (an error page saved as .rss), so
// that Parse reports it as a broken feed instead of importing the error page.
func Sniff(name string, head []byte) FileKind {
	kind, _ := sniff(name, head)
	return kind
}

// SniffFound is Sniff for a file found in a folder rather than named on the
// command line: KindUnknown unless its name or its content says what it is.
// A named file of no telling kind is still tried (plain text is an article,
// some XML is a feed for Parse to explain); a folder's README, newsboat
// urls file, SVG image or build file is none of herald's business.
func SniffFound(name string, head []byte) FileKind {
	kind, told := sniff(name, head)
	if !told {
		return KindUnknown
	}
	return kind
}

// sniff is Sniff, and whether the name or the content told (rather than
// the kind being a guess).
func sniff(name string, head []byte) (kind FileKind, told bool) {
	byName := kindFromName(name)
	named := byName != KindUnknown
	if bytes.HasPrefix(head, gzipMagic) {
		head = gunzipHead(head)
	}
	if isHeraldExport(head) {
		// Whatever its name: herald's export keeps to UTF-8, and its first
		// object's keys say what it is.
		return KindExport, true
	}
	head = toUTF8(head)
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return byName, named
	case trimmed[0] == '{':
		if byName == KindArticle {
			return KindArticle, true // a markdown or text file may start with a brace
		}
		return KindFeed, named || bytes.Contains(head, []byte("jsonfeed.org/version"))
	case trimmed[0] != '<':
		return byName, named
	}
	root, _ := rootElement(head)
	switch root.kind() {
	case rootRSS, rootRDF, rootAtomFeed, rootAtomEntry:
		return KindFeed, true
	case rootOPML:
		return KindOPML, true
	case rootHTML:
		if byName == KindFeed {
			return KindFeed, true
		}
		return KindArticle, true
	}
	if byName == KindUnknown && root.local != "" {
		return KindFeed, false // some XML: let Parse explain what it is
	}
	return byName, named
}

// kindFromName guesses a file's kind from its extension.
func kindFromName(name string) FileKind {
	ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(name, ".gz")))
	switch ext {
	case ".rss", ".atom", ".xml", ".rdf", ".json", ".feed":
		return KindFeed
	case ".opml":
		return KindOPML
	case ".md", ".markdown", ".txt", ".text", ".html", ".htm", ".xhtml":
		return KindArticle
	}
	return KindUnknown
}

// gunzipHead decompresses as much of a gzip stream's start as head holds.
func gunzipHead(head []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(head))
	if err != nil {
		return head
	}
	out := make([]byte, SniffSize)
	n, _ := io.ReadFull(zr, out)
	return out[:n]
}

// rootName is a document's first element.
type rootName struct {
	prefix, local string
	offset        int64 // where the element's start tag begins (or the whitespace before it)
}

type rootKind int

const (
	rootOther rootKind = iota
	rootRSS
	rootRDF
	rootAtomFeed
	rootAtomEntry
	rootOPML
	rootHTML
)

func (r rootName) kind() rootKind {
	switch strings.ToLower(r.local) {
	case "rss":
		return rootRSS
	case "rdf":
		return rootRDF
	case "feed":
		return rootAtomFeed
	case "entry":
		return rootAtomEntry
	case "opml":
		return rootOPML
	case "html", "head", "body":
		return rootHTML
	}
	return rootOther
}

// rootElement finds the first start tag of a UTF-8 XML (or HTML) document,
// tokenizing only what comes before it. When an HTML doctype came first and
// the root is no feed or list, or the markup is too broken to reach a root,
// the root is reported as "html". err is set when no start tag was found.
func rootElement(data []byte) (root rootName, err error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.CharsetReader = utf8Passthrough
	htmlDoctype := false
	for {
		offset := d.InputOffset()
		tok, err := d.RawToken()
		if err != nil {
			if htmlDoctype {
				return rootName{local: "html"}, nil
			}
			return rootName{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			root := rootName{prefix: t.Name.Space, local: t.Name.Local, offset: offset}
			if htmlDoctype && root.kind() == rootOther {
				root.local = "html"
			}
			return root, nil
		case xml.Directive:
			htmlDoctype = htmlDoctype || isHTMLDoctype(t)
		}
	}
}

func isHTMLDoctype(d xml.Directive) bool {
	fields := strings.Fields(strings.ToLower(string(d)))
	return len(fields) >= 2 && fields[0] == "doctype" && strings.HasPrefix(fields[1], "html")
}

// utf8Passthrough is the CharsetReader for documents toUTF8 has already
// converted: whatever the declaration says, the bytes are UTF-8 now.
func utf8Passthrough(_ string, r io.Reader) (io.Reader, error) { return r, nil }
