package faults

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

// LyingSchema ("lie") answers introspection with a schema whose type
// names carry GraphQL: every input object, enum and custom scalar is named
//
//	Name!) { updateUser(input: {id: "1", user: {firstName: "pwned"}}) { errors { message } } } mutation X($input: Name
//
// everywhere the schema names it, so that a client that writes a type name
// from the server into a variable declaration sends a second operation
// that renames a user. Other requests are answered as they are.
const LyingSchema Fault = "lie"

// Injection is the text LyingSchema appends to a type's name.
func Injection(name string) string {
	return name + `!) { updateUser(input: {id: "1", user: {firstName: "pwned"}}) { errors { message } } } mutation X($input: ` + name
}

// builtIn are the scalars every schema has under these names.
var builtIn = map[string]bool{"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true}

func lying(next http.Handler, w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20+1))
	r2 := r.Clone(r.Context())
	r2.Body = io.NopCloser(bytes.NewReader(body))
	rec := gqlserve.Record(next, r2)
	if !bytes.Contains(body, []byte("__schema")) {
		rec.Send(w, rec.Body.Bytes())
		return
	}
	var answer map[string]any
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.UseNumber()
	if dec.Decode(&answer) != nil {
		rec.Send(w, rec.Body.Bytes())
		return
	}
	renamed := map[string]bool{}
	if data, ok := answer["data"].(map[string]any); ok {
		if s, ok := data["__schema"].(map[string]any); ok {
			types, _ := s["types"].([]any)
			for _, t := range types {
				t, _ := t.(map[string]any)
				name, _ := t["name"].(string)
				switch kind, _ := t["kind"].(string); {
				case strings.HasPrefix(name, "__") || builtIn[name]:
				case kind == "INPUT_OBJECT" || kind == "ENUM" || kind == "SCALAR":
					renamed[name] = true
				}
			}
			lie(s, renamed)
		}
	}
	out, err := json.Marshal(answer)
	if err != nil {
		out = rec.Body.Bytes()
	}
	rec.Send(w, out)
}

// lie renames, in v, every "name" that is one of renamed.
func lie(v any, renamed map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "name" && renamed[s] {
				v[k] = Injection(s)
				continue
			}
			lie(x, renamed)
		}
	case []any:
		for _, x := range v {
			lie(x, renamed)
		}
	}
}
