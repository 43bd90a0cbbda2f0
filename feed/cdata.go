package feed

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/mmcdole/gofeed/atom"
	ext "github.com/mmcdole/gofeed/extensions"
	"github.com/mmcdole/gofeed/rss"
)

// The CDATA bypass. gofeed reads a document through encoding/xml, which
// handles text a byte at a time; in a typical feed nearly all the bytes are
// article bodies in CDATA sections, which gofeed then copies out verbatim.
// So before gofeed sees a document, the long CDATA bodies are lifted out
// and each is replaced by a short placeholder; once gofeed has parsed the
// rest, the bodies are put back into the fields that hold the placeholders.
//
// The result must be exactly what parsing the original document gives, so
// the bypass is only taken where that is known to hold, and anything
// unexpected falls back to parsing the original bytes:
//
//   - The scan follows encoding/xml's tokenizer: a CDATA section starts at a
//     '<' in markup position, never inside a comment, processing
//     instruction or directive. It gives up (no bypass) on a DOCTYPE with an
//     internal subset, on anything unterminated, on a mid-document XML
//     declaration that could switch the decoder's charset, and, for Atom,
//     on xml:base (gofeed re-renders HTML text constructs against a base).
//   - Only bodies that both paths would copy verbatim are lifted: valid
//     UTF-8 of XML characters, no control characters (gofeed's reader drops
//     them), no '\r' (encoding/xml rewrites line ends in text but not in
//     innerxml), and no white space at either end (gofeed trims the text
//     around them, which must not reach into a body).
//   - Placeholders carry a random per-call nonce, so a feed cannot forge one.
//   - Bodies are put back only in fields gofeed fills by copying text
//     (verbatimFields); the derived iTunes and Dublin Core structs are rebuilt
//     from the restored extensions. A placeholder anywhere else, a malformed
//     one, a parse error or a panic means the original bytes are parsed.

// cdataMinLen is the shortest CDATA body the bypass lifts: shorter ones
// cost encoding/xml little and are left in place.
const cdataMinLen = 512

const (
	cdataOpen  = "<![CDATA["
	cdataClose = "]]>"
	// A placeholder is "{herald-cdata:NONCE:N}", N the body's index. Its
	// first byte occurs nowhere else in the marker, so no text before a
	// placeholder can run into it and make a match start early.
	placeholderPrefix = "{herald-cdata:"
	placeholderEnd    = '}'
)

// liftedCDATA is a document with its long CDATA bodies replaced by
// placeholders, and the bodies.
type liftedCDATA struct {
	doc    []byte   // the document with placeholders
	src    []byte   // the original document
	bodies [][2]int // src[b[0]:b[1]] is body i
	marker string   // placeholderPrefix + nonce + ":"
}

// newNonce returns a random hex string for a placeholder marker.
func newNonce() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand crashes the program instead)
	return hex.EncodeToString(b[:])
}

// liftCDATA scans data (UTF-8, as gofeed will read it) and replaces the
// bodies of CDATA sections at least minLen bytes long with placeholders.
// It returns nil when there is nothing to lift or the document is one the
// scan does not fully understand. refuseBase makes an xml:base (or any
// attribute named base in a namespace) outside the lifted bodies a reason
// to give up.
func liftCDATA(data []byte, minLen int, nonce string, refuseBase bool) *liftedCDATA {
	if minLen <= 0 {
		return nil
	}
	l := &liftedCDATA{src: data, marker: placeholderPrefix + nonce + ":"}
	var out []byte // allocated at the first body lifted
	copied := 0    // data[:copied] is in out (or needs no copy yet)
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			break
		}
		at := i + j
		rest := data[at:]
		switch {
		case bytes.HasPrefix(rest, []byte(cdataOpen)):
			start := at + len(cdataOpen)
			n := bytes.Index(data[start:], []byte(cdataClose))
			if n < 0 {
				return nil // unterminated: encoding/xml fails; let it say so
			}
			end := start + n
			if end-start >= minLen && liftableBody(data[start:end]) {
				if out == nil {
					out = make([]byte, 0, len(data)/8+256)
				}
				out = append(out, data[copied:start]...)
				out = append(out, l.marker...)
				out = strconv.AppendInt(out, int64(len(l.bodies)), 10)
				out = append(out, placeholderEnd)
				l.bodies = append(l.bodies, [2]int{start, end})
				copied = end
			}
			i = end + len(cdataClose)
		case bytes.HasPrefix(rest, []byte("<!--")):
			n := bytes.Index(data[at+4:], []byte("-->"))
			if n < 0 {
				return nil
			}
			i = at + 4 + n + 3
		case bytes.HasPrefix(rest, []byte("<?")):
			n := bytes.Index(data[at+2:], []byte("?>"))
			if n < 0 {
				return nil
			}
			end := at + 2 + n + 2
			if !harmlessProcInst(data[at:end]) {
				return nil
			}
			i = end
		case bytes.HasPrefix(rest, []byte("<!")):
			end := directiveEnd(data, at)
			if end < 0 {
				return nil
			}
			i = end
		default:
			i = at + 1 // a tag; attribute values hold no '<' in a readable document
		}
	}
	if out == nil {
		return nil
	}
	l.doc = append(out, data[copied:]...)
	if refuseBase && bytes.Contains(l.doc, []byte(":base")) {
		return nil
	}
	return l
}

