package feed

import (
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/herald-reader/herald/content"
	"github.com/herald-reader/herald/store"
)

// ParseArticleFile reads one article file, by its extension:
//
//   - .md, .markdown: optional front matter (YAML between "---" lines or
//     TOML between "+++" lines: title, author or authors, tags or
//     categories, date, link or url); without a title there, the first
//     "# heading", else the first line. Markdown holds the body.
//   - .txt: the first non-empty line is the title, the rest the body.
//   - .html, .htm: the readable part of the page (go-readability): title,
//     byline as author, content, published time, excerpt as summary; meta
//     keywords, article:tag and article:section as tags; the site name as
//     author when the page names no one.
//
// A file with another extension (or none, like standard input) is read as
// HTML if it looks like HTML, else as markdown. The article's GUID is
// "file:" + the absolute path, so importing the file again updates it.
// Errors are *ParseError.
func ParseArticleFile(path string, r io.Reader) (a store.NewArticle, err error) {
	source := path
	if source == "" {
		source = "-"
	}
	defer func() { // runs after recoverParse: no half-built article with an error
		if err != nil {
			a = store.NewArticle{}
		}
	}()
	defer recoverParse(source, "article", &err)
	data, err := readDocument(r)
	if err != nil {
		return store.NewArticle{}, newError(source, "%v", err)
	}
	if isBlank(data) {
		return store.NewArticle{}, newError(source, "empty file")
	}
	now := time.Now()
	switch articleFormat(path, data) {
	case ".html":
		a, err = parseHTMLArticle(data)
	case ".txt":
		a, err = parseTextArticle(data)
	default:
		a, err = parseMarkdownArticle(data)
	}
	if err != nil {
		return store.NewArticle{}, newError(source, "%v", err)
	}
	if path != "" {
		if abs, err := filepath.Abs(path); err == nil {
			a.GUID = "file:" + abs
		}
	}
	finishArticle(&a, now)
	return a, nil
}

// articleFormat names the reader for a file: ".html", ".txt" or ".md".
func articleFormat(path string, data []byte) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm", ".xhtml":
		return ".html"
	case ".txt", ".text":
		return ".txt"
	case ".md", ".markdown":
		return ".md"
	}
	head := data[:min(len(data), SniffSize)]
	if root, err := rootElement(toUTF8(head)); err == nil && root.kind() == rootHTML {
		return ".html"
	}
	return ".md"
}

// textFileToUTF8 converts a plain-text file (markdown or .txt) to UTF-8 and
// refuses binary data.
func textFileToUTF8(data []byte) (string, error) {
	data = toUTF8(data)
	if looksBinary(data) {
		return "", errBinaryArticle
	}
	return strings.ReplaceAll(string(data), "\r\n", "\n"), nil
}

// parseMarkdownArticle reads a markdown file with optional front matter.
func parseMarkdownArticle(data []byte) (store.NewArticle, error) {
	src, err := textFileToUTF8(data)
	if err != nil {
		return store.NewArticle{}, err
	}
	meta, body, _ := splitFrontMatter(src)
	body = strings.TrimSpace(body)
	a := store.NewArticle{
		Title:     meta.Title,
		Link:      resolveLink(nil, meta.Link),
		Published: meta.Date,
		Markdown:  body,
		Text:      content.MarkdownText(body),
	}
	if a.Title == "" {
		a.Title = markdownTitle(body)
	}
	var authors, tags nameList
	authors.add(meta.Authors...)
	tags.add(meta.Tags...)
	a.Authors, a.Tags = authors, tags
	return a, nil
}

// markdownTitle returns the text of the first level-one "# heading", else
// the first words of the first non-empty line (as plain text).
func markdownTitle(body string) string {
	first := ""
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "# ") {
			return strings.TrimSpace(strings.TrimRight(line[2:], "#"))
		}
		if first == "" {
			first = line
		}
	}
	return titleFromText(content.MarkdownText(first)) // a long first line is a paragraph, not a title
}

// parseTextArticle reads a plain-text file: title line, then the body.
func parseTextArticle(data []byte) (store.NewArticle, error) {
	src, err := textFileToUTF8(data)
	if err != nil {
		return store.NewArticle{}, err
	}
	src = strings.TrimSpace(src)
	title, body, _ := strings.Cut(src, "\n")
	body = strings.TrimSpace(body)
	return store.NewArticle{
		Title:   title,
		Content: textToHTML(body),
		Text:    body,
	}, nil
}
