package vision

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestTokenEndpoint(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	jsonBody := func(key, secret string) string {
		b, _ := json.Marshal(map[string]string{"api_key": key, "api_secret": secret})
		return string(b)
	}
	tests := []struct {
		name        string
		method      string
		contentType string
		body        string
		basic       []string // key, secret
		status      int
	}{
		{"POST JSON", "POST", "application/json", jsonBody(DemoKey, DemoSecret), nil, 200},
		{"POST JSON with charset", "POST", "application/json; charset=utf-8", jsonBody(DemoKey, DemoSecret), nil, 200},
		{"POST wrong secret", "POST", "application/json", jsonBody(DemoKey, "nope"), nil, 401},
		{"POST wrong key", "POST", "application/json", jsonBody("nope", DemoSecret), nil, 401},
		{"POST no credentials", "POST", "application/json", `{}`, nil, 401},
		{"POST not JSON", "POST", "application/json", `api_key=demo-key`, nil, 400},
		{"POST form content type", "POST", "application/x-www-form-urlencoded", jsonBody(DemoKey, DemoSecret), nil, 415},
		{"GET basic auth", "GET", "", "", []string{DemoKey, DemoSecret}, 200},
		{"GET wrong basic auth", "GET", "", "", []string{DemoKey, "nope"}, 401},
		{"GET without auth", "GET", "", "", nil, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, srv.URL+"/vision/token", bytes.NewReader([]byte(tt.body)))
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			if tt.basic != nil {
				req.SetBasicAuth(tt.basic[0], tt.basic[1])
			}
			status, header, body := do(t, srv, req)
			var res struct{ Token, Message string }
			if status != tt.status || json.Unmarshal(body, &res) != nil || header.Get("Content-Type") != "application/json" {
				t.Fatalf("status %d, body %s; want %d with JSON", status, body, tt.status)
			}
			if tt.status == 200 {
				checkTokenShape(t, res.Token)
			} else if res.Message == "" {
				t.Errorf("no message in %s", body)
			}
		})
	}
}

// Tokens look like JWTs: three base64url parts, the first a JSON header.
func checkTokenShape(t *testing.T, token string) {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q has %d parts", token, len(parts))
	}
	for _, p := range parts {
		if _, err := base64.RawURLEncoding.DecodeString(p); err != nil || p == "" {
			t.Errorf("part %q is not base64url: %v", p, err)
		}
	}
	header, _ := base64.RawURLEncoding.DecodeString(parts[0])
	if !json.Valid(header) || !strings.HasPrefix(token, "eyJraW") {
		t.Errorf("header %s", header)
	}
}

func TestGraphQLAuth(t *testing.T) {
	t.Parallel()
	c := newClock()
	srv, _ := startServer(t, Options{Seed: 1, Now: c.Now})
	expired := getToken(t, srv)
	c.Advance(61 * time.Minute)
	valid, older := getToken(t, srv), getToken(t, srv)
	tests := []struct {
		name    string
		header  string
		status  int
		message string
	}{
		{"token", valid, 200, ""},
		{"an earlier token", older, 200, ""},
		{"missing", "", 401, "missing Authorization header"},
		{"Bearer prefix", "Bearer " + valid, 401, "send the token alone"},
		{"lower-case bearer", "bearer " + valid, 401, "send the token alone"},
		{"unknown", valid + "x", 401, "invalid token"},
		{"expired", expired, 401, "token expired: tokens are valid for 60 minutes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, res := postGraphQL(t, srv, tt.header, `{ getUser(input: {id: "a-user-id"}) { user { id } } }`, nil)
			if status != tt.status {
				t.Fatalf("status %d, want %d (%+v)", status, tt.status, res.Errors)
			}
			if tt.status == 200 {
				if len(res.Errors) != 0 || !strings.Contains(string(res.Data), "a-user-id") {
					t.Errorf("data %s, errors %+v", res.Data, res.Errors)
				}
				return
			}
			if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, tt.message) {
				t.Errorf("errors %+v, want %q", res.Errors, tt.message)
			}
		})
	}
}

// A token is valid for TokenTTL from when it was issued, and new tokens do
// not revoke old ones.
func TestTokenExpiry(t *testing.T) {
	t.Parallel()
	c := newClock()
	srv, _ := startServer(t, Options{Seed: 1, Now: c.Now, TokenTTL: 10 * time.Minute})
	first := getToken(t, srv)
	c.Advance(9 * time.Minute)
	second := getToken(t, srv)
	if first == second {
		t.Fatal("two tokens are the same")
	}
	steps := []struct {
		advance       time.Duration
		first, second int
	}{
		{0, 200, 200},
		{time.Minute, 401, 200},
		{9 * time.Minute, 401, 401},
	}
	for i, st := range steps {
		c.Advance(st.advance)
		for _, tok := range []struct {
			token string
			want  int
		}{{first, st.first}, {second, st.second}} {
			if status, res := postGraphQL(t, srv, tok.token, `{ getUser(input: {id: "x"}) { user { id } } }`, nil); status != tok.want {
				t.Errorf("step %d: status %d, want %d (%+v)", i, status, tok.want, res.Errors)
			}
		}
	}
}
