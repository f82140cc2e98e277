package opigno

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

// maxLiveTokens bounds the issued-token table; a client that keeps asking
// for tokens evicts its oldest ones instead of growing memory.
const maxLiveTokens = 4096

// tokens holds issued OAuth access tokens by their SHA-256, so the table
// never holds a usable secret and lookups do not compare secrets bytewise.
type tokens struct {
	mu      sync.Mutex
	expires map[[32]byte]time.Time
}

// issue makes a new random token valid until now+ttl.
func (t *tokens) issue(now time.Time, ttl time.Duration) (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	tok := base64.RawURLEncoding.EncodeToString(b[:])
	t.mu.Lock()
	defer t.mu.Unlock()
	t.prune(now)
	t.expires[sha256.Sum256([]byte(tok))] = now.Add(ttl)
	return tok, nil
}

// prune drops expired tokens and, over the cap, the ones expiring soonest.
func (t *tokens) prune(now time.Time) {
	for k, exp := range t.expires {
		if !now.Before(exp) {
			delete(t.expires, k)
		}
	}
	for len(t.expires) >= maxLiveTokens {
		var oldest [32]byte
		var at time.Time
		for k, exp := range t.expires {
			if at.IsZero() || exp.Before(at) {
				oldest, at = k, exp
			}
		}
		delete(t.expires, oldest)
	}
}

// valid reports whether tok was issued and has not expired at now.
func (t *tokens) valid(tok string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	exp, ok := t.expires[sha256.Sum256([]byte(tok))]
	return ok && now.Before(exp)
}

// actingKey carries the acting user context's uuid (lower case) in the
// request context.
type actingKey struct{}

func actingUUID(ctx context.Context) string {
	s, _ := ctx.Value(actingKey{}).(string)
	return s
}

// authenticate is the gqlserve hook: a valid bearer token and a well-formed
// Opigno-Client-UUID. An unknown uuid is accepted; it acts as an anonymous
// context until setUserContext creates it, as in Opigno.
func (s *Server) authenticate(r *http.Request) (context.Context, error) {
	if err := s.checkBearer(r.Header.Get("Authorization")); err != nil {
		return nil, err
	}
	uuid := strings.TrimSpace(r.Header.Get("Opigno-Client-UUID"))
	switch {
	case uuid == "":
		return nil, errors.New("missing Opigno-Client-UUID header: send the uuid of the user context the request acts for")
	case !isUUID(uuid):
		return nil, errors.New("the Opigno-Client-UUID header is not a valid UUID")
	}
	return gqlserve.With(context.WithValue(r.Context(), actingKey{}, strings.ToLower(uuid)), s.store), nil
}

// checkBearer accepts the static demo token or an unexpired issued one.
// Messages never repeat the token.
func (s *Server) checkBearer(header string) error {
	if header == "" {
		return errors.New("missing Authorization header: send Authorization: Bearer <access token>")
	}
	scheme, tok, ok := strings.Cut(strings.TrimSpace(header), " ")
	tok = strings.TrimSpace(tok)
	if !ok || !strings.EqualFold(scheme, "Bearer") || tok == "" {
		return errors.New("the Authorization header must be: Bearer <access token>")
	}
	if subtle.ConstantTimeCompare([]byte(tok), []byte(DemoToken)) == 1 || s.tokens.valid(tok, s.now()) {
		return nil
	}
	return errors.New("the access token is invalid or has expired; request a new one from /opigno/oauth/token")
}
