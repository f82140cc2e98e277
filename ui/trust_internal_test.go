package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/ui/common"
)

// TestTheErrorLineAndLogShowNoCredential: whatever an error quotes, and
// wherever it came from, the error line and the error log show none of
// the program's credentials, nor a URL's; a change refused before it
// acted says to send it again.
func TestTheErrorLineAndLogShowNoCredential(t *testing.T) {
	t.Parallel()
	const secret = "tok-secret-123"
	m := helpModel(t, keymap.Default(), plainPane{})
	m.ctx.Secrets = api.NewSecrets(secret)
	quoted := common.ErrorMsg{Where: "loading " + secret, Err: errors.New("refused Bearer " + secret + " at https://u:pw-77@h.example/x"), Pane: "users"}
	for _, text := range []string{m.errorText(quoted), m.errorLine(quoted)} {
		if strings.Contains(text, secret) || strings.Contains(text, "pw-77") || !strings.Contains(text, "refused Bearer [redacted] at https://h.example/x") {
			t.Errorf("the error shows a credential: %q", text)
		}
	}
	next, _ := m.Update(quoted)
	m = next.(Model)
	if log := m.errorLogScreen(); strings.Contains(log, secret) || !strings.Contains(log, "[redacted]") {
		t.Errorf("the error log:\n%s", log)
	}

	notApplied := common.ErrorMsg{Where: "Connect Ann", Pane: "connections", Change: true,
		Err: &api.Error{Kind: api.KindNotApplied, Message: "the change was not applied: the server refused its expired credentials (HTTP 401); they are renewed, so sending it again will apply it"}}
	if got := m.errorText(notApplied); !strings.HasSuffix(got, "will apply it — send it again") {
		t.Errorf("a change refused before it acted: %q", got)
	}
}
