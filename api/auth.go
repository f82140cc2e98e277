package api

import (
	"context"
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// Auth supplies the headers that authenticate a request.
type Auth interface {
	// Header returns the headers to add to one request.
	Header(ctx context.Context) (http.Header, error)
	// Invalidate is called after a 401. It drops any cached credential and
	// reports whether asking again could give a different one (so that the
	// request is worth retrying once).
	Invalidate() bool
}

// Static is a fixed set of headers, such as Scope's
// "Authorization: Token token=…".
type Static http.Header

// Header returns the fixed headers.
func (s Static) Header(context.Context) (http.Header, error) { return http.Header(s), nil }

// Invalidate reports false: a fixed credential does not change.
func (Static) Invalidate() bool { return false }

// renewEarly is how long before expiry a token is replaced, so that a
// request never leaves with a token that expires on the way.
const renewEarly = time.Minute

// TokenAuth sends a token from an oauth2.TokenSource, reusing it until
// shortly before it expires. Format turns the token into the Authorization
// value (Opigno wants "Bearer <token>", Vision the bare token); Extra headers
// ride along (Opigno's acting-user UUID).
type TokenAuth struct {
	format func(token string) string
	extra  http.Header
	cache  *tokenCache
}

// tokenCache holds the current token source; it is shared by TokenAuths
// that differ only in their extra headers.
type tokenCache struct {
	fetch oauth2.TokenSource
	mu    sync.Mutex
	src   oauth2.TokenSource
}

// NewTokenAuth builds a TokenAuth over fetch, which gets a fresh token.
func NewTokenAuth(fetch oauth2.TokenSource, format func(string) string, extra http.Header) *TokenAuth {
	c := &tokenCache{fetch: fetch}
	c.reset()
	return &TokenAuth{format: format, extra: extra, cache: c}
}

func (c *tokenCache) reset() {
	c.src = oauth2.ReuseTokenSourceWithExpiry(nil, c.fetch, renewEarly)
}

func (c *tokenCache) token() (*oauth2.Token, error) {
	c.mu.Lock()
	src := c.src
	c.mu.Unlock()
	return src.Token()
}

// Header returns the token header and the extra headers.
func (a *TokenAuth) Header(context.Context) (http.Header, error) {
	tok, err := a.cache.token()
	if err != nil {
		return nil, err
	}
	h := a.extra.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Set("Authorization", a.format(tok.AccessToken))
	return h, nil
}

// Invalidate forgets the cached token so the next request fetches anew.
func (a *TokenAuth) Invalidate() bool {
	a.cache.mu.Lock()
	a.cache.reset()
	a.cache.mu.Unlock()
	return true
}

// With returns a TokenAuth that shares this one's tokens but sends other
// extra headers (Opigno: another acting user, same client credentials).
func (a *TokenAuth) With(extra http.Header) *TokenAuth {
	return &TokenAuth{format: a.format, extra: extra, cache: a.cache}
}
