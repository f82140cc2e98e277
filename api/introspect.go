package api

import "context"

// Schema is what introspection says about a server: enough to find a
// mutation's argument types, an enum's values and whether optional fields
// exist, so the clients adapt to the server instead of guessing.
type Schema struct {
	QueryType    string
	MutationType string
	Types        map[string]*Type
}

// Type is one named type of the schema.
type Type struct {
	Name        string
	Kind        string // OBJECT, INPUT_OBJECT, ENUM, SCALAR, INTERFACE, UNION, LIST, NON_NULL
	Fields      []Field
	InputFields []InputValue
	EnumValues  []string
}

// Field is a field of an object type.
type Field struct {
	Name string
	Args []InputValue
	Type TypeRef
}

// InputValue is an argument or an input object's field.
type InputValue struct {
	Name         string
	Type         TypeRef
	DefaultValue *string
}

// TypeRef is a possibly wrapped reference to a named type.
type TypeRef struct {
	Kind   string
	Name   string
	OfType *TypeRef
}

// String writes the reference as GraphQL does: "[ID!]!".
func (t TypeRef) String() string {
	switch t.Kind {
	case "NON_NULL":
		if t.OfType != nil {
			return t.OfType.String() + "!"
		}
	case "LIST":
		if t.OfType != nil {
			return "[" + t.OfType.String() + "]"
		}
	}
	return t.Name
}

// Named is the named type inside any list and non-null wrappers.
func (t TypeRef) Named() string {
	for r := &t; r != nil; r = r.OfType {
		if r.Name != "" {
			return r.Name
		}
	}
	return ""
}

// Required reports whether the reference is non-null.
func (t TypeRef) Required() bool { return t.Kind == "NON_NULL" }

// Field returns the field name of type typeName.
func (s *Schema) Field(typeName, name string) (Field, bool) {
	if t := s.Types[typeName]; t != nil {
		for _, f := range t.Fields {
			if f.Name == name {
				return f, true
			}
		}
	}
	return Field{}, false
}

// HasField reports whether type typeName has the field name.
func (s *Schema) HasField(typeName, name string) bool {
	_, ok := s.Field(typeName, name)
	return ok
}

// Mutation returns the mutation field name.
func (s *Schema) Mutation(name string) (Field, bool) {
	if s.MutationType == "" {
		return Field{}, false
	}
	return s.Field(s.MutationType, name)
}

// Query returns the query field name.
func (s *Schema) Query(name string) (Field, bool) { return s.Field(s.QueryType, name) }

// Enum returns the values of the enum name.
func (s *Schema) Enum(name string) []string {
	if t := s.Types[name]; t != nil && t.Kind == "ENUM" {
		return t.EnumValues
	}
	return nil
}

// Kind returns the kind of the named type, or "".
func (s *Schema) Kind(name string) string {
	if t := s.Types[name]; t != nil {
		return t.Kind
	}
	return ""
}

// Schema is the schema to plan documents with: the server's own, asked
// once per endpoint (clients derived with WithAuth share the answer), or,
// when the server refuses introspection, the documented one. Callers that
// ask while the introspection runs wait for it, each within its own
// context; a failure to reach the server is not remembered, so the next
// caller asks again.
func (c *Client) Schema(ctx context.Context) (*Schema, error) {
	if err := c.caps.ensure(ctx, c); err != nil {
		return nil, err
	}
	if s := c.caps.schema(); s != nil {
		return s, nil
	}
	return nil, errNoSchema
}

// typeRef selects a type reference four wrappers deep ([[X!]!]! and less).
const typeRef = `kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`

const introspectionQuery = `query RostermIntrospection {
  __schema {
    queryType { name }
    mutationType { name }
    types {
      kind name
      fields(includeDeprecated: true) { name args { name defaultValue type { ` + typeRef + ` } } type { ` + typeRef + ` } }
      inputFields { name defaultValue type { ` + typeRef + ` } }
      enumValues(includeDeprecated: true) { name }
    }
  }
}`

type introspection struct {
	Schema struct {
		QueryType    *struct{ Name string } `json:"queryType"`
		MutationType *struct{ Name string } `json:"mutationType"`
		Types        []struct {
			Kind   string
			Name   string
			Fields []struct {
				Name string
				Args []rawInput
				Type TypeRef
			}
			InputFields []rawInput              `json:"inputFields"`
			EnumValues  []struct{ Name string } `json:"enumValues"`
		}
	} `json:"__schema"`
}

type rawInput struct {
	Name         string
	DefaultValue *string `json:"defaultValue"`
	Type         TypeRef
}

func (in introspection) schema() *Schema {
	s := &Schema{Types: map[string]*Type{}}
	if in.Schema.QueryType != nil {
		s.QueryType = in.Schema.QueryType.Name
	}
	if in.Schema.MutationType != nil {
		s.MutationType = in.Schema.MutationType.Name
	}
	for _, rt := range in.Schema.Types {
		t := &Type{Name: rt.Name, Kind: rt.Kind}
		for _, f := range rt.Fields {
			t.Fields = append(t.Fields, Field{Name: f.Name, Args: inputValues(f.Args), Type: f.Type})
		}
		t.InputFields = inputValues(rt.InputFields)
		for _, e := range rt.EnumValues {
			t.EnumValues = append(t.EnumValues, e.Name)
		}
		s.Types[t.Name] = t
	}
	return s
}

func inputValues(raw []rawInput) []InputValue {
	out := make([]InputValue, 0, len(raw))
	for _, a := range raw {
		out = append(out, InputValue{Name: a.Name, Type: a.Type, DefaultValue: a.DefaultValue})
	}
	return out
}
