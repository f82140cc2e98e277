package scope

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

// identity is who a request acts as. userID is 0 for the API token, which
// is not a user.
type identity struct{ userID int }

type identityKey struct{}

func viewerOf(ctx context.Context) identity {
	id, _ := ctx.Value(identityKey{}).(identity)
	return id
}

const expectedAuth = `send "Authorization: Token token=<your Scope API token>"`

// authenticate accepts Scope's Rails token header, "Token token=<token>",
// with the value quoted or not, and says what was expected otherwise.
func authenticate(st *store) gqlserve.Authenticate {
	return func(r *http.Request) (context.Context, error) {
		h := r.Header.Get("Authorization")
		var who identity
		switch token := tokenOf(h); {
		case h == "":
			return nil, errors.New("missing Authorization header: " + expectedAuth)
		case strings.HasPrefix(strings.ToLower(h), "bearer "):
			return nil, errors.New("the Bearer scheme is not accepted: " + expectedAuth)
		case token == "":
			return nil, errors.New("malformed Authorization header: " + expectedAuth)
		case token == DemoToken:
			who = identity{userID: st.adminID}
		case token != DemoAPIToken:
			return nil, errors.New("invalid token: " + expectedAuth)
		}
		return gqlserve.With(context.WithValue(r.Context(), identityKey{}, who), st), nil
	}
}

// tokenOf returns the token of a "Token token=<token>" header, or "". As
// in Rails, the value may be quoted and further options may follow a comma.
func tokenOf(h string) string {
	rest, ok := strings.CutPrefix(h, "Token token=")
	if !ok {
		return ""
	}
	if quoted, ok := strings.CutPrefix(rest, `"`); ok {
		token, _, closed := strings.Cut(quoted, `"`)
		if !closed {
			return ""
		}
		return token
	}
	token, _, _ := strings.Cut(rest, ",")
	return strings.TrimSpace(token)
}
