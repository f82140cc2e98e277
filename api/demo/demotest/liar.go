package demotest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/rosterm/rosterm/api/demo"
)

// Lies are what a Liar tells a client about the server behind it.
type Lies struct {
	// Schema rewrites the server's introspection answer; nil refuses
	// introspection with the error NoSchema, as servers that forbid it do.
	Schema   func(answer []byte) []byte
	NoSchema string
	// Refusal, when not "", is the validation error that answers the
	// mutations Refuse picks: the first sent, when Refuse is nil.
	Refusal string
	Refuse  func(doc string) bool
	// Rewrite changes a mutation's request body before the server runs it.
	Rewrite func(body []byte) []byte
}

// Liar is the demo server behind a front that lies about its schema and
// its validation, for tests that no text of a server's but names and
// types that are what they claim to be is written into a document. It
// keeps every mutation document it receives.
type Liar struct {
	URL string

	mu        sync.Mutex
	mutations []string
}

// StartLiar serves the demo APIs with o behind lies until the test ends.
func StartLiar(t testing.TB, o demo.Options, lies Lies) *Liar {
	t.Helper()
	l := &Liar{}
	next := demo.Handler(o)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		var req struct{ Query string }
		_ = json.Unmarshal(body, &req)
		switch q := strings.TrimSpace(req.Query); {
		case strings.Contains(q, "__schema") && lies.Schema == nil:
			graphQLError(w, lies.NoSchema)
		case strings.Contains(q, "__schema"):
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(lies.Schema(rec.Body.Bytes()))
		case strings.HasPrefix(q, "mutation"):
			if l.refuse(q, lies.Refuse) && lies.Refusal != "" {
				graphQLError(w, lies.Refusal)
				return
			}
			if lies.Rewrite != nil {
				body = lies.Rewrite(body)
				r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
			}
			next.ServeHTTP(w, r)
		default:
			next.ServeHTTP(w, r)
		}
	}))
	l.URL = srv.URL
	t.Cleanup(srv.Close)
	return l
}

// refuse keeps the mutation doc and reports whether the Refusal answers
// it: when it is the first received, or when pick says so.
func (l *Liar) refuse(doc string, pick func(string) bool) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	first := len(l.mutations) == 0
	l.mutations = append(l.mutations, doc)
	if pick != nil {
		return pick(doc)
	}
	return first
}

func graphQLError(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []any{map[string]any{"message": msg}}})
}

// SentExactly checks that the mutations received were one per type in
// types, each exactly mutation(arg: $arg) with $arg declared that type
// (RunsExactly).
func (l *Liar) SentExactly(t testing.TB, mutation, arg string, types []string) {
	t.Helper()
	l.mu.Lock()
	sent := append([]string(nil), l.mutations...)
	l.mu.Unlock()
	if len(sent) != len(types) {
		t.Fatalf("%d documents sent, want %d:\n%s", len(sent), len(types), strings.Join(sent, "\n"))
	}
	for i, doc := range sent {
		RunsExactly(t, doc, mutation, arg, types[i])
	}
}
