package feed

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

const smallRSS = `<?xml version="1.0" encoding="%s"?>
<rss version="2.0"><channel><title>%s</title><link>https://x.example/</link>
<item><title>%s</title><guid>g1</guid><description>body</description></item>
</channel></rss>`

// encodeFeed writes smallRSS with the given titles in enc, declared as label.
func encodeFeed(t *testing.T, enc encoding.Encoding, label, title string) []byte {
	t.Helper()
	doc := strings.ReplaceAll(strings.Replace(smallRSS, "%s", label, 1), "%s", title)
	out, err := enc.NewEncoder().Bytes([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestParseCharsets(t *testing.T) {
	for _, tc := range []struct {
		name  string
		enc   encoding.Encoding
		label string
		title string
	}{
		{"ISO-8859-1", charmap.ISO8859_1, "ISO-8859-1", "Café crème"},
		{"windows-1251", charmap.Windows1251, "windows-1251", "Пример ленты"},
		{"GBK declared gb2312", simplifiedchinese.GBK, "gb2312", "新闻标题"},
		{"UTF-16LE with BOM", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "UTF-16", "Grüße"},
		{"UTF-16BE with BOM", unicode.UTF16(unicode.BigEndian, unicode.UseBOM), "UTF-16", "Grüße"},
		{"UTF-16LE without BOM", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "UTF-16", "Grüße"},
		{"UTF-16BE without BOM or label", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "UTF-8", "Grüße"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := encodeFeed(t, tc.enc, tc.label, tc.title)
			info, articles, err := Parse(bytes.NewReader(data), tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if info.Title != tc.title || len(articles) != 1 || articles[0].Title != tc.title {
				t.Errorf("got feed %q, %d articles: want titles %q decoded", info.Title, len(articles), tc.title)
			}
		})
	}
}

func TestParseCharsetMistakes(t *testing.T) {
	// Declared Latin-1 but really UTF-8: the bytes win.
	doc := strings.ReplaceAll(strings.Replace(smallRSS, "%s", "ISO-8859-1", 1), "%s", "Café")
	if info, _, err := Parse(strings.NewReader(doc), "mislabelled"); err != nil || info.Title != "Café" {
		t.Errorf("mislabelled UTF-8: title %q, err %v", info.Title, err)
	}
	// No declaration, Latin-1 bytes: read as windows-1252, not rejected.
	latin1, _ := charmap.ISO8859_1.NewEncoder().String(`<rss><channel><title>Café</title></channel></rss>`)
	if info, _, err := Parse(strings.NewReader(latin1), "undeclared"); err != nil || info.Title != "Café" {
		t.Errorf("undeclared Latin-1: title %q, err %v", info.Title, err)
	}
	// An unknown label is ignored rather than fatal.
	bogus := strings.ReplaceAll(strings.Replace(smallRSS, "%s", "x-bogus-42", 1), "%s", "Plain")
	if _, articles, err := Parse(strings.NewReader(bogus), "bogus"); err != nil || len(articles) != 1 {
		t.Errorf("bogus encoding label: %d articles, err %v", len(articles), err)
	}
}

// billionLaughs is the classic entity-expansion bomb: fully expanded, &lol9;
// would be 10^9 "lol"s.
const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><description>&lol9;&lol9;</description><guid>bomb</guid></item>
</channel></rss>`

func TestParseEntityBombIsNotExpanded(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	info, articles, err := Parse(strings.NewReader(billionLaughs), "lol.xml")
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatalf("a feed with an entity bomb should still parse (unexpanded): %v", err)
	}
	if strings.Contains(info.Title, "lollol") || strings.Contains(articles[0].Title, "lollol") || strings.Contains(articles[0].Content, "lollol") {
		t.Errorf("entities were expanded: %q", articles[0].Title)
	}
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 16<<20 {
		t.Errorf("parsing a 1 KB bomb allocated %d MB", allocated>>20)
	}
}

func TestParseExternalEntitiesAreNotResolved(t *testing.T) {
	doc := `<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY % remote SYSTEM "http://127.0.0.1:1/evil.dtd"> %remote; ]>
<rss version="2.0"><channel><title>x&xxe;y</title>
<item><title>&xxe;</title><description>&xxe;</description><guid>xxe</guid></item></channel></rss>`
	info, articles, err := Parse(strings.NewReader(doc), "xxe.xml")
	if err != nil {
		t.Fatal(err)
	}
	all := info.Title + articles[0].Title + articles[0].Content + articles[0].PlainText()
	if strings.Contains(all, "root:") || strings.Contains(all, "/bin/") {
		t.Errorf("external entity was resolved: %q", all)
	}
}

func TestParseRejectsBadInput(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("<html><body>gzip of a page</body></html>"))
	zw.Close()
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	for _, tc := range []struct {
		name, doc, want string
	}{
		{"empty", "", "empty file"},
		{"blank", " \n\t\n", "empty file"},
		{"NUL bytes", "<rss>\x00\x00\x00\x00</rss>", "binary data"},
		{"random bytes", string(random), "binary data"},
		{"truncated", "<rss version=\"2.0\"><channel><title>Half</title>\n<item><title>cut", "truncated XML at line 2"},
		{"malformed", "<rss><channel>\n<![BOGUS[x]]></channel></rss>", "malformed XML at line 2"},
		{"HTML page", "<!DOCTYPE html>\n<html><head><title>Moved</title></head><body>gone</body></html>", "not a feed: looks like an HTML page"},
		{"HTML without doctype", "<html><body><p>hi</p></body></html>", "not a feed: looks like an HTML page"},
		{"gzipped HTML", gz.String(), "not a feed: looks like an HTML page"},
		{"corrupt gzip", "\x1f\x8b\x08\x00garbage", "corrupt gzip data"},
		{"JSON, not a feed", `{"rss": {"channel": {}}}`, `not a feed: JSON, but not a JSON Feed (no "items" list)`},
		{"JSON array", `[1, 2]`, "not a feed: JSON, but not a JSON Feed"},
		{"truncated JSON", `{"version": "https://jsonfeed.org/version/1", "items": [`, "truncated JSON at line 1"},
		{"JSON Feed with wrong types", `{"items": {"a": 1}}`, "not a JSON Feed"},
		{"plain text", "just some words\nin a file", "not a feed: neither XML nor JSON"},
		{"other XML", "<note><to>Tove</to></note>", "not a feed: root element <note> is not RSS, Atom or JSON Feed"},
		{"OPML", `<opml version="2.0"><body/></opml>`, "not a feed: an OPML subscription list"},
		{"no element", `<?xml version="1.0"?><!-- only a comment -->`, "not a feed: no XML element in it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, articles, err := Parse(strings.NewReader(tc.doc), "bad.xml")
			if err == nil {
				t.Fatalf("no error; got %+v and %d articles", info, len(articles))
			}
			checkOneLineError(t, err, "bad.xml")
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to say %q", err, tc.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Source != "bad.xml" {
				t.Errorf("error %T is not a *ParseError naming the source", err)
			}
			if articles != nil || info.Title != "" {
				t.Errorf("results returned with an error")
			}
		})
	}
}

func TestParseGzippedFeed(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	io.WriteString(zw, strings.ReplaceAll(strings.Replace(smallRSS, "%s", "utf-8", 1), "%s", "Zipped"))
	zw.Close()
	info, articles, err := Parse(&gz, "feed.xml.gz")
	if err != nil || info.Title != "Zipped" || len(articles) != 1 {
		t.Errorf("got %q, %d articles, %v: want the feed gunzipped", info.Title, len(articles), err)
	}
}

// endless is a reader that never ends.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestParseSizeCap(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 64 MiB")
	}
	_, _, err := Parse(endless{}, "huge.xml")
	if err == nil || !strings.Contains(err.Error(), "larger than the 64 MiB limit") {
		t.Errorf("error %v, want the size limit named", err)
	}
}

func TestParseGzipBombIsCapped(t *testing.T) {
	if testing.Short() {
		t.Skip("compresses 65 MiB")
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
	io.CopyN(zw, endless{}, MaxDocumentSize+1024)
	zw.Close()
	_, _, err := Parse(&gz, "bomb.xml.gz")
	if err == nil || !strings.Contains(err.Error(), "larger than the 64 MiB limit") {
		t.Errorf("error %v, want the size limit named", err)
	}
}

func TestIllegalCharacterReferencesAreDropped(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>a&#27;b&#x1B;c&#0;d&#xD800;e &#233; &#x263A;</title></channel></rss>`
	info, _, err := Parse(strings.NewReader(doc), "refs.xml")
	if err != nil {
		t.Fatalf("one bad character reference must not fail the feed: %v", err)
	}
	if info.Title != "abcde é ☺" {
		t.Errorf("title %q, want bad references dropped and good ones decoded", info.Title)
	}
	clean := []byte("no references &amp; here &#233;")
	if got := dropIllegalCharRefs(clean); &got[0] != &clean[0] {
		t.Error("clean data was copied")
	}
}

func TestRecoverParseTurnsPanicIntoError(t *testing.T) {
	run := func() (err error) {
		defer recoverParse("crash.xml", "feed", &err)
		panic("index out of range\nwith a second line")
	}
	err := run()
	if err == nil {
		t.Fatal("panic was not recovered")
	}
	checkOneLineError(t, err, "crash.xml")
	if !strings.Contains(err.Error(), "feed parser crashed: index out of range") {
		t.Errorf("error %q", err)
	}
}

func TestErrorsAreOneLineAndClean(t *testing.T) {
	err := newError("evil\x1b[2J.xml", "root element <%s> is bad", "a\nb\x1b]0;x\x07"+strings.Repeat("z", 500))
	msg := err.Error()
	if strings.ContainsAny(msg, "\n\x1b\x07") || len(msg) > maxReasonLen+50 {
		t.Errorf("error not cleaned to one short line: %q", msg)
	}
}
