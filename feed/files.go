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
//     "# heading", else the first line. Markdown holds the body, less a
//     heading that opens it and is the title (see markdownTitle).
//   - .txt: the first non-empty line is the title, the rest the body.
//   - .html, .htm: the readable part of the page (go-readability): title,
//     byline as author, content, published time, excerpt as summary; meta
//     keywords, article:tag and article:section as tags; the site name as
//     author when the page names no one. A page with no title is titled by
//     the heading that opens its content, which then leaves the content.
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
	title, body := markdownTitle(meta.Title, strings.TrimSpace(body))
	a := store.NewArticle{
		Title:     title,
		Link:      resolveLink(nil, meta.Link),
		Published: meta.Date,
		Markdown:  body,
		Text:      content.MarkdownText(body),
	}
	var authors, tags nameList
	authors.add(meta.Authors...)
	tags.add(meta.Tags...)
	a.Authors, a.Tags = authors, tags
	return a, nil
}

// markdownTitle returns a markdown article's title and its body as the
// reader shows it under that title. The title is the front matter's (given)
// if any, else the text of the first top-level "# heading", else the first
// words of the first non-empty line (as plain text).
//
// The reader prints the title above the body, so a heading that opens the
// body (nothing but blank lines before it) and is the title is cut from the
// body rather than shown twice: when the title was taken from it, or when
// the front matter's title says the same. Any other heading is the
// author's and stays.
func markdownTitle(given, body string) (title, rest string) {
	h, found := content.TitleHeading(body)
	var cut bool // the heading goes from the body
	switch {
	case given == "" && found:
		title, cut = h.Text, h.Leading
	case given == "":
		first, _, _ := strings.Cut(body, "\n") // body is trimmed: its first line has text
		// A long first line is a paragraph, not a title.
		return titleFromText(content.MarkdownText(first)), body
	default:
		title, cut = given, found && h.Leading && sameTitle(given, h.Text)
	}
	if cut {
		body = strings.TrimSpace(body[:h.Start] + body[h.End:])
	}
	return title, body
}

// sameTitle reports whether a front matter title and a heading's text read
// the same: white space and letter case aside.
func sameTitle(title, heading string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(cleanTitle(title)), " "), heading)
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
