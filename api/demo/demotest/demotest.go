// Package demotest starts the demo server for tests over real HTTP and
// checks, when the test ends, that every GraphQL document the clients sent
// is valid against the schema the server serves (with gqlparser, a second
// implementation beside the demo server's graph-gophers): the demo's own
// schemas, or the vendors' documented ones when the server is strict.
//
// A document the server refused with a validation error is no failure:
// clients find out what a server offers by trying it. Refused counts them,
// so that a test can check a client does not keep sending what was refused.
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
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/rosterm/rosterm/api/demo"
)

// Server is a demo server for one test.
type Server struct {
	URL string

	schemas map[string]string // API -> the SDL the server serves

	mu      sync.Mutex
	docs    map[string]map[string]int      // API -> document -> times sent
	answers map[string]map[string]*outcome // API -> document -> how it was answered
	checked map[string]map[string]gqlerror.List
	parsed  map[string]*ast.Schema // API -> its schema, once a document needs it
	calls   []Call
}

// outcome counts how the server answered a document.
type outcome struct {
	refused int // HTTP 200, no data, errors: refused before it ran
	ran     int // answered with data
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
	s := &Server{
		schemas: demo.Schemas(o),
		docs:    map[string]map[string]int{},
		answers: map[string]map[string]*outcome{},
		checked: map[string]map[string]gqlerror.List{},
		parsed:  map[string]*ast.Schema{},
	}
	hs := httptest.NewServer(s.record(demo.Handler(o)))
	s.URL = hs.URL
	t.Cleanup(func() {
		hs.Close()
		s.validate(t)
	})
	return s
}

// record notes the query of every GraphQL request, by API, and how the
// server answered it.
func (s *Server) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		api, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/graphql")
		if !ok || r.Body == nil {
			next.ServeHTTP(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		var req struct {
			Query     string         `json:"query"`
			Variables map[string]any `json:"variables"`
		}
		if json.Unmarshal(body, &req) != nil || req.Query == "" {
			next.ServeHTTP(w, r)
			return
		}
		s.mu.Lock()
		if s.docs[api] == nil {
			s.docs[api] = map[string]int{}
			s.answers[api] = map[string]*outcome{}
		}
		s.docs[api][req.Query]++
		s.calls = append(s.calls, Call{API: api, Query: req.Query, Variables: req.Variables})
		s.mu.Unlock()

		tw := &tee{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(tw, r)
		refused, ran := tw.outcome()
		s.mu.Lock()
		o := s.answers[api][req.Query]
		if o == nil {
			o = &outcome{}
			s.answers[api][req.Query] = o
		}
		if refused {
			o.refused++
		}
		if ran {
			o.ran++
		}
		s.mu.Unlock()
	})
}

// problems validates a document against the schema api serves; the caller
// holds mu.
func (s *Server) problems(api, doc string) gqlerror.List {
	if errs, ok := s.checked[api][doc]; ok {
		return errs
	}
	sch := s.parsed[api]
	if sch == nil {
		var err error
		if sch, err = gqlparser.LoadSchema(&ast.Source{Name: api + ".graphqls", Input: s.schemas[api]}); err != nil {
			return gqlerror.List{gqlerror.Errorf("schema %s: %v", api, err)}
		}
		s.parsed[api] = sch
	}
	_, errs := gqlparser.LoadQuery(sch, doc)
	if s.checked[api] == nil {
		s.checked[api] = map[string]gqlerror.List{}
	}
	s.checked[api][doc] = errs
	return errs
}

// validate fails the test for every document the server did not refuse
// that is not valid against the schema it serves.
func (s *Server) validate(t testing.TB) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for api, docs := range s.docs {
		for doc := range docs {
			errs := s.problems(api, doc)
			if len(errs) == 0 {
				continue
			}
			if o := s.answers[api][doc]; o != nil && o.refused > 0 && o.ran == 0 {
				continue // refused, as the schema says it must be: Refused counts it
			}
			t.Errorf("a document sent to %s is not valid against the schema it serves: %v\n%s", api, errs, doc)
		}
	}
}

// Refused returns the documents the server refused as invalid against the
// schema it serves, with the number of times each was sent.
func (s *Server) Refused() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for api, docs := range s.docs {
		for doc, n := range docs {
			if o := s.answers[api][doc]; o != nil && o.refused > 0 && len(s.problems(api, doc)) > 0 {
				out[doc] += n
			}
		}
	}
	return out
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

// Mutations returns the mutations received so far (not every document
// that names the word: introspection asks for mutationType).
func (s *Server) Mutations() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if strings.HasPrefix(strings.TrimSpace(c.Query), "mutation") {
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

// maxKept bounds the part of an answer kept to read its outcome: its
// errors and the start of its data.
const maxKept = 64 << 10

// tee passes a response through and keeps a copy to read how the server
// answered.
type tee struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (t *tee) WriteHeader(status int) {
	t.status = status
	t.ResponseWriter.WriteHeader(status)
}

func (t *tee) Write(p []byte) (int, error) {
	if t.body.Len() < maxKept {
		t.body.Write(p)
	}
	return t.ResponseWriter.Write(p)
}

// Flush and Unwrap keep the fault injector's streaming and hijacking.
func (t *tee) Flush() {
	if f, ok := t.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (t *tee) Unwrap() http.ResponseWriter { return t.ResponseWriter }

// outcome reads the answer: refused before it ran (HTTP 200, no data,
// errors), or ran (data). It reads no further than it must: the first
// token of the data says whether there is any, so an answer of many
// megabytes is not scanned whole.
func (t *tee) outcome() (refused, ran bool) {
	if t.status != http.StatusOK {
		return false, false
	}
	dec := json.NewDecoder(bytes.NewReader(t.body.Bytes()))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false, false
	}
	errs := false
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return false, false
		}
		switch key {
		case "data":
			if tok, err := dec.Token(); err != nil || tok != nil {
				return false, err == nil
			}
		case "errors":
			var list []json.RawMessage
			if dec.Decode(&list) != nil {
				return false, false
			}
			errs = len(list) > 0
		default:
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return false, false
			}
		}
	}
	return errs, false
}
