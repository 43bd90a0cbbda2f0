package feed

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// Google's Cloud blog writes each RSS <author> as Atom-style elements; the
// author is the <name>, never the markup.
func TestAuthorWithChildElements(t *testing.T) {
	const path = "feeds/rss2/netnewswire__cloudblog.rss"
	articles := parseAt(t, corpusFile(t, path), path, time.Now())
	var all []string
	for _, a := range articles {
		for _, name := range a.Authors {
			if strings.ContainsAny(name, "<>") {
				t.Errorf("%q: author %q holds markup", a.Title, name)
			}
		}
		all = append(all, a.Authors...)
	}
	for _, want := range []string{"Quentin Hardy", "Diane Chaleff", "Mark Shalda", "The Google Cloud blog team"} {
		if !slices.Contains(all, want) {
			t.Errorf("no article by %q; authors: %q", want, all)
		}
	}
}

func TestAuthorShapes(t *testing.T) {
	rss := `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>T</title>
<item><guid>1</guid><title>rss author as elements</title><author><name>Ann Lee</name><title>Editor</title></author></item>
<item><guid>2</guid><title>dc:creator as elements</title><dc:creator><dc:name>Bo Park</dc:name></dc:creator></item>
<item><guid>3</guid><title>escaped markup</title><dc:creator>&lt;b&gt;Cy Diaz&lt;/b&gt;</dc:creator></item>
<item><guid>4</guid><title>atom:author in rss</title><atom:author><atom:name>Di Eng</atom:name><atom:email>di@x.example</atom:email></atom:author></item>
<item><guid>5</guid><title>address in brackets</title><author>Ed Fox &lt;ed@x.example&gt;</author></item>
<item><guid>6</guid><title>plain</title><author>fay@x.example (Fay Gu)</author></item>
<item><guid>7</guid><title>escaped name element</title><dc:creator>&lt;name&gt;Gil &amp;amp; Co&lt;/name&gt;&lt;title&gt;Staff&lt;/title&gt;</dc:creator></item>
</channel></rss>`
	want := map[string][]string{
		"rss author as elements": {"Ann Lee"},
		"dc:creator as elements": {"Bo Park"},
		"escaped markup":         {"Cy Diaz"},
		"atom:author in rss":     {"Di Eng"},
		"address in brackets":    {"Ed Fox"},
		"plain":                  {"Fay Gu"},
		"escaped name element":   {"Gil & Co"},
	}
	for _, a := range parseAt(t, []byte(rss), "authors.xml", time.Now()) {
		if !reflect.DeepEqual(a.Authors, want[a.Title]) {
			t.Errorf("%s: authors %q, want %q", a.Title, a.Authors, want[a.Title])
		}
	}

	atomDoc := `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><id>1</id><title>markup in name</title><author><name><span>Hal Ito</span></name></author></entry>
</feed>`
	for _, a := range parseAt(t, []byte(atomDoc), "authors-atom.xml", time.Now()) {
		if !reflect.DeepEqual(a.Authors, []string{"Hal Ito"}) {
			t.Errorf("Atom %s: authors %q, want [Hal Ito]", a.Title, a.Authors)
		}
	}

	jsonDoc := `{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[
{"id":"1","title":"json","content_text":"x","authors":[{"name":"<b>Ivy Jo</b>"}]}]}`
	for _, a := range parseAt(t, []byte(jsonDoc), "authors.json", time.Now()) {
		if !reflect.DeepEqual(a.Authors, []string{"Ivy Jo"}) {
			t.Errorf("JSON Feed: authors %q, want [Ivy Jo]", a.Authors)
		}
	}
}

func TestPersonText(t *testing.T) {
	for in, want := range map[string]string{
		"Jo Bloggs":                              "Jo Bloggs",
		"Jo Bloggs <jo@x.example>":               "Jo Bloggs <jo@x.example>", // an address, for personName
		"<jo.bloggs@x.example>":                  "<jo.bloggs@x.example>",
		"<name>Jo</name><title>Editor</title>":   "Jo",
		"<atom:name>Jo</atom:name>":              "Jo",
		"<NAME>Jo</NAME>":                        "Jo",
		"<b>Jo</b> <i>Bloggs</i>":                "Jo Bloggs",
		"<title>Editor</title><company/>":        "Editor",
		"C++ <3":                                 "C++ <3",
		"<name>Ann &amp; Bo</name><x>y</x>":      "Ann & Bo",
		"<department></department><name></name>": "",
	} {
		// Spaces are folded when the name is added (sanitize.Line).
		if got := strings.Join(strings.Fields(personText(in)), " "); got != want {
			t.Errorf("personText(%q) = %q, want %q", in, got, want)
		}
	}
}
