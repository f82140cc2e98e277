package opigno

import "fmt"

// queryError is a top-level GraphQL error of a query: bad arguments, an
// unknown or forbidden object. Its code lands in the error's extensions so
// a client can tell the kinds apart without parsing the sentence.
type queryError struct {
	code string
	msg  string
}

func (e *queryError) Error() string { return e.msg }

// Extensions is read by graph-gophers when it renders the error.
func (e *queryError) Extensions() map[string]any { return map[string]any{"code": e.code} }

func badRequest(format string, a ...any) error {
	return &queryError{code: "BAD_REQUEST", msg: fmt.Sprintf(format, a...)}
}

func forbidden(format string, a ...any) error {
	return &queryError{code: "FORBIDDEN", msg: fmt.Sprintf(format, a...)}
}

func notFound(format string, a ...any) error {
	return &queryError{code: "NOT_FOUND", msg: fmt.Sprintf(format, a...)}
}

// ruleError is a broken rule of a mutation. Mutations never return it as a
// GraphQL error: it becomes a sentence in the {errors, response} envelope.
type ruleError string

func (e ruleError) Error() string { return string(e) }

func rulef(format string, a ...any) error { return ruleError(fmt.Sprintf(format, a...)) }
