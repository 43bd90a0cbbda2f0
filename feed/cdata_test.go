package feed

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed/rss"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/herald-reader/herald/store"
)

// bypassNow is the clock both paths of a comparison share, so that date
// clamping cannot tell them apart.
var bypassNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// compareBypass parses data with the CDATA bypass (lifting bodies of
// minLen bytes and more, for each minLen) and without it, fails the test
// unless each gives the same feed and articles or the same error as the
// slow path, and says what the bypass did.
func compareBypass(t testing.TB, name string, data []byte, minLens ...int) bypassStats {
	t.Helper()
	wantInfo, wantArticles, wantErr := parseFeed(bytes.NewReader(data), name, parseOptions{now: bypassNow})
	var stats bypassStats
	for _, minLen := range minLens {
		info, articles, err := parseFeed(bytes.NewReader(data), name, parseOptions{now: bypassNow, cdataMinLen: minLen, stats: &stats})
		switch {
		case (err == nil) != (wantErr == nil):
			t.Fatalf("%s (min %d): error %v with the bypass, %v without", name, minLen, err, wantErr)
		case err != nil && err.Error() != wantErr.Error():
			t.Fatalf("%s (min %d): error %q with the bypass, %q without", name, minLen, err, wantErr)
		case !reflect.DeepEqual(info, wantInfo):
			t.Fatalf("%s (min %d): feed %+v with the bypass, %+v without", name, minLen, info, wantInfo)
		case !reflect.DeepEqual(articles, wantArticles):
			t.Fatalf("%s (min %d): articles differ with the bypass: %s", name, minLen, firstDifference(articles, wantArticles))
		}
	}
	return stats
}

// firstDifference names the first article and field where got and want differ.
func firstDifference(got, want []store.NewArticle) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d articles, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := reflect.ValueOf(got[i]), reflect.ValueOf(want[i])
		for j := range g.NumField() {
			if !reflect.DeepEqual(g.Field(j).Interface(), w.Field(j).Interface()) {
				return fmt.Sprintf("article %d %s:\n got  %.300q\n want %.300q", i, g.Type().Field(j).Name,
					fmt.Sprint(g.Field(j).Interface()), fmt.Sprint(w.Field(j).Interface()))
			}
		}
	}
	return ""
}

// TestCDATABypassIsInvisible parses every feed of the shared corpus and
// every fixture with and without the bypass: the results must be the same,
// both at the threshold Parse uses and lifting every non-empty body.
func TestCDATABypassIsInvisible(t *testing.T) {
	t.Parallel()
	var paths []string
	fixtures, _ := filepath.Glob("testdata/*")
	paths = append(paths, fixtures...)
	root := filepath.Join(corpusDir, "feeds")
	if _, err := os.Stat(root); err == nil {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				paths = append(paths, path)
			}
			return err
		})
	} else {
		t.Log("shared corpus not found at " + root + "; comparing the fixtures only")
	}
	var total bypassStats
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		st := compareBypass(t, path, data, cdataMinLen, 1)
		total.lifted += st.lifted
		total.fellBack += st.fellBack
	}
	t.Logf("%d documents; the bypass was taken %d times and fell back %d times", len(paths), total.lifted, total.fellBack)
	if total.lifted == 0 {
		t.Error("the bypass was never taken")
	}
}

// TestCDATABypassTakenOnS10k makes sure the comparison above is not
// vacuous on the workload the bypass is for.
func TestCDATABypassTakenOnS10k(t *testing.T) {
	data, err := os.ReadFile(s10kFeed)
	if err != nil {
		t.Fatal(err)
	}
	if st := compareBypass(t, s10kFeed, data, cdataMinLen); st != (bypassStats{lifted: 1}) {
		t.Errorf("bypass stats %+v, want the s10k feed lifted", st)
	}
	l := liftCDATA(data, cdataMinLen, newNonce(), false)
	if l == nil || len(l.bodies) != 100 || len(l.doc) > len(data)/10 {
		t.Errorf("liftCDATA left a document of %d bytes of %d", len(l.doc), len(data))
	}
}

