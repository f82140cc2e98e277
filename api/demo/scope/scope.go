// Package scope is the demo server's Scope AR "Scope GraphQL API": users,
// groups and licenses of a demo company, with the vendor's documented rules
// for creating, updating and deleting users.
package scope

import (
	"log"
	"net/http"
	"sync"
	"time"

	graphql "github.com/graph-gophers/graphql-go"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
	"github.com/rosterm/rosterm/api/demo/schema"
	"github.com/rosterm/rosterm/api/demo/strict"
	"github.com/rosterm/rosterm/api/documented"
)

// The demo's permanent API tokens, sent as "Authorization: Token token=<token>".
const (
	// DemoToken acts as the demo company's admin, the user "Demo Admin".
	DemoToken = "demo-scope-token"
	// DemoAPIToken is an "All Groups" company-level API token: it may read
	// and write anything, but it is not a user.
	DemoAPIToken = "demo-scope-api-token"
)

// Options configure a Server.
type Options struct {
	Seed uint64
	// Now is the clock for new users' creation times; nil means time.Now.
	Now func() time.Time
	// Legacy behaves like a Scope server older than 2.28.1: the schema has
	// no Query.users.
	Legacy bool

	Hostile bool // add records carrying terminal attacks (hostile.go)
	// Log receives the reports of resolvers that panic; nil means the
	// standard logger.
	Log *log.Logger
	// Strict serves exactly the documented schema (api/documented) over
	// the demo's own (package strict), refusing anything else as
	// graphql-ruby would.
	Strict bool
	// NoIntrospection refuses __schema and __type as graphql-ruby does
	// with its introspection entry points disabled.
	NoIntrospection bool
}

// Server is one demo company's Scope API. It is safe for concurrent use.
type Server struct {
	st      *store
	handler http.Handler
}

// New seeds the demo data from o.Seed and prepares the schema.
func New(o Options) *Server {
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &Server{st: seeded(o.Seed, o.Now)}
	if o.Hostile {
		s.st.seedHostile()
	}
	parsed := currentSchema
	if o.Legacy {
		parsed = legacySchema
	}
	h := gqlserve.Handler{Schema: parsed(), Auth: authenticate(s.st), Log: o.Log}
	if o.Strict || o.NoIntrospection {
		c := strict.Config{Dialect: strict.GraphQLRuby, NoIntrospection: o.NoIntrospection}
		if o.Strict {
			c.Schema = SDL(o)
		}
		h.Gate = strict.MustNew(c)
	}
	s.handler = h
	return s
}

// currentSchema and legacySchema are the schemas of a current Scope and of
// one older than 2.28.1, each parsed once per process (see
// gqlserve.Handler).
var (
	currentSchema = sync.OnceValue(func() *graphql.Schema { return parse(schema.Scope) })
	legacySchema  = sync.OnceValue(func() *graphql.Schema { return parse(withoutUsersField(schema.Scope)) })
)

func parse(sdl string) *graphql.Schema {
	return graphql.MustParseSchema(sdl, &rootResolver{}, gqlserve.Panics())
}

// SDL is the schema a server with o serves to its clients: the documented
// one when strict, else the demo's own; a legacy server lacks Query.users.
func SDL(o Options) string {
	sdl := schema.Scope
	if o.Strict {
		sdl = documented.Scope
	}
	if o.Legacy {
		sdl = withoutUsersField(sdl)
	}
	return sdl
}

// Register serves the GraphQL endpoint on mux at POST /scope/graphql.
func (s *Server) Register(mux *http.ServeMux) {
	mux.Handle("POST /scope/graphql", s.handler)
}
