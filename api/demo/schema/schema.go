// Package schema holds the SDL of the three APIs the demo server implements
// by default: what each vendor documents (api/documented) and the
// extensions marked DEMO-ONLY, a server with extensions. Tests validate
// the documents clients send to it against these files.
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
