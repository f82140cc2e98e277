package vision

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/demo/gqltest"
)

// newClock is a settable Options.Now, safe to read from handler goroutines.
func newClock() *clock.Virtual { return clock.NewVirtual(time.Date(2026, 5, 4, 12, 0, 0, 0, time.UTC)) }

// startServer serves a fresh demo organization over real HTTP.
func startServer(t *testing.T, o Options) (*httptest.Server, *Server) {
	t.Helper()
	if o.Now == nil {
		o.Now = newClock().Now
	}
	s := New(o)
	return gqltest.Serve(t, s.Register), s
}

func do(t *testing.T, srv *httptest.Server, req *http.Request) (int, http.Header, []byte) {
	t.Helper()
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header, body
}

// getToken trades the demo credentials for a token with POST JSON.
func getToken(t *testing.T, srv *httptest.Server) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/vision/token",
		bytes.NewReader([]byte(`{"api_key": "`+DemoKey+`", "api_secret": "`+DemoSecret+`"}`)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	status, _, body := do(t, srv, req)
	var tr struct{ Token string }
	if status != http.StatusOK || json.Unmarshal(body, &tr) != nil || tr.Token == "" {
		t.Fatalf("token: status %d, body %s", status, body)
	}
	return tr.Token
}

// postGraphQL sends a GraphQL request with the given Authorization header.
func postGraphQL(t *testing.T, srv *httptest.Server, auth, query string, vars any) (int, gqltest.Response) {
	t.Helper()
	return gqltest.Post(t, srv, "/vision/graphql", map[string]string{"Authorization": auth}, query, vars)
}

// query runs a document with a fresh token, decoding data into out and
// failing on any error.
func query(t *testing.T, srv *httptest.Server, doc string, vars any, out any) {
	t.Helper()
	status, res := postGraphQL(t, srv, getToken(t, srv), doc, vars)
	if status != http.StatusOK || len(res.Errors) > 0 {
		t.Fatalf("status %d, errors %+v", status, res.Errors)
	}
	if err := json.Unmarshal(res.Data, out); err != nil {
		t.Fatalf("data %s: %v", res.Data, err)
	}
}