// liftableBody reports whether gofeed would take body from a CDATA section
// unchanged on every path it reads text by (CharData tokens, raw innerxml,
// with trimming around): see the list at the top of this file.
func liftableBody(body []byte) bool {
	first, _ := utf8.DecodeRune(body)
	last, _ := utf8.DecodeLastRune(body)
	if unicode.IsSpace(first) || unicode.IsSpace(last) {
		return false
	}
	if hasControl(body) {
		return false
	}
	// U+FFFE and U+FFFF are not XML characters.
	for rest := body; ; {
		i := bytes.Index(rest, []byte{0xEF, 0xBF})
		if i < 0 || i+2 >= len(rest) {
			break
		}
		if rest[i+2] == 0xBE || rest[i+2] == 0xBF {
			return false
		}
		rest = rest[i+2:]
	}
	return utf8.Valid(body)
}

// hasControl reports whether b holds a byte below 0x20 other than '\t' and
// '\n' ('\r' included). It tests eight bytes at a time: bodies are long,
// and this runs over every byte the bypass saves encoding/xml reading.
func hasControl(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		// Non-zero when some byte of x is below 0x20 (exact for "some").
		if (x-0x20*ones)&^x&highs != 0 && isControl(b[:8]) {
			return true
		}
		b = b[8:]
	}
	return isControl(b)
}

func isControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' {
			return true
		}
	}
	return false
}

// harmlessProcInst reports whether a processing instruction (the bytes from
// "<?" to "?>") leaves the decoder as it is. An xml declaration that names
// an encoding other than UTF-8 makes encoding/xml convert the rest of the
// stream; toUTF8 has rewritten such a declaration at the start, but one may
// follow later in the document.
func harmlessProcInst(pi []byte) bool {
	target := pi[2:]
	if n := bytes.IndexFunc(target, func(r rune) bool { return r < utf8.RuneSelf && !isNameByte(byte(r)) }); n >= 0 {
		target = target[:n]
	}
	if string(target) != "xml" {
		return true
	}
	// encoding/xml takes the value after the first `encoding=` that is
	// followed by a quote: accept only when every such value is UTF-8.
	for rest := pi; ; {
		k := bytes.Index(rest, []byte("encoding="))
		if k < 0 {
			return true
		}
		rest = rest[k+len("encoding="):]
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			continue
		}
		q := rest[0]
		end := bytes.IndexByte(rest[1:], q)
		if end < 0 || !strings.EqualFold(string(rest[1:1+end]), "utf-8") {
			return false
		}
	}
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

// directiveEnd returns the index just past a directive (<!DOCTYPE ...>)
// starting at data[at], or -1 when the scan will not follow it: an internal
// subset ('[', or markup inside it), "<!-" that is no comment, or no end.
// As in encoding/xml, the byte after "<!" is taken as it is and quoted
// strings may hold '>'.
func directiveEnd(data []byte, at int) int {
	i := at + 2
	if i >= len(data) {
		return -1
	}
	switch data[i] {
	case '-', '[', '<', '>', '"', '\'':
		return -1
	}
	var quote byte
	for i++; i < len(data); i++ {
		c := data[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		case c == '<' || c == '[':
			return -1
		}
	}
	return -1
}

