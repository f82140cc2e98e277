// Package demotest starts the demo server for tests over real HTTP and
// checks, when the test ends, that every GraphQL document the clients sent
// is valid against the project's schema files (with gqlparser, a second
// implementation beside the demo server's graph-gophers).
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

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/schema"
)

// Server is a demo server for one test.
type Server struct {
	URL string

	mu    sync.Mutex
	docs  map[string]map[string]bool // API -> documents sent
	calls []Call
}

// Call is one GraphQL request the server received.
type Call struct {
	API       string // opigno, scope or vision
	Query     string
	Variables map[string]any
}

// Start serves the demo APIs until the test ends, then validates every
// document received.
func Start(t testing.TB, o demo.Options) *Server {
	t.Helper()
	s := &Server{docs: map[string]map[string]bool{}}
	hs := httptest.NewServer(s.record(demo.Handler(o)))
	s.URL = hs.URL
	t.Cleanup(func() {
		hs.Close()
		s.validate(t)
	})
	return s
}

// record notes the query of every GraphQL request, by API.
func (s *Server) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if api, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/graphql"); ok && r.Body != nil {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			var req struct {
				Query     string         `json:"query"`
				Variables map[string]any `json:"variables"`
			}
			if json.Unmarshal(body, &req) == nil && req.Query != "" {
				s.mu.Lock()
				if s.docs[api] == nil {
					s.docs[api] = map[string]bool{}
				}
				s.docs[api][req.Query] = true
				s.calls = append(s.calls, Call{API: api, Query: req.Query, Variables: req.Variables})
				s.mu.Unlock()
			}
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) validate(t testing.TB) {
	sources := map[string]string{"opigno": schema.Opigno, "scope": schema.Scope, "vision": schema.Vision}
	s.mu.Lock()
	defer s.mu.Unlock()
	for api, docs := range s.docs {
		sch, err := gqlparser.LoadSchema(&ast.Source{Name: api + ".graphqls", Input: sources[api]})
		if err != nil {
			t.Errorf("schema %s: %v", api, err)
			continue
		}
		for doc := range docs {
			if _, errs := gqlparser.LoadQuery(sch, doc); len(errs) > 0 {
				t.Errorf("a document sent to %s is not valid against its schema: %v\n%s", api, errs, doc)
			}
		}
	}
}

// Calls returns the requests received so far whose query contains field.
func (s *Server) Calls(field string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if strings.Contains(c.Query, field) {
			out = append(out, c)
		}
	}
	return out
}

// Documents returns how many distinct documents were sent to api.
func (s *Server) Documents(api string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.docs[api])
}
