package vision

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"golang.org/x/oauth2"

	"github.com/rosterm/rosterm/api"
)

// tokenLifetime is how long XOi documents a token to be valid.
const tokenLifetime = 60 * time.Minute

// tokenSource exchanges an API key and secret for a token, as XOi
// documents: POST JSON {"api_key","api_secret"}, answer {"token"}.
type tokenSource struct {
	url, key, secret string
	http             *http.Client
	now              func() time.Time
}

// NewTokenSource returns an oauth2.TokenSource that fetches a new Vision
// token on each call; wrap it in a reusing source (api.NewTokenAuth does).
func NewTokenSource(url, key, secret string) oauth2.TokenSource {
	return &tokenSource{url: url, key: key, secret: secret, http: &http.Client{Timeout: 30 * time.Second}, now: time.Now}
}

func (s *tokenSource) Token() (*oauth2.Token, error) {
	body, _ := json.Marshal(map[string]string{"api_key": s.key, "api_secret": s.secret})
	req, err := http.NewRequest(http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("vision token: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	issued := s.now()
	resp, err := s.http.Do(req)
	if err != nil {
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
