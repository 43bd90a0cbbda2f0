package cli

import (
	"bufio"
	"encoding/xml"
	"io"

	"github.com/herald-reader/herald/handoff"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

type exportCmd struct {
	Format string `arg:"" enum:"json,opml" help:"json: every article as JSON Lines with its markdown and text; opml: the subscriptions."`
}

func (c *exportCmd) Run(e *env) error {
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	out := bufio.NewWriter(e.stdout)
	if c.Format == "opml" {
		feeds, err := st.Feeds(e.ctx)
		if err != nil {
			return err
		}
		if err := writeOPML(out, feeds); err != nil {
			return err
		}
		return out.Flush()
	}
	err = handoff.Walk(e.ctx, st, store.Filter{}, 0, func(a store.Article) error {
		b, err := st.Body(e.ctx, a.ID)
		if err != nil {
			return err
		}
		// No markdown cache: an export only reads the store.
		return handoff.Write(e.ctx, out, nil, b, handoff.JSON)
	})
	if err != nil {
		return err
	}
	return out.Flush()
}

type opmlDoc struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	// Herald declares the namespace of herald's own outline attribute.
	Herald string        `xml:"xmlns:herald,attr"`
	Title  string        `xml:"head>title"`
	Feeds  []opmlOutline `xml:"body>outline"`
}

type opmlOutline struct {
	Type    string `xml:"type,attr"`
	Text    string `xml:"text,attr"`
	Title   string `xml:"title,attr,omitempty"`
	XMLURL  string `xml:"xmlUrl,attr"`
	HTMLURL string `xml:"htmlUrl,attr,omitempty"`
	// Full keeps herald add --full across an export and an import; other
	// readers pass over it.
	Full string `xml:"herald:fullArticles,attr,omitempty"`
}

// opmlNamespace names herald's own OPML attributes.
const opmlNamespace = "https://github.com/herald-reader/herald"

// writeOPML writes the subscriptions (not the sources of imported files)
// as OPML 2.0.
func writeOPML(w io.Writer, feeds []store.Feed) error {
	doc := opmlDoc{Version: "2.0", Herald: opmlNamespace, Title: "herald subscriptions"}
	for _, f := range feeds {
		if f.Kind != store.KindHTTP {
			continue
		}
		title := sanitize.Line(f.Title)
		if title == "" {
			title = sanitize.Line(f.URL)
		}
		o := opmlOutline{Type: "rss", Text: title, Title: title,
			XMLURL: sanitize.Line(f.URL), HTMLURL: sanitize.Line(f.SiteURL)}
		if f.FullArticles {
			o.Full = "true"
		}
		doc.Feeds = append(doc.Feeds, o)
	}
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