// body returns lifted body i as a string.
func (l *liftedCDATA) body(i int) string {
	b := l.bodies[i]
	return string(l.src[b[0]:b[1]])
}

// expand returns s with every placeholder replaced by its body; ok is false
// when s holds a marker that is not a whole, known placeholder.
func (l *liftedCDATA) expand(s string) (string, bool) {
	first := strings.Index(s, l.marker)
	if first < 0 {
		return s, true
	}
	type piece struct{ at, end, body int } // s[at:end] is placeholder body
	var pieces []piece
	size := len(s)
	for at := first; at >= 0; {
		numStart := at + len(l.marker)
		n := strings.IndexByte(s[numStart:], placeholderEnd)
		if n <= 0 {
			return "", false
		}
		num := s[numStart : numStart+n]
		idx, err := strconv.Atoi(num)
		if err != nil || idx < 0 || idx >= len(l.bodies) || strconv.Itoa(idx) != num {
			return "", false // only the exact form liftCDATA writes
		}
		end := numStart + n + 1
		pieces = append(pieces, piece{at, end, idx})
		b := l.bodies[idx]
		size += b[1] - b[0] - (end - at)
		next := strings.Index(s[end:], l.marker)
		if next < 0 {
			break
		}
		at = end + next
	}
	if len(pieces) == 1 && pieces[0].at == 0 && pieces[0].end == len(s) {
		return l.body(pieces[0].body), true // the usual case: the whole field
	}
	var sb strings.Builder
	sb.Grow(size)
	last := 0
	for _, p := range pieces {
		sb.WriteString(s[last:p.at])
		b := l.bodies[p.body]
		sb.Write(l.src[b[0]:b[1]])
		last = p.end
	}
	sb.WriteString(s[last:])
	return sb.String(), true
}

// verbatimFields are the string fields gofeed fills by copying element text
// (StripCDATA of the innerxml, or CharData tokens), trimmed at most, so a
// body can be put back in place of its placeholder. Other fields are
// interpreted (dates, URLs resolved against xml:base or parsed, ...) and
// must hold no placeholder. Atom text constructs are copied verbatim only
// without an xml:base, which liftCDATA refuses for Atom.
var verbatimFields = map[reflect.Type]map[string]bool{
	reflect.TypeFor[rss.Feed]():      {"Title": true, "Description": true},
	reflect.TypeFor[rss.Item]():      {"Title": true, "Description": true, "Content": true, "Author": true},
	reflect.TypeFor[atom.Feed]():     {"Title": true},
	reflect.TypeFor[atom.Entry]():    {"Title": true, "Summary": true},
	reflect.TypeFor[atom.Content]():  {"Value": true},
	reflect.TypeFor[ext.Extension](): {"Value": true},
}

// derivedFields are rebuilt from the restored extensions after the walk.
var derivedFields = map[reflect.Type]map[string]bool{
	reflect.TypeFor[rss.Feed](): {"ITunesExt": true, "DublinCoreExt": true},
	reflect.TypeFor[rss.Item](): {"ITunesExt": true, "DublinCoreExt": true},
}

// fieldPlan is a struct field walk visits: one that may hold a string.
type fieldPlan struct {
	index    int
	verbatim bool
}

// fieldPlans caches the plan of each struct type walk meets.
var fieldPlans sync.Map // reflect.Type -> []fieldPlan

func structPlan(t reflect.Type) []fieldPlan {
	if p, ok := fieldPlans.Load(t); ok {
		return p.([]fieldPlan)
	}
	var plan []fieldPlan
	for i := range t.NumField() {
		f := t.Field(i)
		if f.IsExported() && !derivedFields[t][f.Name] && mayHoldString(f.Type, map[reflect.Type]bool{}) {
			plan = append(plan, fieldPlan{i, verbatimFields[t][f.Name]})
		}
	}
	fieldPlans.Store(t, plan)
	return plan
}

