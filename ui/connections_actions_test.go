package ui_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/demo"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/uitest"
)

func TestRemovingAConnectionAsksFirstAndDefaultsToNo(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{})
	ctx := context.Background()
	net, err := f.server.Network(ctx, opigno.ListArgs{First: 1})
	if err != nil {
		t.Fatal(err)
	}
	person := net.Items[0].Context
	target := person.Name + " (#" + person.ID + ")"

	f.press("]")
	f.waitPane("the network", "▸Network", person.Name)
	f.press("enter")
	f.WaitText(5*time.Second, "Remove connection", "removeUserConnection")
	f.press("enter")
	f.WaitText(5*time.Second, "Remove connection:", target, "[ No ]")
	f.press("enter") // No is the default
	f.WaitFor("the confirmation closed", 5*time.Second, func(s string) bool { return !strings.Contains(s, "[ No ]") })
	if still, _ := f.server.Network(ctx, opigno.ListArgs{First: 20, Name: person.Name}); !containsPerson(still.Items, person.ID) {
		t.Fatal("enter on the default No removed the connection")
	}

	f.press("enter")
	f.WaitText(5*time.Second, "removeUserConnection")
	f.press("enter")
	f.WaitText(5*time.Second, "Remove connection:", target, "[ No ]")
	f.press("y")
	f.waitStatus("Done: removed " + person.Name + " from your network")
	f.WaitFor("the person gone from the network", 5*time.Second, func(s string) bool { return !strings.Contains(pane(s), person.Name) })
	// No longer connected, they are someone to invite again: the pane
	// puts them among the possible connections without reloading it.
	f.press("[")
	f.waitPane("the person among the possible connections", "▸Possible", person.Name)
}

func TestBulkDeclineReportsWhatFailedAndWhy(t *testing.T) {
	t.Parallel()
	// Long enough a countdown for the test to see it on a loaded machine.
	f := startConnections(t, setup{adjust: func(c *common.Context) { c.UndoDelay = 2 * time.Second }})
	ctx := context.Background()
	first, err := f.server.PendingInvitations(ctx, opigno.ListArgs{First: 3})
	if err != nil {
		t.Fatal(err)
	}
	f.press("]", "]")
	f.waitPane("the invitations", "▸Invitations", first.Items[2].Initiator.Name)
	f.press("space", "space", "space")
	f.waitStatus("3 selected")

	// Meanwhile the second is declined elsewhere.
	gone := first.Items[1]
	decline, _ := gone.Actions[1], 0
	plan, err := f.server.Plan(ctx, decline)
	if err != nil || plan.Verb() != "DECLINE" {
		t.Fatalf("decline plan: %v %s", err, plan.Mutation)
	}
	if out, err := f.server.Run(ctx, plan); err != nil || out.Failed() != "" {
		t.Fatal(err, out.Failed())
	}

	f.press("d")
	f.waitStatus("Declining 3 invitations in")
	f.waitStatus("! declining 3 invitations (2 done, 1 failed): invitation from " + gone.Initiator.Name + " (#" + gone.Initiator.ID + "):")
	f.press("E") // the error log has the whole of it
	f.WaitText(2*time.Second, "Recent errors", "The invitation "+gone.ID+" does not exist.")
	f.press("E")
	after, err := f.server.PendingInvitations(ctx, opigno.ListArgs{First: 1})
	if err != nil || after.Total != first.Total-3 {
		t.Fatalf("pending after the bulk decline: %d, want %d (%v)", after.Total, first.Total-3, err)
	}
	// The two declined leave the list; the failed one stays as it was.
	n := strconv.Itoa(first.Total - 2)
	f.waitPane("the counter", n+"/"+n, "← "+gone.Initiator.Name)
}

func TestOneRowTakesOneActionAtATime(t *testing.T) {
	t.Parallel()
	// The second key must come while the first waits, even on a loaded machine.
	f := startConnections(t, setup{adjust: func(c *common.Context) { c.UndoDelay = 3 * time.Second }})
	ctx := context.Background()
	first, err := f.server.PendingInvitations(ctx, opigno.ListArgs{First: 1})
	if err != nil {
		t.Fatal(err)
	}
	from := first.Items[0].Initiator
	f.press("]", "]")
	f.waitPane("the invitations", "▸Invitations", from.Name)
	f.press("a")
	f.waitStatus("Accepting the invitation from " + from.Name + " in") // the countdown: not yet done
	// Back on the queued row: a second action is refused.
	f.press("k", "d")
	f.waitStatus("already queued or in flight")
	f.waitStatus("Done: accepted the invitation from " + from.Name)
	if strings.Contains(f.Screen.Text(), "! ") {
		t.Fatalf("an error appeared: the row was acted on twice?\n%s", f.Screen.Text())
	}
	net, _ := f.server.Network(ctx, opigno.ListArgs{First: 20, Name: from.Name})
	if !containsPerson(net.Items, from.ID) {
		t.Fatal("the accept was not sent")
	}
}

