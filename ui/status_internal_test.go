package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/ui/common"
)

// The error line says what to do in the keys in effect, naming the pane
// whose refresh key retries when it is not the focused one, and never
// suggests retrying a change the server refused.
func TestErrorsSayWhatToDoWithTheKeysInEffect(t *testing.T) {
	t.Parallel()
	keys := DefaultKeys()
	if err := keys.Apply(map[string][]string{"refresh": {"f5"}}); err != nil {
		t.Fatal(err)
	}
	m := helpModel(t, keys, plainPane{}) // focus on Users
	server := &api.Error{Kind: api.KindServer, Message: "the server reported an error (HTTP 500)"}
	unknown := &api.Error{Kind: api.KindOutcomeUnknown, Message: "the change may or may not have been applied: the server did not answer in time"}
	refused := &api.Error{Kind: api.KindGraphQL, Message: "the server reported: already invited"}
	for _, c := range []struct {
		msg       common.ErrorMsg
		want, not string
	}{
		{common.ErrorMsg{Where: "loading users", Err: server, Pane: "users"}, "— press f5 to retry", " r "},
		{common.ErrorMsg{Where: "loading groups", Err: server, Pane: "groups"}, "— press f5 in Groups to retry", ""},
		{common.ErrorMsg{Where: "Connect Ann", Err: unknown, Pane: "connections", Change: true},
			"— press f5 in Connections to refresh and see whether it took effect before trying again", "failed"},
		{common.ErrorMsg{Where: "Connect Ann", Err: refused, Pane: "connections", Change: true}, "already invited", "—"},
		{common.ErrorMsg{Where: "loading licenses", Err: &api.Error{Kind: api.KindRateLimit, Message: "too many requests (HTTP 429)"}},
			"— the server asks to slow down: wait a moment, then try again", ""},
		{common.ErrorMsg{Where: "something", Err: errors.New("plain")}, "something: plain", "—"},
		{common.ErrorMsg{Where: "nothing said"}, "nothing said", "—"},
	} {
		got := m.errorText(c.msg)
		if !strings.Contains(got, c.want) || (c.not != "" && strings.Contains(got, c.not)) {
			t.Errorf("%q: want %q (and not %q)", got, c.want, c.not)
		}
	}
	// The line keeps what to do when what happened is too long for it.
	long := common.ErrorMsg{Where: "loading users", Err: &api.Error{Kind: api.KindServer, Message: strings.Repeat("very long ", 30)}, Pane: "users"}
	if line := m.errorLine(long); !strings.Contains(line, "— press f5 to retry · esc dismiss") {
		t.Errorf("the advice was cut: %q", line)
	}
}
