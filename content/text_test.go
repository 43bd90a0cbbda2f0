package content

import (
	"strings"
	"testing"

	"github.com/herald-reader/herald/sanitize"
)

func TestTextLayout(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"paragraphs", "<p>one</p><p>two</p>", "one\n\ntwo"},
		{"white space collapsed", "<p>  a \n\t b  </p>\n\n<p>\nc\n</p>", "a b\n\nc"},
		{"inline tags join words", "<p>a<b>b</b> <em>c</em>d</p>", "ab cd"},
		{"br is a line break", "a<br>b<br/>c", "a\nb\nc"},
		{"two br make a blank line", "a<br><br>b", "a\n\nb"},
		{"many br make one blank line", "a<br><br><br><br>b", "a\n\nb"},
		{"div is a line", "<div>a</div><div>b</div>", "a\nb"},
		{"nested blocks make one blank line", "<div><p>a</p></div><div><p>b</p></div>", "a\n\nb"},
		{"headings", "<h1>Title</h1>text<h2>Sub</h2>more", "Title\n\ntext\n\nSub\n\nmore"},
		{"list items", "<p>intro</p><ul><li>one</li><li>two</li></ul><p>after</p>", "intro\n\n- one\n- two\n\nafter"},
		{"unclosed list items", "<ol><li>one<li>two</ol>", "- one\n- two"},
		{"nested list", "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", "- a\n  - b\n- c"},
		{"blockquote", "x<blockquote>quoted</blockquote>y", "x\n\nquoted\n\ny"},
		{"pre keeps white space", "<p>a</p><pre>  x  y\n    z</pre><p>b</p>", "a\n\n  x  y\n    z\n\nb"},
		{"newline after pre start dropped", "<pre>\ncode\n</pre>", "code"},
		{"table rows and cells", "<table><tr><th>h1</th><th>h2</th></tr><tr><td>a</td><td>b</td></tr></table>", "h1 h2\na b"},
		{"hr", "a<hr>b", "a\n\nb"},
		{"no leading or trailing breaks", "<p></p><br><p>x</p><br><br>", "x"},
		{"plain text keeps its lines", "line one\nline two\n\n\n\npara two  \r\nend", "line one\nline two\n\npara two\nend"},
		{"plain text entities decoded", "AT&amp;T &lt;3", "AT&T <3"},
		{"stray less-than is text", "<p>a < b and x<1</p>", "a < b and x<1"},
		{"less-than before a letter starts a tag", "<p>c<d and more</p>", "c"},
		{"less-than at end", "<p>x</p><", "x\n\n<"},
		{"uppercase tags", "<P>a</P><UL><LI>b</LI></UL>", "a\n\n- b"},
		{"quoted > inside attribute", `<a title="a > b" href='x>y'>link</a> after`, "link after"},
		{"attributes without spaces between", `<div a="1"onclick="x>y"b=c>text</div>`, "text"},
		{"unclosed tag at end dropped", "<p>text</p><a href=\"x", "text"},
		{"unclosed quote at end dropped", "<p>text</p><a title='x>y", "text"},
		{"end tag with attributes", "a</p class=x>b", "a\n\nb"},
		{"empty end tag ignored", "<b>a</>b</b>", "ab"},
		{"image alt text stands in", `<p>see<img src="x.png" alt="a &amp; b">here</p>`, "see a & b here"},
		{"image without alt", `<p>see <img src="x.png"> here</p>`, "see here"},
		{"processing instruction dropped", "<?xml version=\"1.0\"?><p>x</p>", "x"},
		{"doctype dropped", "<!DOCTYPE html><html><body><p>x</p></body></html>", "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTextEntities(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"named", "<p>&amp; &lt; &gt; &quot; &eacute; &hellip; &rsquo;</p>", "& < > \" é … ’"},
		{"numeric", "<p>&#233; &#xE9; &#X2014;</p>", "é é —"},
		{"nbsp is not collapsed", "<p>a&nbsp;&nbsp;b</p>", "a\u00a0\u00a0b"},
		{"escaped markup is text", "<p>&lt;b&gt;not bold&lt;/b&gt;</p>", "<b>not bold</b>"},
		{"double escaped entity decoded once", "<p>&amp;lt;</p>", "&lt;"},
		{"unknown entity kept", "<p>&bogus; &amp</p>", "&bogus; &"},
		{"entity newline collapsed", "<p>a&#10;&#10;b</p>", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTextHiddenContent(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"script", "a<script>alert('x')</script>b", "ab"},
		{"script with tags inside", "a<script>document.write('<p>evil</p>')</script>b", "ab"},
		{"uppercase script", "a<SCRIPT type=text/javascript>evil()</SCRIPT >b", "ab"},
		{"script end tag needs its name", "a<script>x</scriptx>y</script>b", "ab"},
		{"unclosed script hides the rest", "a<script>evil(); <p>more</p>", "a"},
		{"self-closed iframe is empty", `safe<iframe src="http://example.com/"/> description`, "safe description"},
		{"self-closed script is empty", `a<script src="x.js" />b`, "ab"},
		{"style", "<style>p{color:red}</style><p>x</p>", "x"},
		{"template", "<template><p>t</p></template>x", "x"},
		{"noscript", "<noscript>enable js</noscript>x", "x"},
		{"iframe fallback", "<iframe src=x>fallback</iframe>x", "x"},
		{"title", "<head><title>Page</title></head><body>x</body>", "x"},
		{"comment", "a<!-- hidden <p>x</p> -->b", "ab"},
		{"comment closed by --!>", "<b>a<!-- hidden --!>b</b>", "ab"},
		{"empty comments", "a<!-->b<!--->c", "abc"},
		{"nested comment ends at first -->", "a<!-- <!-- inner --> b -->", "a b -->"},
		{"unclosed comment hides the rest", "a<!-- <script>", "a"},
		{"bogus comment", "<b>a<!x>b</ x>c</b>", "abc"},
		{"cdata content is read as html", "<p>a<![CDATA[ <b>b</b> & c ]]>d</p>", "a b & c d"},
		{"double escaped html is read as html", "&lt;p&gt;one&lt;/p&gt;&lt;script&gt;evil()&lt;/script&gt;&lt;p&gt;two&lt;/p&gt;", "one\n\ntwo"},
		{"svg text kept, svg script dropped", "<svg><script>evil()</script><text>label</text></svg>", "label"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTextRemovesTerminalControls(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"raw ESC", "<p>a\x1b[2Jb</p>", "a[2Jb"},
		{"ESC after a space", "<p>a \x1b[2Jb</p>", "a [2Jb"},
		{"DEL after a space", "<p>a \x7fb</p>", "a b"},
		{"decimal ESC", "<p>a&#27;[31mb</p>", "a[31mb"},
		{"hex ESC", "<p>a&#x1b;[31mb&#X1B;</p>", "a[31mb"},
		{"double escaped ESC", "<p>a&amp;#27;[31mb</p>", "a[31mb"},
		{"triple escaped ESC", "<p>a&amp;amp;#x1b;b</p>", "ab"},
		{"C1 CSI raw", "<p>a\u009b31mb</p>", "a31mb"},
		// HTML reads references to 0x80-0x9F as windows-1252: no C1 control.
		{"C1 CSI as reference", "<p>a&#155;31mb&#x9B;</p>", "a›31mb›"},
		{"control-only paragraph leaves no gap", "<p>a</p><p>&#27;</p><p>\x1b</p><p>b</p>", "a\n\nb"},
		{"NUL bytes", "<p>a\x00b</p>\x00", "ab"},
		{"NUL in tag name", "<p\x00>a</p>", "a"},
		{"BEL and backspace", "<p>a\x07\x08b</p>", "ab"},
		{"bidi override", "<p>file\u202Egnp.exe</p>", "filegnp.exe"},
		{"bidi isolate as reference", "<p>a&#x2066;b&#8297;c</p>", "abc"},
		{"ESC in plain text", "plain\x1b]0;title\x07 text", "plain]0;title text"},
		{"ESC reference in plain text", "plain &#27;[2J text", "plain [2J text"},
		{"ESC in pre", "<pre>a\x1b[1mb</pre>", "a[1mb"},
		{"invalid UTF-8", "<p>a\xff\xfeb</p>", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			if got != tt.want {
				t.Errorf("Text(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if bad := terminalUnsafe(got); bad != "" {
				t.Errorf("Text(%q) holds %s", tt.in, bad)
			}
		})
	}
}

