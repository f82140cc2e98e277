package ui_test

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/dialog"
)

// The root's overlay stack keeps the grace period for every dialog: keys
// that would answer a dialog (y, enter, a menu's digits, save) are held
// back while it is new; esc still closes it; a form takes letters at once.
func TestTheOverlayHoldsBackConfirmingKeysWhileADialogIsNew(t *testing.T) {
	t.Parallel()
	var ctx *common.Context
	p := startWith(t, 120, 40, func(c *common.Context) { c.Grace, ctx = time.Hour, c })
	p.WaitText(5*time.Second, "Abbott", "· Scope 1200")

	ran := make(chan struct{}, 1)
	yes := func() tea.Msg { ran <- struct{}{}; return nil }
	p.Send(common.OpenDialogMsg{Dialog: dialog.NewConfirm(ctx, "Delete user?", "Delete:", []string{"Amir Abbott"}, "deleteUsers", yes)})
	p.WaitText(2*time.Second, "Delete user?")
	p.Press("y", "l", "enter")
	time.Sleep(50 * time.Millisecond)
	select {
	case <-ran:
		t.Fatal("a key typed while the dialog was new answered it")
	default:
	}
	p.Press("esc")
	p.WaitFor("esc closes it", 2*time.Second, func(s string) bool { return !strings.Contains(s, "Delete user?") })

	p.Press("n")
	p.WaitText(5*time.Second, "New Scope user")
	p.Type("Yan1")
	p.WaitText(2*time.Second, "Yan1")
	// Someone typing into the form sees it: the enter that ends their
	// field is not held back (a fast typist's was, and nothing said so).
	p.Press("enter")
	p.WaitFor("enter moves to the next field", 2*time.Second, func(s string) bool {
		return lineWith(s, "▶ Last name")
	})
}
