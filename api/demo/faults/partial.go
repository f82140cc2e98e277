package faults

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
	"github.com/rosterm/rosterm/api/demo/schema"
)

// The partial fault makes the answer a failing resolver would give, as the
// GraphQL spec describes: the failed field's error in "errors" with its
// path, and null in its place, or, when the field is non-null, in the place
// of its nearest nullable ancestor (the whole "data" when there is none).
// The failing field is a leaf of the second item of a list where there is
// one, so most of a page survives, as in real partial answers.

// gqlRequest is the part of a GraphQL request the partial fault reads.
type gqlRequest struct {
	Query         string `json:"query"`
	OperationName string `json:"operationName"`
}

// readRequest reads r's GraphQL request and returns a copy of r whose body
// can still be read by the real handler.
func readRequest(r *http.Request) (gqlRequest, *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20+1))
	var req gqlRequest
	_ = json.Unmarshal(body, &req)
	r2 := r.Clone(r.Context())
	r2.Body = io.NopCloser(bytes.NewReader(body))
	return req, r2
}

// schemas parses each API's schema once, when a partial fault first needs
// it.
type schemas struct {
	mu     sync.Mutex
	parsed map[string]*ast.Schema
}

func (s *schemas) forPath(path string) *ast.Schema {
	sdl, ok := map[string]string{
		"/opigno/graphql": schema.Opigno, "/scope/graphql": schema.Scope, "/vision/graphql": schema.Vision,
	}[path]
	if !ok {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sch, ok := s.parsed[path]; ok {
		return sch
	}
	sch, err := gqlparser.LoadSchema(&ast.Source{Name: path, Input: sdl})
	if err != nil {
		sch = nil
	}
	if s.parsed == nil {
		s.parsed = map[string]*ast.Schema{}
	}
	s.parsed[path] = sch
	return sch
}

// partial turns the recorded answer into a partial one. Answers that are
// already errors are sent as they are.
func (in *Injector) partial(path string, req gqlRequest, rec *gqlserve.Recorder) []byte {
	var resp map[string]any
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.UseNumber()
	if rec.Status != http.StatusOK || dec.Decode(&resp) != nil || resp["errors"] != nil {
		return rec.Body.Bytes()
	}
	data, ok := resp["data"].(map[string]any)
	if !ok || len(data) == 0 {
		return rec.Body.Bytes()
	}
	failed := failure(in.schemas.forPath(path), req, data)
	if failed.root {
		resp["data"] = nil
	}
	resp["errors"] = []any{failed.error}
	out, err := json.Marshal(resp)
	if err != nil {
		return rec.Body.Bytes()
	}
	return out
}

// failed is the outcome of failing one field: the error entry, and whether
// the null reached the root.
type failed struct {
	error map[string]any
	root  bool
}

// step is one value on the way down from data: the container holding it,
// its key there, and whether the schema lets it be null.
type step struct {
	container any // map[string]any or []any
	key       any // string or int
	nullable  bool
}

// leaf is a scalar the answer holds, with the way to it.
type leaf struct {
	chain []step
	path  []any
	field *ast.Field
}

// failure fails one field of data in place, chosen with the schema; without
// a schema (or when the document does not parse) it fails the first
// top-level field, as a failing root resolver would.
func failure(sch *ast.Schema, req gqlRequest, data map[string]any) failed {
	if l := pickLeaf(sch, req, data); l != nil {
		root := true
		for i := len(l.chain) - 1; i >= 0; i-- {
			if s := l.chain[i]; s.nullable {
				setNull(s)
				root = false
				break
			}
		}
		e := gqlError(fmt.Sprintf("Internal error resolving %s.%s: the upstream service timed out.",
			l.field.ObjectDefinition.Name, l.field.Name), l.path)
		if p := l.field.Position; p != nil {
			e["locations"] = []map[string]int{{"line": p.Line, "column": p.Column}}
		}
		return failed{error: e, root: root}
	}
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	data[keys[0]] = nil
	return failed{error: gqlError("Internal error resolving "+keys[0]+": the upstream service timed out.", []any{keys[0]})}
}

func gqlError(msg string, path []any) map[string]any {
	return map[string]any{"message": msg, "path": path, "extensions": map[string]string{"code": "INTERNAL_SERVER_ERROR"}}
}

func setNull(s step) {
	switch c := s.container.(type) {
	case map[string]any:
		c[s.key.(string)] = nil
	case []any:
		c[s.key.(int)] = nil
	}
}

// pickLeaf chooses the field to fail: preferably inside the second item of
// a list, and preferably a nullable one, so the least data is lost.
func pickLeaf(sch *ast.Schema, req gqlRequest, data map[string]any) *leaf {
	if sch == nil {
		return nil
	}
	doc, errs := gqlparser.LoadQuery(sch, req.Query)
	if len(errs) > 0 {
		return nil
	}
	op := doc.Operations.ForName(req.OperationName)
	if op == nil {
		return nil
	}
	var leaves []leaf
	collect(op.SelectionSet, data, nil, nil, &leaves)
	var best *leaf
	bestScore := -1
	for i := range leaves {
		l := &leaves[i]
		score := 0
		if slices.Contains(l.path, any(1)) {
			score += 2
		}
		if l.chain[len(l.chain)-1].nullable {
			score++
		}
		if score > bestScore {
			best, bestScore = l, score
		}
	}
	return best
}

// collect finds the leaves of obj as set selects them.
func collect(set ast.SelectionSet, obj map[string]any, chain []step, path []any, out *[]leaf) {
	for _, f := range fields(set) {
		key := f.Alias
		if key == "" {
			key = f.Name
		}
		v, ok := obj[key]
		if !ok || f.Definition == nil {
			continue
		}
		t := f.Definition.Type
		walk(f, t, v, append(slices.Clip(chain), step{obj, key, !t.NonNull}), append(slices.Clip(path), key), out)
	}
}

func walk(f *ast.Field, t *ast.Type, v any, chain []step, path []any, out *[]leaf) {
	switch x := v.(type) {
	case []any:
		if t == nil || t.Elem == nil {
			return
		}
		for i, e := range x {
			walk(f, t.Elem, e, append(slices.Clip(chain), step{x, i, !t.Elem.NonNull}), append(slices.Clip(path), i), out)
		}
	case map[string]any:
		collect(f.SelectionSet, x, chain, path, out)
	case nil:
	default:
		if len(f.SelectionSet) == 0 {
			*out = append(*out, leaf{chain: chain, path: path, field: f})
		}
	}
}

// fields flattens fragments into the fields they select.
func fields(set ast.SelectionSet) []*ast.Field {
	var out []*ast.Field
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			out = append(out, s)
		case *ast.InlineFragment:
			out = append(out, fields(s.SelectionSet)...)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				out = append(out, fields(s.Definition.SelectionSet)...)
			}
		}
	}
	return out
}
