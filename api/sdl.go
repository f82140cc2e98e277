package api

import (
	"strings"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// ParseSDL reads a schema written in GraphQL's schema language (a vendor's
// documented schema, built into its client) into a Schema, so that it
// answers the same questions an introspected one does.
func ParseSDL(name, sdl string) (*Schema, error) {
	as, err := gqlparser.LoadSchema(&ast.Source{Name: name, Input: sdl})
	if err != nil {
		return nil, err
	}
	s := &Schema{Types: map[string]*Type{}}
	if as.Query != nil {
		s.QueryType = as.Query.Name
	}
	if as.Mutation != nil {
		s.MutationType = as.Mutation.Name
	}
	for n, def := range as.Types {
		if strings.HasPrefix(n, "__") {
			continue
		}
		t := &Type{Name: n, Kind: string(def.Kind)}
		switch def.Kind {
		case ast.Object, ast.Interface:
			for _, f := range def.Fields {
				if !strings.HasPrefix(f.Name, "__") {
					t.Fields = append(t.Fields, Field{Name: f.Name, Args: sdlArgs(as, f.Arguments), Type: sdlRef(as, f.Type)})
				}
			}
		case ast.InputObject:
			for _, f := range def.Fields {
				t.InputFields = append(t.InputFields, sdlInput(as, f.Name, f.Type, f.DefaultValue))
			}
		case ast.Enum:
			for _, v := range def.EnumValues {
				t.EnumValues = append(t.EnumValues, v.Name)
			}
		}
		s.Types[n] = t
	}
	return s, nil
}

// MustParseSDL is ParseSDL for schemas built into the program, which a
// test proves valid.
func MustParseSDL(name, sdl string) *Schema {
	s, err := ParseSDL(name, sdl)
	if err != nil {
		panic("api: built-in schema " + name + ": " + err.Error())
	}
	return s
}

func sdlArgs(as *ast.Schema, args ast.ArgumentDefinitionList) []InputValue {
	out := make([]InputValue, 0, len(args))
	for _, a := range args {
		out = append(out, sdlInput(as, a.Name, a.Type, a.DefaultValue))
	}
	return out
}

func sdlInput(as *ast.Schema, name string, t *ast.Type, def *ast.Value) InputValue {
	in := InputValue{Name: name, Type: sdlRef(as, t)}
	if def != nil {
		v := def.String()
		in.DefaultValue = &v
	}
	return in
}

// sdlRef is t as introspection writes it: wrappers outside, the named
// type, with its kind, inside.
func sdlRef(as *ast.Schema, t *ast.Type) TypeRef {
	inner := *t
	inner.NonNull = false
	var r TypeRef
	if inner.Elem != nil {
		el := sdlRef(as, inner.Elem)
		r = TypeRef{Kind: "LIST", OfType: &el}
	} else {
		r = TypeRef{Name: inner.NamedType}
		if def := as.Types[inner.NamedType]; def != nil {
			r.Kind = string(def.Kind)
		}
	}
	if t.NonNull {
		return TypeRef{Kind: "NON_NULL", OfType: &r}
	}
	return r
}

// Resolves reports whether the schema has path: a type name, then fields
// each taken on the type the one before returns, the last one optionally
// with an argument: "Query.users(after)", "Query.users.pageInfo",
// "User.originGroup". Query and Mutation stand for the schema's root
// types whatever they are called, so a path means the same on every
// server however it names its types.
func (s *Schema) Resolves(path string) bool {
	parts := strings.Split(path, ".")
	typ := s.root(parts[0])
	if len(parts) == 1 {
		return s.Types[typ] != nil
	}
	for _, p := range parts[1:] {
		name, arg, hasArg := strings.Cut(strings.TrimSuffix(p, ")"), "(")
		f, ok := s.Field(typ, name)
		if !ok {
			return false
		}
		if hasArg && !hasArgument(f, arg) {
			return false
		}
		typ = f.Type.Named()
	}
	return true
}

func (s *Schema) root(name string) string {
	switch name {
	case "Query":
		if s.QueryType != "" {
			return s.QueryType
		}
	case "Mutation":
		if s.MutationType != "" {
			return s.MutationType
		}
	}
	return name
}

func hasArgument(f Field, name string) bool {
	for _, a := range f.Args {
		if a.Name == name {
			return true
		}
	}
	return false
}
