package ui_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/uitest"
)

// sent counts the requests the server received that run mutation.
func sent(srv *demotest.Server, mutation string) int {
	n := 0
	for _, c := range srv.Calls(mutation) {
		if strings.HasPrefix(strings.TrimSpace(c.Query), "mutation") {
			n++
		}
	}
	return n
}

// A CTA's title is the server's word; its actionId names the mutation that
// runs. On a server whose "Connect" runs setUserContext (renaming the
// person) on one tab and removeUserConnection on another, neither runs
// without asking, and each confirmation names the mutation it sends; no
// answer sends nothing, yes sends that mutation once.
func TestAConfirmationNamesTheMutationWhateverTheTitle(t *testing.T) {
	t.Parallel()
	inj := faults.New(faults.Rule{Fault: faults.Mislabel, Path: "opigno", Share: 1})
	t.Cleanup(inj.Close)
	f := startConnections(t, setup{demo: demo.Options{Faults: inj}})
	person := firstPossible(t, f.server)

	f.press("g", "enter")
	f.WaitText(5*time.Second, "Connect", "setUserContext")
	f.press("enter")
	f.WaitText(5*time.Second, "Send setUserContext?", "Connect", person.Name)
	f.press("esc")
	f.WaitFor("the confirmation gone", 5*time.Second, func(s string) bool { return !strings.Contains(s, "Send setUserContext?") })
	time.Sleep(300 * time.Millisecond)
	if n := sent(f.srv, "setUserContext"); n != 0 {
		t.Fatalf("setUserContext sent %d times without a yes", n)
	}

	f.press("]")
	// The tab loads when first shown: wait for the cursor on a row.
	f.WaitFor("the network", 5*time.Second, func(s string) bool {
		return strings.Contains(s, "▸Network") && strings.Contains(cursorRow(s), "#")
	})
	f.press("g", "enter")
	f.WaitText(5*time.Second, "Connect", "removeUserConnection")
	f.press("enter")
	f.WaitText(5*time.Second, "Send removeUserConnection?")
	f.press("y")
	f.waitStatus("Done: removed")
	if n := sent(f.srv, "removeUserConnection"); n != 1 {
		t.Fatalf("removeUserConnection sent %d times after one yes", n)
	}
	if n := sent(f.srv, "setUserContext"); n != 0 {
		t.Fatalf("setUserContext sent %d times", n)
	}
	p, err := f.server.PossibleConnections(context.Background(), opigno.ListArgs{First: 5, Name: person.Name})
	if err != nil || len(p.Items) == 0 || p.Items[0].Context.Name != person.Name {
		t.Errorf("the person was renamed: %+v %v", p.Items, err)
	}
}

// A server that sends every row twice has each shown once; a row marked
// and accepted is accepted once.
func TestARowSentTwiceIsShownAndSentOnce(t *testing.T) {
	t.Parallel()
	inj := faults.New(faults.Rule{Fault: faults.DuplicateRows, Path: "opigno", Share: 1})
	t.Cleanup(inj.Close)
	f := startConnections(t, setup{demo: demo.Options{Faults: inj}})
	first, err := f.server.PendingInvitations(context.Background(), opigno.ListArgs{First: 1})
	if err != nil || len(first.Items) == 0 {
		t.Fatal(err)
	}
	from := first.Items[0].Initiator.Name

	f.press("]", "]")
	f.waitPane("the invitations", "▸Invitations", "← "+from)
	if n := strings.Count(pane(f.Screen.Text()), "← "+from+" "); n != 1 {
		t.Fatalf("the invitation from %s is shown %d times:\n%s", from, n, pane(f.Screen.Text()))
	}
	f.press("g", "space")
	f.waitStatus("1 selected")
	f.press("a")
	f.waitStatus("Done: accepted")
	time.Sleep(300 * time.Millisecond)
	if n := sent(f.srv, "acceptUserInvitation"); n != 1 {
		t.Fatalf("acceptUserInvitation sent %d times for one row", n)
	}
}

// Deleting Scope users a server sent twice: the confirmation names each
// once and the mutation it sends, and deleteUsers gets each id once.
func TestDeletingAUserSentTwiceSendsTheirIDOnce(t *testing.T) {
	t.Parallel()
	inj := faults.New(faults.Rule{Fault: faults.DuplicateRows, Path: "scope", Share: 1})
	t.Cleanup(inj.Close)
	srv := demotest.Start(t, demo.Options{Faults: inj})
	ctx, err := connectDemo(t.Context(), srv.URL, demoopigno.AdminUUID, "dark")
	if err != nil {
		t.Fatal(err)
	}
	ctx.Grace = 0
	p := uitest.Start(t, ui.New(ctx, ui.Options{Theme: "dark"}), 120, 40)
	p.WaitText(10*time.Second, "Amir Abbott", "Benjamin Abbott")
	if n := strings.Count(p.Screen.Text(), "scope  Amir Abbott "); n != 1 {
		t.Fatalf("Amir Abbott listed %d times", n)
	}
	p.Press("space", "j", "space")
	p.WaitText(5*time.Second, "2 selected")
	p.Press("x")
	p.WaitText(5*time.Second, "Delete these 2 Scope users?", "deleteUsers", "Amir Abbott", "Benjamin Abbott")
	p.Press("y")
	p.WaitText(5*time.Second, "Deleted (2)")
	calls := srv.Calls("deleteUsers")
	if len(calls) != 1 {
		t.Fatalf("%d deleteUsers requests", len(calls))
	}
	input, _ := calls[0].Variables["input"].(map[string]any)
	if ids, _ := input["ids"].([]any); len(ids) != 2 || ids[0] == ids[1] {
		t.Fatalf("deleteUsers sent ids %v", input["ids"])
	}
}
