// Package opigno is the demo server's Opigno Enterprise API: the schema in
// api/demo/schema/opigno.graphqls over deterministic generated data, with
// Opigno's two-level authentication (OAuth client credentials plus an
// Opigno-Client-UUID naming the acting user context), cursor pagination
// with Opigno's own cursor format, CTAs, and the documented social rules.
package opigno

import (
	"log"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	graphql "github.com/graph-gophers/graphql-go"

	"github.com/rosterm/rosterm/api/demo/fake"
	"github.com/rosterm/rosterm/api/demo/gqlserve"
	"github.com/rosterm/rosterm/api/demo/schema"
	"github.com/rosterm/rosterm/api/demo/strict"
	"github.com/rosterm/rosterm/api/documented"
)

// Demo credentials and acting users, listed in the README.
const (
	DemoToken        = "demo-opigno-token" // static bearer token that always works
	DemoClientID     = "demo-client"
	DemoClientSecret = "demo-secret"
	AdminUUID        = "00000000-0000-4000-8000-000000000001" // context id 1, "Demo Administrator", ADMINISTRATOR
	MemberUUID       = "00000000-0000-4000-8000-000000000002" // context id 2, "Demo Member", AUTHENTICATED
)

// Options configure a Server.
type Options struct {
	Seed     uint64           // data generator seed
	Now      func() time.Time // nil means time.Now; stamps new records and token expiry
	TokenTTL time.Duration    // lifetime of OAuth-issued tokens; 0 means 1 hour
	Contexts int              // user contexts to generate; 0 (or fewer than 2,600) means 2,600
	Hostile  bool             // add records carrying terminal attacks (hostile.go)
	// VendorOnly serves the schema without the DEMO-ONLY query fields, as
	// a real Opigno server would, so clients can be tested degrading.
	VendorOnly bool
	// Log receives the reports of resolvers that panic; nil means the
	// standard logger.
	Log *log.Logger
	// Strict serves exactly the documented schema (api/documented) over
	// the demo's own (package strict), refusing anything else as
	// graphql-php would, and names some CTA arguments by aliases.
	Strict bool
	// NoIntrospection refuses __schema and __type as graphql-php does.
	NoIntrospection bool
	// RemoveByID, with Strict, documents removeUserConnection by the
	// older copies' userContextId: ID! instead of userContextUuid:
	// String!, so that clients can be tested against both.
	RemoveByID bool
}

// Server is one Opigno demo API with its own data.
type Server struct {
	store  *store
	tokens *tokens
	now    func() time.Time
	ttl    time.Duration
	gql    gqlserve.Handler

	hostile *hostileSetup // nil unless Options.Hostile
}

// New generates the data for o.Seed and builds the server.
func New(o Options) *Server {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	ttl := o.TokenTTL
	if ttl <= 0 {
		ttl = time.Hour
	}
	st := &store{now: now, data: seeded(o.Seed, o.Contexts)}
	st.aliasKeys = o.Strict
	s := &Server{store: st, tokens: &tokens{expires: map[[32]byte]time.Time{}}, now: now, ttl: ttl}
	if o.Hostile {
		s.hostile = ptr(st.seedHostile(o.Seed))
	}
	parsed := demoSchema
	if o.VendorOnly {
		parsed = vendorSchema
	}
	s.gql = gqlserve.Handler{Schema: parsed(), Auth: s.authenticate, Log: o.Log}
	if o.Strict || o.NoIntrospection {
		c := strict.Config{Dialect: strict.GraphQLPHP, NoIntrospection: o.NoIntrospection}
		if o.Strict {
			c.Schema = SDL(o)
		}
		s.gql.Gate = strict.MustNew(c)
	}
	return s
}

// demoSchema and vendorSchema are the demo's schema and the one without
// its DEMO-ONLY queries, each parsed once per process (see gqlserve.Handler).
var (
	demoSchema   = sync.OnceValue(func() *graphql.Schema { return parse(schema.Opigno) })
	vendorSchema = sync.OnceValue(func() *graphql.Schema { return parse(vendorOnly(schema.Opigno)) })
)

func parse(sdl string) *graphql.Schema {
	return graphql.MustParseSchema(sdl, &resolver{}, graphql.UseFieldResolvers(), gqlserve.Panics())
}

// SDL is the schema a server with o serves to its clients: the documented
// one when strict, else the demo's own.
func SDL(o Options) string {
	switch {
	case o.Strict && o.RemoveByID:
		return removeByID(documented.Opigno)
	case o.Strict:
		return documented.Opigno
	case o.VendorOnly:
		return vendorOnly(schema.Opigno)
	}
	return schema.Opigno
}

// removeByID types removeUserConnection as the older copies of its page do.
func removeByID(sdl string) string {
	const current = "removeUserConnection(userContextUuid: String!): BooleanResponse"
	if !strings.Contains(sdl, current) {
		panic("opigno: the documented schema no longer declares " + current)
	}
	return strings.Replace(sdl, current, "removeUserConnection(userContextId: ID!): BooleanResponse", 1)
}

// AdminCommunityIDs returns the ids of the communities the demo
// administrator owns or belongs to in the data of seed, in id order: a
// strict Opigno, like a real one, cannot list the caller's communities,
// so the demo profile names them.
func AdminCommunityIDs(seed uint64) []string {
	d := defaultData() // read, never changed
	if seed != fake.DefaultSeed {
		d = generate(seed)
	}
	var ids []int
	for id, c := range d.communities {
		if c.belongs(adminID) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = itoa(id)
	}
	return out
}

// Register adds the GraphQL endpoint and the OAuth token endpoint to mux.
func (s *Server) Register(mux *http.ServeMux) {
	mux.Handle("POST /opigno/graphql", s.graphqlHandler())
	mux.HandleFunc("POST /opigno/oauth/token", s.tokenEndpoint)
}

// vendorOnly drops the fields marked DEMO-ONLY (a comment line, then the
// field on one line). DEMO-ONLY types stay: unreachable, they are harmless.
func vendorOnly(sdl string) string {
	lines := strings.Split(sdl, "\n")
	out := make([]string, 0, len(lines))
	for i := 0; i < len(lines); i++ {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "# DEMO-ONLY") && i+1 < len(lines) &&
			strings.HasPrefix(lines[i+1], "  ") {
			i++ // the field
			continue
		}
		out = append(out, lines[i])
	}
	return strings.Join(out, "\n")
}