// long is text longer than any threshold used in these tests.
var long = strings.TrimSpace(strings.Repeat("<p>Words & more words, café.</p> ", 40))

// rssWith wraps items in an RSS 2.0 channel that declares the usual
// extension namespaces.
func rssWith(items string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/DTDs/PodCast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Channel</title><link>https://example.org/</link>
` + items + `
</channel></rss>`
}

func cdata(body string) string { return "<![CDATA[" + body + "]]>" }

const (
	wantLifted   = "lifted"    // the bypass was taken
	wantFallback = "fell back" // the lifted document was parsed, then the original
	wantNone     = "none"      // the bypass did not apply
)

func TestCDATABypassCases(t *testing.T) {
	item := func(inner string) string {
		return "<item><title>An item</title><guid>https://example.org/1</guid>" + inner + "</item>"
	}
	tests := []struct {
		name string
		doc  string
		want string // wantLifted, wantFallback or wantNone
	}{
		{"description", rssWith(item("<description>" + cdata(long) + "</description>")), wantLifted},
		{"content:encoded and description", rssWith(item(
			"<description>" + cdata(long+" (short)") + "</description><content:encoded>" + cdata(long) + "</content:encoded>")), wantLifted},
		{"text around and between sections", rssWith(item(
			"<description> x &amp; " + cdata(long) + " y " + cdata(long+"2") + " z </description>")), wantLifted},
		{"a CDATA title", rssWith(item("<description>d</description>")) + "", wantNone},
		{"title and author", rssWith(item("<title>" + cdata(long) + "</title><author>" + cdata(long) + "</author><description>d</description>")), wantLifted},

		// A "<![CDATA[" inside a comment or processing instruction opens
		// nothing: a scan that took it for a section would swallow the
		// markup up to the next "]]>".
		{"CDATA opener in a comment", rssWith("<!-- <![CDATA[ -->" + item("<description>"+cdata(long)+"</description>")), wantLifted},
		{"CDATA section in a comment", rssWith("<!-- " + cdata(long) + " -->" + item("<description>x</description>")), wantNone},
		{"CDATA opener in a processing instruction", rssWith("<?note <![CDATA[ ?>" + item("<description>"+cdata(long)+"</description>")), wantLifted},
		{"comment in a body", rssWith(item("<description>" + cdata("<!-- "+long) + "</description><comments>c --></comments>")), wantLifted},

		// "]]>" and its parts at the edges of a body.
		{"body ending in ]", rssWith(item("<description>" + cdata(long+"]") + "</description>")), wantLifted},
		{"body ending in ]]", rssWith(item("<description>" + cdata(long+"]]") + "</description>")), wantLifted},
		{"]] and ]> inside a body", rssWith(item("<description>" + cdata(long+" a[0]] b]> c") + "</description>")), wantLifted},
		{"]]> split over two sections", rssWith(item("<description>" + cdata(long+"]]") + cdata(">"+long) + "</description>")), wantLifted},
		{"body starting with >", rssWith(item("<description>" + cdata(">"+long) + "</description>")), wantLifted},
		{"nested-looking opener in a body", rssWith(item("<description>" + cdata(long+" <![CDATA[ inner") + "</description>")), wantLifted},
		{"nested-looking section", rssWith(item("<description>" + cdata(long+" <![CDATA[ inner]]> outer") + "]]></description>")), wantFallback},
		{"unterminated section", rssWith(item("<description>" + "<![CDATA[" + long + "</description>")), wantNone},
		{"unterminated comment", rssWith(item("<description>"+cdata(long)+"</description>")) + "<!-- ", wantNone},

		// Bodies the decoder or gofeed would not take verbatim stay put.
		{"\\r\\n in an extension body", rssWith(item("<media:description>" + cdata(long+"\r\nline two") + "</media:description>")), wantNone},
		{"\\r\\n in a description body", rssWith(item("<description>" + cdata(long+"\r\nline two") + "</description>")), wantNone},
		{"control character in a body", rssWith(item("<description>" + cdata(long+"\x01\x1b[31m") + "</description>")), wantNone},
		{"leading space in an extension body", rssWith(item("<media:description>" + cdata(" "+long) + "</media:description>")), wantNone},
		{"trailing no-break space in an extension body", rssWith(item("<media:description>" + cdata(long+"\u00a0") + "</media:description>")), wantNone},
		{"U+FFFE in a body", rssWith(item("<description>" + cdata(long+"\uFFFE") + "</description>")), wantNone},

		// Extensions, and the structs gofeed derives from them.
		{"media:description", rssWith(item("<media:description>" + cdata(long) + "</media:description>")), wantLifted},
		{"media:group", rssWith(item("<media:group><media:description>" + cdata(long) + "</media:description></media:group>")), wantLifted},
		{"itunes:summary", rssWith(item("<itunes:summary>" + cdata(long) + "</itunes:summary><itunes:author>" + cdata(long) + "</itunes:author>")), wantLifted},
		{"dc:creator", rssWith(item("<dc:creator>" + cdata(long) + "</dc:creator><description>d</description>")), wantLifted},
		{"channel itunes:author", strings.Replace(rssWith(item("<description>d</description>")), "<title>Channel</title>", "<title>Channel</title><itunes:author>"+cdata(long)+"</itunes:author>", 1), wantLifted},

		// Fields gofeed interprets must not see a placeholder.
		{"pubDate", rssWith(item("<pubDate>" + cdata(long) + "</pubDate>")), wantFallback},
		{"link", rssWith(item("<link>" + cdata("https://example.org/"+strings.Repeat("a", 600)) + "</link>")), wantFallback},
		{"category", rssWith(item("<category>" + cdata(long) + "</category>")), wantFallback},
		{"xml:base on RSS", strings.Replace(rssWith(item("<link>/rel</link><description>"+cdata(`<a href="/x">`+long+`</a>`)+"</description>")), "<channel>", `<channel xml:base="https://base.example/dir/">`, 1), wantLifted},
		{"atom id", atomWith(`<entry><id>` + cdata("tag x "+long) + `</id><title>t</title></entry>`), wantFallback},

		// Documents the scan will not follow.
		{"DOCTYPE with an internal subset", strings.Replace(rssWith(item("<description>"+cdata(long)+"</description>")), "<rss", `<!DOCTYPE rss [ <!ENTITY e "<![CDATA["> ]><rss`, 1), wantNone},
		// encoding/xml takes the byte after "<!" as it is, quote or not: a
		// scan that opened a quoted string there would end the directive
		// inside the comment below and lift a "section" reaching from the
		// comment into the item, hiding the item.
		{"directive starting with a quote", `<?xml version="1.0"?><!"><rss version="2.0"><channel><title>t</title><!-- " > <![CDATA[-->
<item><title>one</title><description>` + cdata(long) + `</description></item> -->
<item><title>two</title></item></channel></rss>`, wantNone},
		{"DOCTYPE without one", strings.Replace(rssWith(item("<description>"+cdata(long)+"</description>")), "<rss",
			`<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss`, 1), wantLifted},
		{"an xml declaration switching charset mid-document", rssWith(`<?xml version="1.0" encoding="windows-1252"?>` + item("<description>"+cdata(long)+"</description>")), wantNone},
		{"a UTF-8 xml declaration mid-document", rssWith(`<?xml version="1.0" encoding='utf-8'?>` + item("<description>"+cdata(long)+"</description>")), wantLifted},
		{"xml-stylesheet", strings.Replace(rssWith(item("<description>"+cdata(long)+"</description>")), "<rss", `<?xml-stylesheet type="text/xsl" encoding="x" href="s.xsl"?><rss`, 1), wantLifted},

		// Atom.
		{"atom content, summary and title", atomWith(`<entry><id>tag:a,2024:1</id><title type="html">` + cdata(long) + `</title><summary>` + cdata(long) +
			`</summary><content type="html">` + cdata(long) + `</content></entry>`), wantLifted},
		{"atom entry alone", `<entry xmlns="http://www.w3.org/2005/Atom"><id>tag:a,2024:1</id><content type="html">` + cdata(long) + `</content></entry>`, wantLifted},
		{"atom with xml:base", strings.Replace(atomWith(`<entry><id>tag:a,2024:1</id><content type="html">`+cdata(`<a href="/x">`+long+`</a>`)+`</content></entry>`),
			"<feed", `<feed xml:base="https://base.example/"`, 1), wantNone},

		// A feed that writes a placeholder of its own: the nonce is not
		// the one this parse drew, so it is only text.
		{"forged placeholder", rssWith(item("<description>" + cdata("{herald-cdata:00000000000000000000000000000000:0} "+long) + "</description>" +
			"<comments>{herald-cdata:00000000000000000000000000000000:0}</comments>")), wantLifted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := compareBypass(t, tt.name, []byte(tt.doc), 64)
			got := wantNone
			switch {
			case st.lifted == 1 && st.fellBack == 0:
				got = wantLifted
			case st.lifted == 0 && st.fellBack == 1:
				got = wantFallback
			case st != bypassStats{}:
				got = "something else"
			}
			if got != tt.want {
				t.Errorf("bypass: %s, want %s", got, tt.want)
			}
		})
	}
}

func atomWith(entries string) string {
	return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Feed</title><id>tag:a,2024:feed</id>` + entries + `</feed>`
}

// TestCDATABypassBodiesComeBack checks the values themselves, not only that
// both paths agree.
func TestCDATABypassBodiesComeBack(t *testing.T) {
	body := long + " ]] <![CDATA[ & &amp; <b>"
	doc := rssWith("<item><guid>g</guid><title>" + cdata(body) + "</title><description>x " + cdata(body) + " y</description>" +
		"<itunes:summary>" + cdata(body) + "</itunes:summary></item>")
	l := liftCDATA([]byte(doc), 64, newNonce(), false)
	if l == nil || len(l.bodies) != 3 {
		t.Fatalf("lifted %v", l)
	}
	var parser rss.Parser
	f, err := parser.Parse(bytes.NewReader(l.doc))
	if err != nil {
		t.Fatal(err)
	}
	if !l.restore(f) {
		t.Fatal("restore failed")
	}
	item := f.Items[0]
	if item.Title != body || item.Description != "x "+body+" y" {
		t.Errorf("title %q / description %q: want the bodies back", item.Title, item.Description)
	}
	if item.ITunesExt == nil || item.ITunesExt.Summary != body {
		t.Errorf("iTunes summary: want it rebuilt from the restored extension, got %+v", item.ITunesExt)
	}
}

// TestCDATABypassCharsets runs the scan on what toUTF8 made of documents in
// other encodings: the bodies are lifted and come back as the slow path
// reads them.
func TestCDATABypassCharsets(t *testing.T) {
	doc := rssWith("<item><guid>g</guid><description>" + cdata(long+" naïve — “quoted”") + "</description></item>")
	latin1, err := charmap.Windows1252.NewEncoder().String(strings.Replace(doc, "UTF-8", "windows-1252", 1))
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.Replace(doc, "UTF-8", "UTF-16", 1))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"windows-1252": latin1, "UTF-16": utf16} {
		if st := compareBypass(t, name, []byte(data), 64); st != (bypassStats{lifted: 1}) {
			t.Errorf("%s: bypass stats %+v, want it lifted", name, st)
		}
		_, articles, err := Parse(strings.NewReader(data), name)
		if err != nil || !strings.Contains(articles[0].Content, "naïve — “quoted”") {
			t.Errorf("%s: %v, content %.80q", name, err, articles[0].Content)
		}
	}
}

