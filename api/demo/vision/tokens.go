package vision

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"sync"
	"time"
)

// jwtHeader makes tokens look like XOi's ("eyJraW..."): they are JWTs there,
// but clients must treat them as opaque, so here they are random.
var jwtHeader = base64.RawURLEncoding.EncodeToString([]byte(`{"kid":"demo-vision","alg":"RS256"}`))

var (
	errUnknownToken = errors.New("unknown token")
	errExpiredToken = errors.New("expired token")
)

// tokenStore remembers every token issued until a day after it expires, so
// an expired token is reported as expired rather than unknown.
type tokenStore struct {
	mu      sync.Mutex
	ttl     time.Duration
	now     func() time.Time
	expires map[string]time.Time
}

func newTokenStore(ttl time.Duration, now func() time.Time) *tokenStore {
	return &tokenStore{ttl: ttl, now: now, expires: map[string]time.Time{}}
}

// issue makes a new token. Earlier tokens stay valid until they expire, as
// XOi documents.
func (ts *tokenStore) issue() (string, error) {
	payload, err := randomPart(32)
	if err != nil {
		return "", err
	}
	signature, err := randomPart(64)
	if err != nil {
		return "", err
	}
	token := jwtHeader + "." + payload + "." + signature
	ts.mu.Lock()
	defer ts.mu.Unlock()
	now := ts.now()
	for t, exp := range ts.expires {
		if now.Sub(exp) > 24*time.Hour {
			delete(ts.expires, t)
		}
	}
	ts.expires[token] = now.Add(ts.ttl)
	return token, nil
}

func randomPart(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("making a token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// check reports whether token was issued here and has not expired.
func (ts *tokenStore) check(token string) error {
	ts.mu.Lock()
	exp, ok := ts.expires[token]
	ts.mu.Unlock()
	switch {
	case !ok:
		return errUnknownToken
	case !ts.now().Before(exp):
		return errExpiredToken
	}
	return nil
}

// tokenResponse is the token endpoint's answer, as XOi documents it.
type tokenResponse struct {
	Token string `json:"token"`
}

// credentials is the token endpoint's JSON request body.
type credentials struct {
	Key    string `json:"api_key"`
	Secret string `json:"api_secret"`
}

// message is the token endpoint's error body, API Gateway's shape.
func message(text string) any { return map[string]string{"message": text} }
