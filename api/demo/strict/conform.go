package strict

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/vektah/gqlparser/v2/ast"
)

// conformer makes the richer implementation's answer the documented
// schema's: walking the answer with the request's selections and the
// documented types, a list where the contract has one object becomes its
// first element (or null), one object where the contract has a list
// becomes a list of it, __typename names the documented type, and root
// __schema and __type answer from the documented schema.
type conformer struct {
	schema *ast.Schema
	intro  *introspection
	vars   map[string]any
	errs   []Error
}

// group is the fields of a selection set that share a response key.
type group struct {
	key    string
	fields []*ast.Field
}

func merged(fields []*ast.Field) ast.SelectionSet {
	if len(fields) == 1 {
		return fields[0].SelectionSet
	}
	var set ast.SelectionSet
	for _, f := range fields {
		set = append(set, f.SelectionSet...)
	}
	return set
}

// groups collects set's fields that apply to an object of type def, by
// response key in the order they first appear. For an abstract def (the
// object's own type unknown) every fragment applies.
func (c *conformer) groups(set ast.SelectionSet, def *ast.Definition, out []group) []group {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if !c.included(s.Directives) {
				continue
			}
			key := s.Alias
			if key == "" {
				key = s.Name
			}
			found := false
			for i := range out {
				if out[i].key == key {
					out[i].fields = append(out[i].fields, s)
					found = true
					break
				}
			}
			if !found {
				out = append(out, group{key: key, fields: []*ast.Field{s}})
			}
		case *ast.InlineFragment:
			if c.included(s.Directives) && c.applies(s.TypeCondition, def) {
				out = c.groups(s.SelectionSet, def, out)
			}
		case *ast.FragmentSpread:
			if c.included(s.Directives) && s.Definition != nil && c.applies(s.Definition.TypeCondition, def) {
				out = c.groups(s.Definition.SelectionSet, def, out)
			}
		}
	}
	return out
}

func (c *conformer) applies(condition string, def *ast.Definition) bool {
	if condition == "" || def == nil || condition == def.Name || def.IsAbstractType() {
		return true
	}
	cond := c.schema.Types[condition]
	if cond == nil || !cond.IsAbstractType() {
		return false
	}
	for _, t := range c.schema.GetPossibleTypes(cond) {
		if t.Name == def.Name {
			return true
		}
	}
	return false
}

// included applies @skip and @include.
func (c *conformer) included(dirs ast.DirectiveList) bool {
	for _, d := range dirs {
		a := d.Arguments.ForName("if")
		if a == nil {
			continue
		}
		v, _ := c.value(a.Value).(bool)
		switch d.Name {
		case "skip":
			if v {
				return false
			}
		case "include":
			if !v {
				return false
			}
		}
	}
	return true
}

// argument is the value of f's argument name, nil when not given.
func (c *conformer) argument(f *ast.Field, name string) any {
	if a := f.Arguments.ForName(name); a != nil {
		return c.value(a.Value)
	}
	return nil
}

func (c *conformer) value(v *ast.Value) any {
	if v == nil {
		return nil
	}
	if v.Kind == ast.Variable {
		return c.vars[v.Raw]
	}
	x, err := v.Value(c.vars)
	if err != nil {
		return nil
	}
	return x
}

// data conforms the answer's data to the selections of op.
func (c *conformer) data(data any, op *ast.OperationDefinition) any {
	root := c.schema.Query
	if op.Operation == ast.Mutation {
		root = c.schema.Mutation
	}
	m, ok := data.(map[string]any)
	if !ok || root == nil {
		return data
	}
	out, ok := c.object(m, root, op.SelectionSet, nil)
	if !ok {
		return nil
	}
	return out
}

// object conforms one object of type def; ok is false when a non-null
// field of it is null, which makes the object itself null.
func (c *conformer) object(m map[string]any, def *ast.Definition, set ast.SelectionSet, path []any) (*object, bool) {
	out := &object{}
	for _, g := range c.groups(set, def, nil) {
		raw, present := m[g.key]
		f := g.fields[0]
		answered := path == nil && (f.Name == "__schema" || f.Name == "__type" || f.Name == "__typename")
		if !present && !answered { // the gate answers the root's introspection itself
			continue
		}
		switch {
		case f.Name == "__typename":
			if def.Kind == ast.Object || !present {
				raw = def.Name
			}
		case path == nil && (f.Name == "__schema" || f.Name == "__type"):
			raw = c.introspect(g.fields)
		case f.Definition != nil:
			v, ok := c.conform(raw, f.Definition.Type, merged(g.fields), append(path, g.key), def.Name+"."+f.Name)
			if !ok {
				return nil, false
			}
			raw = v
		}
		out.set(g.key, raw)
	}
	for _, k := range slices.Sorted(maps.Keys(m)) { // the selections name every key, but lose nothing
		if !out.has(k) {
			out.set(k, m[k])
		}
	}
	return out, true
}

// conform makes v a value of the documented type t. ok is false when it
// is null and t is non-null: the null spreads to the nearest nullable
// parent, as in execution.
func (c *conformer) conform(v any, t *ast.Type, set ast.SelectionSet, path []any, field string) (any, bool) {
	if t.Elem != nil {
		if v == nil {
			return c.null(t, path, field)
		}
		list, isList := v.([]any)
		if !isList {
			list = []any{v}
		}
		out := make([]any, len(list))
		for i, e := range list {
			x, ok := c.conform(e, t.Elem, set, append(path, i), field)
			if !ok {
				return c.null(t, nil, field)
			}
			out[i] = x
		}
		return out, true
	}
	if list, isList := v.([]any); isList {
		v = nil
		if len(list) > 0 {
			v = list[0]
		}
	}
	if v == nil {
		return c.null(t, path, field)
	}
	m, isObject := v.(map[string]any)
	def := c.schema.Types[t.NamedType]
	if !isObject || def == nil || !def.IsCompositeType() {
		return v, true
	}
	obj, ok := c.object(m, def, set, path)
	if !ok {
		return c.null(t, nil, field)
	}
	return obj, true
}

// null is a null of type t; with a path, where the null arose, an error
// says so if t is non-null.
func (c *conformer) null(t *ast.Type, path []any, field string) (any, bool) {
	if !t.NonNull {
		return nil, true
	}
	if path != nil {
		c.errs = append(c.errs, Error{Message: fmt.Sprintf("Cannot return null for non-nullable field %s.", field), Path: append([]any{}, path...)})
	}
	return nil, false
}

// object is a JSON object that keeps its keys in the order of the
// selections, as GraphQL answers do.
type object struct {
	keys []string
	vals map[string]any
}

func (o *object) set(k string, v any) {
	if o.vals == nil {
		o.vals = map[string]any{}
	}
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

func (o *object) has(k string) bool {
	_, ok := o.vals[k]
	return ok
}

// MarshalJSON writes the keys in order.
func (o *object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(o.vals[k])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