func TestCDATABypassGzip(t *testing.T) {
	data, err := os.ReadFile(s10kFeed)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	if st := compareBypass(t, "feed.xml.gz", buf.Bytes(), cdataMinLen); st != (bypassStats{lifted: 1}) {
		t.Errorf("bypass stats %+v, want the gunzipped feed lifted", st)
	}
}

func TestLiftCDATAGivesUp(t *testing.T) {
	body := cdata(long)
	for name, doc := range map[string]string{
		"internal subset":           `<!DOCTYPE rss [ <!ENTITY e "x"> ]><rss>` + body + `</rss>`,
		"empty internal subset":     `<!DOCTYPE rss []><rss>` + body + `</rss>`,
		"unterminated section":      `<rss>` + body + `<![CDATA[ x</rss>`,
		"unterminated comment":      `<rss>` + body + `<!-- x</rss>`,
		"unterminated PI":           `<rss>` + body + `<?x </rss>`,
		"unterminated directive":    `<rss>` + body + `<!DOCTYPE x "y>"`,
		"<!- without a comment":     `<rss>` + body + `<!-x--></rss>`,
		"directive opening with \"": `<!"x"><rss>` + body + `</rss>`,
		"directive opening with >":  `<!>x><rss>` + body + `</rss>`,
		"<![ without CDATA":         `<rss>` + body + `<![INCLUDE[ x ]]></rss>`,
		"charset switch":            `<rss>` + body + `<?xml version="1.0" encoding="iso-8859-1"?></rss>`,
		"charset switch, unquoted":  `<rss>` + body + `<?xml version="1.0" encoding='koi8-r'?></rss>`,
		"nothing long enough":       `<rss>` + cdata("short") + `</rss>`,
		"xml:base when refused":     `<feed xml:base="/">` + body + `</feed>`,
		"other base when refused":   `<feed xmlns:x="http://www.w3.org/XML/1998/namespace" x:base="/">` + body + `</feed>`,
	} {
		if l := liftCDATA([]byte(doc), 64, newNonce(), true); l != nil {
			t.Errorf("%s: lifted %d bodies, want the scan to give up", name, len(l.bodies))
		}
	}
	if liftCDATA([]byte(`<feed xml:base="/">`+body+`</feed>`), 64, newNonce(), false) == nil {
		t.Error("xml:base stopped the scan where it is not refused")
	}
	if liftCDATA([]byte(`<rss>`+body+`</rss>`), 0, newNonce(), false) != nil {
		t.Error("minimum length 0 must turn the bypass off")
	}
}

