package api

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// A document built at run time may carry what a server said: a name from
// its schema, a type from its validation errors. None of it is ever placed
// in a document unless it is a GraphQL name (or a type: a name in list and
// non-null wrappers) that belongs to the operation the client means to
// send: a field the plan runs, an argument it fills, and, in a variable's
// declaration, the type of the argument the variable fills. The functions
// here check that; a document that fails is not sent, and the action is
// refused with why.

var nameRE = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]*$`)

// ValidName reports whether s is a GraphQL name ([_A-Za-z][_0-9A-Za-z]*).
func ValidName(s string) bool { return nameRE.MatchString(s) }

// WellFormed reports whether t is a type reference as GraphQL can write
// it: a valid name, in list and non-null wrappers, a non-null never
// directly inside another, each wrapper around something and naming
// nothing itself.
func (t TypeRef) WellFormed() bool {
	for r, depth := &t, 0; r != nil; r, depth = r.OfType, depth+1 {
		switch {
		case depth > 8:
			return false
		case r.Kind == "NON_NULL":
			if r.Name != "" || r.OfType == nil || r.OfType.Kind == "NON_NULL" {
				return false
			}
		case r.Kind == "LIST":
			if r.Name != "" || r.OfType == nil {
				return false
			}
		default:
			return r.OfType == nil && ValidName(r.Name)
		}
	}
	return false
}

// builtInScalars are the scalars every GraphQL schema has.
var builtInScalars = map[string]bool{"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true}

// CheckArgumentType judges a type a server's validation said an argument
// takes, before a variable is declared with it: typ (as a declaration
// writes it) must be a type, and the type of field(arg:) on the type
// parent (Query and Mutation stand for the root types). Where the server
// described itself, its schema says what that type is, and typ must be
// it. Otherwise the vendor's documentation says what the argument holds:
// a server may name a type its own way (an input object the documentation
// calls otherwise, a String for a documented custom scalar, an Int for an
// ID), but not as another documented input object, or an input object as
// a scalar: that is the type of something else.
func (k *Capabilities) CheckArgumentType(parent, field, arg, typ string) error {
	if !typeRefText.MatchString(typ) {
		return fmt.Errorf("%q is not a GraphQL type", typ)
	}
	k.mu.Lock()
	server, documented := k.server, k.documented
	k.mu.Unlock()
	if server != nil {
		if a, ok := argument(server, parent, field, arg); ok {
			if a.Type.String() != typ {
				return fmt.Errorf("%s is not the type of %s(%s:), which the server's own schema says is %s", typ, field, arg, a.Type)
			}
			return nil
		}
	}
	if documented == nil {
		return nil
	}
	a, ok := argument(documented, parent, field, arg)
	if !ok {
		return nil
	}
	if standsFor(documented, a.Type.Named(), namedIn(typ)) {
		return nil
	}
	return fmt.Errorf("%s is not the type of %s(%s:), documented as %s", typ, field, arg, a.Type)
}

// argument finds field(arg:) on parent in s.
func argument(s *Schema, parent, field, arg string) (InputValue, bool) {
	f, ok := s.Field(s.root(parent), field)
	if !ok {
		return InputValue{}, false
	}
	i := slices.IndexFunc(f.Args, func(a InputValue) bool { return a.Name == arg })
	if i < 0 {
		return InputValue{}, false
	}
	return f.Args[i], true
}

// standsFor reports whether a server's named type got may be its name for
// the documented type doc, by what the documented schema s says of both.
func standsFor(s *Schema, doc, got string) bool {
	if got == doc {
		return true
	}
	gotKind := s.Kind(got)
	if builtInScalars[got] {
		gotKind = "SCALAR"
	}
	switch s.Kind(doc) {
	case "INPUT_OBJECT":
		return gotKind == "" // the server's own name for it
	case "SCALAR", "ENUM", "":
		return gotKind == "" || gotKind == "SCALAR" || gotKind == "ENUM"
	}
	return false
}

// Position is where a variable is used: as the argument Arg of the field
// Field on the type Parent (as the schema the document was read with
// names it).
type Position struct {
	Parent, Field, Arg string
}

// ErrDocument marks a document rosterm will not send.
var ErrDocument = errors.New("rosterm will not send this document")

// ReadDocument parses doc and checks that it is one operation of kind op
// ("query" or "mutation"), without named fragments, whose root fields are
// all among roots, and whose variables are each declared once, with a
// type, and used; it returns the operation.
func ReadDocument(doc, op string, roots []string) (*ast.OperationDefinition, error) {
	q, err := parser.ParseQuery(&ast.Source{Input: doc})
	if err != nil {
		return nil, fmt.Errorf("%w: it does not parse: %v", ErrDocument, err)
	}
	if len(q.Operations) != 1 || len(q.Fragments) != 0 {
		return nil, fmt.Errorf("%w: it holds %d operations and %d fragments, not one operation", ErrDocument, len(q.Operations), len(q.Fragments))
	}
	o := q.Operations[0]
	if string(o.Operation) != op {
		return nil, fmt.Errorf("%w: it is a %s, not a %s", ErrDocument, o.Operation, op)
	}
	for _, sel := range o.SelectionSet {
		f, ok := sel.(*ast.Field)
		if !ok || !slices.Contains(roots, f.Name) {
			return nil, fmt.Errorf("%w: it runs something other than %s", ErrDocument, strings.Join(roots, ", "))
		}
	}
	used := map[string]bool{}
	walkVariables(o.SelectionSet, func(_ *ast.Field, _ string, v string) { used[v] = true })
	declared := map[string]bool{}
	for _, v := range o.VariableDefinitions {
		if declared[v.Variable] || !used[v.Variable] || v.Type == nil {
			return nil, fmt.Errorf("%w: its variable $%s is declared twice or not used", ErrDocument, v.Variable)
		}
		declared[v.Variable] = true
	}
	for v := range used {
		if !declared[v] {
			return nil, fmt.Errorf("%w: its variable $%s is not declared", ErrDocument, v)
		}
	}
	return o, nil
}

// walkVariables calls use for every argument of a field in set (at any
// depth) whose value is a variable.
func walkVariables(set ast.SelectionSet, use func(f *ast.Field, arg, variable string)) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			for _, a := range s.Arguments {
				walkValue(a.Value, func(v string) { use(s, a.Name, v) })
			}
			walkVariables(s.SelectionSet, use)
		case *ast.InlineFragment:
			walkVariables(s.SelectionSet, use)
		}
	}
}

func walkValue(v *ast.Value, use func(variable string)) {
	if v == nil {
		return
	}
	if v.Kind == ast.Variable {
		use(v.Raw)
	}
	for _, c := range v.Children {
		walkValue(c.Value, use)
	}
}

// Positions lists where doc uses the variable name as an argument's whole
// value, the fields' parent types read from s (nil: the root's only).
func Positions(doc string, s *Schema, name string) []Position {
	q, err := parser.ParseQuery(&ast.Source{Input: doc})
	if err != nil || len(q.Operations) != 1 {
		return nil
	}
	o := q.Operations[0]
	root := "Query"
	if o.Operation == ast.Mutation {
		root = "Mutation"
	}
	var out []Position
	var walk func(parent string, set ast.SelectionSet)
	walk = func(parent string, set ast.SelectionSet) {
		for _, sel := range set {
			switch x := sel.(type) {
			case *ast.Field:
				for _, a := range x.Arguments {
					if a.Value != nil && a.Value.Kind == ast.Variable && a.Value.Raw == name {
						out = append(out, Position{Parent: parent, Field: x.Name, Arg: a.Name})
					}
				}
				if s != nil {
					if f, ok := s.Field(s.root(parent), x.Name); ok {
						walk(f.Type.Named(), x.SelectionSet)
					}
				}
			case *ast.InlineFragment:
				if x.TypeCondition != "" {
					walk(x.TypeCondition, x.SelectionSet)
				} else {
					walk(parent, x.SelectionSet)
				}
			}
		}
	}
	walk(root, o.SelectionSet)
	return out
}
