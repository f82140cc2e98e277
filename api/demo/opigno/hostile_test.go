package opigno

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rosterm/rosterm/api/demo/hostile"
)

// newHostileEnv is newEnv in hostile mode.
func newHostileEnv(t *testing.T) *testEnv {
	t.Helper()
	return newEnvWith(t, Options{Hostile: true})
}

type hostileRow struct {
	Node struct {
		UserContext          struct{ ID, DisplayName string }
		InitiatorUserContext struct{ ID, DisplayName string }
		Cta                  []struct {
			ActionID  string
			Title     string
			Arguments []struct{ Key, Value string }
		}
	}
}

type hostileLists struct {
	Possible, Network, Pending struct{ Edges []hostileRow }
	Communities                struct {
		Edges []struct {
			Node struct{ Title, Description string }
		}
	}
	Invited struct {
		Edges []struct {
			Node struct{ Community struct{ Title string } }
		}
	}
}

const hostileQuery = `{
  possible: getPossibleUserConnections(first: 50, name: "mallory") { edges { node { userContext { id displayName } cta { actionId title arguments { key value } } } } }
  network: getUserConnectionsNetwork(first: 100) { edges { node { userContext { id displayName } cta { actionId title arguments { key value } } } } }
  pending: getPendingUserInvitations(first: 50) { edges { node { initiatorUserContext { id displayName } cta { actionId title arguments { key value } } } } }
  communities: getUserCommunities(first: 50) { edges { node { title description } } }
  invited: getPendingCommunityInvitations(first: 50) { edges { node { community { title } } } }
}`

func TestHostileModeSeedsEveryPayloadWhereTheAdministratorSeesIt(t *testing.T) {
	e := newHostileEnv(t)
	var l hostileLists
	e.query(AdminUUID, hostileQuery, nil, &l)

	names := map[string]bool{}
	for _, list := range [][]hostileRow{l.Possible.Edges, l.Network.Edges} {
		for _, r := range list {
			names[r.Node.UserContext.DisplayName] = true
		}
	}
	for _, r := range l.Pending.Edges {
		names[r.Node.InitiatorUserContext.DisplayName] = true
	}
	for _, p := range hostile.Payloads() {
		if !names[p.Text+" Mallory"] {
			t.Errorf("no context is named with the %s payload", p.Name)
		}
	}
	long := hostile.LongName(maxNameLen)
	if !names[long] || utf8.RuneCountInString(long) != maxNameLen {
		t.Errorf("the longest name Opigno allows (%d characters) is missing", maxNameLen)
	}
	// The possible connections and pending invitations start with them.
	if !hostile.Contains(l.Possible.Edges[0].Node.UserContext.DisplayName) ||
		!hostile.Contains(l.Pending.Edges[0].Node.InitiatorUserContext.DisplayName) {
		t.Error("the hostile rows should come first")
	}

	hostileTitles, communities := 0, 0
	for _, c := range l.Communities.Edges {
		if hostile.Contains(c.Node.Title) && hostile.Contains(c.Node.Description) {
			communities++
		}
	}
	for _, inv := range l.Invited.Edges {
		if hostile.Contains(inv.Node.Community.Title) {
			communities++
		}
	}
	if communities != 3 {
		t.Errorf("%d hostile communities seen, want 2 joined and 1 invited to", communities)
	}
	for _, list := range [][]hostileRow{l.Possible.Edges, l.Network.Edges, l.Pending.Edges} {
		for _, r := range list {
			rowHostile := hostile.Contains(r.Node.UserContext.DisplayName + r.Node.InitiatorUserContext.DisplayName)
			for _, c := range r.Node.Cta {
				if hostile.Contains(c.Title) != rowHostile {
					t.Fatalf("CTA %q on a row hostile=%v", c.Title, rowHostile)
				}
				if rowHostile {
					hostileTitles++
				}
			}
		}
	}
	if hostileTitles < len(hostile.Payloads()) {
		t.Errorf("only %d hostile CTA titles", hostileTitles)
	}
}

// TestHostileNameInAMutationError: one hostile row's Connect names someone
// who has already invited the administrator, and the refusal quotes that
// person's hostile name.
func TestHostileNameInAMutationError(t *testing.T) {
	e := newHostileEnv(t)
	var l hostileLists
	e.query(AdminUUID, hostileQuery, nil, &l)
	for _, r := range l.Possible.Edges {
		for _, c := range r.Node.Cta {
			if c.Arguments[0].Value == r.Node.UserContext.ID {
				continue
			}
			env := e.mutate(AdminUUID, `mutation($id: ID!) { createUserInvitation(inviteeUserContextId: $id) { errors response { id } } }`,
				map[string]any{"id": c.Arguments[0].Value})
			if len(env.Errors) != 1 || !strings.Contains(env.Errors[0], "\x1b[") || !strings.Contains(env.Errors[0], "has already invited you") {
				t.Fatalf("want a refusal quoting a hostile name, got %q", env.Errors)
			}
			return
		}
	}
	t.Fatal("no misdirected Connect CTA")
}

// TestHostileModeKeepsTheOrdinaryData: the vendor's records and the demo
// users are as they are without it.
func TestHostileModeKeepsTheOrdinaryData(t *testing.T) {
	plain, hostileData := generate(1), New(Options{Seed: 1, Hostile: true}).store.data
	for id := 1; id < len(plain.contexts); id++ {
		if *plain.contexts[id] != *hostileData.contexts[id] {
			t.Fatalf("context %d changed: %+v", id, hostileData.contexts[id])
		}
	}
	for id, c := range plain.communities {
		if h := hostileData.communities[id]; h.title != c.title || h.owner != c.owner || len(h.members) != len(c.members) {
			t.Fatalf("community %d changed", id)
		}
	}
}
