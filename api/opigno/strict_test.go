package opigno_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/opigno"
)

// strictServers are the documented-only Opignos the client must work
// against: with and without introspection, and with the older
// removeUserConnection(userContextId: ID!).
var strictServers = []struct {
	name string
	opts demo.Options
}{
	{"strict", demo.Options{Strict: true}},
	{"strict, no introspection", demo.Options{Strict: true, NoIntrospection: true}},
	{"strict, removeUserConnection(userContextId)", demo.Options{Strict: true, OpignoRemoveByID: true}},
	{"strict, removeUserConnection(userContextId), no introspection", demo.Options{Strict: true, NoIntrospection: true, OpignoRemoveByID: true}},
}

func strictClient(t *testing.T, url string, communities ...string) *opigno.Client {
	t.Helper()
	c, err := opigno.New(opigno.Config{Endpoint: url + "/opigno/graphql", Token: demoopigno.DemoToken, ActingUUID: demoopigno.AdminUUID,
		Communities: communities})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// run plans and runs a, which must go through.
func run(t *testing.T, c *opigno.Client, a api.Action) opigno.Outcome {
	t.Helper()
	ctx := context.Background()
	p, err := c.Plan(ctx, a)
	if err != nil || p.Disabled != "" {
		t.Fatalf("%s %v: %v %q", a.ID, a.Args, err, p.Disabled)
	}
	out, err := c.Run(ctx, p)
	if err != nil || out.Failed() != "" {
		t.Fatalf("%s %v: %v %q", a.ID, a.Args, err, out.Failed())
	}
	return out
}

func action(t *testing.T, as []api.Action, verb string) api.Action {
	t.Helper()
	for _, a := range as {
		if opigno.Verb(a.ID) == verb {
			return a
		}
	}
	t.Fatalf("no %s action among %+v", verb, as)
	return api.Action{}
}

// Against an Opigno that serves only what Opigno documents: the lists
// page, every action goes through (the CTAs name their arguments by the
// documented aliases, and removeUserConnection takes either argument),
// the profile's communities are looked up and can be invited to, and what
// the server lacks is said without an error, each refused document sent
// once at most.
func TestAgainstTheDocumentedServer(t *testing.T) {
	for _, s := range strictServers {
		t.Run(s.name, func(t *testing.T) {
			srv := demotest.Start(t, s.opts)
			ids := demoopigno.AdminCommunityIDs(demo.DefaultSeed)
			if len(ids) < 2 {
				t.Fatalf("the demo administrator belongs to %d communities", len(ids))
			}
			c := strictClient(t, srv.URL, append(slices.Clone(ids), "999999")...)
			ctx := context.Background()

			first, err := c.PossibleConnections(ctx, opigno.ListArgs{First: 20})
			must(t, err)
			second, err := c.PossibleConnections(ctx, opigno.ListArgs{First: 20, After: first.Next})
			must(t, err)
			if len(first.Items) != 20 || len(second.Items) != 20 || first.Total < 2000 || first.Items[0].Context.ID == second.Items[0].Context.ID {
				t.Fatalf("paging: %d then %d rows of %d", len(first.Items), len(second.Items), first.Total)
			}

			// Connect, then cancel that invitation from the CTA it came with.
			invited := run(t, c, action(t, first.Items[0].Actions, "CREATE"))
			if invited.Invitation == nil || invited.Invitation.Invitee.ID != first.Items[0].Context.ID {
				t.Fatalf("createUserInvitation answered %s", invited.Response)
			}
			run(t, c, action(t, invited.Invitation.Actions, "CANCEL"))

			// Accept one invitation, decline the next.
			pending, err := c.PendingInvitations(ctx, opigno.ListArgs{First: 2})
			must(t, err)
			accepted := run(t, c, action(t, pending.Items[0].Actions, "ACCEPT"))
			if accepted.Invitation == nil || !accepted.Invitation.Accepted {
				t.Errorf("acceptUserInvitation answered %s", accepted.Response)
			}
			run(t, c, action(t, pending.Items[1].Actions, "DECLINE"))
			if after, _ := c.PendingInvitations(ctx, opigno.ListArgs{First: 1}); after.Total != pending.Total-2 {
				t.Errorf("%d pending after accepting and declining, was %d", after.Total, pending.Total)
			}

			// Remove a connection, twice: the second with what was learned.
			for range 2 {
				network, err := c.Network(ctx, opigno.ListArgs{First: 1})
				must(t, err)
				gone := network.Items[0].Context
				run(t, c, action(t, network.Items[0].Actions, "REMOVE"))
				if still, _ := c.Network(ctx, opigno.ListArgs{First: 5, Name: gone.Name}); containsContext(still.Items, gone.ID) {
					t.Errorf("%s is still in the network", gone.Name)
				}
			}

			// The profile's communities, in its order; an unknown id marked.
			cs, err := c.CommunitiesByID(ctx, c.Communities())
			must(t, err)
			if len(cs) != len(ids)+1 || !cs[len(ids)].Missing || cs[len(ids)].ID != "999999" || cs[len(ids)].Why == "" {
				t.Fatalf("lookup: %+v", cs)
			}
			for i, id := range ids {
				if cs[i].ID != id || cs[i].Missing || cs[i].Title == "" || len(cs[i].Actions) == 0 {
					t.Errorf("community %d: %+v", i, cs[i])
				}
			}
			// Invite someone to the first of them.
			invitees, err := c.PossibleCommunityInvitees(ctx, ids[0], opigno.ListArgs{First: 1})
			must(t, err)
			out := run(t, c, opigno.InviteToCommunity(ids[0], invitees.Items[0].ID))
			if out.CommunityInvitation == nil || out.CommunityInvitation.Community.ID != ids[0] || len(out.CommunityInvitation.Actions) == 0 {
				t.Errorf("createCommunityInvitation answered %s", out.Response)
			}

			// What the server lacks: said, not an error, asked once.
			for range 2 {
				var u *opigno.Unsupported
				if _, err := c.SentInvitations(ctx, opigno.ListArgs{First: 5}); !errors.As(err, &u) {
					t.Errorf("sent invitations: %v", err)
				}
				if _, err := c.UserCommunities(ctx, opigno.ListArgs{First: 5}); !errors.As(err, &u) {
					t.Errorf("communities: %v", err)
				}
				if _, err := c.PendingCommunityInvitations(ctx, opigno.ListArgs{First: 5}); !errors.As(err, &u) {
					t.Errorf("community invitations: %v", err)
				}
				if _, ok, err := c.CurrentContext(ctx); ok || err != nil {
					t.Errorf("current user: %v %v", ok, err)
				}
			}
			for _, q := range opigno.OptionalQueries() {
				if !c.Unavailable(q) {
					t.Errorf("%s should be known unavailable", q)
				}
			}
			refused := srv.Refused()
			learned := 0
			for doc := range refused {
				if strings.Contains(doc, "removeUserConnection(userContextUuid") {
					learned++
				}
			}
			switch {
			case s.opts.NoIntrospection && len(refused) != len(opigno.OptionalQueries())+learned:
				t.Errorf("without introspection each optional query is tried once: %d refused documents", len(refused))
			case !s.opts.NoIntrospection && len(refused) != 0:
				t.Errorf("with introspection nothing the server lacks is sent: %d refused", len(refused))
			case s.opts.OpignoRemoveByID && s.opts.NoIntrospection && learned != 1:
				t.Errorf("the documented removeUserConnection is refused once, then learned: %d", learned)
			}
			for doc, n := range refused {
				if n > 1 {
					t.Errorf("a refused document was sent %d times:\n%s", n, doc)
				}
				if !refusedIsExpected(doc, s.opts) {
					t.Errorf("a document the client should not have sent:\n%s", doc)
				}
			}
		})
	}
}

// refusedIsExpected: only optional queries are tried and refused, and the
// documented removeUserConnection on a server without introspection that
// takes the older argument.
func refusedIsExpected(doc string, o demo.Options) bool {
	for _, q := range opigno.OptionalQueries() {
		if strings.Contains(doc, q) {
			return true
		}
	}
	return o.OpignoRemoveByID && o.NoIntrospection && strings.Contains(doc, "removeUserConnection(userContextUuid")
}

// The probes config check --online runs: the documented lists answer, the
// optional queries found absent on a server without them (and not an error).
func TestProbesOnAStrictAndARichServer(t *testing.T) {
	for _, o := range []demo.Options{{Strict: true, NoIntrospection: true}, {}} {
		srv := demotest.Start(t, o)
		c := strictClient(t, srv.URL)
		var documented, optional []string
		for _, p := range c.Probes() {
			err := p.Run(context.Background())
			if p.Documented {
				documented = append(documented, p.Path)
				if err != nil {
					t.Errorf("%+v: %s: %v", o, p.Path, err)
				}
				continue
			}
			optional = append(optional, p.Path)
			if status := c.Capabilities().Status(p.Path); o.Strict && (err != nil || status != "absent") {
				t.Errorf("strict: %s should be found absent, is %s (%v)", p.Path, status, err)
			}
			if !o.Strict && err != nil {
				t.Errorf("rich: %s: %v", p.Path, err)
			}
		}
		want := "Query.getPossibleUserConnections Query.getUserConnectionsNetwork Query.getPendingUserInvitations"
		if got := strings.Join(documented, " "); got != want {
			t.Errorf("documented probes %s", got)
		}
		if got := fmt.Sprint(optional); got != "[Query.getCurrentUserContext Query.getSentUserInvitations Query.getUserCommunities Query.getPendingCommunityInvitations]" {
			t.Errorf("optional probes %s", got)
		}
	}
}
