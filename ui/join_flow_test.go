package ui_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/opigno"
)

// TestAJoiningRowGoesWhereTheSortPutsIt: accepting an invitation puts its
// sender in the Network tab where the tab's order (by name) puts them,
// not at the top, and the Network's cursor stays on the row it was on.
func TestAJoiningRowGoesWhereTheSortPutsIt(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{})
	ctx := context.Background()
	net, err := f.server.Network(ctx, opigno.ListArgs{First: 100})
	if err != nil || len(net.Items) < 5 {
		t.Fatalf("the administrator's network: %d rows, %v", len(net.Items), err)
	}
	pending, err := f.server.PendingInvitations(ctx, opigno.ListArgs{First: 100})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]int{}
	for _, inv := range pending.Items {
		names[inv.Initiator.Name]++
	}
	var from opigno.Context
	for _, inv := range pending.Items {
		at := 0
		for _, c := range net.Items {
			if strings.ToLower(c.Context.Name) < strings.ToLower(inv.Initiator.Name) {
				at++
			}
		}
		if at >= 3 && at <= 20 && names[inv.Initiator.Name] == 1 {
			from = inv.Initiator
			break
		}
	}
	if from.ID == "" {
		t.Skip("no invitation from someone who would sort among the first network rows")
	}

	f.press("]")
	f.waitPane("the network", "▸Network", net.Items[0].Context.Name)
	f.press("j", "j")
	kept := net.Items[2].Context.Name
	f.WaitFor("the cursor on the third row", 5*time.Second, func(s string) bool { return strings.Contains(cursorRow(s), kept) })

	f.press("]", "/")
	f.Type(from.Name)
	f.press("enter")
	f.WaitFor("the invitation under the cursor", 5*time.Second, func(s string) bool { return strings.Contains(cursorRow(s), "← "+from.Name) })
	f.press("a")
	f.waitStatus("Done: accepted the invitation from " + from.Name)

	after, err := f.server.Network(ctx, opigno.ListArgs{First: 100})
	if err != nil {
		t.Fatal(err)
	}
	prev := ""
	for i, c := range after.Items {
		if c.Context.ID == from.ID && i > 0 {
			prev = after.Items[i-1].Context.Name
		}
	}
	f.press("[")
	f.waitPane("the new connection", "▸Network", from.Name)
	lines := strings.Split(pane(f.Screen.Text()), "\n")
	for i, l := range lines {
		if strings.Contains(l, from.Name+" ") && (i == 0 || !strings.Contains(lines[i-1], prev)) {
			t.Errorf("%s is not after %s, as the server sorts them:\n%s", from.Name, prev, pane(f.Screen.Text()))
		}
	}
	if !strings.Contains(cursorRow(f.Screen.Text()), kept) {
		t.Errorf("the cursor left %s: it is on %q", kept, cursorRow(f.Screen.Text()))
	}
}
