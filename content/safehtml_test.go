package content

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestSafeHTMLRemovesHostileMarkup(t *testing.T) {
	tests := []struct {
		name, in string
		want     string
	}{
		{"script", `safe<script type="text/javascript">location.href='http://example.com/';</script> description`, "safe description"},
		{"unclosed script", `safe<script>evil()`, "safe"},
		{"script hidden in comment trick", `a<!--<script>-->b</script>c`, "abc"},
		{"style element", `<style>body{display:none}</style><p>x</p>`, "<p>x</p>"},
		{"iframe", `safe<iframe src="http://example.com/"/> description`, "safe description"},
		{"object and embed", `<object data="x.swf"><embed src="x.swf"></object>ok`, "ok"},
		{"form and inputs", `<form action="http://evil/"><input name=a><button>Go</button></form>ok`, "ok"},
		{"event handler", `<img src="http://example.com/i.jpg" onerror="alert(1)" onclick="x()">`, `<img src="http://example.com/i.jpg">`},
		{"event handler on allowed element", `<p onmouseover="alert(1)">x</p>`, "<p>x</p>"},
		{"style attribute", `<a href="http://example.com/" style="position:absolute;top:0">x</a>`, `<a href="http://example.com/">x</a>`},
		{"javascript link", `<a href="javascript:alert(1)">x</a>`, "x"},
		{"mixed case javascript", `<a href="JaVaScRiPt:alert(1)">x</a>`, "x"},
		{"javascript with tab entity", `<a href="jav&#x09;ascript:alert(1)">x</a>`, "x"},
		{"javascript with newline entity", `<a href="jav&#10;ascript:alert(1)">x</a>`, "x"},
		{"javascript with leading space", `<a href="  javascript:alert(1)">x</a>`, "x"},
		{"javascript entity encoded", `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>`, "x"},
		{"vbscript link", `<a href="vbscript:msgbox(1)">x</a>`, "x"},
		{"data link", `<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>`, "x"},
		{"file link", `<a href="file:///etc/passwd">x</a>`, "x"},
		{"data image", `<img src="data:image/png;base64,iVBORw0KGgo=" alt="a">`, `<img alt="a">`},
		{"mailto image", `<img src="mailto:a@example.com" alt="a">`, `<img alt="a">`},
		{"javascript image", `<img src="javascript:alert(1)">`, ""},
		{"svg with script and onload", `<svg onload="alert(1)"><script>alert(2)</script><a href="javascript:x">t</a></svg>ok`, "ok"},
		{"math", `<math><mi xlink:href="javascript:alert(1)">x</mi></math>ok`, "ok"},
		{"template", `<template><img src=x onerror=alert(1)></template>ok`, "ok"},
		{"base and meta", `<base href="http://evil/"><meta http-equiv="refresh" content="0;url=javascript:x">ok`, "ok"},
		{"link stylesheet", `<link rel=stylesheet href="http://evil/x.css">ok`, "ok"},
		{"nested comments", `a<!-- <!-- --> b --> c`, "a b --&gt; c"},
		{"unclosed comment", `safe<!--<script>alert(1)</script>`, "safe"},
		{"malicious comment", `sa<!-- -- nonwhitespace >fe<script>alert(1);</script>`, "sa"},
		{"unclosed tags kept balanced enough", `<p><b>bold<i>both`, "<p><b>bold<i>both"},
		{"cdata read as html", `<p><![CDATA[<script>x()</script><b>b</b>]]></p>`, "<p><b>b</b></p>"},
		{"attribute breaking out", `<a href="http://a/" title='"><script>alert(1)</script>'>x</a>`, `<a href="http://a/" title="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">x</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SafeHTML(tt.in, ""); got != tt.want {
				t.Errorf("SafeHTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSafeHTMLKeepsStructure(t *testing.T) {
	kept := []string{
		"<p>p</p>", "a<br/>b", "<h1>1</h1>", "<h2>2</h2>", "<h3>3</h3>", "<h4>4</h4>", "<h5>5</h5>", "<h6>6</h6>",
		"<ul><li>u</li></ul>", `<ol start="3"><li>o</li></ol>`, "<blockquote>q</blockquote>",
		"<pre><code>c</code></pre>", `<code class="language-go">x</code>`,
		"<em>e</em><strong>s</strong><b>b</b><i>i</i><u>u</u><s>s</s>",
		`<a href="https://example.com/x?y=1" title="t">a</a>`, `<a href="mailto:a@example.com">m</a>`,
		`<img src="https://example.com/i.png" alt="alt" title="t"/>`,
		`<table><caption>c</caption><thead><tr><th colspan="2">h</th></tr></thead><tbody><tr><td rowspan="1">d</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>`,
		"<figure><img src=\"https://example.com/i.png\"/><figcaption>c</figcaption></figure>",
		"<hr/>", "<dl><dt>t</dt><dd>d</dd></dl>", "x<sup>2</sup><sub>i</sub>",
	}
	for _, in := range kept {
		if got := SafeHTML(in, ""); got != in {
			t.Errorf("SafeHTML(%q) = %q, want it unchanged", in, got)
		}
	}
}

func TestSafeHTMLDropsUnlistedAttributes(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<p class="x" id="y" dir="rtl" lang="en">p</p>`, "<p>p</p>"},
		{`<code class="evil">x</code>`, "<code>x</code>"},
		{`<ol start="x"><li>o</li></ol>`, "<ol><li>o</li></ol>"},
		{`<td colspan="2;x">c</td>`, "<td>c</td>"},
		{`<div><span>text</span></div>`, "text"},
	}
	for _, tt := range tests {
		if got := SafeHTML(tt.in, ""); got != tt.want {
			t.Errorf("SafeHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSafeHTMLResolvesRelativeURLs(t *testing.T) {
	tests := []struct {
		name, in, base, want string
	}{
		{"relative link", `<a href="../x">x</a>`, "https://example.com/a/b/", `<a href="https://example.com/a/x">x</a>`},
		{"root relative image", `<img src="/i.png">`, "http://example.com/a/", `<img src="http://example.com/i.png">`},
		{"protocol relative", `<img src="//cdn.example.com/i.png">`, "https://example.com/", `<img src="https://cdn.example.com/i.png">`},
		{"fragment", `<a href="#note">n</a>`, "https://example.com/post", `<a href="https://example.com/post#note">n</a>`},
		{"absolute untouched", `<a href="https://other.example/">o</a>`, "https://example.com/", `<a href="https://other.example/">o</a>`},
		{"mailto untouched", `<a href="mailto:a@example.com">m</a>`, "https://example.com/", `<a href="mailto:a@example.com">m</a>`},
		{"no base keeps relative", `<a href="x">x</a>`, "", `<a href="x">x</a>`},
		{"javascript base ignored", `<a href="x">x</a>`, "javascript:alert(1)//", `<a href="x">x</a>`},
		{"data base ignored", `<img src="x.png">`, "data:text/html,", `<img src="x.png">`},
		{"relative base ignored", `<a href="x">x</a>`, "/a/b", `<a href="x">x</a>`},
		{"file base ignored", `<a href="x">x</a>`, "file:///etc/", `<a href="x">x</a>`},
		{"hostile link still dropped", `<a href="javascript:x">x</a>`, "https://example.com/", "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SafeHTML(tt.in, tt.base); got != tt.want {
				t.Errorf("SafeHTML(%q, %q)\n got %q\nwant %q", tt.in, tt.base, got, tt.want)
			}
		})
	}
}

func TestSafeHTMLRemovesTerminalControls(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"raw ESC", "<p>a\x1b[2Jb</p>", "<p>a[2Jb</p>"},
		{"ESC reference", "<p>a&#27;[2Jb&#x1B;</p>", "<p>a[2Jb</p>"},
		{"double escaped ESC", "<p>a&amp;#27;[2Jb</p>", "<p>a[2Jb</p>"},
		{"ESC in attribute", `<img src="https://example.com/i.png" alt="a&#27;[2Jb">`, `<img src="https://example.com/i.png" alt="a[2Jb">`},
		{"bidi override", "<p>a\u202eb&#x202D;c</p>", "<p>abc</p>"},
		{"NUL", "<p>a\x00b</p>", "<p>ab</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SafeHTML(tt.in, "")
			if got != tt.want {
				t.Errorf("SafeHTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if bad := terminalUnsafe(got); bad != "" {
				t.Errorf("SafeHTML(%q) holds %s", tt.in, bad)
			}
		})
	}
}

func TestSafeHTMLOfPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"one line", "<p>one line</p>\n"},
		{"a < b & c\n\nsecond *para*", "<p>a &lt; b &amp; c</p>\n<p>second *para*</p>\n"},
		{"&lt;p&gt;double&lt;/p&gt;", "<p>double</p>"},
	}
	for _, tt := range tests {
		if got := SafeHTML(tt.in, ""); got != tt.want {
			t.Errorf("SafeHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Deep nesting goes through bluemonday's tokenizer, which keeps no stack.
func TestSafeHTMLDeepNesting(t *testing.T) {
	for _, tag := range []string{"div", "blockquote", "b"} {
		in := strings.Repeat("<"+tag+">", 100_000) + "x"
		got := SafeHTML(in, "")
		if !strings.HasSuffix(got, "x") {
			t.Errorf("SafeHTML(100k nested <%s>) ends %q", tag, got[max(0, len(got)-20):])
		}
	}
}

// checkSafeHTML reports safeHTMLProblems of SafeHTML(in) = out.
func checkSafeHTML(t *testing.T, in, out string) {
	t.Helper()
	for _, problem := range safeHTMLProblems(out) {
		t.Errorf("SafeHTML(%q) = %q: %s", in, out, problem)
	}
}

// safeHTMLProblems tokenises out the way a browser would and lists anything
// the allow-list should have removed, and any terminal control.
func safeHTMLProblems(out string) []string {
	var problems []string
	allowed := map[string]bool{}
	for _, name := range strings.Fields(`p br h1 h2 h3 h4 h5 h6 ul ol li blockquote pre code em strong b i u s
		del ins sup sub hr table caption thead tbody tfoot tr th td colgroup col figure figcaption dl dt dd a img`) {
		allowed[name] = true
	}
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt == html.CommentToken || tt == html.DoctypeToken {
			problems = append(problems, "kept a comment or doctype")
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken {
			continue
		}
		tok := z.Token()
		if !allowed[tok.Data] {
			problems = append(problems, "kept element "+tok.Data)
		}
		for _, attr := range tok.Attr {
			if strings.HasPrefix(attr.Key, "on") || attr.Key == "style" {
				problems = append(problems, "kept attribute "+attr.Key)
			}
			if (attr.Key == "href" || attr.Key == "src") && !allowedURL(attr.Val, tok.Data == "a") {
				problems = append(problems, "kept URL "+attr.Val)
			}
		}
	}
	if bad := terminalUnsafe(out); bad != "" {
		problems = append(problems, "holds "+bad)
	}
	return problems
}

// The oracle itself must catch what it is there to catch.
func TestSafeHTMLProblems(t *testing.T) {
	tests := []struct {
		html string
		want int
	}{
		{`<p><a href="https://x/">a</a><a href="mailto:a@b">m</a><img src="/i.png" alt="i"></p>`, 0},
		{`<p>&lt;script&gt;javascript:alert(1) onerror=x&lt;/script&gt;</p>`, 0},
		{`<script>x</script>`, 2},
		{`<img src="x" onerror="alert(1)">`, 1},
		{`<a href="javascript:alert(1)">x</a>`, 1},
		{`<img src="mailto:a@b">`, 1},
		{`<p style="color:red">x</p>`, 1},
		{`<div>x</div>`, 2},
		{`<!-- c -->`, 1},
		{"<p>\x1b[2J</p>", 1},
	}
	for _, tt := range tests {
		if got := safeHTMLProblems(tt.html); len(got) != tt.want {
			t.Errorf("safeHTMLProblems(%q) = %q, want %d problems", tt.html, got, tt.want)
		}
	}
}

func TestSafeHTMLProperties(t *testing.T) {
	for _, in := range hostileInputs {
		checkSafeHTML(t, in, SafeHTML(in, "https://example.com/a/"))
		checkSafeHTML(t, in, SafeHTML(in, ""))
	}
}

// hostileInputs feed the property tests and seed the fuzz targets.
var hostileInputs = []string{
	"",
	"plain text",
	"\x00\x1b[2J\x9b31m\u202e",
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=http://evil/xss.js></SCRIPT>`,
	`<IMG SRC="jav&#x09;ascript:alert('XSS');">`,
	`<IMG SRC=JaVaScRiPt:alert('XSS')>`,
	`<IMG SRC=javascript:alert(&quot;XSS&quot;)>`,
	"<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
	`<a href="&#x6A;avascript:alert(1)">x</a>`,
	`<a href="java\0script:alert(1)">x</a>`,
	`<a href=" &#14;  javascript:alert(1)">x</a>`,
	`<img src=x onerror=alert(1)//`,
	`<svg/onload=alert(1)>`,
	`<svg><script>alert(1)</script></svg>`,
	`<math><a xlink:href="javascript:alert(1)">x</a></math>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>`,
	`<embed src="data:image/svg+xml;base64,PHN2Zz4=">`,
	`<form><button formaction="javascript:alert(1)">x</button></form>`,
	`<a href="vbscript:msgbox(1)">x</a><a href="file:///etc/passwd">y</a>`,
	`<img src="data:image/png;base64,AAAA">`,
	`<div style="background:url(javascript:alert(1))">x</div>`,
	`<!--[if gte IE 4]><script>alert(1)</script><![endif]-->`,
	`<!-- <!-- nested --> <script>alert(1)</script> -->`,
	`<!--`,
	`<![CDATA[<script>alert(1)</script>]]>`,
	`<![CDATA[unterminated <img src=x onerror=alert(1)>`,
	`<p>unclosed <b>tags <i>everywhere`,
	`<a href="http://example.com/" title="&#27;[2J">t</a>`,
	`&lt;script&gt;alert(1)&lt;/script&gt;`,
	`&lt;img src=x onerror=alert(1)&gt;`,
	`&amp;#27;[2J &#x1b;[31m &#155; &#x9b;`,
	`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
	`<style><img src=x onerror=alert(1)></style>`,
	`<textarea><script>alert(1)</script></textarea>`,
	`<title><script>alert(1)</script></title>`,
	`<xmp><script>alert(1)</script></xmp>`,
	`<plaintext><script>alert(1)</script>`,
	`<a href="javascript&colon;alert(1)">x</a>`,
	`<a href="javas&Tab;cript:alert(1)">x</a>`,
	`<base href="javascript:/"><a href="x">x</a>`,
	`<table background="javascript:alert(1)"><td>x</td></table>`,
	`<blockquote cite="javascript:alert(1)">q</blockquote>`,
	`<scr<script>ipt>alert(1)</scr</script>ipt>`,
	`<<script>script>alert(1)<</script>/script>`,
}
