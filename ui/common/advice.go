package common

import (
	"errors"

	"github.com/rosterm/rosterm/api"
)

// Advice says what the person at the keyboard can do about err, in the
// words of where it is shown: retry is how to try again there ("press r
// to retry", "save again"), refresh how to see what the server now has
// ("press r to refresh"). It is "" when there is nothing to add to the
// error's own words (a server's refusal of a change, say).
func Advice(err error, retry, refresh string) string {
	var e *api.Error
	if !errors.As(err, &e) {
		return ""
	}
	switch e.Kind {
	case api.KindAuth:
		return "check the credentials (rosterm config check --online)"
	case api.KindForbidden:
		return "these credentials may not do this: ask for access"
	case api.KindOutcomeUnknown:
		return refresh + " and see whether it took effect before trying again"
	case api.KindNotApplied:
		return retry // it was refused before it acted: sending it again is safe
	case api.KindRateLimit:
		return "the server asks to slow down: wait a moment, then " + retry
	case api.KindServer, api.KindNetwork, api.KindTimeout, api.KindDecode, api.KindTooLarge, api.KindGraphQL:
		return retry
	case api.KindRedirect:
		return "set the endpoint to the address it redirects to"
	}
	return ""
}
