package config

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/rosterm/rosterm/keymap/suggest"
)

// Error is one problem in a configuration file: where it is and what is
// allowed instead. It never quotes a secret's value.
type Error struct {
	File string
	Line int    // 0 when the problem is not at one line
	Path string // the setting, such as profiles.local.opigno.endpoint
	Msg  string
}

func (e *Error) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc += ":" + strconv.Itoa(e.Line)
	}
	if e.Path != "" {
		return loc + ": " + e.Path + ": " + e.Msg
	}
	return loc + ": " + e.Msg
}

// Errors are all the problems found in one file, in file order, one per
// line of text.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// err returns es as an error, or nil when there are none.
func (es Errors) err() error {
	if len(es) == 0 {
		return nil
	}
	slices.SortStableFunc(es, func(a, b *Error) int { return a.Line - b.Line })
	return es
}

// at is a place in the file that errors are reported against.
type at struct {
	file string
	line int
	path string
}

func (a at) errorf(format string, args ...any) *Error {
	return &Error{File: a.file, Line: a.line, Path: a.path, Msg: fmt.Sprintf(format, args...)}
}

// decoder walks the YAML node tree, so that every problem carries its line,
// and collects every problem rather than stopping at the first.
type decoder struct {
	file   string
	errs   Errors
	failed []string // paths with a problem, so "missing" is not said of them too
}

func (d *decoder) at(n *yaml.Node, path string) at { return at{file: d.file, line: n.Line, path: path} }

func (d *decoder) fail(n *yaml.Node, path, format string, args ...any) {
	d.errs = append(d.errs, d.at(n, path).errorf(format, args...))
	d.failed = append(d.failed, path)
}

// hasFailed reports whether a problem was found at path or inside it.
func (d *decoder) hasFailed(path string) bool {
	return slices.ContainsFunc(d.failed, func(f string) bool { return f == path || strings.HasPrefix(f, path+".") })
}

// field is one key a mapping may have; set decodes its value.
type field struct {
	name string
	set  func(key, val *yaml.Node, path string)
}

// mapping decodes n, which must be a mapping, key by key. Unknown keys (with
// a suggestion and the list of allowed keys) and repeated keys are errors.
// It reports whether n was a mapping.
func (d *decoder) mapping(n *yaml.Node, path string, fields []field) bool {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "want a mapping with the keys %s, got %s", names(fields), describe(n))
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		f := slices.IndexFunc(fields, func(f field) bool { return f.name == k.Value })
		switch {
		case f < 0:
			d.fail(k, path, "unknown key %q%s (allowed: %s)", k.Value, suggest.DidYouMean(k.Value, fieldNames(fields)), names(fields))
			if near := suggest.Closest(k.Value, fieldNames(fields)); near != "" {
				d.failed = append(d.failed, join(path, near)) // not also "missing"
			}
		case seen[k.Value]:
			d.fail(k, join(path, k.Value), "given twice")
		default:
			seen[k.Value] = true
			fields[f].set(k, deref(v), join(path, k.Value))
		}
	}
	return true
}

// entries calls each for every key and value of the mapping n, checking that
// keys are not repeated.
func (d *decoder) entries(n *yaml.Node, path, what string, each func(k, v *yaml.Node)) {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "want a mapping of %s, got %s", what, describe(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			d.fail(k, join(path, k.Value), "given twice")
			continue
		}
		seen[k.Value] = true
		each(k, deref(v))
	}
}

func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func fieldNames(fields []field) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.name
	}
	return out
}

func names(fields []field) string { return strings.Join(fieldNames(fields), ", ") }

// describe names what a node is, for "want X, got Y" messages. It does not
// quote the value, which could be a secret.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "nothing"
		case "!!bool":
			return "a boolean"
		case "!!int", "!!float":
			return "a number"
		}
		return "a string"
	}
	return "something else"
}

func isScalar(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag != "!!null" }

