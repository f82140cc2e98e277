package opigno_test

import (
	"context"
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/opigno"
)

func newClient(t *testing.T, url string) *opigno.Client {
	t.Helper()
	c, err := opigno.New(opigno.Config{Endpoint: url + "/opigno/graphql", Token: demoopigno.DemoToken, ActingUUID: demoopigno.AdminUUID})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPossibleConnectionsPageThroughEveryoneOnce(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c := newClient(t, srv.URL)
	ctx := context.Background()
	seen := map[string]bool{}
	var names []string
	after, total := "", -1
	for pages := 0; ; pages++ {
		p, err := c.PossibleConnections(ctx, opigno.ListArgs{After: after, First: 100})
		if err != nil {
			t.Fatal(err)
		}
		total = p.Total
		for _, it := range p.Items {
			if seen[it.Context.ID] {
				t.Fatalf("context %s listed twice", it.Context.ID)
			}
			seen[it.Context.ID] = true
			names = append(names, strings.ToLower(it.Context.Name))
			if len(it.Actions) == 0 || it.Actions[0].ID != "CREATE_USER_INVITATION" {
				t.Fatalf("row %s has no invitation CTA: %+v", it.Context.ID, it.Actions)
			}
		}
		if !p.More {
			break
		}
		after = p.Next
	}
	if len(seen) != total || total < 2000 {
		t.Fatalf("walked %d rows, server says %d", len(seen), total)
	}
	if !sort.StringsAreSorted(names) {
		t.Error("possible connections are not in name order")
	}
}

func TestFilterReverseAndOtherLists(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c := newClient(t, srv.URL)
	ctx := context.Background()

	p, err := c.PossibleConnections(ctx, opigno.ListArgs{First: 10, Name: "alina_test"})
	if err != nil || len(p.Items) != 1 || p.Items[0].Context.ID != "1606" {
		t.Fatalf("name filter: %+v %v", p.Items, err)
	}
	fwd, _ := c.PossibleConnections(ctx, opigno.ListArgs{First: 5})
	rev, err := c.PossibleConnections(ctx, opigno.ListArgs{First: 5, Reverse: true})
	if err != nil || fwd.Items[0].Context.ID == rev.Items[0].Context.ID {
		t.Fatalf("reverse gave the same first row: %v", err)
	}

	net, err := c.Network(ctx, opigno.ListArgs{First: 100})
	if err != nil || net.Total != 60 || net.Items[0].Actions[0].ID != "REMOVE_USER_CONNECTION" {
		t.Fatalf("network: total %d, %v", net.Total, err)
	}
	inv, err := c.PendingInvitations(ctx, opigno.ListArgs{First: 50, SortKey: "NAME"})
	if err != nil || inv.Total != 40 {
		t.Fatalf("invitations: %d, %v", inv.Total, err)
	}
	for i := 1; i < len(inv.Items); i++ {
		if strings.ToLower(inv.Items[i-1].Initiator.Name) > strings.ToLower(inv.Items[i].Initiator.Name) {
			t.Fatal("NAME sort is not by initiator name")
		}
	}
	if inv.Items[0].Invitee.UUID != demoopigno.AdminUUID || inv.Items[0].Created.Before(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("invitation fields: %+v", inv.Items[0])
	}
}

func TestActingUserAndOAuth(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	ctx := context.Background()
	admin := newClient(t, srv.URL)
	cur, ok, err := admin.CurrentContext(ctx)
	if err != nil || !ok || cur.Name != "Demo Administrator" || cur.Scope != "ADMINISTRATOR" {
		t.Fatalf("admin: %+v %v %v", cur, ok, err)
	}
	member := admin.As(demoopigno.MemberUUID)
	if cur, _, _ := member.CurrentContext(ctx); cur.Name != "Demo Member" {
		t.Fatalf("As did not switch the acting user: %+v", cur)
	}

	oc, err := opigno.New(opigno.Config{
		Endpoint: srv.URL + "/opigno/graphql", TokenURL: srv.URL + "/opigno/oauth/token",
		ClientID: demoopigno.DemoClientID, ClientSecret: demoopigno.DemoClientSecret, ActingUUID: demoopigno.MemberUUID,
	})
	if err != nil {
		t.Fatal(err)
	}
	if cur, ok, err := oc.CurrentContext(ctx); err != nil || !ok || cur.Name != "Demo Member" {
		t.Fatalf("oauth client: %+v %v", cur, err)
	}

	bad, _ := opigno.New(opigno.Config{Endpoint: srv.URL + "/opigno/graphql", Token: "wrong", ActingUUID: demoopigno.AdminUUID})
	_, err = bad.PossibleConnections(ctx, opigno.ListArgs{First: 5})
	if api.KindOf(err) != api.KindAuth {
		t.Fatalf("wrong token: want an auth error, got %v", err)
	}
}

func TestDemoOnlyListsAreReportedUnsupportedElsewhere(t *testing.T) {
	srv := demotest.Start(t, demo.Options{OpignoVendor: true})
	c := newClient(t, srv.URL)
	ctx := context.Background()
	var u *opigno.Unsupported
	if _, err := c.UserCommunities(ctx, opigno.ListArgs{First: 5}); !errors.As(err, &u) || u.Query != "getUserCommunities" {
		t.Errorf("communities on a vendor server: %v", err)
	}
	if _, err := c.SentInvitations(ctx, opigno.ListArgs{First: 5}); !errors.As(err, &u) {
		t.Errorf("sent invitations on a vendor server: %v", err)
	}
	if _, err := c.PendingCommunityInvitations(ctx, opigno.ListArgs{First: 5}); !errors.As(err, &u) {
		t.Errorf("community invitations on a vendor server: %v", err)
	}
	if _, ok, err := c.CurrentContext(ctx); ok || err != nil {
		t.Errorf("current context on a vendor server: %v %v", ok, err)
	}
	// The documented lists and mutations are all there.
	p, err := c.PendingInvitations(ctx, opigno.ListArgs{First: 1})
	must(t, err)
	plan, err := c.Plan(ctx, p.Items[0].Actions[0])
	if err != nil || plan.Disabled != "" {
		t.Errorf("accept on a vendor server: %v %q", err, plan.Disabled)
	}
}
