package opigno

import (
	"slices"
	"strconv"
	"testing"
)

const (
	createInvitation  = `mutation($id: ID!) { createUserInvitation(inviteeUserContextId: $id) { errors response { id isAccepted status created initiatorUserContext { id } inviteeUserContext { id } cta { actionId title arguments { key value } } } } }`
	acceptInvitation  = `mutation($id: ID!) { acceptUserInvitation(invitationId: $id) { errors response { id isAccepted status cta { actionId } } } }`
	declineInvitation = `mutation($id: ID!) { declineUserInvitation(invitationId: $id) { errors response } }`
	cancelInvitation  = `mutation($id: ID!) { cancelUserInvitation(invitationId: $id) { errors response } }`
	removeConnection  = `mutation($u: String!) { removeUserConnection(userContextUuid: $u) { errors response } }`
	networkQuery      = `query($name: String) { getUserConnectionsNetwork(first: 100, name: $name) { totalItems edges { node { userContext { id uuid } cta { actionId title arguments { key value } } } } } }`
	sentQuery         = `{ getSentUserInvitations(first: 100) { totalItems edges { node { id inviteeUserContext { id } cta { actionId arguments { key value } } } } } }`
)

// strangers returns n contexts that can be invited and have no connection
// or invitation with the administrator or the member.
func (e *testEnv) strangers(n int) []int {
	var out []int
	e.inspect(func(d *data) {
		for _, u := range d.contexts[3:] {
			if len(out) < n && d.possibleConnection(d.context(adminID), u) && d.possibleConnection(d.context(memberID), u) {
				out = append(out, u.id)
			}
		}
	})
	return out
}

func ids(n int) map[string]any { return map[string]any{"id": strconv.Itoa(n)} }

// networkIDs returns the ids in uuid's network, with each node's CTA checked.
func (e *testEnv) networkIDs(uuid string) []int {
	var data struct {
		N struct {
			TotalItems int `json:"totalItems"`
			Edges      []struct {
				Node struct {
					UserContext struct{ ID, UUID string } `json:"userContext"`
					Cta         []ctaJSON                 `json:"cta"`
				} `json:"node"`
			} `json:"edges"`
		} `json:"getUserConnectionsNetwork"`
	}
	e.query(uuid, networkQuery, map[string]any{}, &data)
	var out []int
	for _, edge := range data.N.Edges {
		n := edge.Node
		if len(n.Cta) != 1 || n.Cta[0].ActionID != actionRemoveUserConnection || n.Cta[0].Arguments[0].Key != "userContextUuid" ||
			n.Cta[0].Arguments[0].Value != n.UserContext.UUID {
			e.t.Errorf("network node %+v", n)
		}
		id, _ := strconv.Atoi(n.UserContext.ID)
		out = append(out, id)
	}
	return out
}

