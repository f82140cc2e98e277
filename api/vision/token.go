package vision

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/rosterm/rosterm/api"
)

// tokenLifetime is how long XOi documents a token to be valid.
const tokenLifetime = 60 * time.Minute

// tokenSource exchanges an API key and secret for a token, as XOi
// documents: POST JSON {"api_key","api_secret"}, or GET with HTTP Basic
// auth (key as username, secret as password); the answer is {"token"}.
type tokenSource struct {
	url, key, secret string
	method           string
	http             *http.Client
	secrets          *api.Secrets
	now              func() time.Time
}

// NewTokenSource returns a source that fetches a new Vision token from
// ep.URL on each call, within the caller's context; api.NewTokenAuth
// reuses the token. method is "POST" (or "") or "GET". The requests,
// which carry the key and secret, go under api.NewHTTPClient's policy
// with ep's limits; the key, the secret and every token issued join
// ep.Secrets, and no error the source returns has any of them.
func NewTokenSource(ep api.Endpoint, key, secret, method string) (api.TokenSource, error) {
	switch method = strings.ToUpper(method); method {
	case "":
		method = http.MethodPost
	case http.MethodPost, http.MethodGet:
	default:
		return nil, fmt.Errorf("vision: token_method must be POST or GET, not %q", method)
	}
	if ep.Secrets == nil {
		ep.Secrets = api.NewSecrets()
	}
	ep.Secrets.Add(key)
	ep.Secrets.AddBasic(key, secret)
	hc, err := api.NewHTTPClient(ep)
	if err != nil {
		return nil, fmt.Errorf("vision: token_url: %w", err)
	}
	return &tokenSource{url: ep.URL, key: key, secret: secret, method: method, http: hc, secrets: ep.Secrets, now: time.Now}, nil
}

func (s *tokenSource) request(ctx context.Context) (*http.Request, error) {
	if s.method == http.MethodGet {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.url, nil)
		if err != nil {
			return nil, err
		}
		req.SetBasicAuth(s.key, s.secret)
		req.Header.Set("Accept", "application/json")
		return req, nil
	}
	body, _ := json.Marshal(map[string]string{"api_key": s.key, "api_secret": s.secret})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	return req, nil
}

// Token asks for a new token; the request ends with ctx (the GraphQL
// request that needs the token), so a hung token endpoint holds that
// request up no longer than its own deadline.
func (s *tokenSource) Token(ctx context.Context) (*oauth2.Token, error) {
	tok, err := s.token(ctx)
	if err != nil {
		return nil, s.secrets.Error(err)
	}
	s.secrets.Add(tok.AccessToken)
	return tok, nil
}

func (s *tokenSource) token(ctx context.Context) (*oauth2.Token, error) {
	req, err := s.request(ctx)
	if err != nil {
		return nil, fmt.Errorf("vision token: %w", err)
	}
	issued := s.now()
	resp, err := s.http.Do(req)
	if err != nil {
		var typed *api.Error
		if errors.As(err, &typed) { // the policy's: a redirect, a refused origin, too large
			c := *typed
			c.Message = "vision token: " + typed.Message
			return nil, &c
		}
		return nil, fmt.Errorf("vision token: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, tokenRefused(api.StatusError(resp))
	}
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	var out struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(raw, &out); err != nil || out.Token == "" {
		return nil, fmt.Errorf("vision token: the token endpoint's answer has no token")
	}
	return &oauth2.Token{AccessToken: out.Token, Expiry: issued.Add(tokenLifetime)}, nil
}

// tokenRefused words a non-200 answer of the token endpoint: one that is
// busy or failing (429, 5xx) is worth asking again; any other means the
// key or secret is wrong.
func tokenRefused(e *api.Error) *api.Error {
	if e.Temporary() {
		e.Message = "vision token: " + e.Message
		return e
	}
	e.Kind = api.KindAuth
	e.Message = fmt.Sprintf("vision token: the token endpoint refused the key (HTTP %d); check api_key and api_secret", e.Status)
	return e
}