func TestMemberInvitingToAPrivateCommunitySeesTheServersRefusal(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{acting: demoopigno.MemberUUID})
	ctx := context.Background()
	mine, err := f.server.UserCommunities(ctx, opigno.ListArgs{First: 100})
	if err != nil {
		t.Fatal(err)
	}
	var private opigno.Community
	for _, c := range mine.Items {
		if c.Visibility == "PRIVATE" && c.Owner.UUID != demoopigno.MemberUUID {
			private = c
		}
	}
	if private.ID == "" {
		t.Fatal("the member belongs to no private community they do not own")
	}
	f.press("[", "/")
	f.Type(private.Title)
	f.press("enter")
	f.waitPane("the private community", "▸Communities", private.Title, "1/1")
	f.press("enter")
	f.WaitText(5*time.Second, "Invite people to this community…", "View members — this server has no viewMembers mutation")
	f.press(strconv.Itoa(len(private.Actions) + 1))
	f.WaitText(5*time.Second, "Invite to "+private.Title, "Members can invite others only", "ask the community owner")
}

func TestInvitingSomeoneFromTheUsersPaneFindsThemByName(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{})
	ctx := context.Background()
	mine, err := f.server.UserCommunities(ctx, opigno.ListArgs{First: 1})
	if err != nil {
		t.Fatal(err)
	}
	community := mine.Items[0]
	invitees, err := f.server.PossibleCommunityInvitees(ctx, community.ID, opigno.ListArgs{First: 1})
	if err != nil {
		t.Fatal(err)
	}
	person := invitees.Items[0]

	f.Send(common.InvitePersonMsg{Name: person.Name})
	f.WaitText(5*time.Second, "Invite to which community?", "Inviting "+person.Name, community.Title)
	f.press("enter")
	f.WaitText(5*time.Second, "named “"+person.Name+"”")
	f.waitLine("the one match loaded", "Invite to "+community.Title, " 1/1 ")
	f.press("enter")
	f.waitStatus("Done: invited " + person.Name + " to " + community.Title)
	left, _ := f.server.PossibleCommunityInvitees(ctx, community.ID, opigno.ListArgs{First: 20, Name: person.Name})
	for _, u := range left.Items {
		if u.ID == person.ID {
			t.Fatal("the server was not asked to invite them")
		}
	}

	f.Send(common.InvitePersonMsg{Name: "Nobody Byname"})
	f.WaitText(5*time.Second, "Inviting Nobody Byname", "▌ "+community.Title)
	f.press("enter")
	f.WaitText(5*time.Second, "No Opigno user context named “Nobody Byname” can be", "already a member")
	f.press("esc")
}

func TestReadOnlyModeSendsNothing(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{adjust: func(c *common.Context) { c.ReadOnly = true }})
	f.press("]", "]")
	f.waitPane("the invitations", "▸Invitations", "40/40")
	f.press("a")
	f.waitStatus("Read-only mode")
	f.press("enter")
	f.WaitText(5*time.Second, "Accept — read-only mode", "Decline — read-only mode")
	f.press("esc")
	p, _ := f.server.PendingInvitations(context.Background(), opigno.ListArgs{First: 1})
	if p.Total != 40 {
		t.Fatalf("read-only mode changed the server: %d pending", p.Total)
	}
}

func TestFilterSortAndCopy(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{})
	f.press("/")
	f.Type("alina_test")
	f.waitPane("the filtered list", "alina_test_1 opigno4", "1/1 · A→Z")
	f.press("enter", "y")
	alina, _ := f.server.PossibleConnections(context.Background(), opigno.ListArgs{First: 1, Name: "alina_test"})
	f.waitStatus("Copied " + alina.Items[0].Context.UUID)
	f.press("/", "esc", "s")
	f.waitPane("the whole list, reversed", "Z→A")
	f.WaitFor("the counter back to everyone", 5*time.Second, func(s string) bool { return !strings.Contains(pane(s), " 1/1 ") })

	f.press("esc", "]", "]", "s") // esc: the copy note goes
	f.waitPane("invitations newest first", "new→old")
	f.press("s")
	f.waitPane("invitations by name", "A→Z")
	f.press("/") // Opigno cannot filter invitations: the rows loaded are
	f.waitPane("the filter over the loaded invitations", "filters the")
}

func TestAServerWithoutTheDemoListsSaysWhatItCannotShow(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{demo: demo.Options{OpignoVendor: true}})
	f.press("[")
	// No query lists the caller's communities: the profile's are shown.
	n := strconv.Itoa(len(demoopigno.AdminCommunityIDs(demo.DefaultSeed)))
	f.waitPane("the profile's communities", "▸Communities", n+"/"+n)
	// The status line names n once the note that the server cannot name
	// the acting user (shown at a key, whenever that answer comes) has
	// given way to the next key.
	f.WaitFor("n in the status line", 10*time.Second, func(s string) bool {
		last := s[strings.LastIndex(s, "\n")+1:]
		if strings.Contains(last, "cannot name the user") {
			f.Send(uitest.Key("j"))
		}
		return strings.Contains(last, "n add a community by id")
	})
	f.press("[", "S")
	f.waitStatus("This Opigno server cannot list sent invitations")
	f.waitPane("the received invitations", "▸Invitations", "40/40")
}

func TestSmallTerminalShowsTheTabsAndRows(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{width: 80, height: 24})
	f.press("]", "]")
	f.WaitText(5*time.Second, "▸Invitations", "old→new", "← ")
}
