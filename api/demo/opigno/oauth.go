package opigno

import (
	"crypto/subtle"
	"net/http"
	"net/url"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

// maxTokenRequestBytes bounds the form body of a token request.
const maxTokenRequestBytes = 16 << 10

// tokenEndpoint implements the OAuth 2.0 client credentials grant
// (RFC 6749 section 4.4) with the client authenticated by HTTP Basic or by
// client_id/client_secret in the form (section 2.3.1).
func (s *Server) tokenEndpoint(w http.ResponseWriter, r *http.Request) {
	// Token responses must not be cached (RFC 6749 section 5.1).
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	r.Body = http.MaxBytesReader(w, r.Body, maxTokenRequestBytes)
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "the body must be an application/x-www-form-urlencoded form")
		return
	}
	id, secret, basic := clientCredentials(r)
	if !validClient(id, secret) {
		if basic {
			w.Header().Set("WWW-Authenticate", `Basic realm="opigno"`)
		}
		oauthError(w, http.StatusUnauthorized, "invalid_client", "unknown client or wrong secret")
		return
	}
	switch grant := r.PostForm.Get("grant_type"); grant {
	case "client_credentials":
	case "":
		oauthError(w, http.StatusBadRequest, "invalid_request", "grant_type is required")
		return
	default:
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "only the client_credentials grant is supported")
		return
	}
	tok, err := s.tokens.issue(s.now(), s.ttl)
	if err != nil {
		oauthError(w, http.StatusInternalServerError, "server_error", "could not create a token")
		return
	}
	gqlserve.WriteJSON(w, http.StatusOK, map[string]any{
		"access_token": tok,
		"token_type":   "Bearer",
		"expires_in":   int64(s.ttl.Seconds()),
	})
}

// clientCredentials reads the client from HTTP Basic, whose parts are
// form-encoded (RFC 6749 section 2.3.1), or else from the form.
func clientCredentials(r *http.Request) (id, secret string, basic bool) {
	if u, p, ok := r.BasicAuth(); ok {
		id, errID := url.QueryUnescape(u)
		secret, errSecret := url.QueryUnescape(p)
		if errID != nil || errSecret != nil {
			return "", "", true
		}
		return id, secret, true
	}
	return r.PostForm.Get("client_id"), r.PostForm.Get("client_secret"), false
}

func validClient(id, secret string) bool {
	idOK := subtle.ConstantTimeCompare([]byte(id), []byte(DemoClientID))
	secretOK := subtle.ConstantTimeCompare([]byte(secret), []byte(DemoClientSecret))
	return idOK&secretOK == 1
}

// oauthError writes an RFC 6749 section 5.2 error response.
func oauthError(w http.ResponseWriter, status int, code, description string) {
	gqlserve.WriteJSON(w, status, map[string]string{"error": code, "error_description": description})
}
