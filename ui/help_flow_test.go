package ui_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/ui/common"
)

// statusOfScreen is the screen's last line: the status line and its hints.
func statusOfScreen(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// TestHelpListsRefreshInEveryPane: ? lists r (refresh / retry) and / in
// each pane, with the other keys in effect.
func TestHelpListsRefreshInEveryPane(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{})
	for _, pane := range []string{"1", "2", "3"} {
		f.press(pane, "?")
		f.WaitText(5*time.Second, "rosterm help", "refresh / retry")
		f.press("?")
		f.WaitFor("help closed", 5*time.Second, func(s string) bool { return !strings.Contains(s, "rosterm help") })
	}
}

// TestHintsShowOnlyWhatApplies: no accept or decline on sent invitations,
// and no change at all in read-only mode, where help shows them off.
func TestHintsShowOnlyWhatApplies(t *testing.T) {
	t.Parallel()
	t.Run("sent invitations", func(t *testing.T) {
		f := startConnections(t, setup{})
		f.press("]", "]")
		f.waitPane("the invitations", "▸Invitations")
		f.WaitFor("accept among the hints", 5*time.Second, func(s string) bool {
			return strings.Contains(statusOfScreen(s), "a accept")
		})
		f.press("S")
		f.waitPane("the sent invitations", "Invitations sent")
		f.WaitFor("cancel, not accept, among the hints", 5*time.Second, func(s string) bool {
			st := statusOfScreen(s)
			return strings.Contains(st, "x cancel invitation") && !strings.Contains(st, "accept") && !strings.Contains(st, "decline")
		})
	})
	t.Run("read-only", func(t *testing.T) {
		f := startConnections(t, setup{adjust: func(c *common.Context) { c.ReadOnly = true }})
		pending, err := f.server.PendingInvitations(context.Background(), opigno.ListArgs{First: 1})
		if err != nil {
			t.Fatal(err)
		}
		f.press("]", "]")
		f.waitPane("the invitations", "▸Invitations", "← "+pending.Items[0].Initiator.Name)
		f.WaitFor("no change among the hints", 5*time.Second, func(s string) bool {
			st := statusOfScreen(s)
			return strings.Contains(st, "enter actions") && !strings.Contains(st, "accept") && !strings.Contains(st, "decline") && !strings.Contains(st, "undo")
		})
		f.press("?")
		f.WaitText(5*time.Second, "rosterm help", "accept (off)", "decline (off)", "refresh / retry")
		f.press("?", "1")
		f.WaitFor("Users' hints without new, edit or delete", 5*time.Second, func(s string) bool {
			st := statusOfScreen(s)
			return strings.Contains(st, "/ search") && !strings.Contains(st, "new user") && !strings.Contains(st, "edit")
		})
	})
}

// TestHintsWhileTypingAreTheFields: typing into a filter, the hints are
// the field's keys, not the pane's (whose letters now type).
func TestHintsWhileTypingAreTheFields(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{})
	f.press("]", "]")
	f.waitPane("the invitations", "▸Invitations")
	f.press("/")
	f.WaitFor("the field's keys among the hints", 5*time.Second, func(s string) bool {
		st := statusOfScreen(s)
		return strings.Contains(st, "enter keep it · esc clear it") && !strings.Contains(st, "accept")
	})
}
