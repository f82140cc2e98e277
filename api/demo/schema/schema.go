// Package schema holds the SDL of the three APIs the demo server implements.
// The files follow shared/api-reference.md; they are also what client
// documents are validated against in tests.
package schema

import _ "embed"

// Opigno is the Opigno Enterprise API schema.
//
//go:embed opigno.graphqls
var Opigno string

// Scope is the Scope GraphQL API schema.
//
//go:embed scope.graphqls
var Scope string

// Vision is the XOi Vision users API schema.
//
//go:embed vision.graphqls
var Vision string
