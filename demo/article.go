package demo

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/herald-reader/herald/store"
)

// frontMatter is the YAML block at the top of an article file.
type frontMatter struct {
	Title   string   `yaml:"title"`
	Authors []string `yaml:"authors"`
	Tags    []string `yaml:"tags"`
	Date    string   `yaml:"date"` // RFC 3339
	Link    string   `yaml:"link"`
	Feed    string   `yaml:"feed"` // a slug from feeds.yaml
}

var fence = []byte("---\n")

// splitFrontMatter cuts a file into its front matter and its body. The front
// matter sits between a first line "---" and the next line "---".
func splitFrontMatter(data []byte) (head, body []byte, err error) {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	rest, ok := bytes.CutPrefix(data, fence)
	if !ok {
		return nil, nil, errors.New("no front matter: the file must start with a line \"---\"")
	}
	if bytes.HasPrefix(rest, fence) {
		return nil, rest[len(fence):], nil
	}
	head, body, ok = bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return nil, nil, errors.New("front matter is not closed by a line \"---\"")
	}
	return head, body, nil
}

// parseArticle turns one article file into the feed slug it belongs to and
// the article itself. slug names the file and becomes the article's GUID.
func parseArticle(slug string, data []byte) (feed string, a store.NewArticle, err error) {
	head, body, err := splitFrontMatter(data)
	if err != nil {
		return "", a, err
	}
	var fm frontMatter
	dec := yaml.NewDecoder(bytes.NewReader(head))
	dec.KnownFields(true) // a misspelt key is a mistake, not something to ignore
	if err := dec.Decode(&fm); err != nil {
		return "", a, fmt.Errorf("front matter: %w", err)
	}
	published, err := time.Parse(time.RFC3339, fm.Date)
	if err != nil {
		return "", a, fmt.Errorf("date %q is not RFC 3339 (2026-09-03T07:45:00Z)", fm.Date)
	}
	markdown := strings.TrimSpace(string(body)) + "\n"
	switch {
	case strings.TrimSpace(fm.Title) == "":
		return "", a, errors.New("no title")
	case len(fm.Authors) == 0:
		return "", a, errors.New("no authors")
	case fm.Feed == "":
		return "", a, errors.New("no feed")
	case !strings.HasPrefix(fm.Link, siteRoot):
		return "", a, fmt.Errorf("link %q is not under %s", fm.Link, siteRoot)
	case strings.TrimSpace(markdown) == "":
		return "", a, errors.New("no body")
	}
	return fm.Feed, store.NewArticle{
		GUID:      "demo:" + slug,
		Link:      fm.Link,
		Title:     fm.Title,
		Published: published.UTC(),
		Markdown:  markdown,
		Text:      plainText(markdown),
		Authors:   fm.Authors,
		Tags:      fm.Tags,
	}, nil
}
