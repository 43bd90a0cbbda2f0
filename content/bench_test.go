package content

import (
	"strings"
	"testing"
)

// The article is one item's description from the project's feed generator
// (python3 /work/shared/tools/feedgen.py gen ...): about 11 KB of
// paragraphs, headings, links, emphasis, lists, code and an image.

func BenchmarkText(b *testing.B) {
	article := readTestdata(b, "article.html")
	b.SetBytes(int64(len(article)))
	b.ReportAllocs()
	for b.Loop() {
		Text(article)
	}
}

// Real articles carry non-ASCII punctuation (’ “ ” —), which sends Text's
// output through sanitize.Text; this variant has one at every comma.
func BenchmarkTextTypographic(b *testing.B) {
	article := strings.ReplaceAll(readTestdata(b, "article.html"), ", ", "’ ")
	b.SetBytes(int64(len(article)))
	b.ReportAllocs()
	for b.Loop() {
		Text(article)
	}
}

func BenchmarkSafeHTML(b *testing.B) {
	article := readTestdata(b, "article.html")
	b.SetBytes(int64(len(article)))
	b.ReportAllocs()
	for b.Loop() {
		SafeHTML(article, "https://example.org/posts/1")
	}
}

func BenchmarkMarkdown(b *testing.B) {
	article := readTestdata(b, "article.html")
	b.SetBytes(int64(len(article)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Markdown(article, "https://example.org/posts/1"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "items/s")
}

func BenchmarkMarkdownText(b *testing.B) {
	md, err := Markdown(readTestdata(b, "article.html"), "")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(md)))
	b.ReportAllocs()
	for b.Loop() {
		MarkdownText(md)
	}
}
