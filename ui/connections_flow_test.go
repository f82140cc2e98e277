package ui_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/uitest"
)

// connFlow is the whole program on a demo server with the Connections
// pane focused, and a client of its own to check the server's side.
type connFlow struct {
	*uitest.Program
	t      *testing.T
	ctx    *common.Context
	server *opigno.Client // acts as the same user, to check the server's side
	srv    *demotest.Server
}

// setup says how a flow starts: the acting user (the administrator by
// default), the demo server's options and changes to the program context.
type setup struct {
	acting        string
	demo          demo.Options
	adjust        func(*common.Context)
	width, height int // 120×40 unless set
}

func startConnections(t *testing.T, s setup) *connFlow {
	t.Helper()
	if s.acting == "" {
		s.acting = demoopigno.AdminUUID
	}
	srv := demotest.Start(t, s.demo)
	ctx, err := connectDemo(t.Context(), srv.URL, s.acting, "dark")
	if err != nil {
		t.Fatal(err)
	}
	ctx.Grace = 0 // keys follow dialogs at test speed
	ctx.UndoDelay = 300 * time.Millisecond
	if s.adjust != nil {
		s.adjust(ctx)
	}
	oc, err := opigno.New(opigno.Config{Endpoint: srv.URL + "/opigno/graphql", Token: demoopigno.DemoToken, ActingUUID: s.acting})
	if err != nil {
		t.Fatal(err)
	}
	if s.width == 0 {
		s.width, s.height = 120, 40
	}
	f := &connFlow{Program: uitest.Start(t, ui.New(ctx, ui.Options{Theme: "dark"}), s.width, s.height), t: t, ctx: ctx, server: oc, srv: srv}
	t.Cleanup(func() {
		f.Press("ctrl+c", "ctrl+c") // twice: the first asks while decisions wait
		f.WaitFinished(t, finalTimeout)
	})
	f.Press("3")
	first := firstPossible(t, oc)
	f.WaitText(10*time.Second, "▸Possible", first.Name)
	return f
}

// pane is the Connections pane's part of the screen: the right-hand column
// at 120 columns, from the last box's corner on the top line.
func pane(screen string) string {
	lines := strings.Split(screen, "\n")
	from := len([]rune(lines[0][:max(strings.LastIndex(lines[0], "╭"), 0)]))
	var out []string
	for _, line := range lines {
		r := []rune(line)
		if len(r) > from {
			out = append(out, string(r[from:]))
		}
	}
	return strings.Join(out, "\n")
}

// waitPane waits until the pane shows every one of texts.
func (f *connFlow) waitPane(what string, texts ...string) {
	f.t.Helper()
	f.WaitFor(what, 10*time.Second, func(s string) bool {
		p := pane(s)
		for _, t := range texts {
			if !strings.Contains(p, t) {
				return false
			}
		}
		return true
	})
}

// waitLine waits until one line of the screen holds every one of parts.
func (f *connFlow) waitLine(what string, parts ...string) {
	f.t.Helper()
	f.WaitFor(what, 10*time.Second, func(s string) bool { return lineWith(s, parts...) })
}

// waitStatus waits for text in the status line.
func (f *connFlow) waitStatus(text string) {
	f.t.Helper()
	f.WaitFor("status "+text, 10*time.Second, func(s string) bool {
		lines := strings.Split(s, "\n")
		return strings.Contains(lines[len(lines)-1], text)
	})
}

// cursorRow is the pane's selected row.
func cursorRow(screen string) string {
	for _, line := range strings.Split(pane(screen), "\n") {
		if strings.Contains(line, "▌") {
			return line
		}
	}
	return ""
}

func (f *connFlow) press(names ...string) { f.Press(names...) }

// key is the first key bound to an action, for keys another engineer may
// rebind.
func key(b interface{ Keys() []string }) string { return b.Keys()[0] }