func TestUserInvitationAcceptFlow(t *testing.T) {
	e := newEnv(t)
	x := e.strangers(1)[0]
	xUUID := e.uuidOf(x)
	var inv invitationNode
	e.mustSucceed(MemberUUID, createInvitation, ids(x), &inv)
	if inv.InitiatorUserContext.ID != "2" || inv.InviteeUserContext.ID != strconv.Itoa(x) || inv.IsAccepted ||
		inv.Status != statusPending || inv.Created != e.clock.Now().Unix() {
		t.Fatalf("created %+v", inv)
	}
	if len(inv.Cta) != 1 || inv.Cta[0].ActionID != actionCancelUserInvitation || inv.Cta[0].Title != "Cancel invitation" ||
		inv.Cta[0].Arguments[0].Key != "invitationId" || inv.Cta[0].Arguments[0].Value != inv.ID {
		t.Fatalf("initiator's CTAs %+v", inv.Cta)
	}
	e.inspect(func(d *data) {
		if d.possibleConnection(d.context(memberID), d.context(x)) {
			t.Error("the invitee is still a possible connection")
		}
	})
	var sent struct {
		S struct {
			Edges []struct{ Node invitationNode } `json:"edges"`
		} `json:"getSentUserInvitations"`
	}
	e.query(MemberUUID, sentQuery, nil, &sent)
	if !slices.ContainsFunc(sent.S.Edges, func(edge struct{ Node invitationNode }) bool { return edge.Node.ID == inv.ID }) {
		t.Error("the invitation is not among the member's sent invitations")
	}

	e.mustFail(MemberUUID, createInvitation, ids(x), "already invited")
	e.mustFail(xUUID, createInvitation, ids(memberID), "has already invited you")
	e.mustFail(MemberUUID, acceptInvitation, map[string]any{"id": inv.ID}, "Only the invitee can accept")
	e.mustFail(AdminUUID, acceptInvitation, map[string]any{"id": inv.ID}, "Only the invitee can accept")

	received := e.pendingInvitations(xUUID, false, "CREATED")
	if i := slices.IndexFunc(received, func(r invitationNode) bool { return r.ID == inv.ID }); i < 0 ||
		len(received[i].Cta) != 2 || received[i].Cta[0].Title != "Accept" || received[i].Cta[1].Title != "Decline" {
		t.Fatalf("invitee's pending invitations %+v", received)
	}

	var accepted invitationNode
	e.mustSucceed(xUUID, acceptInvitation, map[string]any{"id": inv.ID}, &accepted)
	if !accepted.IsAccepted || accepted.Status != statusAccepted || len(accepted.Cta) != 0 {
		t.Fatalf("accepted %+v", accepted)
	}
	if !slices.Contains(e.networkIDs(MemberUUID), x) || !slices.Contains(e.networkIDs(xUUID), memberID) {
		t.Fatal("accepting did not put each in the other's network")
	}
	if slices.ContainsFunc(e.pendingInvitations(xUUID, false, "CREATED"), func(r invitationNode) bool { return r.ID == inv.ID }) {
		t.Error("an accepted invitation is still pending")
	}
	e.mustFail(xUUID, acceptInvitation, map[string]any{"id": inv.ID}, "already been accepted")
	e.mustFail(xUUID, declineInvitation, map[string]any{"id": inv.ID}, "already been accepted")
	e.mustFail(MemberUUID, cancelInvitation, map[string]any{"id": inv.ID}, "already been accepted")
	e.mustFail(MemberUUID, createInvitation, ids(x), "already connected")
	e.mustFail(xUUID, createInvitation, ids(memberID), "already connected")

	// Removing the connection, from either side, allows a new invitation.
	var ok bool
	e.mustSucceed(xUUID, removeConnection, map[string]any{"u": MemberUUID}, &ok)
	if !ok || slices.Contains(e.networkIDs(MemberUUID), x) || slices.Contains(e.networkIDs(xUUID), memberID) {
		t.Fatal("removal did not remove the connection both ways")
	}
	e.mustFail(xUUID, removeConnection, map[string]any{"u": MemberUUID}, "not connected")
	e.mustSucceed(MemberUUID, createInvitation, ids(x), nil)
}

func TestDeclineAllowsNewInvitation(t *testing.T) {
	e := newEnv(t)
	s := e.strangers(2)
	y, z := s[0], s[1]
	var inv invitationNode
	e.mustSucceed(MemberUUID, createInvitation, ids(y), &inv)
	e.mustFail(e.uuidOf(z), declineInvitation, map[string]any{"id": inv.ID}, "Only the invitee can decline")
	e.mustFail(MemberUUID, declineInvitation, map[string]any{"id": inv.ID}, "Only the invitee can decline")
	var ok bool
	e.mustSucceed(e.uuidOf(y), declineInvitation, map[string]any{"id": inv.ID}, &ok)
	if !ok {
		t.Fatal("decline answered false")
	}
	e.mustFail(e.uuidOf(y), declineInvitation, map[string]any{"id": inv.ID}, "does not exist")
	if slices.Contains(e.networkIDs(MemberUUID), y) {
		t.Error("declining connected them")
	}
	e.mustSucceed(MemberUUID, createInvitation, ids(y), nil)
}

