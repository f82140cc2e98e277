package perf

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

// Server is the demo server over real HTTP, recording every request it
// receives (token fetches too), so that what the program sends can be
// counted.
type Server struct {
	URL string

	hs   *httptest.Server
	mu   sync.Mutex
	reqs []Request
}

// Request is one HTTP request the server received.
type Request struct {
	API   string // opigno, scope or vision
	Name  string // the GraphQL document's first field ("getCurrentUserContext"), or the path of a token fetch
	Query string
	Vars  map[string]any
	// Answered is set once the whole answer was sent; More when it names
	// a next page (a Vision nextToken, a Relay hasNextPage).
	Answered, More bool
}

func (r Request) String() string { return r.API + " " + r.Name }

// StartServer serves the demo with o until Close.
func StartServer(o demo.Options) *Server {
	s := &Server{}
	s.hs = httptest.NewServer(s.record(demo.Handler(o)))
	s.URL = s.hs.URL
	return s
}

// Close stops the server.
func (s *Server) Close() { s.hs.Close() }

// Requests are the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// Reset forgets the requests received so far.
func (s *Server) Reset() {
	s.mu.Lock()
	s.reqs = nil
	s.mu.Unlock()
}

// Count is how many requests received so far name name ("" counts all).
func (s *Server) Count(name string) int {
	n := 0
	for _, r := range s.Requests() {
		if name == "" || r.Name == name {
			n++
		}
	}
	return n
}

var firstField = regexp.MustCompile(`\{\s*(?:[A-Za-z_][A-Za-z0-9_]*\s*:\s*)?([A-Za-z_][A-Za-z0-9_]*)`)

func (s *Server) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := strings.TrimPrefix(r.URL.Path, "/")
		api, rest, _ := strings.Cut(path, "/")
		req := Request{API: api, Name: rest}
		if rest == "graphql" && r.Body != nil {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			var q struct {
				Query     string         `json:"query"`
				Variables map[string]any `json:"variables"`
			}
			if json.Unmarshal(body, &q) == nil {
				req.Query, req.Vars = q.Query, q.Variables
				if m := firstField.FindStringSubmatch(q.Query); m != nil {
					req.Name = m[1]
				}
			}
		}
		s.mu.Lock()
		i := len(s.reqs)
		s.reqs = append(s.reqs, req)
		s.mu.Unlock()
		rec := gqlserve.Record(next, r)
		rec.Send(w, rec.Body.Bytes())
		s.mu.Lock()
		s.reqs[i].Answered, s.reqs[i].More = true, morePages.Match(rec.Body.Bytes())
		s.mu.Unlock()
	})
}

// morePages finds, in an answer, a next page it names.
var morePages = regexp.MustCompile(`"nextToken"\s*:\s*"[^"]|"hasNextPage"\s*:\s*true`)
