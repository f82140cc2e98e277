// Package gqlserve serves a graph-gophers schema over HTTP the way the three
// vendors do: POST JSON {query, operationName, variables}, answers JSON, and
// an authentication failure is HTTP 401 with a GraphQL-shaped error body.
package gqlserve

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"runtime/debug"
	"time"

	graphql "github.com/graph-gophers/graphql-go"
	gqllog "github.com/graph-gophers/graphql-go/log"
)

// maxRequestBytes bounds a request body; no legitimate document is near it.
const maxRequestBytes = 1 << 20

// Authenticate checks a request's credentials and returns the context the
// resolvers run with (carrying, for example, the acting user). A returned
// error is sent as HTTP 401 with its text as the GraphQL error message.
type Authenticate func(r *http.Request) (context.Context, error)

// Handler executes GraphQL requests against Schema after Auth accepts them.
// A schema is parsed once per process and serves every server of its API
// (parsing it was most of what starting a demo server cost): its root
// resolver holds nothing, and finds the data of the request's server in
// the context Auth returns (With, From).
type Handler struct {
	Schema *graphql.Schema
	Auth   Authenticate
	// Gate, when set, stands between an authenticated request and Schema
	// (the strict demo's contract, a refused introspection).
	Gate Gate
	// Log receives the resolvers' panics (a schema parsed with Panics);
	// nil is the standard logger.
	Log *log.Logger
}

// serverKey carries a server's state of type T in a request's context.
type serverKey[T any] struct{}

// With returns ctx carrying v, the state of the server a request is for.
func With[T any](ctx context.Context, v *T) context.Context {
	return context.WithValue(ctx, serverKey[T]{}, v)
}

// From is the state With put in ctx.
func From[T any](ctx context.Context) *T {
	v, _ := ctx.Value(serverKey[T]{}).(*T)
	return v
}

// Request is a GraphQL request as the client sent it. Numbers in
// Variables are json.Number.
type Request struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
}

// Exec runs a request against the schema.
type Exec func(ctx context.Context, req Request) *graphql.Response

// Gate answers an authenticated request: by itself (a refusal), or by
// running exec and giving its answer, possibly changed. What it returns is
// sent as JSON with HTTP 200.
type Gate interface {
	Serve(ctx context.Context, req Request, exec Exec) any
}

func (h Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		WriteError(w, http.StatusMethodNotAllowed, "use POST with a JSON body {query, variables}")
		return
	}
	ctx := r.Context()
	if h.Auth != nil {
		var err error
		if ctx, err = h.Auth(r); err != nil {
			WriteError(w, http.StatusUnauthorized, err.Error())
			return
		}
	}
	ctx = With(ctx, h.Log)
	var req Request
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxRequestBytes))
	dec.UseNumber()
	if err := dec.Decode(&req); err != nil {
		WriteError(w, http.StatusBadRequest, "the request body is not a GraphQL JSON request: "+err.Error())
		return
	}
	if req.Query == "" {
		WriteError(w, http.StatusBadRequest, "the request has no query")
		return
	}
	exec := func(ctx context.Context, req Request) *graphql.Response {
		return h.Schema.Exec(ctx, req.Query, req.OperationName, numbersToInts(CopyVariables(req.Variables)))
	}
	if h.Gate != nil {
		WriteJSON(w, http.StatusOK, h.Gate.Serve(ctx, req, exec))
		return
	}
	WriteJSON(w, http.StatusOK, exec(ctx, req))
}

// CopyVariables copies variables deeply, so that whoever reads or coerces
// the copy leaves the request as it came.
func CopyVariables(v map[string]any) map[string]any {
	if v == nil {
		return nil
	}
	out := make(map[string]any, len(v))
	for k, x := range v {
		out[k] = copyValue(x)
	}
	return out
}

func copyValue(x any) any {
	switch t := x.(type) {
	case map[string]any:
		return CopyVariables(t)
	case []any:
		out := make([]any, len(t))
		for i := range t {
			out[i] = copyValue(t[i])
		}
		return out
	}
	return x
}

// numbersToInts turns json.Number variables into int32 or float64, the Go
// types graph-gophers decodes Int and Float arguments from. Decoding with
// UseNumber keeps large integers exact instead of rounding through float64.
func numbersToInts(v map[string]any) map[string]any {
	for k, x := range v {
		v[k] = convertNumbers(x)
	}
	return v
}

func convertNumbers(x any) any {
	switch t := x.(type) {
	case json.Number:
		if i, err := t.Int64(); err == nil && i >= -1<<31 && i < 1<<31 {
			return int32(i)
		}
		f, _ := t.Float64()
		return f
	case map[string]any:
		return numbersToInts(t)
	case []any:
		for i := range t {
			t[i] = convertNumbers(t[i])
		}
	}
	return x
}

// WriteJSON writes v as a JSON response with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// WriteError writes a GraphQL-shaped error body: {"errors":[{"message":...}]}.
func WriteError(w http.ResponseWriter, status int, message string) {
	WriteJSON(w, status, map[string]any{
		"data":   nil,
		"errors": []map[string]string{{"message": message}},
	})
}

// Clock waits for latency; nil means real time. Tests pass a virtual
// clock so that slow links cost no real time.
type Clock interface {
	// Sleep waits d, or until ctx ends, which it reports as an error.
	Sleep(ctx context.Context, d time.Duration) error
}

// Latency delays every request by d, as a slow link would; a request whose
// client gives up is abandoned rather than answered late.
func Latency(d time.Duration, clock Clock, next http.Handler) http.Handler {
	if d <= 0 {
		return next
	}
	if clock == nil {
		clock = realClock{}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if clock.Sleep(r.Context(), d) == nil {
			next.ServeHTTP(w, r)
		}
	})
}

type realClock struct{}

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Panics is graph-gophers' panic logger writing to the Log of the
// request's Handler, or the standard logger when it has none: rosterm
// gives the demo server it runs in-process a logger that does not write
// over the screen.
func Panics() graphql.SchemaOpt {
	return graphql.Logger(gqllog.LoggerFunc(func(ctx context.Context, value any) {
		l := From[log.Logger](ctx)
		if l == nil {
			l = log.Default()
		}
		l.Printf("graphql: panic occurred: %v\n%s", value, debug.Stack())
	}))
}
