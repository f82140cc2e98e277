package ui_test

import (
	"testing"
	"time"

	"github.com/rosterm/rosterm/ui/common"
)

// Connect waits out the same undo window as accept and decline: the
// countdown shows, u takes it back and nothing is sent.
func TestConnectCanBeUndoneBeforeItIsSent(t *testing.T) {
	f := startConnections(t, setup{adjust: func(c *common.Context) { c.UndoDelay = 3 * time.Second }})
	person := firstPossible(t, f.server)

	f.press("g", "enter")
	f.WaitText(5*time.Second, "Connect", "createUserInvitation")
	f.press("enter")
	f.waitStatus("in ") // the countdown: not yet sent
	f.press("u")
	f.waitStatus("Undone:")
	if n := sent(f.srv, "createUserInvitation"); n != 0 {
		t.Fatalf("createUserInvitation sent %d times after undo (%s)", n, person.Name)
	}
}
