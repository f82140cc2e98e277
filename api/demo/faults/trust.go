package faults

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

// Faults at the trust boundary, for tests: servers that try to draw
// credentials elsewhere, that quote back the credentials they received,
// and that ask to be left alone for a while. They apply to any path (a
// token endpoint's too: Rule.Path "/opigno/oauth/token"), and are not
// among All() nor in the SPEC syntax.
const (
	// Redirect answers HTTP 307 to Rule.Location (default: the same
	// path on this server with "/moved" added), as a server that moved,
	// or one that wants the credentials sent somewhere else, would.
	Redirect Fault = "redirect"
	// Echo answers HTTP 401 quoting everything the request carried: its
	// method and URL, its Authorization header and its body, in an OAuth
	// error's error_description and in a message, as a careless server
	// reporting what it refused might.
	Echo Fault = "echo"
	// EchoBusy is Echo with HTTP 503 (and Retry-After: 1): a server that
	// is busy and quotes the request it cannot serve; its body is the
	// quote in JSON without an OAuth error code, so an OAuth client
	// shows the body whole.
	EchoBusy Fault = "echo-503"
	// Unavailable answers HTTP 503 with Retry-After in seconds
	// (Rule.RetryAfter, 1 second unless the rule says).
	Unavailable Fault = "503"
	// UnavailableUntil is Unavailable with Retry-After as an HTTP date.
	UnavailableUntil Fault = "503-date"
)

// trust answers r with one of the faults above; it reports false for a
// fault that is not one of them.
func (in *Injector) trust(rule Rule, w http.ResponseWriter, r *http.Request) bool {
	switch rule.Fault {
	case Redirect:
		to := rule.Location
		if to == "" {
			to = r.URL.Path + "/moved"
		}
		_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, 1<<20))
		w.Header().Set("Location", to)
		w.WriteHeader(http.StatusTemporaryRedirect)
	case Echo:
		quote := echo(r)
		gqlserve.WriteJSON(w, http.StatusUnauthorized, map[string]any{
			"error": "invalid_client", "error_description": quote, "message": quote,
		})
	case EchoBusy:
		w.Header().Set("Retry-After", "1")
		gqlserve.WriteJSON(w, http.StatusServiceUnavailable, map[string]any{"message": echo(r)})
	case Unavailable, UnavailableUntil:
		secs := retryAfterSeconds(rule.RetryAfter)
		if rule.Fault == Unavailable {
			w.Header().Set("Retry-After", strconv.Itoa(secs))
		} else {
			// An HTTP date has whole seconds: one more, so that the wait
			// is at least the rule's.
			w.Header().Set("Retry-After", time.Now().Add(time.Duration(secs+1)*time.Second).UTC().Format(http.TimeFormat))
		}
		gqlserve.WriteJSON(w, http.StatusServiceUnavailable, errorBody(
			fmt.Sprintf("Service unavailable: retry after %d s.", secs), "UNAVAILABLE"))
	default:
		return false
	}
	return true
}

// echo is what a careless server says of the request it refused.
func echo(r *http.Request) string {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	var b strings.Builder
	fmt.Fprintf(&b, "refused %s %s", r.Method, r.URL.RequestURI())
	if a := r.Header.Get("Authorization"); a != "" {
		fmt.Fprintf(&b, " with Authorization: %s", a)
	}
	if len(body) > 0 {
		fmt.Fprintf(&b, " and body %s", body)
	}
	return b.String()
}
