package vision

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

const maxTokenRequestBytes = 64 << 10

// postToken answers POST /vision/token with a JSON body
// {"api_key": ..., "api_secret": ...}.
func (ts *tokenStore) postToken(w http.ResponseWriter, r *http.Request) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		gqlserve.WriteJSON(w, http.StatusUnsupportedMediaType,
			message("send the credentials as JSON with Content-Type: application/json"))
		return
	}
	var c credentials
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxTokenRequestBytes)).Decode(&c); err != nil {
		gqlserve.WriteJSON(w, http.StatusBadRequest,
			message(`the body must be JSON {"api_key": "...", "api_secret": "..."}`))
		return
	}
	ts.answer(w, c)
}

// getToken answers GET /vision/token with HTTP Basic credentials: the API
// key as username, the secret as password.
func (ts *tokenStore) getToken(w http.ResponseWriter, r *http.Request) {
	key, secret, ok := r.BasicAuth()
	if !ok {
		w.Header().Set("WWW-Authenticate", `Basic realm="XOi Vision"`)
		gqlserve.WriteJSON(w, http.StatusUnauthorized,
			message("send HTTP Basic authentication: the API key as username, the API secret as password"))
		return
	}
	ts.answer(w, credentials{Key: key, Secret: secret})
}

func (ts *tokenStore) answer(w http.ResponseWriter, c credentials) {
	if !sameCredentials(c) {
		gqlserve.WriteJSON(w, http.StatusUnauthorized, message("Unauthorized: wrong api_key or api_secret"))
		return
	}
	token, err := ts.issue()
	if err != nil {
		gqlserve.WriteJSON(w, http.StatusServiceUnavailable, message("could not make a token; try again"))
		return
	}
	gqlserve.WriteJSON(w, http.StatusOK, tokenResponse{Token: token})
}

// sameCredentials compares in constant time, as credential checks should.
func sameCredentials(c credentials) bool {
	k := subtle.ConstantTimeCompare([]byte(c.Key), []byte(DemoKey))
	s := subtle.ConstantTimeCompare([]byte(c.Secret), []byte(DemoSecret))
	return k&s == 1
}

// authenticate accepts a GraphQL request whose Authorization header is
// exactly a valid token, with no scheme, as XOi documents.
func (ts *tokenStore) authenticate(r *http.Request) (context.Context, error) {
	h := r.Header.Get("Authorization")
	switch {
	case h == "":
		return nil, errors.New("missing Authorization header: get a token from /vision/token and send it as the whole header value")
	case len(h) > 7 && strings.EqualFold(h[:7], "bearer "):
		return nil, errors.New(`do not prefix the token with "Bearer ": send the token alone as the Authorization header value`)
	}
	switch err := ts.check(h); {
	case errors.Is(err, errExpiredToken):
		return nil, errors.New("token expired: tokens are valid for " + duration(ts.ttl) + "; get a new one from /vision/token")
	case err != nil:
		return nil, errors.New("invalid token: get one from /vision/token and send it as the whole Authorization header value")
	}
	return r.Context(), nil
}

// duration says "60 minutes" rather than "1h0m0s".
func duration(d time.Duration) string {
	if d%time.Minute == 0 {
		return fmt.Sprintf("%d minutes", d/time.Minute)
	}
	return d.String()
}
