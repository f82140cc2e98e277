package demo_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/demo/schema"
	"github.com/rosterm/rosterm/api/documented"
)

// The demo's schemas are the vendors' contracts with extensions: every
// document valid against a contract is valid against the demo's schema and
// asks for the same things (so the strict demo can run it there), and
// every answer can be given the contract's shape.
func TestTheDemoExtendsEachContract(t *testing.T) {
	for _, tc := range []struct{ name, contract, demo string }{
		{"opigno", documented.Opigno, schema.Opigno},
		{"opigno, removeUserConnection by id", opigno.SDL(opigno.Options{Strict: true, RemoveByID: true}), schema.Opigno},
		{"scope", documented.Scope, schema.Scope},
		{"vision", documented.Vision, schema.Vision},
	} {
		contract := gqlparser.MustLoadSchema(&ast.Source{Name: "contract", Input: tc.contract})
		demo := gqlparser.MustLoadSchema(&ast.Source{Name: "demo", Input: tc.demo})
		for _, p := range extends(contract, demo) {
			t.Errorf("%s: %s", tc.name, p)
		}
	}
}

// extends lists where demo is not contract with extensions.
func extends(contract, demo *ast.Schema) []string {
	var out []string
	add := func(format string, a ...any) { out = append(out, fmt.Sprintf(format, a...)) }
	if contract.Mutation != nil && (demo.Mutation == nil || demo.Mutation.Name != contract.Mutation.Name) {
		add("no mutation type %s", contract.Mutation.Name)
	}
	for _, name := range slices.Sorted(maps.Keys(contract.Types)) {
		c := contract.Types[name]
		if c.BuiltIn {
			continue
		}
		d := demo.Types[name]
		if d == nil || d.Kind != c.Kind {
			add("type %s (%s) is missing", name, c.Kind)
			continue
		}
		for _, i := range c.Interfaces {
			if !slices.Contains(d.Interfaces, i) {
				add("%s does not implement %s", name, i)
			}
		}
		for _, v := range c.EnumValues {
			if d.EnumValues.ForName(v.Name) == nil {
				add("enum %s lacks %s", name, v.Name)
			}
		}
		implementor := len(c.Interfaces) > 0
		for _, cf := range c.Fields {
			if strings.HasPrefix(cf.Name, "__") {
				continue
			}
			df := d.Fields.ForName(cf.Name)
			where := name + "." + cf.Name
			if df == nil {
				add("%s is missing", where)
				continue
			}
			if c.Kind == ast.InputObject {
				if p := accepts(df.Type, cf.Type); p != "" {
					add("%s: %s", where, p)
				}
				if !sameDefault(cf.DefaultValue, df.DefaultValue) {
					add("%s: default %v, the contract's %v", where, df.DefaultValue, cf.DefaultValue)
				}
				continue
			}
			if p := answers(demo, contract, df.Type, cf.Type, implementor); p != "" {
				add("%s: %s", where, p)
			}
			for _, ca := range cf.Arguments {
				da := df.Arguments.ForName(ca.Name)
				if da == nil {
					add("%s(%s) is missing", where, ca.Name)
					continue
				}
				if p := accepts(da.Type, ca.Type); p != "" {
					add("%s(%s): %s", where, ca.Name, p)
				}
				if !sameDefault(ca.DefaultValue, da.DefaultValue) {
					add("%s(%s): default %v, the contract's %v", where, ca.Name, da.DefaultValue, ca.DefaultValue)
				}
			}
			for _, da := range df.Arguments {
				if cf.Arguments.ForName(da.Name) == nil && da.Type.NonNull && da.DefaultValue == nil {
					add("%s(%s) is an extension but required", where, da.Name)
				}
			}
		}
		for _, df := range d.Fields {
			if c.Kind == ast.InputObject && c.Fields.ForName(df.Name) == nil && df.Type.NonNull && df.DefaultValue == nil {
				add("%s.%s is an extension but required", name, df.Name)
			}
		}
	}
	return out
}

// accepts says why an argument or input field of the demo's type d does
// not take every value, literal or variable, the contract's type c does.
func accepts(d, c *ast.Type) string {
	if d.NamedType != c.NamedType || (d.Elem == nil) != (c.Elem == nil) {
		return fmt.Sprintf("type %s, the contract's %s", d, c)
	}
	if d.NonNull && !c.NonNull {
		return fmt.Sprintf("%s is required, the contract's %s is not", d, c)
	}
	if d.Elem != nil {
		return accepts(d.Elem, c.Elem)
	}
	return ""
}

// answers says why a field of the demo's type d cannot be selected as the
// contract's type c is, or its answer not be given c's shape. A list where
// c has one value (or the reverse) is conformed; strings may be custom
// scalars; the demo may be stricter about null (but not for the fields of
// a type behind an interface, where aliases may overlap).
func answers(demo, contract *ast.Schema, d, c *ast.Type, exact bool) string {
	dn, cn := demo.Types[d.Name()], contract.Types[c.Name()]
	switch {
	case d.Name() == c.Name():
	case dn != nil && cn != nil && dn.Kind == ast.Scalar && cn.Kind == ast.Scalar && stringy(d.Name()) && stringy(c.Name()):
	default:
		return fmt.Sprintf("type %s, the contract's %s", d, c)
	}
	if c.NonNull && !d.NonNull {
		return fmt.Sprintf("%s may be null, the contract's %s may not", d, c)
	}
	if exact && d.NonNull != c.NonNull {
		return fmt.Sprintf("%s, the contract's %s (on an interface's implementation)", d, c)
	}
	if d.Elem != nil && c.Elem != nil {
		return answers(demo, contract, d.Elem, c.Elem, exact)
	}
	return ""
}

// stringy reports whether a scalar is written as a JSON string.
func stringy(name string) bool { return name != "Int" && name != "Float" && name != "Boolean" }

func sameDefault(a, b *ast.Value) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.String() == b.String()
}
