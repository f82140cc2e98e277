package opigno

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/demo/gqltest"
)

type testEnv struct {
	t     *testing.T
	srv   *Server
	http  *httptest.Server
	clock *clock.Virtual // the server's Options.Now
}

// newEnv starts a demo Opigno server (seed 1) on a real HTTP listener.
func newEnv(t *testing.T) *testEnv {
	t.Helper()
	return newEnvWith(t, Options{})
}

// newEnvWith is newEnv with o's options (strict ones, say).
func newEnvWith(t *testing.T, o Options) *testEnv {
	t.Helper()
	clk := clock.NewVirtual(time.Date(2025, time.October, 1, 12, 0, 0, 0, time.UTC))
	o.Seed, o.Now, o.TokenTTL = 1, clk.Now, 10*time.Minute
	srv := New(o)
	hs := gqltest.Serve(t, srv.Register)
	return &testEnv{t: t, srv: srv, http: hs, clock: clk}
}

// with returns e reporting to t, for subtests.
func (e *testEnv) with(t *testing.T) *testEnv {
	c := *e
	c.t = t
	return &c
}

// raw posts a GraphQL request with the given token and uuid ("" omits the
// header) and returns the status and decoded body.
func (e *testEnv) raw(token, uuid, query string, vars map[string]any) (int, gqltest.Response) {
	e.t.Helper()
	auth := ""
	if token != "" {
		auth = "Bearer " + token
	}
	return gqltest.Post(e.t, e.http, "/opigno/graphql", map[string]string{"Authorization": auth, "Opigno-Client-UUID": uuid}, query, vars)
}

// query runs a document as uuid with the demo token, fails the test on any
// GraphQL error, and decodes data into out.
func (e *testEnv) query(uuid, query string, vars map[string]any, out any) {
	e.t.Helper()
	status, res := e.raw(DemoToken, uuid, query, vars)
	if status != http.StatusOK || len(res.Errors) > 0 {
		e.t.Fatalf("status %d, errors %+v", status, res.Errors)
	}
	if err := json.Unmarshal(res.Data, out); err != nil {
		e.t.Fatalf("decode data: %v\n%s", err, res.Data)
	}
}

// queryError runs a document that must fail with one top-level error whose
// message contains want.
func (e *testEnv) queryError(uuid, query string, vars map[string]any, want string) {
	e.t.Helper()
	status, res := e.raw(DemoToken, uuid, query, vars)
	if status != http.StatusOK {
		e.t.Fatalf("status %d, want 200", status)
	}
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, want) {
		e.t.Fatalf("errors %+v, want one containing %q", res.Errors, want)
	}
}

// envelope is a mutation's {errors, response} with the response kept raw.
type envelope struct {
	Errors   []string        `json:"errors"`
	Response json.RawMessage `json:"response"`
}

// mutate runs a single-field mutation (or a query that answers in the
// envelope) and returns its envelope.
func (e *testEnv) mutate(uuid, query string, vars map[string]any) envelope {
	e.t.Helper()
	var data map[string]envelope
	e.query(uuid, query, vars, &data)
	if len(data) != 1 {
		e.t.Fatalf("want one mutation field, got %d", len(data))
	}
	for _, env := range data {
		if env.Errors == nil {
			e.t.Fatalf("errors is null, want a list")
		}
		return env
	}
	return envelope{}
}

// mustSucceed runs a mutation that must succeed and decodes its response.
func (e *testEnv) mustSucceed(uuid, query string, vars map[string]any, out any) {
	e.t.Helper()
	env := e.mutate(uuid, query, vars)
	if len(env.Errors) != 0 {
		e.t.Fatalf("errors %q, want none", env.Errors)
	}
	if out != nil {
		if err := json.Unmarshal(env.Response, out); err != nil {
			e.t.Fatalf("decode response: %v", err)
		}
	}
}

// mustFail runs a mutation that must fail with an error containing want and
// a null response.
func (e *testEnv) mustFail(uuid, query string, vars map[string]any, want string) {
	e.t.Helper()
	env := e.mutate(uuid, query, vars)
	if len(env.Errors) == 0 || !strings.Contains(strings.Join(env.Errors, " | "), want) {
		e.t.Fatalf("errors %q, want one containing %q", env.Errors, want)
	}
	if string(env.Response) != "null" {
		e.t.Fatalf("response %s, want null", env.Response)
	}
}

// uuidOf returns the uuid of context id.
func (e *testEnv) uuidOf(id int) string {
	e.srv.store.mu.RLock()
	defer e.srv.store.mu.RUnlock()
	return e.srv.store.context(id).uuid
}

// inspect runs fn with the store read-locked, for assertions on the data.
func (e *testEnv) inspect(fn func(d *data)) {
	e.srv.store.mu.RLock()
	defer e.srv.store.mu.RUnlock()
	fn(&e.srv.store.data)
}
