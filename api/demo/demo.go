// Package demo is the embedded demo server: one http.Handler serving
// Opigno, Scope and XOi Vision as real GraphQL APIs over generated data,
// with each vendor's authentication and documented rules. `rosterm
// demo-server` runs it standalone; with no configuration, rosterm starts it
// in-process on a loopback port and uses it.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/rosterm/rosterm/api/demo/fake"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/demo/gqlserve"
	"github.com/rosterm/rosterm/api/demo/hostile"
	"github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/demo/scope"
	"github.com/rosterm/rosterm/api/demo/vision"
)

// DefaultSeed is the seed of the data everyone sees by default.
const DefaultSeed = fake.DefaultSeed

// Options configure the demo server.
type Options struct {
	Seed           uint64
	Latency        time.Duration // added to every request
	VisionTokenTTL time.Duration // 0 = 60 minutes
	OpignoTokenTTL time.Duration // 0 = 1 hour
	ScopeLegacy    bool          // a Scope older than 2.28.1 (no Query.users)
	OpignoContexts int           // Opigno user contexts; 0 = 2,600
	OpignoVendor   bool          // an Opigno without the DEMO-ONLY queries
	// Clock, when set, times the added latency, so tests can run on
	// virtual time.
	Clock gqlserve.Clock
	Now   func() time.Time
	// Hostile adds records whose names, e-mails, titles and messages try
	// to take over the terminal (see package hostile); the ordinary data
	// stays as it is.
	Hostile bool
	// Faults, when set, makes requests fail as it plans (see package faults).
	Faults *faults.Injector
	// Log receives the server's own error reports (a resolver that
	// panics, a connection it could not serve); nil means the standard
	// logger. In-process, under the UI, it must not be the terminal.
	Log *log.Logger
	// Strict serves exactly the vendors' documented schemas
	// (api/documented) with the same data and rules: anything else is
	// refused before it runs, in each vendor's own wording.
	Strict bool
	// NoIntrospection makes every API refuse __schema and __type, as a
	// production server may.
	NoIntrospection bool
	// OpignoRemoveByID (tests only, with Strict) documents Opigno's
	// removeUserConnection by the older copies' userContextId: ID!.
	OpignoRemoveByID bool
}

func (o Options) opigno() opigno.Options {
	return opigno.Options{Seed: o.Seed, Now: o.Now, TokenTTL: o.OpignoTokenTTL, Contexts: o.OpignoContexts, Hostile: o.Hostile,
		VendorOnly: o.OpignoVendor, Log: o.Log, Strict: o.Strict, NoIntrospection: o.NoIntrospection, RemoveByID: o.OpignoRemoveByID}
}

func (o Options) scope() scope.Options {
	return scope.Options{Seed: o.Seed, Now: o.Now, Legacy: o.ScopeLegacy, Hostile: o.Hostile, Log: o.Log,
		Strict: o.Strict, NoIntrospection: o.NoIntrospection}
}

func (o Options) vision() vision.Options {
	return vision.Options{Seed: o.Seed, Now: o.Now, TokenTTL: o.VisionTokenTTL, Hostile: o.Hostile, Log: o.Log,
		Strict: o.Strict, NoIntrospection: o.NoIntrospection}
}

// Schemas are the schemas a server with o serves, by API (opigno, scope,
// vision): what a document sent to it is valid against.
func Schemas(o Options) map[string]string {
	return map[string]string{"opigno": opigno.SDL(o.opigno()), "scope": scope.SDL(o.scope()), "vision": vision.SDL(o.vision())}
}

// Serves says in a few words what a server with o serves unlike the
// default one, for the line after "listening on URL"; "" for the default.
func (o Options) Serves() string {
	switch {
	case o.Strict && o.NoIntrospection:
		return "serving the documented schemas only (strict), introspection refused"
	case o.Strict:
		return "serving the documented schemas only (strict)"
	case o.NoIntrospection:
		return "serving the demo schemas with their extensions, introspection refused"
	}
	return ""
}

// Handler serves the three APIs under /opigno, /scope and /vision.
func Handler(o Options) http.Handler {
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	mux := http.NewServeMux()
	opigno.New(o.opigno()).Register(mux)
	scope.New(o.scope()).Register(mux)
	vision.New(o.vision()).Register(mux)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, "rosterm demo server: POST GraphQL to /opigno/graphql, /scope/graphql, /vision/graphql\n")
	})
	var h http.Handler = mux
	if o.Hostile {
		h = hostile.RawBytes(h)
	}
	if o.Faults != nil {
		h = o.Faults.Wrap(h)
	}
	return gqlserve.Latency(o.Latency, o.Clock, h)
}

// Server is a running demo server.
type Server struct {
	URL    string // http://host:port, no trailing slash
	srv    *http.Server
	done   chan error
	faults *faults.Injector
}

// Start serves on addr ("127.0.0.1:0" for any free loopback port) until
// Close. It returns once the server accepts connections.
func Start(addr string, o Options) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("demo server: %w", err)
	}
	s := &Server{
		URL:    "http://" + ln.Addr().String(),
		srv:    &http.Server{Handler: Handler(o), ReadHeaderTimeout: 10 * time.Second, ErrorLog: o.Log},
		done:   make(chan error, 1),
		faults: o.Faults,
	}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the server, letting requests in flight finish for a moment
// and then dropping the connections of those that have not.
func (s *Server) Close() error {
	if s.faults != nil {
		s.faults.Close() // hanging requests would hold Shutdown up
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if err != nil {
		s.srv.Close()
	}
	if serr := <-s.done; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// Run serves on addr until ctx ends, printing "listening on <url>" to out
// once connections are accepted, then what it serves (Options.Serves).
func Run(ctx context.Context, addr string, o Options, out io.Writer) error {
	s, err := Start(addr, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "listening on %s\n", s.URL)
	if serves := o.Serves(); serves != "" {
		fmt.Fprintln(out, serves)
	}
	select {
	case <-ctx.Done():
		return s.Close()
	case err := <-s.done:
		return err
	}
}
