package opigno_test

import (
	"context"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/hostile"
	"github.com/rosterm/rosterm/api/opigno"
)

// TestHostileTextArrivesRaw: display names and CTA titles come as the
// server sent them, except for bytes that are not UTF-8 (U+FFFD).
func TestHostileTextArrivesRaw(t *testing.T) {
	srv := demotest.Start(t, demo.Options{Hostile: true})
	c := newClient(t, srv.URL)
	ctx := context.Background()
	names := map[string]bool{}
	for _, list := range []func(context.Context, opigno.ListArgs) (api.Page[opigno.Connection], error){c.PossibleConnections, c.Network} {
		p, err := list(ctx, opigno.ListArgs{First: 100, Name: "mallory"})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range p.Items {
			names[it.Context.Name] = true
			if !hostile.Contains(it.Actions[0].Title) {
				t.Errorf("the CTA of %q should carry a payload: %q", it.Context.Name, it.Actions[0].Title)
			}
		}
	}
	inv, err := c.PendingInvitations(ctx, opigno.ListArgs{First: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range inv.Items {
		names[it.Initiator.Name] = true
	}
	for _, pl := range hostile.Payloads() {
		if want := string([]rune(hostile.Wire(pl.Text))) + " Mallory"; !names[want] {
			t.Errorf("%s: no context named %q", pl.Name, want)
		}
	}
}
