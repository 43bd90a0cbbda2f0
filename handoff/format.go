// Package handoff hands articles out of herald to other tools: it formats an
// article as plain text, markdown, HTML or JSON (the forms `herald cat`
// prints and the reader pipes), streams a whole filtered list, saves an
// article as a markdown file, and opens a link in the browser. The command
// line and the reader share it, so a key and its command do the same thing.
//
// Article data is hostile. Every string it writes is sanitised, a file name
// made from a title never leads outside its folder, and a link reaches a
// browser only as one argument of its own, never through a shell.
package handoff

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/yuin/goldmark"

	"github.com/herald-reader/herald/content"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

// Format is how an article is written out.
type Format string

// The formats. JSON is one object a line (JSON Lines).
const (
	Text     Format = "text"
	Markdown Format = "markdown"
	HTML     Format = "html"
	JSON     Format = "json"
)

// ParseFormat reads a format name; "md" is short for markdown.
func ParseFormat(name string) (Format, bool) {
	switch strings.ToLower(name) {
	case "text", "txt":
		return Text, true
	case "markdown", "md":
		return Markdown, true
	case "html":
		return HTML, true
	case "json":
		return JSON, true
	}
	return "", false
}

// MarkdownCache keeps the markdown conversion of an article's body, so that
// it is made once (*store.Store is one). A nil MarkdownCache keeps nothing.
type MarkdownCache interface {
	SetMarkdown(ctx context.Context, id int64, markdown string) error
}

// ArticleJSON is the JSON Lines object DESIGN.md fixes for an article.
// Markdown and Text are only set where the body goes out too.
type ArticleJSON struct {
	ID        int64    `json:"id"`
	Title     string   `json:"title"`
	URL       string   `json:"url"`
	Feed      string   `json:"feed"`
	Authors   []string `json:"authors"`
	Tags      []string `json:"tags"`
	Published string   `json:"published"`
	Read      bool     `json:"read"`
	Starred   bool     `json:"starred"`
	Markdown  *string  `json:"markdown,omitempty"`
	Text      *string  `json:"text,omitempty"`
}

// JSONOf converts a stored article, cleaning every field for output: a store
// written by an older herald may hold what this one would strip.
func JSONOf(a store.Article) ArticleJSON {
	return ArticleJSON{
		ID:        a.ID,
		Title:     sanitize.Line(a.Title),
		URL:       sanitize.Line(a.Link),
		Feed:      sanitize.Line(a.Feed),
		Authors:   CleanNames(a.Authors),
		Tags:      CleanNames(a.Tags),
		Published: a.Published.UTC().Format(time.RFC3339),
		Read:      a.Read,
		Starred:   a.Starred,
	}
}

// CleanNames sanitises names and never returns nil, so JSON has [] not null.
func CleanNames(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, sanitize.Line(n))
	}
	return out
}

// Header is the block above an article's plain text: title, byline, feed and
// date, tags, link, one a line.
func Header(a store.Article) string {
	return sanitize.Line(a.Title) + "\n" + strings.Join(HeaderLines(a), "\n") + "\n"
}

// PlainText is the article as `herald cat --format text` prints it: the
// header, a blank line, the body's text.
func PlainText(b store.Body) string {
	return Header(b.Article) + "\n" + BodyText(b) + "\n"
}

// BodyText is the body's plain text, cleaned: the stored text, else the
// text of the HTML body, else of the summary.
func BodyText(b store.Body) string {
	text := b.Text
	for _, html := range []string{b.Content, b.Summary} {
		if strings.TrimSpace(text) != "" {
			break
		}
		text = content.Text(html)
	}
	return strings.TrimSpace(sanitize.Text(text))
}

// BodyHTML is the body as published: the content, else the summary.
func BodyHTML(b store.Body) string {
	if b.Content != "" {
		return b.Content
	}
	return b.Summary
}

// BodyMarkdown returns the body as markdown, converting it on first use and
// keeping the conversion in cache (when not nil). Failing to keep it costs a
// conversion next time, nothing more: a read-only store must not stop a read.
func BodyMarkdown(ctx context.Context, cache MarkdownCache, b store.Body) (string, error) {
	if b.Markdown != "" {
		return sanitize.Text(b.Markdown), nil
	}
	html := BodyHTML(b)
	if html == "" {
		return sanitize.Text(b.Text), nil
	}
	md, err := content.Markdown(html, b.Link)
	if err != nil {
		return "", fmt.Errorf("convert article %d to markdown: %w", b.ID, err)
	}
	if cache != nil {
		_ = cache.SetMarkdown(ctx, b.ID, md)
	}
	return md, nil
}

