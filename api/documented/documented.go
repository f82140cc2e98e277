// Package documented holds what each vendor's own public pages show of its
// API, as SDL, where every item is marked shown or inferred and sourced
// (the tests compare them with the vendor copies in shared/vendor, when a
// checkout has them beside it). It is the contract. The clients
// start from it (what they may send without asking the server first, and
// how Opigno's mutations are typed when introspection is refused), and the
// demo server's strict mode (`rosterm demo-server --strict`) serves exactly
// these schemas. Anything else a client uses is an optional capability,
// detected on the server.
package documented

import _ "embed"

// Opigno is the Opigno Enterprise API as its documentation shows it.
//
//go:embed opigno.graphqls
var Opigno string

// Scope is the Scope GraphQL API (CMS API v3) as its documentation shows it.
//
//go:embed scope.graphqls
var Scope string

// Vision is the XOi Vision users API as its schema reference shows it.
//
//go:embed vision.graphqls
var Vision string