var timeType = reflect.TypeFor[time.Time]()

// mayHoldString reports whether a value of type t can reach a string that
// walk looks at (a time.Time holds none that matters).
func mayHoldString(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false // already being answered further up
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.String, reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return mayHoldString(t.Elem(), seen)
	case reflect.Map:
		return mayHoldString(t.Key(), seen) || mayHoldString(t.Elem(), seen)
	case reflect.Struct:
		if t == timeType {
			return false
		}
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && mayHoldString(f.Type, seen) {
				return true
			}
		}
	}
	return false
}

// restore puts the lifted bodies back into a parsed feed (a pointer to
// rss.Feed or atom.Feed), reporting false when a placeholder is where it
// cannot be restored.
func (l *liftedCDATA) restore(feed any) bool {
	if !l.walk(reflect.ValueOf(feed), false) {
		return false
	}
	switch f := feed.(type) {
	case *rss.Feed:
		rebuildRSSExtensions(f)
	case *atom.Feed:
	default:
		return false
	}
	return true
}

// walk visits every string reachable from v, expanding placeholders where
// verbatim is set and failing on any placeholder elsewhere.
func (l *liftedCDATA) walk(v reflect.Value, verbatim bool) bool {
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		if !verbatim || !v.CanSet() {
			return !strings.Contains(s, l.marker)
		}
		expanded, ok := l.expand(s)
		if ok && expanded != s {
			v.SetString(expanded)
		}
		return ok
	case reflect.Pointer, reflect.Interface:
		return v.IsNil() || l.walk(v.Elem(), false)
	case reflect.Struct:
		for _, f := range structPlan(v.Type()) {
			if !l.walk(v.Field(f.index), f.verbatim) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if !l.walk(v.Index(i), false) {
				return false
			}
		}
		return true
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			// Map entries are not addressable: strings in them are only
			// checked, while slices in them share their elements.
			if !l.walk(iter.Key(), false) || !l.walk(iter.Value(), false) {
				return false
			}
		}
		return true
	}
	return true
}

// rebuildRSSExtensions recomputes the iTunes and Dublin Core structs gofeed
// derives from the extensions, now that the extensions hold the bodies.
func rebuildRSSExtensions(f *rss.Feed) {
	if f.ITunesExt != nil {
		f.ITunesExt = ext.NewITunesFeedExtension(f.Extensions["itunes"])
	}
	if f.DublinCoreExt != nil {
		f.DublinCoreExt = ext.NewDublinCoreExtension(f.Extensions["dc"])
	}
	for _, item := range f.Items {
		if item == nil {
			continue
		}
		if item.ITunesExt != nil {
			item.ITunesExt = ext.NewITunesItemExtension(item.Extensions["itunes"])
		}
		if item.DublinCoreExt != nil {
			item.DublinCoreExt = ext.NewDublinCoreExtension(item.Extensions["dc"])
		}
	}
}

// bypassStats counts what the bypass did, for tests.
type bypassStats struct {
	lifted, fellBack int
}

// parseLifted runs parse on data with its long CDATA bodies lifted out and
// restored afterwards, or on data itself when the bypass does not apply or
// anything about it goes wrong. minLen 0 turns the bypass off.
func parseLifted[F any](data []byte, minLen int, refuseBase bool, stats *bypassStats, parse func([]byte) (*F, error)) (*F, error) {
	if l := liftCDATA(data, minLen, newNonce(), refuseBase); l != nil {
		if f, ok := tryLifted(l, parse); ok {
			if stats != nil {
				stats.lifted++
			}
			return f, nil
		}
		if stats != nil {
			stats.fellBack++
		}
	}
	return parse(data)
}

// tryLifted parses the lifted document and restores the bodies; false means
// the original must be parsed instead (an error or a panic included, as
// those must come from the original document, with its line numbers).
func tryLifted[F any](l *liftedCDATA, parse func([]byte) (*F, error)) (f *F, ok bool) {
	defer func() {
		if recover() != nil {
			f, ok = nil, false
		}
	}()
	f, err := parse(l.doc)
	if err != nil || f == nil || !l.restore(f) {
		return nil, false
	}
	return f, true
}