func TestLiftableBody(t *testing.T) {
	for body, want := range map[string]bool{
		long:                  true,
		"x\ty\nz":             true,
		"x\u0085y":            true, // a C1 control is an XML character, and not at an end
		"x\x7fy":              true,
		"x\uFFFDy":            true,
		"x\uFFEFy":            true,
		" x":                  false,
		"x\n":                 false,
		"\u3000x":             false,
		"x\u2029":             false,
		"x\ry":                false,
		"x\r\ny":              false,
		"x\x00y":              false,
		"xxxxxxxxxxxxxxx\x1f": false, // past the first eight bytes
		"x\uFFFEy":            false,
		"x\uFFFFy":            false,
		"x\xffy":              false,
		"x\xed\xa0\x80y":      false, // a UTF-16 surrogate
	} {
		if got := liftableBody([]byte(body)); got != want {
			t.Errorf("liftableBody(%q) = %v, want %v", body, got, want)
		}
	}
}

func TestExpandPlaceholders(t *testing.T) {
	src := []byte("0123456789")
	l := &liftedCDATA{src: src, bodies: [][2]int{{0, 3}, {5, 10}}, marker: placeholderPrefix + "abc:"}
	for in, want := range map[string]string{
		"plain":                  "plain",
		"{herald-cdata:abc:0}":   "012",
		"a{herald-cdata:abc:1}b": "a56789b",
		"{herald-cdata:abc:1}{herald-cdata:abc:0}{herald-cdata:abc:1}": "56789012" + "56789",
		"{herald-cdata:other:0}": "{herald-cdata:other:0}",
	} {
		if got, ok := l.expand(in); !ok || got != want {
			t.Errorf("expand(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"{herald-cdata:abc:2}", "{herald-cdata:abc:01}", "{herald-cdata:abc:+1}", "{herald-cdata:abc:-0}",
		"{herald-cdata:abc:}", "{herald-cdata:abc:0", "x {herald-cdata:abc:0} {herald-cdata:abc:9}"} {
		if got, ok := l.expand(in); ok {
			t.Errorf("expand(%q) = %q, want a failure", in, got)
		}
	}
}

// TestCDATABypassSameLengthBody lifts a body exactly as long as its
// placeholder: it must still come back.
func TestCDATABypassSameLengthBody(t *testing.T) {
	nonce := newNonce()
	body := strings.Repeat("b", len(placeholderPrefix+nonce+":0}"))
	doc := rssWith("<item><guid>g</guid><description>" + cdata(body) + "</description></item>")
	l := liftCDATA([]byte(doc), 1, nonce, false)
	var parser rss.Parser
	f, err := parser.Parse(bytes.NewReader(l.doc))
	if err != nil || !l.restore(f) {
		t.Fatal(err)
	}
	if f.Items[0].Description != body {
		t.Errorf("description %q, want %q", f.Items[0].Description, body)
	}
}

func TestNoncesDiffer(t *testing.T) {
	if a, b := newNonce(), newNonce(); a == b || len(a) != 32 {
		t.Errorf("nonces %q and %q: want fresh 128-bit ones", a, b)
	}
}

// TestCDATABypassFallsBack shows each reason to parse the original: an
// error or a panic on the lifted document, and a placeholder in a field
// that is not restored.
func TestCDATABypassFallsBack(t *testing.T) {
	data := []byte(rssWith("<item><guid>" + cdata(long) + "</guid></item>"))
	parse := func(doc []byte) (*rss.Feed, error) {
		var p rss.Parser
		return p.Parse(bytes.NewReader(doc))
	}
	var st bypassStats
	f, err := parseLifted(data, 64, false, &st, parse)
	if err != nil || st != (bypassStats{fellBack: 1}) || f.Items[0].GUID.Value != long {
		t.Errorf("placeholder in the GUID: %v, stats %+v", err, st)
	}

	good := []byte(rssWith("<item><description>" + cdata(long) + "</description></item>"))
	for name, broken := range map[string]func([]byte) (*rss.Feed, error){
		"error": func(doc []byte) (*rss.Feed, error) {
			if bytes.Contains(doc, []byte(placeholderPrefix)) {
				return nil, errors.New("lifted")
			}
			return parse(doc)
		},
		"panic": func(doc []byte) (*rss.Feed, error) {
			if bytes.Contains(doc, []byte(placeholderPrefix)) {
				panic("lifted")
			}
			return parse(doc)
		},
	} {
		st = bypassStats{}
		f, err := parseLifted(good, 64, false, &st, broken)
		if err != nil || st != (bypassStats{fellBack: 1}) || f.Items[0].Description != long {
			t.Errorf("%s on the lifted document: %v, stats %+v", name, err, st)
		}
	}
}

// FuzzCDATABypass compares Parse with and without the bypass on mutated
// feeds, lifting every non-empty CDATA body so that short inputs exercise it.
func FuzzCDATABypass(f *testing.F) {
	for _, name := range []string{"atom-authors.xml", "rss-dc.xml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	body := "<p>a ]] b</p>"
	for _, doc := range []string{
		rssWith("<item><description>" + cdata(body) + "</description><media:description>x" + cdata(body) + "</media:description></item>"),
		rssWith("<!-- <![CDATA[ --><item><title>" + cdata(body) + "</title><itunes:summary>" + cdata(" "+body) + "</itunes:summary></item>"),
		rssWith("<?pi <![CDATA[ ?><item><pubDate>" + cdata(body) + "</pubDate><content:encoded>" + cdata(body+"]") + cdata(">") + "</content:encoded></item>"),
		strings.Replace(atomWith(`<entry><id>`+cdata("x y")+`</id><content type="html">`+cdata(`<a href="/x">y</a>`)+`</content></entry>`), "<feed", `<feed xml:base="http://b/"`, 1),
		`<!DOCTYPE rss [ <!ENTITY e "x"> ]>` + rssWith("<item><description>"+cdata(body)+"</description></item>"),
	} {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compareBypass(t, "fuzz.xml", data, 1)
	})
}
