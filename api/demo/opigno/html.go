package opigno

import (
	"html"
	"strings"
)

// Community descriptions keep only the tags Opigno documents as allowed;
// other tags are trimmed (their text stays), and attributes other than
// <a href> (http, https, mailto or relative) and <ol start> are dropped.
var allowedTags = map[string]string{ // tag -> its one allowed attribute
	"br": "", "p": "", "h2": "", "h3": "", "h4": "", "h5": "", "h6": "",
	"strong": "", "em": "", "u": "", "s": "", "sub": "", "sup": "",
	"a": "href", "ul": "", "ol": "start", "li": "",
}

// rawTextTags lose their content too: it is code, not description text.
var rawTextTags = map[string]bool{"script": true, "style": true}

// sanitizeDescription filters in and reports whether any text remains, so
// "<p></p>" does not count as a description.
func sanitizeDescription(in string) (string, bool) {
	var b strings.Builder
	hasText := false
	for i := 0; i < len(in); {
		if in[i] != '<' {
			hasText = hasText || !isSpace(in[i])
			b.WriteByte(in[i])
			i++
			continue
		}
		if strings.HasPrefix(in[i:], "<!--") {
			i = skipPast(in, i+4, "-->")
			continue
		}
		t, n, ok := parseTag(in[i:])
		if !ok {
			b.WriteString("&lt;")
			hasText = true
			i++
			continue
		}
		i += n
		if rawTextTags[t.name] && !t.closing {
			i = skipPast(in, i, "</"+t.name)
			i = skipPast(in, i, ">")
			continue
		}
		if attr, ok := allowedTags[t.name]; ok {
			b.WriteString(t.render(attr))
		}
	}
	return b.String(), hasText
}

// skipPast returns the index just after the first marker at or after i
// (case-insensitively), or len(s).
func skipPast(s string, i int, marker string) int {
	j := strings.Index(strings.ToLower(s[i:]), strings.ToLower(marker))
	if j < 0 {
		return len(s)
	}
	return i + j + len(marker)
}

type tag struct {
	name    string
	closing bool
	attrs   map[string]string
}

// parseTag reads one tag at the start of s ("<name attrs>" or "</name>")
// and its length; ok is false when s does not start with a complete tag.
func parseTag(s string) (tag, int, bool) {
	t := tag{attrs: map[string]string{}}
	i := 1
	if i < len(s) && s[i] == '/' {
		t.closing = true
		i++
	}
	start := i
	for i < len(s) && isTagNameByte(s[i]) {
		i++
	}
	if i == start || !isLetter(s[start]) {
		return tag{}, 0, false
	}
	t.name = strings.ToLower(s[start:i])
	for i < len(s) {
		switch c := s[i]; {
		case c == '>':
			return t, i + 1, true
		case isSpace(c) || c == '/':
			i++
		default:
			var ok bool
			if i, ok = t.attribute(s, i); !ok {
				return tag{}, 0, false
			}
		}
	}
	return tag{}, 0, false
}

// attribute reads name[=value] at i and returns the index after it.
func (t *tag) attribute(s string, i int) (int, bool) {
	start := i
	for i < len(s) && !isSpace(s[i]) && !strings.ContainsRune("=>/\"'", rune(s[i])) {
		i++
	}
	if i == start {
		return 0, false // a stray quote or = where a name belongs
	}
	name := strings.ToLower(s[start:i])
	j := skipSpaces(s, i)
	if j >= len(s) || s[j] != '=' {
		t.attrs[name] = ""
		return i, true
	}
	j = skipSpaces(s, j+1)
	if j < len(s) && (s[j] == '"' || s[j] == '\'') {
		end := strings.IndexByte(s[j+1:], s[j])
		if end < 0 {
			return 0, false
		}
		t.attrs[name] = html.UnescapeString(s[j+1 : j+1+end])
		return j + end + 2, true
	}
	k := j
	for k < len(s) && !isSpace(s[k]) && s[k] != '>' {
		k++
	}
	t.attrs[name] = html.UnescapeString(s[j:k])
	return k, true
}

// render writes the tag back with only its allowed, safe attribute.
func (t tag) render(attr string) string {
	if t.closing {
		return "</" + t.name + ">"
	}
	v, ok := t.attrs[attr]
	switch {
	case !ok || attr == "":
	case attr == "href" && safeHref(v), attr == "start" && isDigits(v):
		return "<" + t.name + " " + attr + "=\"" + html.EscapeString(v) + "\">"
	}
	return "<" + t.name + ">"
}

// safeHref accepts http, https and mailto links and relative ones. Browsers
// ignore control characters and spaces inside a scheme, so those are
// removed before the scheme is read.
func safeHref(v string) bool {
	clean := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, v)
	scheme, _, found := strings.Cut(clean, ":")
	if !found || strings.ContainsAny(scheme, "/?#") {
		return clean != ""
	}
	switch strings.ToLower(scheme) {
	case "http", "https", "mailto":
		return true
	}
	return false
}

func isDigits(s string) bool {
	if s == "" || len(s) > 9 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isSpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isTagNameByte(c byte) bool {
	return isLetter(c) || '0' <= c && c <= '9' || c == '-'
}

func skipSpaces(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}
