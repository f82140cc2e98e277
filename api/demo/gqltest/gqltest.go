// Package gqltest speaks GraphQL over HTTP to one demo server in its own
// package's tests (api/demo/opigno, scope, vision), which cannot use
// demotest: demotest serves all three, so it imports them.
package gqltest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Response is a GraphQL answer as a client decodes it.
type Response struct {
	Data   json.RawMessage `json:"data"`
	Errors []Error         `json:"errors"`
}

// Error is one of a Response's errors.
type Error struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Serve serves what register puts on a fresh mux over real HTTP until
// the test ends.
func Serve(t testing.TB, register func(*http.ServeMux)) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// Post sends query with vars to path on srv with header (a header whose
// value is "" is not sent) and returns the HTTP status and the answer,
// failing t if the answer is not JSON.
func Post(t testing.TB, srv *httptest.Server, path string, header map[string]string, query string, vars any) (int, Response) {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, srv.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		if v != "" {
			req.Header.Set(k, v)
		}
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out Response
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("status %d, body is not JSON: %v\n%s", res.StatusCode, err, raw)
	}
	return res.StatusCode, out
}
