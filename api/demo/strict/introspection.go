package strict

import (
	"encoding/json"
	"fmt"

	graphql "github.com/graph-gophers/graphql-go"
	"github.com/vektah/gqlparser/v2/ast"
)

// introspection is the documented schema's full introspection result
// (graph-gophers' own, from the SDL with no resolver), which a request's
// __schema and __type selections are projected onto: the documented
// schema, never the richer one that runs the request.
type introspection struct {
	schema map[string]any            // the __schema object
	types  map[string]map[string]any // its types, by name
}

func newIntrospection(sdl string) (*introspection, error) {
	s, err := graphql.ParseSchema(sdl, nil, graphql.UseStringDescriptions())
	if err != nil {
		return nil, err
	}
	raw, err := s.ToJSON()
	if err != nil {
		return nil, err
	}
	var full struct {
		Schema map[string]any `json:"__schema"`
	}
	if err := json.Unmarshal(raw, &full); err != nil {
		return nil, err
	}
	in := &introspection{schema: full.Schema, types: map[string]map[string]any{}}
	types, _ := full.Schema["types"].([]any)
	for _, t := range types {
		if m, ok := t.(map[string]any); ok {
			name, _ := m["name"].(string)
			in.types[name] = m
		}
	}
	if len(in.types) == 0 {
		return nil, fmt.Errorf("the schema's introspection lists no types")
	}
	return in, nil
}

// introspectionFields returns every __schema and __type field of doc, in
// operations and fragments alike, wherever it hides.
func introspectionFields(doc *ast.QueryDocument) []*ast.Field {
	var out []*ast.Field
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if s.Name == "__schema" || s.Name == "__type" {
					out = append(out, s)
				}
				walk(s.SelectionSet)
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			}
		}
	}
	for _, op := range doc.Operations {
		walk(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		walk(f.SelectionSet)
	}
	return out
}

// introspect answers a root __schema or __type field (all the fields of
// one response key) from the documented schema, selecting what the
// request selects.
func (c *conformer) introspect(fields []*ast.Field) any {
	f := fields[0]
	var v any
	switch f.Name {
	case "__schema":
		v = c.intro.schema
	case "__type":
		name, _ := c.argument(f, "name").(string)
		if t, ok := c.intro.types[name]; ok {
			v = t
		}
	}
	if v == nil || f.Definition == nil {
		return nil
	}
	return c.project(v, f.Definition.Type, merged(fields))
}

// project selects set from an introspection value of type t.
func (c *conformer) project(v any, t *ast.Type, set ast.SelectionSet) any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		elem := t
		if t.Elem != nil {
			elem = t.Elem
		}
		out := make([]any, 0, len(x))
		for _, e := range x {
			out = append(out, c.project(e, elem, set))
		}
		return out
	case map[string]any:
		def := c.schema.Types[t.Name()]
		if def == nil {
			return nil
		}
		out := &object{}
		for _, g := range c.groups(set, def, nil) {
			f := g.fields[0]
			switch f.Name {
			case "__typename":
				out.set(g.key, def.Name)
				continue
			}
			val, ok := x[f.Name]
			if !ok {
				val = missingMeta(f.Name)
			}
			if f.Definition == nil {
				out.set(g.key, val)
				continue
			}
			if list, isList := val.([]any); isList && f.Definition.Arguments.ForName("includeDeprecated") != nil {
				if include, _ := c.argument(f, "includeDeprecated").(bool); !include {
					val = current(list)
				}
			}
			out.set(g.key, c.project(val, f.Definition.Type, merged(g.fields)))
		}
		return out
	}
	return v
}

// missingMeta is the value of an introspection field graph-gophers' full
// query does not ask for: false for the non-null flags, else null.
func missingMeta(name string) any {
	switch name {
	case "isRepeatable", "isOneOf":
		return false
	}
	return nil
}

// current leaves out the deprecated entries of an introspection list.
func current(list []any) []any {
	out := make([]any, 0, len(list))
	for _, e := range list {
		if m, ok := e.(map[string]any); ok && m["isDeprecated"] == true {
			continue
		}
		out = append(out, e)
	}
	return out
}