func firstPossible(t *testing.T, c *opigno.Client) opigno.Context {
	t.Helper()
	p, err := c.PossibleConnections(context.Background(), opigno.ListArgs{First: 1})
	if err != nil || len(p.Items) == 0 {
		t.Fatalf("possible connections: %v", err)
	}
	return p.Items[0].Context
}

func TestInviteSwitchAcceptAndBothNetworksShowEachOther(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{})
	person := firstPossible(t, f.server)
	f.waitPane("the first possible connection", person.Name)

	// As the administrator, invite them with the row's CTA.
	f.press("enter")
	f.WaitText(5*time.Second, "Connect", "createUserInvitation")
	f.press("enter")
	f.waitStatus("Done: invited " + person.Name + " to connect")

	// The invitation is among the sent ones; act as its invitee from there.
	f.press("]", "]", "S", "s")
	f.waitPane("the sent invitations, newest first", "Invitations sent", "new→old")
	f.WaitFor("the new invitation under the cursor", 5*time.Second, func(s string) bool {
		return strings.Contains(cursorRow(s), "→ "+person.Name)
	})
	f.press(key(&f.ctx.Keys.SwitchUser))
	f.WaitText(5*time.Second, "Act as", person.Name, "Demo Member")
	f.press("enter")
	f.waitStatus("acting as " + person.Name)

	// Their received invitations, still newest first: the administrator's
	// is on top.
	f.press("S")
	// (Cut to its column beside the row's actions at 120 columns.)
	f.waitPane("the administrator's invitation", "Invitations ", "new→old", "← Demo Administr")
	f.WaitFor("the invitation under the cursor", 5*time.Second, func(s string) bool {
		return strings.Contains(cursorRow(s), "Demo Administr")
	})
	f.press("a")
	f.waitStatus("Done: accepted the invitation from Demo Administrator")
	f.WaitFor("the invitation gone from Invitations", 5*time.Second, func(s string) bool {
		return !strings.Contains(pane(s), "Demo Administrator")
	})

	// Their network has the administrator, without a reload.
	f.press("[")
	f.waitPane("the administrator in their network", "▸Network", "Demo Administrator")

	// Back to the administrator, acting as the row's person: their network
	// has the invitee.
	f.press("g", key(&f.ctx.Keys.SwitchUser))
	f.WaitText(5*time.Second, "Act as", "Demo Administrator")
	f.press("enter") // the first entry is the selected row's person
	f.waitStatus("acting as Demo Administrator")
	f.press("/")
	f.Type(person.Name)
	f.press("enter")
	f.waitPane("the person in the administrator's network", "▸Network", person.Name, "1/1")

	net, err := f.server.Network(context.Background(), opigno.ListArgs{First: 20, Name: person.Name})
	if err != nil || !containsPerson(net.Items, person.ID) {
		t.Fatalf("the server does not list %s in the administrator's network: %v", person.Name, err)
	}
}

func containsPerson(cs []opigno.Connection, id string) bool {
	for _, c := range cs {
		if c.Context.ID == id {
			return true
		}
	}
	return false
}

