package opigno

import (
	"strings"
	"testing"
)

func TestSanitizeDescription(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"<p>Hello <strong>there</strong></p>", "<p>Hello <strong>there</strong></p>"},
		{"<P CLASS=x>Upper</P>", "<p>Upper</p>"},
		{"<h1>Title</h1><h2>Sub</h2><h6>Tiny</h6>", "Title<h2>Sub</h2><h6>Tiny</h6>"},
		{"<em>a</em><u>b</u><s>c</s><sub>d</sub><sup>e</sup><br/><br >", "<em>a</em><u>b</u><s>c</s><sub>d</sub><sup>e</sup><br><br>"},
		{`<a href="https://x.example/?a=1&amp;b=2" onclick="evil()">l</a>`, `<a href="https://x.example/?a=1&amp;b=2">l</a>`},
		{`<a href="mailto:a@b.example">m</a><a href="/relative">r</a>`, `<a href="mailto:a@b.example">m</a><a href="/relative">r</a>`},
		{`<a href="javascript:alert(1)">j</a>`, `<a>j</a>`},
		{`<a href=" java&#x09;script:alert(1)">j</a>`, `<a>j</a>`},
		{`<a href="JAVASCRIPT:x">j</a><a href="data:text/html,x">d</a>`, `<a>j</a><a>d</a>`},
		{`<ol start="5" reversed><li>x</li></ol><ol start="x"></ol>`, `<ol start="5"><li>x</li></ol><ol></ol>`},
		{`<ul><li>a<li>b</ul>`, `<ul><li>a<li>b</ul>`},
		{`<script>alert("x")</script>after`, `after`},
		{`<STYLE>p{}</style >after`, `after`},
		{`<img src=x onerror=alert(1)>text<iframe src="y"></iframe>`, `text`},
		{`<div><span>kept text</span></div>`, `kept text`},
		{`<!-- comment -->visible`, `visible`},
		{`1 < 2 and 3 > 2`, `1 &lt; 2 and 3 > 2`},
		{`<3 <p`, `&lt;3 &lt;p`},
		{`<a href="unterminated>x`, `&lt;a href="unterminated>x`},
		{`<p title='it"s'>q</p>`, `<p>q</p>`},
	} {
		if got, _ := sanitizeDescription(tc.in); got != tc.want {
			t.Errorf("sanitize(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
	for in, want := range map[string]bool{"": false, "<p> </p>": false, "<br><script>x</script>": false, "<p>x</p>": true, "&nbsp;": true} {
		if _, has := sanitizeDescription(in); has != want {
			t.Errorf("hasText(%q) = %v", in, has)
		}
	}
}

// FuzzSanitizeDescription: whatever comes in, no disallowed tag or
// attribute comes out, and sanitizing again changes nothing.
func FuzzSanitizeDescription(f *testing.F) {
	for _, s := range []string{"<p>x</p>", `<a href="javascript:x">`, "<scr<script>ipt>", `<a href='x' onclick=y>`, "<ol start=3>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, _ := sanitizeDescription(in)
		again, _ := sanitizeDescription(out)
		if again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, out, again)
		}
		for i := strings.IndexByte(out, '<'); i >= 0; i = strings.IndexByte(out, '<') {
			tg, n, ok := parseTag(out[i:])
			if !ok {
				t.Fatalf("unparsable tag left in %q", out)
			}
			attr, allowed := allowedTags[tg.name]
			for name := range tg.attrs {
				allowed = allowed && name == attr
			}
			if !allowed {
				t.Fatalf("disallowed %q in %q (from %q)", out[i:i+n], out, in)
			}
			out = out[i+n:]
		}
	})
}
