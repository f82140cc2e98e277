package scope

import (
	"errors"
	"strings"
)

// errNotAuthorized is graphql-ruby's message for an object the viewer may
// not read, as Scope documents it.
var errNotAuthorized = errors.New("Not authorized to read object")

// fieldError is Scope's Error type: a validation failure reported inside a
// payload, never as a top-level GraphQL error.
type fieldError struct {
	path        []string
	message     string
	fullMessage string
	typ         string
}

func (e *fieldError) Path() []string      { return e.path }
func (e *fieldError) Message() string     { return e.message }
func (e *fieldError) FullMessage() string { return e.fullMessage }
func (e *fieldError) Type() *string       { return optional(e.typ) }

// invalid builds an error the Rails way: fullMessage is the attribute's
// human name followed by message ("Email" + "is already in use").
func invalid(path []string, attribute, message, typ string) *fieldError {
	return &fieldError{path: path, message: message, fullMessage: attribute + " " + message, typ: typ}
}

// humanize turns an argument name into Rails' human attribute name:
// "requestedOriginGroup" becomes "Requested origin group".
func humanize(name string) string {
	var b strings.Builder
	for i, r := range name {
		switch {
		case i == 0:
			b.WriteString(strings.ToUpper(string(r)))
		case r >= 'A' && r <= 'Z':
			b.WriteByte(' ')
			b.WriteString(strings.ToLower(string(r)))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func pathOf(parts ...string) []string { return parts }
