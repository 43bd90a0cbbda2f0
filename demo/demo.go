// Package demo holds the sample articles behind `herald --demo`: four small
// invented publications, written for herald, embedded in the binary so the
// reader can be tried with nothing to subscribe to and no network.
//
// Each article is a Markdown file under articles/ with YAML front matter;
// feeds.yaml names the publications. The articles share authors and tags on
// purpose, so the reader's related-story jumps have something to show.
package demo

import (
	"cmp"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/herald-reader/herald/store"
)

//go:embed feeds.yaml articles/*.md
var files embed.FS

// siteRoot is the reserved example domain every demo link lives under, so a
// demo link can never reach a real site.
const siteRoot = "https://herald.example/"

// Feed is one sample publication with its articles, newest first.
type Feed struct {
	Info     store.FeedInfo
	Articles []store.NewArticle
}

// Feeds returns the embedded sample feeds, parsed, in a fixed order.
func Feeds() ([]Feed, error) {
	return load(files)
}

// feedEntry is one publication in feeds.yaml.
type feedEntry struct {
	Slug  string `yaml:"slug"`
	Title string `yaml:"title"`
}

// load reads feeds.yaml and articles/*.md from fsys. It takes the file
// system as a parameter so tests can feed it broken files.
func load(fsys fs.FS) ([]Feed, error) {
	entries, err := readFeedList(fsys)
	if err != nil {
		return nil, err
	}
	feeds := make([]Feed, len(entries))
	index := make(map[string]int, len(entries))
	for i, e := range entries {
		feeds[i].Info = store.FeedInfo{
			URL:     "demo:" + e.Slug,
			Kind:    store.KindFile,
			Title:   e.Title,
			SiteURL: siteRoot + e.Slug + "/",
		}
		index[e.Slug] = i
	}

	names, err := fs.Glob(fsys, "articles/*.md")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		slug := strings.TrimSuffix(path.Base(name), ".md")
		feedSlug, article, err := parseArticle(slug, data)
		if err != nil {
			return nil, fmt.Errorf("demo: %s: %w", name, err)
		}
		i, ok := index[feedSlug]
		if !ok {
			return nil, fmt.Errorf("demo: %s: feed %q is not in feeds.yaml", name, feedSlug)
		}
		feeds[i].Articles = append(feeds[i].Articles, article)
	}

	for i := range feeds {
		if len(feeds[i].Articles) == 0 {
			return nil, fmt.Errorf("demo: feed %s has no articles", feeds[i].Info.URL)
		}
		slices.SortFunc(feeds[i].Articles, func(a, b store.NewArticle) int {
			return cmp.Or(b.Published.Compare(a.Published), strings.Compare(a.GUID, b.GUID))
		})
	}
	return feeds, nil
}

func readFeedList(fsys fs.FS) ([]feedEntry, error) {
	data, err := fs.ReadFile(fsys, "feeds.yaml")
	if err != nil {
		return nil, err
	}
	var entries []feedEntry
	if err := yaml.Unmarshal(data, &entries); err != nil {
		return nil, fmt.Errorf("demo: feeds.yaml: %w", err)
	}
	for _, e := range entries {
		if e.Slug == "" || e.Title == "" {
			return nil, fmt.Errorf("demo: feeds.yaml: every feed needs a slug and a title")
		}
	}
	return entries, nil
}
