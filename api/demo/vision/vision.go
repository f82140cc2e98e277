// Package vision is the demo server's XOi Vision external users API: a
// token endpoint trading an API key and secret for 60-minute tokens, and a
// read-only GraphQL service listing users (paged by nextToken) and groups.
package vision

import (
	"context"
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

// The demo integration partner's credentials for the token endpoint.
const (
	DemoKey    = "demo-key"
	DemoSecret = "demo-secret"
)

// defaultTokenTTL is how long XOi documents its tokens to be valid.
const defaultTokenTTL = 60 * time.Minute

// Options configure a Server.
type Options struct {
	Seed uint64
	// Now is the clock tokens expire by; nil means time.Now.
	Now func() time.Time
	// TokenTTL is how long a token is valid; 0 means 60 minutes.
	TokenTTL time.Duration

	Hostile bool // add records carrying terminal attacks (hostile.go)
	// Log receives the reports of resolvers that panic; nil means the
	// standard logger.
	Log *log.Logger
	// Strict serves exactly the documented schema (api/documented) over
	// the demo's own (package strict), refusing anything else as AppSync
	// would.
	Strict bool
	// NoIntrospection refuses __schema and __type as AppSync does when
	// introspection is disabled.
	NoIntrospection bool
}

// Server is one demo organization's Vision API. It is safe for concurrent
// use: the directory never changes, and tokens are guarded by a mutex.
type Server struct {
	dir     *directory
	tokens  *tokenStore
	graphql http.Handler
}

// New seeds the directory from o.Seed and prepares the schema.
func New(o Options) *Server {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.TokenTTL <= 0 {
		o.TokenTTL = defaultTokenTTL
	}
	s := &Server{tokens: newTokenStore(o.TokenTTL, o.Now)}
	if o.Hostile {
		s.dir = seedDirectory(o.Seed) // of its own: seedHostile changes it
		s.dir.seedHostile()
	} else {
		s.dir = seeded(o.Seed)
	}
	h := gqlserve.Handler{Schema: parsed(), Auth: s.authenticate, Log: o.Log}
	if o.Strict || o.NoIntrospection {
		c := strict.Config{Dialect: strict.AppSync, NoIntrospection: o.NoIntrospection}
		if o.Strict {
			c.Schema = SDL(o)
		}
		h.Gate = strict.MustNew(c)
	}
	s.graphql = h
	return s
}

// parsed is the schema, parsed once per process (see gqlserve.Handler).
var parsed = sync.OnceValue(func() *graphql.Schema {
	return graphql.MustParseSchema(schema.Vision, &rootResolver{}, gqlserve.Panics())
})

// authenticate is the token store's check, with the server's directory
// for the resolvers.
func (s *Server) authenticate(r *http.Request) (context.Context, error) {
	ctx, err := s.tokens.authenticate(r)
	if err != nil {
		return nil, err
	}
	return gqlserve.With(ctx, s.dir), nil
}

// SDL is the schema a server with o serves to its clients: the documented
// one when strict, else the demo's own (the two say the same).
func SDL(o Options) string {
	if o.Strict {
		return documented.Vision
	}
	return schema.Vision
}

// Register serves POST /vision/graphql and the token endpoint, POST and GET
// /vision/token, on mux.
func (s *Server) Register(mux *http.ServeMux) {
	mux.Handle("POST /vision/graphql", s.graphql)
	mux.HandleFunc("POST /vision/token", s.tokens.postToken)
	mux.HandleFunc("GET /vision/token", s.tokens.getToken)
}
