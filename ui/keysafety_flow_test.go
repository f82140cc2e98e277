package ui_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/ui/common"
)

type demotestCall = demotest.Call

// pending is the server's received invitations, first page.
func (f *connFlow) pending() api_page {
	f.t.Helper()
	p, err := f.server.PendingInvitations(context.Background(), opigno.ListArgs{First: 100})
	if err != nil {
		f.t.Fatal(err)
	}
	return api_page{total: p.Total, items: p.Items}
}

type api_page struct {
	total int
	items []opigno.Invitation
}

func (p api_page) has(id string) bool {
	for _, i := range p.items {
		if i.ID == id {
			return true
		}
	}
	return false
}

// TestTypingAFilterOnInvitationsSendsNothing: / on Invitations opens a
// filter over the loaded rows (Opigno cannot filter invitations), and
// typing a name into it (a name with an a, d, r, x and u in it) accepts,
// declines, refreshes and removes nothing: not one request goes out.
func TestTypingAFilterOnInvitationsSendsNothing(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{})
	before := f.pending()
	target := before.items[5].Initiator.Name
	f.press("]", "]")
	f.waitPane("the invitations", "▸Invitations", "← "+before.items[0].Initiator.Name)
	// What the keys would have sent: the invitations again (r), or any
	// change (a, d, x). The other tabs' first pages may still arrive.
	sent := func() []demotestCall { return append(f.srv.Calls("UserInvitation"), f.srv.Mutations()...) }
	calls := len(sent())

	f.press("/")
	f.Type(target + " Kapoor dxru")
	f.waitPane("the filter over the loaded rows", "filters the 40 loaded", "0 of 40", "None of the 40 loaded rows matches")
	for range len(" Kapoor dxru") {
		f.press("backspace")
	}
	f.waitPane("the invitation the filter names", "← "+target)
	f.WaitFor("only matching rows", 5*time.Second, func(s string) bool {
		return !strings.Contains(pane(s), "← "+before.items[0].Initiator.Name) || before.items[0].Initiator.Name == target
	})
	time.Sleep(500 * time.Millisecond) // past an undo window (300 ms here) and a debounce
	if got := sent(); len(got) != calls {
		t.Errorf("typing a filter sent %d requests, first %q", len(got)-calls, got[calls].Query)
	}
	after := f.pending()
	if after.total != before.total || !after.has(before.items[5].ID) {
		t.Errorf("typing a filter changed the invitations: %d pending, was %d", after.total, before.total)
	}

	// esc clears the filter: every loaded row is back.
	f.press("esc", "esc")
	f.waitPane("every invitation again", "← "+before.items[0].Initiator.Name, "40/")
}

// TestChangeKeysAreHeldJustAfterAFieldCloses: a that comes within a
// quarter second of the filter closing (typed as the rest of the name) is
// held, and says so; the same key later accepts.
func TestChangeKeysAreHeldJustAfterAFieldCloses(t *testing.T) {
	t.Parallel()
	clk := clock.NewVirtual(time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC))
	t.Cleanup(func() { clk.Advance(time.Hour) }) // no timer left waiting
	f := startConnections(t, setup{adjust: func(c *common.Context) {
		c.Grace = 250 * time.Millisecond
		c.Clock = clk
		c.UndoDelay = 10 * time.Second
	}})
	first := f.pending().items[0]
	f.press("]", "]")
	f.waitPane("the invitations", "▸Invitations", "← "+first.Initiator.Name)
	f.press("/")
	f.Type(first.Initiator.Name)
	f.press("enter", "?")
	// Keys are handled in order: once help shows, enter has been, at the
	// clock's time before it moves.
	f.WaitText(5*time.Second, "rosterm help")
	f.press("?")
	f.WaitFor("help closed", 5*time.Second, func(s string) bool { return !strings.Contains(s, "rosterm help") })
	clk.Advance(100 * time.Millisecond)
	f.press("a")
	f.waitStatus("Held a")
	if strings.Contains(pane(f.Screen.Text()), "⏳") {
		t.Fatal("the held key queued an accept")
	}
	clk.Advance(200 * time.Millisecond)
	f.press("a")
	f.waitPane("the accept queued", "⏳")
}

// startQueued starts the pane with an accept of the first invitation
// waiting out a long undo window, and returns that invitation.
func startQueued(t *testing.T) (*connFlow, opigno.Invitation) {
	f := startConnections(t, setup{adjust: func(c *common.Context) { c.UndoDelay = time.Minute }})
	first := f.pending().items[0]
	f.press("]", "]")
	f.waitPane("the invitations", "▸Invitations", "← "+first.Initiator.Name)
	f.press("a")
	f.waitPane("the accept queued", "⏳")
	return f, first
}

func TestQuitWithADecisionWaitingAsksAndStaysByDefault(t *testing.T) {
	t.Parallel()
	f, inv := startQueued(t)
	f.press("q")
	f.WaitText(5*time.Second, "1 decision waiting", "Stay", "Send now", "Discard")
	f.press("enter") // the default: stay
	f.WaitFor("the dialog closed, the accept still waiting", 5*time.Second, func(s string) bool {
		return !strings.Contains(s, "decision waiting") && strings.Contains(pane(s), "⏳")
	})

	// Send now: the accept goes out, then rosterm quits.
	f.press("q")
	f.WaitText(5*time.Second, "1 decision waiting")
	f.press("2")
	f.WaitFinished(t, finalTimeout)
	if f.pending().has(inv.ID) {
		t.Error("send now quit without sending the accept")
	}
}

func TestQuitDiscardSendsNothing(t *testing.T) {
	t.Parallel()
	f, inv := startQueued(t)
	calls := len(f.srv.Calls("acceptUserInvitation"))
	f.press("q")
	f.WaitText(5*time.Second, "1 decision waiting")
	f.press("3")
	f.WaitFinished(t, finalTimeout)
	if !f.pending().has(inv.ID) || len(f.srv.Calls("acceptUserInvitation")) != calls {
		t.Error("discard sent the accept")
	}
}

func TestCtrlCTwiceForcesQuit(t *testing.T) {
	t.Parallel()
	f, inv := startQueued(t)
	f.press("ctrl+c")
	f.WaitText(5*time.Second, "1 decision waiting")
	f.press("ctrl+c")
	f.WaitFinished(t, finalTimeout)
	if !f.pending().has(inv.ID) {
		t.Error("a forced quit sent the accept")
	}
}

// TestMessagesReadAsSentences: cancelling a sent invitation says
// "Done: cancelled the invitation to …", not the CTA's title and the
// row's label run together ("Cancel invitation invitation to …").
func TestMessagesReadAsSentences(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{})
	sent, err := f.server.SentInvitations(context.Background(), opigno.ListArgs{First: 1, Reverse: true})
	if err != nil || len(sent.Items) == 0 {
		t.Fatalf("the administrator's sent invitations: %v", err)
	}
	to := sent.Items[0].Invitee.Name
	f.press("]", "]", "S", "s")
	f.waitPane("the sent invitations", "Invitations sent", "→ "+to)
	f.WaitFor("the invitation under the cursor", 5*time.Second, func(s string) bool { return strings.Contains(cursorRow(s), "→ "+to) })
	f.press("x")
	f.WaitText(5*time.Second, "cancelUserInvitation", "[ No ]")
	f.press("y")
	f.waitStatus("Done: cancelled the invitation to " + to)
}