// str decodes a non-empty scalar.
func (d *decoder) str(dst *string) func(_, v *yaml.Node, path string) {
	return func(_, v *yaml.Node, path string) {
		if !isScalar(v) || v.Value == "" {
			d.fail(v, path, "want a non-empty string, got %s", describe(v))
			return
		}
		*dst = v.Value
	}
}

func (d *decoder) boolean(dst *bool) func(_, v *yaml.Node, path string) {
	return func(_, v *yaml.Node, path string) {
		if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" || v.Decode(dst) != nil {
			d.fail(v, path, "want true or false, got %s", describe(v))
		}
	}
}

func (d *decoder) duration(dst *time.Duration) func(_, v *yaml.Node, path string) {
	return func(_, v *yaml.Node, path string) {
		t, err := time.ParseDuration(v.Value)
		if !isScalar(v) || err != nil || t <= 0 {
			d.fail(v, path, "want a positive duration such as 15s or 1m, got %s", describe(v))
			return
		}
		*dst = t
	}
}

// oneOf decodes a string that must be one of allowed.
func (d *decoder) oneOf(dst *string, allowed []string) func(_, v *yaml.Node, path string) {
	return func(_, v *yaml.Node, path string) {
		if !isScalar(v) || !slices.Contains(allowed, v.Value) {
			d.fail(v, path, "want one of %s, got %s%s", strings.Join(allowed, ", "), quoted(v), suggest.DidYouMean(v.Value, allowed))
			return
		}
		*dst = v.Value
	}
}

// checked decodes a string that check, its owner's own rule (such as
// theme.Check), accepts; check's error is the message.
func (d *decoder) checked(dst *string, check func(string) error) func(_, v *yaml.Node, path string) {
	return func(_, v *yaml.Node, path string) {
		if !isScalar(v) {
			d.fail(v, path, "want a string, got %s", describe(v))
			return
		}
		if err := check(v.Value); err != nil {
			d.fail(v, path, "%v", err)
			return
		}
		*dst = v.Value
	}
}

// quoted shows a non-secret scalar's value.
func quoted(v *yaml.Node) string {
	if isScalar(v) {
		return strconv.Quote(v.Value)
	}
	return describe(v)
}

// strings decodes a list of non-empty strings; a single string is a list of one.
func (d *decoder) list(dst *[]string, what string) func(_, v *yaml.Node, path string) {
	return func(_, v *yaml.Node, path string) {
		if isScalar(v) && v.Value != "" {
			*dst = []string{v.Value}
			return
		}
		if v.Kind != yaml.SequenceNode {
			d.fail(v, path, "want a list of %s, such as [a, b], got %s", what, describe(v))
			return
		}
		out := []string{}
		for _, e := range v.Content {
			e = deref(e)
			if !isScalar(e) || e.Value == "" {
				d.fail(e, path, "want %s, got %s", what, describe(e))
				continue
			}
			out = append(out, e.Value)
		}
		*dst = out
	}
}

// endpoint decodes an http(s) URL.
func (d *decoder) endpoint(dst *string) func(_, v *yaml.Node, path string) {
	return func(_, v *yaml.Node, path string) {
		u, err := url.Parse(v.Value)
		if !isScalar(v) || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			d.fail(v, path, "want an http:// or https:// URL, got %s", quoted(v))
			return
		}
		*dst = v.Value
	}
}

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func (d *decoder) uuid(dst *string) func(_, v *yaml.Node, path string) {
	return func(_, v *yaml.Node, path string) {
		if !isScalar(v) || !uuidPattern.MatchString(v.Value) {
			d.fail(v, path, "want a UUID such as 00000000-0000-4000-8000-000000000001, got %s", quoted(v))
			return
		}
		*dst = v.Value
	}
}

// syntaxError turns a YAML parser error ("yaml: line 3: ...") into an Error
// at that line.
func syntaxError(file string, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := regexp.MustCompile(`^line (\d+): (.*)$`).FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: file, Line: line, Msg: "not valid YAML: " + m[2]}
	}
	return &Error{File: file, Msg: "not valid YAML: " + msg}
}
