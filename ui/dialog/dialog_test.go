package dialog

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/uitest"
)

type yesMsg struct{}

func newCtx(grace time.Duration) *common.Context {
	th, _ := theme.New("none", true)
	return &common.Context{Theme: th, Keys: keymap.Default(), Grace: grace}
}

func yes() tea.Msg { return yesMsg{} }

func TestConfirmDefaultsToNoAndNamesTargets(t *testing.T) {
	c := NewConfirm(newCtx(0), "Decline invitation?", "Decline the invitation from:", []string{"Ada Lovelace (#42)"}, "declineUserInvitation", yes)
	view := ansi.Strip(c.View(80, 20))
	if !strings.Contains(view, "Ada Lovelace (#42)") || !strings.Contains(view, "▶[ No ]") ||
		!strings.Contains(view, "yes sends declineUserInvitation") {
		t.Fatalf("the dialog must name the target and the mutation, and preselect No:\n%s", view)
	}
	cmd, done := c.Key(uitest.Key("enter"))
	if !done || cmd != nil {
		t.Fatal("enter on the default must answer No")
	}
	c = NewConfirm(newCtx(0), "t", "q", nil, "", yes)
	if cmd, done := c.Key(uitest.Key("y")); !done || cmd == nil || cmd() != (yesMsg{}) {
		t.Fatal("y must confirm")
	}
}

func TestMenuShowsDisabledItemsWithReasons(t *testing.T) {
	m := NewMenu(newCtx(0), "Actions", []Item{
		{Label: "View members", Disabled: "this server has no mutation viewMembers"},
		{Label: "Accept", Run: yes},
	})
	view := ansi.Strip(m.View(80, 20))
	if !strings.Contains(view, "View members — this server has no mutation viewMembers") {
		t.Fatalf("disabled item must show why:\n%s", view)
	}
	if cmd, _ := m.Key(uitest.Key("1")); cmd != nil {
		t.Fatal("a disabled item must not run")
	}
	if cmd, done := m.Key(uitest.Key("enter")); !done || cmd == nil {
		t.Fatal("the cursor starts on the first enabled item; enter runs it")
	}
}
