package users

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
)

func TestEditSendsOnlyWhatChanged(t *testing.T) {
	th, _ := theme.New("none", true)
	ctx := &common.Context{Theme: th, Keys: keymap.Default()}
	opts := formOptions{licenses: []string{"VIEWER", "ADMIN"}, groups: []string{"DEFAULT", "JEDI"}}
	u := api.User{Source: api.Scope, ID: "u1", FirstName: "Eve\x1b[31m", LastName: "Polastri", Email: "eve@mi6.uk",
		Licenses: []string{"VIEWER"}, Groups: []string{"JEDI", "DEFAULT"}}
	f := editForm(ctx, directory.NewScope(nil), common.Target{}, opts, u)
	if ch := changes(u, f.Values(), opts); ch != (directory.Change{}) {
		t.Fatalf("an untouched form must change nothing, even a name shown cleaned: %+v", ch)
	}
	f.Key(keyPress("!")) // the cursor is in the first name
	ch := changes(u, f.Values(), opts)
	if ch.FirstName == nil || *ch.FirstName != "Eve!" || ch.LastName != nil || ch.Groups != nil {
		t.Fatalf("only the edited field goes: %+v", ch)
	}
}

func keyPress(s string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: rune(s[0]), Text: s} }
