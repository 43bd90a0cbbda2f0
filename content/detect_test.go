package content

import "testing"

func TestLooksLikeHTML(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", false},
		{"plain text", false},
		{"a < b and c > d", false},
		{"if x<p then stop", false},
		{"see <https://example.com/> for more", false},
		{"mail <john@example.com>", false},
		{"Tom &amp; Jerry", false},
		{"&lt;p&gt;escaped&lt;/p&gt;", false},
		{"<p", false},
		{"<b and nothing closes it", false},
		{"<custom-element>x</custom-element>", false},
		{"<p>para</p>", true},
		{"<P>upper</P>", true},
		{"text<br>more", true},
		{"text<br/>more", true},
		{"<img src=x.png alt='a'>", true},
		{"a </div> b", true},
		{"<!-- comment -->", true},
		{"<!-- never closed", false},
		{"<!DOCTYPE html><title>t</title>", true},
		{"x <b\n class=y>bold</b>", true},
	}
	for _, tt := range tests {
		if got := LooksLikeHTML(tt.in); got != tt.want {
			t.Errorf("LooksLikeHTML(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPrepareHTML(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		wantBody   string
		wantIsHTML bool
	}{
		{"html stays", "<p>a &lt;b&gt;</p>", "<p>a &lt;b&gt;</p>", true},
		{"plain stays", "a < b", "a < b", false},
		{"double escaped is decoded once", "&lt;p&gt;hi &amp;amp; bye&lt;/p&gt;", "<p>hi &amp; bye</p>", true},
		{"escaped text about tags stays text", "write &lt;3 forever", "write &lt;3 forever", false},
		{"cdata markers removed", "<p>a <![CDATA[<b>b</b>]]> c</p>", "<p>a <b>b</b> c</p>", true},
		{"cdata only", "<![CDATA[plain]]>", "plain", false},
		{"unterminated cdata", "x<![CDATA[<em>y</em>", "x<em>y</em>", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, isHTML := prepareHTML(tt.in)
			if body != tt.wantBody || isHTML != tt.wantIsHTML {
				t.Errorf("prepareHTML(%q) = %q, %v; want %q, %v", tt.in, body, isHTML, tt.wantBody, tt.wantIsHTML)
			}
		})
	}
}
