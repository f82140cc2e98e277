package api

import (
	"context"
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/rosterm/rosterm/api/clock"
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

// TokenSource fetches a new token within ctx: a token endpoint that hangs
// holds a request up no longer than the request's own deadline.
type TokenSource interface {
	Token(ctx context.Context) (*oauth2.Token, error)
}

// TokenFunc is a TokenSource made of a function.
type TokenFunc func(ctx context.Context) (*oauth2.Token, error)

// Token calls f.
func (f TokenFunc) Token(ctx context.Context) (*oauth2.Token, error) { return f(ctx) }

// TokenAuth sends a token from a TokenSource, reusing it until shortly
// before it expires. Format turns the token into the Authorization value
// (Opigno wants "Bearer <token>", Vision the bare token); Extra headers
// ride along (Opigno's acting-user UUID).
type TokenAuth struct {
	format func(token string) string
	extra  http.Header
	cache  *tokenCache
}

// tokenCache holds the current token; it is shared by TokenAuths that
// differ only in their extra headers. Requests that need a new token at
// the same time share one fetch, each waiting within its own deadline.
type tokenCache struct {
	fetch  TokenSource
	flight flight[*oauth2.Token]
	mu     sync.Mutex
	tok    *oauth2.Token
	gen    int // bumped by Invalidate, so a fetch begun before it is not kept
}

// NewTokenAuth builds a TokenAuth over fetch, which gets a fresh token.
func NewTokenAuth(fetch TokenSource, format func(string) string, extra http.Header) *TokenAuth {
	return &TokenAuth{format: format, extra: extra, cache: &tokenCache{fetch: fetch}}
}

func (c *tokenCache) token(ctx context.Context) (*oauth2.Token, error) {
	c.mu.Lock()
	tok, gen := c.tok, c.gen
	c.mu.Unlock()
	if fresh(tok, clock.From(ctx).Now()) {
		return tok, nil
	}
	return c.flight.do(ctx, func(ctx context.Context) (*oauth2.Token, error) {
		tok, err := c.fetch.Token(ctx)
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		if c.gen == gen {
			c.tok = tok
		}
		c.mu.Unlock()
		return tok, nil
	})
}

// fresh reports whether tok can still be sent: it has no expiry, or more
// than renewEarly left at now (the context's clock: a test moves it past
// a token's lifetime instead of waiting it out).
func fresh(tok *oauth2.Token, now time.Time) bool {
	return tok != nil && tok.AccessToken != "" && (tok.Expiry.IsZero() || tok.Expiry.Sub(now) > renewEarly)
}

// Header returns the token header and the extra headers.
func (a *TokenAuth) Header(ctx context.Context) (http.Header, error) {
	tok, err := a.cache.token(ctx)
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
	a.cache.tok = nil
	a.cache.gen++
	a.cache.mu.Unlock()
	return true
}

// With returns a TokenAuth that shares this one's tokens but sends other
// extra headers (Opigno: another acting user, same client credentials).
func (a *TokenAuth) With(extra http.Header) *TokenAuth {
	return &TokenAuth{format: a.format, extra: extra, cache: a.cache}
}