// MarkdownDocument is the article as one markdown document: the title as a
// heading, the rest of the header as a quote block, one item a line, then
// the body. The header's fields come from the feed and are text, not
// markdown: a title like "[click](javascript:…)" or a tag "![x](http://…)"
// is escaped, so that it shows as written rather than as a link or image
// wherever the document is rendered (styled cat, a saved file).
func MarkdownDocument(a store.Article, body string) string {
	lines := HeaderLines(a)
	for i := range lines {
		lines[i] = markdownText(lines[i])
	}
	if link := sanitize.Line(a.Link); link != "" {
		lines[len(lines)-1] = markdownLink(link)
	}
	var b strings.Builder
	b.WriteString(MarkdownTitle(a))
	// A backslash ends a line within the quote (a hard break); trailing
	// spaces, the other way, are lost to renderers that trim lines.
	b.WriteString("> " + strings.Join(lines, "\\\n> ") + "\n")
	b.WriteString("\n" + strings.TrimSpace(body) + "\n")
	return b.String()
}

// MarkdownTitle is the article's title as a markdown heading, escaped.
func MarkdownTitle(a store.Article) string {
	return "# " + markdownText(sanitize.Line(a.Title)) + "\n\n"
}

// HeaderLines are the header's lines under the title, cleaned: byline, feed
// and date, tags, link.
func HeaderLines(a store.Article) []string {
	var lines []string
	if len(a.Authors) > 0 {
		lines = append(lines, "By "+strings.Join(CleanNames(a.Authors), ", "))
	}
	lines = append(lines, sanitize.Line(a.Feed)+" · "+a.Published.UTC().Format("2006-01-02 15:04 UTC"))
	if len(a.Tags) > 0 {
		lines = append(lines, "Tags: "+strings.Join(CleanNames(a.Tags), ", "))
	}
	if link := sanitize.Line(a.Link); link != "" {
		lines = append(lines, link)
	}
	return lines
}

// markdownSpecial are the characters that can start markdown inline syntax
// (emphasis, code, links and images, autolinks and HTML, entities,
// strikethrough, table cells) or escape one.
const markdownSpecial = "\\`*_[]<>&~|"

// markdownText escapes s so that markdown shows it as the text it is.
func markdownText(s string) string {
	if !strings.ContainsAny(s, markdownSpecial) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(markdownSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// markdownLink is an http(s) link as an autolink; anything else as text.
func markdownLink(link string) string {
	if u, err := url.Parse(link); err == nil && (u.Scheme == "http" || u.Scheme == "https") && !strings.ContainsAny(link, "<> ") {
		return "<" + link + ">"
	}
	return markdownText(link)
}

// SafeHTML is the body as cleaned HTML; an article written in markdown is
// rendered to HTML first.
func SafeHTML(b store.Body) (string, error) {
	html := BodyHTML(b)
	if html == "" && b.Markdown != "" {
		var buf bytes.Buffer
		if err := goldmark.Convert([]byte(b.Markdown), &buf); err != nil {
			return "", fmt.Errorf("render article %d as HTML: %w", b.ID, err)
		}
		html = buf.String()
	}
	return sanitize.Text(content.SafeHTML(html, b.Link)) + "\n", nil
}

// Write writes one article to w in format f; JSON is one line holding the
// article's markdown and text.
func Write(ctx context.Context, w io.Writer, cache MarkdownCache, b store.Body, f Format) error {
	var out string
	switch f {
	case Text:
		out = PlainText(b)
	case Markdown:
		md, err := BodyMarkdown(ctx, cache, b)
		if err != nil {
			return err
		}
		out = MarkdownDocument(b.Article, md)
	case HTML:
		html, err := SafeHTML(b)
		if err != nil {
			return err
		}
		out = html
	case JSON:
		md, err := BodyMarkdown(ctx, cache, b)
		if err != nil {
			return err
		}
		j := JSONOf(b.Article)
		text := BodyText(b)
		j.Markdown, j.Text = &md, &text
		return json.NewEncoder(w).Encode(j)
	default:
		return fmt.Errorf("unknown format %q", f)
	}
	_, err := io.WriteString(w, out)
	return err
}