// Deeply nested markup costs a scanner nothing: no stack, one pass.
func TestTextDeepNesting(t *testing.T) {
	for _, tag := range []string{"div", "b", "li", "blockquote", "pre"} {
		in := strings.Repeat("<"+tag+">", 100_000) + "x" + strings.Repeat("</"+tag+">", 100_000)
		got := Text(in)
		if strings.TrimLeft(got, "- ") != "x" || terminalUnsafe(got) != "" {
			t.Errorf("Text(100k nested <%s>) = %.40q...", tag, got)
		}
	}
}

// Inputs built to make a naive scanner quadratic: each comment searched to
// the end for a closer, each stray '<' checked against the rest, each item
// of a deep list indented by its depth. All must stay one pass; the output
// of the deep list must stay near the input's size.
func TestTextPathologicalInputs(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"many comments closed by --!>", strings.Repeat("<b><!-- x --!>", 100_000) + "end", "end"},
		{"many comments closed by -->", strings.Repeat("<b><!-- x -->", 100_000) + "end", "end"},
		{"many unclosed comment openers in text", strings.Repeat("a <!-- b ", 100_000), strings.TrimSpace(strings.Repeat("a <!-- b ", 100_000))},
		{"many unclosed tags in text", strings.Repeat("a <b c ", 100_000), strings.TrimSpace(strings.Repeat("a <b c ", 100_000))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%.40q...) = %.40q..., want %.40q...", tt.in, got, tt.want)
			}
		})
	}
	deepList := strings.Repeat("<ul><li>x", 100_000)
	if got := Text(deepList); len(got) > 2*len(deepList) {
		t.Errorf("Text of a list nested 100k deep is %d bytes from %d", len(got), len(deepList))
	}
}