func TestCancelByInitiatorOnly(t *testing.T) {
	e := newEnv(t)
	y := e.strangers(1)[0]
	var inv invitationNode
	e.mustSucceed(AdminUUID, createInvitation, ids(y), &inv)
	e.mustFail(e.uuidOf(y), cancelInvitation, map[string]any{"id": inv.ID}, "Only the user who sent this invitation can cancel it")
	e.mustFail(MemberUUID, cancelInvitation, map[string]any{"id": inv.ID}, "Only the user who sent")
	e.mustSucceed(AdminUUID, cancelInvitation, map[string]any{"id": inv.ID}, nil)
	e.mustFail(e.uuidOf(y), acceptInvitation, map[string]any{"id": inv.ID}, "does not exist")
	e.mustSucceed(e.uuidOf(y), createInvitation, ids(adminID), nil)
}

func TestCreateUserInvitationRules(t *testing.T) {
	e := newEnv(t)
	var inactive, anonymous int
	e.inspect(func(d *data) {
		for _, u := range d.contexts[3:] {
			switch {
			case !u.active && u.scope != "" && inactive == 0:
				inactive = u.id
			case u.scope == "" && anonymous == 0:
				anonymous = u.id
			}
		}
	})
	for _, tc := range []struct {
		name, invitee, want string
	}{
		{"self", "2", "cannot invite yourself"},
		{"blocked invitee", strconv.Itoa(inactive), "only active user contexts with the AUTHENTICATED scope"},
		{"anonymous invitee", strconv.Itoa(anonymous), "only active user contexts with the AUTHENTICATED scope"},
		{"already connected", "1", "already connected"},
		{"unknown id", "999999", "does not exist"},
		{"not a number", "abc", "is not valid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.with(t).mustFail(MemberUUID, createInvitation, map[string]any{"id": tc.invitee}, tc.want)
		})
	}
	e.mustFail(MemberUUID, acceptInvitation, map[string]any{"id": "999999"}, "does not exist")
	e.mustFail(MemberUUID, removeConnection, map[string]any{"u": "3f2504e0-4f89-41d3-9a0c-0305e82c3301"}, "No user context has this uuid")
}

// TestBlockedContextCannotActSocially: a context made inactive loses social
// features.
func TestBlockedContextCannotActSocially(t *testing.T) {
	e := newEnv(t)
	x := e.strangers(1)[0]
	e.mustSucceed(AdminUUID, `mutation($u: String!) { setUserContext(uuid: $u, isActive: false, scope: AUTHENTICATED) { errors response { id } } }`,
		map[string]any{"u": e.uuidOf(x)}, nil)
	e.queryError(e.uuidOf(x), `{ getUserConnectionsNetwork(first: 5) { totalItems } }`, nil, "blocked")
	e.mustFail(MemberUUID, createInvitation, ids(x), "only active user contexts")
	e.mustFail(e.uuidOf(x), setContext, map[string]any{"u": e.uuidOf(x), "active": true, "scope": "AUTHENTICATED"}, "unblocked only by an ADMINISTRATOR")
	e.mustSucceed(AdminUUID, setContext, map[string]any{"u": e.uuidOf(x), "active": true, "scope": "AUTHENTICATED"}, nil)
	e.mustSucceed(MemberUUID, createInvitation, ids(x), nil)
}

// A context whose name changes moves to its new place in the lists by
// name, first or last.
func TestARenamedContextMovesInTheListsByName(t *testing.T) {
	e := newEnv(t)
	x := e.strangers(1)[0]
	for _, c := range []struct {
		name string
		end  map[string]any
	}{{"A Aardvark", map[string]any{"first": 1}}, {"Zz Zyzzyva", map[string]any{"last": 1}}} {
		e.mustSucceed(AdminUUID, setContext, map[string]any{"u": e.uuidOf(x), "name": c.name, "scope": "AUTHENTICATED"}, nil)
		if got := e.possiblePage(c.end).ids(); len(got) != 1 || got[0] != x {
			t.Errorf("renamed %q, context %d should end the list (%v); it shows %v", c.name, x, c.end, got)
		}
	}
}