func TestUndoneDeclineIsNeverSent(t *testing.T) {
	t.Parallel()
	// The undo window runs on a virtual clock, moved past it below.
	clk := clock.NewVirtual(time.Now())
	t.Cleanup(func() { clk.Advance(time.Hour) }) // no timer left waiting
	f := startConnections(t, setup{adjust: func(c *common.Context) { c.UndoDelay, c.Clock = 2*time.Second, clk }})
	ctx := context.Background()
	first, err := f.server.PendingInvitations(ctx, opigno.ListArgs{First: 1})
	if err != nil {
		t.Fatal(err)
	}
	inv := first.Items[0]

	f.press("]", "]")
	f.waitPane("the invitations", "▸Invitations", "← "+inv.Initiator.Name)
	f.press("d")
	f.waitStatus("Declining the invitation from " + inv.Initiator.Name)
	f.waitStatus("u undo")
	f.WaitFor("the selection on the next invitation", time.Second, func(s string) bool {
		return !strings.Contains(cursorRow(s), inv.Initiator.Name)
	})
	f.press("u")
	f.waitStatus("Undone: declining the invitation from " + inv.Initiator.Name)

	// A second decline, not undone, is the control: once the clock is
	// past both windows and it has reached the server, the undone one
	// would have too (it was first in line).
	f.WaitFor("the selection on the next invitation", time.Second, func(s string) bool {
		return !strings.Contains(cursorRow(s), inv.Initiator.Name) && strings.Contains(cursorRow(s), "←")
	})
	f.press("d")
	f.waitStatus("u undo")
	var still api.Page[opigno.Invitation]
	f.WaitFor("the second decline sent", 5*time.Second, func(string) bool {
		// The clock moves on in steps, so a timer set after a step is
		// still passed by the next.
		clk.Advance(500 * time.Millisecond)
		still, err = f.server.PendingInvitations(ctx, opigno.ListArgs{First: 100})
		return err == nil && still.Total < first.Total
	})
	found := false
	for _, i := range still.Items {
		found = found || i.ID == inv.ID
	}
	if !found || still.Total != first.Total-1 {
		t.Fatalf("the undone decline was sent: pending %d (was %d), invitation %s still there: %v", still.Total, first.Total, inv.ID, found)
	}
	f.waitPane("the undone invitation still listed", "← "+inv.Initiator.Name, "39/39")
}

// TestInviteKeyFromTheUsersPane: i on a Scope user asks the Connections
// pane to invite the Opigno person of that name: pick the community, then
// the people of that name it may invite, here none (the demo's Opigno has
// no Luke Skywalker), which it says rather than failing.
func TestInviteKeyFromTheUsersPane(t *testing.T) {
	t.Parallel()
	p := startDemo(t, 120, 40)
	p.WaitText(5*time.Second, "Abbott", "[Connect]")
	p.Press("/")
	p.Type("skywalker")
	p.WaitText(5*time.Second, "Luke Skywalker")
	p.Press("enter", "i")
	p.WaitText(5*time.Second, "Luke Skywalker")
	p.WaitText(5*time.Second, "Invite to which community?", "Inviting Luke Skywalker")
	p.WaitFor("the communities to load", 5*time.Second, func(s string) bool { return !strings.Contains(s, "Loading…") })
	time.Sleep(300 * time.Millisecond) // the picker's grace period
	p.Press("enter")
	p.WaitText(5*time.Second, "No Opigno user context named “Luke Skywalker” can be")
}

// Connect waits out the same undo window as accept and decline: the row
// shows the countdown, u takes it back, and no invitation is sent.
func TestUndoneConnectIsNeverSent(t *testing.T) {
	t.Parallel()
	clk := clock.NewVirtual(time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC))
	t.Cleanup(func() { clk.Advance(time.Hour) }) // no timer left waiting
	f := startConnections(t, setup{adjust: func(c *common.Context) { c.UndoDelay, c.Clock = 2*time.Second, clk }})
	person := firstPossible(t, f.server)
	ctx := context.Background()
	before, err := f.server.SentInvitations(ctx, opigno.ListArgs{First: 100})
	if err != nil {
		t.Fatal(err)
	}

	f.press("enter")
	f.WaitText(5*time.Second, "Connect", "createUserInvitation")
	f.press("enter")
	f.waitStatus("Connecting with " + person.Name + " in")
	f.waitStatus("u undo")
	f.waitPane("the countdown on the row", "⏳")
	f.press("u")
	f.waitStatus("Undone: connecting with " + person.Name + "; nothing was sent.")

	clk.Advance(2500 * time.Millisecond) // past the window
	time.Sleep(300 * time.Millisecond)   // time for a wrong send to reach the server
	after, err := f.server.SentInvitations(ctx, opigno.ListArgs{First: 100})
	if err != nil {
		t.Fatal(err)
	}
	if after.Total != before.Total {
		t.Fatalf("the undone connect was sent: %d sent invitations, %d before", after.Total, before.Total)
	}
	f.waitPane("the person still a possible connection", person.Name, "[Connect]")
}