func TestTextOfArticle(t *testing.T) {
	got := Text(readTestdata(t, "article.html"))
	if strings.ContainsAny(got, "<>") {
		t.Errorf("markup left in text: %.200q", got)
	}
	for _, want := range []string{
		"Much one denva rotannergri tisoslotis monpalden?", // first words, <em> dropped
		"\n\n- ", // list items
	} {
		if !strings.Contains(got, want) {
			t.Errorf("text of article lacks %q", want)
		}
	}
}

func TestAttrValue(t *testing.T) {
	tests := []struct {
		attrs, key, want string
	}{
		{` src="x" alt="double">`, "alt", "double"},
		{` alt='single' src=x>`, "alt", "single"},
		{` ALT=unquoted/>`, "alt", "unquoted/"},
		{` alt = "spaced" >`, "alt", "spaced"},
		{` title="alt=no" alt="yes">`, "alt", "yes"},
		{` data-alt="no">`, "alt", ""},
		{` alt>`, "alt", ""},
		{` alt="unclosed>`, "alt", ""},
		{` = "x" alt="after junk">`, "alt", "after junk"},
		{`/ alt="after slash"/>`, "alt", "after slash"},
		{`>`, "alt", ""},
	}
	for _, tt := range tests {
		if got := attrValue(tt.attrs, tt.key); got != tt.want {
			t.Errorf("attrValue(%q, %q) = %q, want %q", tt.attrs, tt.key, got, tt.want)
		}
	}
}

// Text skips sanitize.Text when every copied byte is outside the
// mayNeedCleaning class; that is only right while sanitize.Text leaves
// every such byte alone.
func TestByteClassesAgreeWithSanitize(t *testing.T) {
	for c := range 256 {
		if byteClasses[c]&mayNeedCleaning != 0 {
			continue
		}
		in := "a" + string([]byte{byte(c)}) + "b"
		if got := sanitize.Text(in); got != in {
			t.Errorf("byte %#x is not marked mayNeedCleaning, but sanitize.Text(%q) = %q", c, in, got)
		}
	}
}
