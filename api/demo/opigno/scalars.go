package opigno

import "fmt"

// cursorScalar is the GraphQL Cursor scalar: an opaque string on the wire.
// Decoding happens in the list resolvers, so that a garbled cursor is
// reported as "invalid cursor" rather than as an argument coercion failure.
type cursorScalar string

func (cursorScalar) ImplementsGraphQLType(name string) bool { return name == "Cursor" }

func (c *cursorScalar) UnmarshalGraphQL(input any) error {
	s, ok := input.(string)
	if !ok {
		return fmt.Errorf("invalid cursor: a cursor is a string, not %T", input)
	}
	*c = cursorScalar(s)
	return nil
}

// violation is the GraphQL Violation scalar: one human sentence in a
// mutation's errors list.
type violation string

func (violation) ImplementsGraphQLType(name string) bool { return name == "Violation" }

func (v *violation) UnmarshalGraphQL(input any) error {
	s, ok := input.(string)
	if !ok {
		return fmt.Errorf("a violation is a string, not %T", input)
	}
	*v = violation(s)
	return nil
}