const setContext = `mutation($u: String!, $name: String, $active: Boolean, $scope: UserContextScope) {
  setUserContext(uuid: $u, displayName: $name, isActive: $active, scope: $scope) { errors response { id uuid displayName isActive scope } } }`

func TestSetUserContextRules(t *testing.T) {
	e := newEnv(t)
	const fresh = "9b2f7c1e-5d4a-4e3b-8c2d-1a0b9c8d7e6f"
	e.mustFail(MemberUUID, setContext, map[string]any{"u": fresh, "scope": "AUTHENTICATED"}, "Only an ADMINISTRATOR user context can set another")
	e.mustFail(fresh, setContext, map[string]any{"u": fresh, "scope": "ADMINISTRATOR"}, "grant the ADMINISTRATOR scope")
	e.mustFail(MemberUUID, setContext, map[string]any{"u": MemberUUID, "scope": "ADMINISTRATOR"}, "grant the ADMINISTRATOR scope")
	e.mustFail(AdminUUID, setContext, map[string]any{"u": "nope", "scope": "AUTHENTICATED"}, "not a valid UUID")

	var u struct {
		ID          string  `json:"id"`
		UUID        string  `json:"uuid"`
		DisplayName *string `json:"displayName"`
		IsActive    bool    `json:"isActive"`
		Scope       *string `json:"scope"`
	}
	e.mustSucceed(AdminUUID, setContext, map[string]any{"u": fresh, "name": "  Ada Lovelace ", "scope": "ADMINISTRATOR"}, &u)
	if u.UUID != fresh || *u.DisplayName != "Ada Lovelace" || !u.IsActive || *u.Scope != scopeAdministrator || u.ID != "2601" {
		t.Fatalf("admin-created context %+v", u)
	}
	// Patch: the name is kept when omitted; scope follows the argument.
	e.mustSucceed(fresh, setContext, map[string]any{"u": fresh, "scope": "AUTHENTICATED"}, &u)
	if *u.DisplayName != "Ada Lovelace" || *u.Scope != scopeAuthenticated {
		t.Fatalf("self-updated context %+v", u)
	}
	var me struct {
		Me struct{ ID string } `json:"getCurrentUserContext"`
	}
	e.query(fresh, currentQuery, nil, &me)
	if me.Me.ID != u.ID {
		t.Errorf("acting as the new uuid gives context %q", me.Me.ID)
	}
}

const assignLevel = `mutation($u: ID, $level: ID!) { assignUserContextToLevel(userContextUuid: $u, hierarchyLevelId: $level) { errors response } }`

func TestAssignUserContextToLevel(t *testing.T) {
	e := newEnv(t)
	e.mustFail(MemberUUID, assignLevel, map[string]any{"u": MemberUUID, "level": "2"}, "only an ADMINISTRATOR")
	e.mustFail(AdminUUID, assignLevel, map[string]any{"u": MemberUUID, "level": "99"}, "hierarchy level \"99\" does not exist")
	e.mustFail(AdminUUID, assignLevel, map[string]any{"u": "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "level": "2"}, "No user context")
	var ok bool
	e.mustSucceed(AdminUUID, assignLevel, map[string]any{"u": MemberUUID, "level": "3"}, &ok)
	e.mustSucceed(AdminUUID, assignLevel, map[string]any{"level": "2"}, &ok)
	e.inspect(func(d *data) {
		if !ok || d.context(memberID).level != 3 || d.context(adminID).level != 2 {
			t.Errorf("levels member %d admin %d", d.context(memberID).level, d.context(adminID).level)
		}
	})
}
