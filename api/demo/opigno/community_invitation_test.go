package opigno

import (
	"slices"
	"strconv"
	"testing"
)

func (e *testEnv) invite(uuid string, community, invitee int) communityInvitationJSON {
	e.t.Helper()
	var inv communityInvitationJSON
	e.mustSucceed(uuid, inviteToCommunity, map[string]any{"id": strconv.Itoa(community), "invitee": strconv.Itoa(invitee)}, &inv)
	return inv
}

// notInNetwork returns an invitable context outside user's network who
// does not belong to community c.
func (e *testEnv) notInNetwork(user, c int) int {
	found := 0
	e.inspect(func(d *data) {
		com := d.communities[c]
		for id := 3; id < len(d.contexts) && found == 0; id++ {
			if u := d.context(id); invitable(u) && !d.connected(user, id) && !com.belongs(id) {
				found = id
			}
		}
	})
	return found
}

func TestCreateCommunityInvitationRules(t *testing.T) {
	e := newEnv(t)
	public := e.communityWhere(memberOf(visibilityPublic))
	private := e.communityWhere(memberOf(visibilityPrivate))
	outPublic := e.communityWhere(outsider(visibilityPublic))
	friend := e.networkOutside(memberID, public)
	var someMember, owner int
	e.inspect(func(d *data) {
		owner = d.communities[public].owner
		for id := range d.communities[public].members {
			if id != memberID && (someMember == 0 || id < someMember) {
				someMember = id
			}
		}
	})
	vars := func(c, invitee int) map[string]any {
		return map[string]any{"id": strconv.Itoa(c), "invitee": strconv.Itoa(invitee)}
	}
	for _, tc := range []struct {
		name       string
		c, invitee int
		want       string
	}{
		{"member to a private community", private, e.networkOutside(memberID, private), "only to public communities"},
		{"outsider", outPublic, friend, "Only the community owner or its members"},
		{"not from the network", public, e.notInNetwork(memberID, public), "only people from your network"},
		{"already a member", public, someMember, "already a member"},
		{"the owner", public, owner, "already a member"},
		{"yourself", public, memberID, "cannot invite yourself"},
		{"unknown community", 999, friend, "does not exist"},
		{"unknown invitee", public, 999999, "does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) { e.with(t).mustFail(MemberUUID, inviteToCommunity, vars(tc.c, tc.invitee), tc.want) })
	}

	inv := e.invite(MemberUUID, public, friend)
	if inv.Community.ID != strconv.Itoa(public) || inv.InitiatorUserContext.ID != "2" || inv.InviteeUserContext.ID != strconv.Itoa(friend) ||
		inv.Created != e.clock.Now().Unix() || len(inv.Cta) != 0 {
		t.Fatalf("member's invitation %+v (a member who is not the owner has no CTA on it)", inv)
	}
	e.mustFail(MemberUUID, inviteToCommunity, vars(public, friend), "already been invited")
	e.mustFail(AdminUUID, inviteToCommunity, vars(public, friend), "already been invited")
	// An administrator invites anyone, network or not, public or private.
	stranger := e.notInNetwork(adminID, private)
	if inv := e.invite(AdminUUID, private, stranger); len(inv.Cta) != 1 || inv.Cta[0].ActionID != actionCancelCommunityInvitation {
		t.Fatalf("administrator's invitation CTAs %+v", inv.Cta)
	}
}

func TestCommunityInvitationLifecycle(t *testing.T) {
	e := newEnv(t)
	owned := e.communityWhere(ownedBy(memberID))
	var friends []int
	e.inspect(func(d *data) {
		com := d.communities[owned]
		for id := 3; id < len(d.contexts) && len(friends) < 3; id++ {
			if d.connected(memberID, id) && d.possibleInvitee(com, d.context(memberID), d.context(id)) && d.pendingCommunityInvitation(com, id) == nil {
				friends = append(friends, id)
			}
		}
	})
	if len(friends) < 3 {
		t.Fatalf("member has %d invitable friends", len(friends))
	}
	p, q, r := friends[0], friends[1], friends[2]
	pUUID := e.uuidOf(p)

	// The owner sees cancel; the invitee sees accept and decline.
	invP := e.invite(MemberUUID, owned, p)
	if len(invP.Cta) != 1 || invP.Cta[0].ActionID != actionCancelCommunityInvitation || invP.Cta[0].Arguments[0].Value != invP.ID {
		t.Fatalf("owner's CTAs %+v", invP.Cta)
	}
	pending := e.pendingCommunityInvitations(pUUID, false)
	i := slices.IndexFunc(pending, func(x communityInvitationJSON) bool { return x.ID == invP.ID })
	if i < 0 || len(pending[i].Cta) != 2 || pending[i].Cta[0].ActionID != actionAcceptCommunityInvitation ||
		pending[i].Cta[1].ActionID != actionDeclineCommunityInvitation || pending[i].Cta[0].Title != "Accept" {
		t.Fatalf("invitee's pending invitations %+v", pending)
	}
	before := e.community(MemberUUID, strconv.Itoa(owned)).MembersNumber
	e.mustFail(MemberUUID, acceptCommunityInv, map[string]any{"id": invP.ID}, "Only the invitee can accept")
	var c communityJSON
	e.mustSucceed(pUUID, acceptCommunityInv, map[string]any{"id": invP.ID}, &c)
	if c.ID != strconv.Itoa(owned) || c.MembersNumber != before+1 || !slices.Equal(c.actions(), []string{actionViewMembers}) {
		t.Fatalf("accepted community %+v", c)
	}
	e.mustFail(pUUID, acceptCommunityInv, map[string]any{"id": invP.ID}, "already been accepted")
	e.mustFail(MemberUUID, cancelCommunityInv, map[string]any{"id": invP.ID}, "already been accepted")
	e.mustFail(MemberUUID, inviteToCommunity, map[string]any{"id": strconv.Itoa(owned), "invitee": strconv.Itoa(p)}, "already a member")

	// Cancel: not the invitee nor a plain member; the owner or an administrator.
	invQ := e.invite(MemberUUID, owned, q)
	e.mustFail(e.uuidOf(q), cancelCommunityInv, map[string]any{"id": invQ.ID}, "Only the community owner or an ADMINISTRATOR")
	e.mustFail(pUUID, cancelCommunityInv, map[string]any{"id": invQ.ID}, "Only the community owner or an ADMINISTRATOR")
	e.mustSucceed(AdminUUID, cancelCommunityInv, map[string]any{"id": invQ.ID}, nil)
	e.mustFail(e.uuidOf(q), acceptCommunityInv, map[string]any{"id": invQ.ID}, "does not exist")
	invQ = e.invite(MemberUUID, owned, q)
	e.mustSucceed(MemberUUID, cancelCommunityInv, map[string]any{"id": invQ.ID}, nil)

	// Decline: only the invitee; afterwards a new invitation may be sent.
	invR := e.invite(MemberUUID, owned, r)
	e.mustFail(MemberUUID, declineCommunityInv, map[string]any{"id": invR.ID}, "Only the invitee can decline")
	var ok bool
	e.mustSucceed(e.uuidOf(r), declineCommunityInv, map[string]any{"id": invR.ID}, &ok)
	if !ok {
		t.Fatal("decline answered false")
	}
	e.invite(MemberUUID, owned, r)
}

func (e *testEnv) pendingCommunityInvitations(uuid string, reverse bool) []communityInvitationJSON {
	e.t.Helper()
	var data struct {
		P struct {
			TotalItems int
			Edges      []struct{ Node communityInvitationJSON }
		} `json:"getPendingCommunityInvitations"`
	}
	e.query(uuid, pendingCommunityInv, map[string]any{"reverse": reverse}, &data)
	var out []communityInvitationJSON
	for _, edge := range data.P.Edges {
		out = append(out, edge.Node)
	}
	if len(out) != data.P.TotalItems {
		e.t.Errorf("%d edges, totalItems %d", len(out), data.P.TotalItems)
	}
	return out
}

func TestPendingCommunityInvitationsNewestFirst(t *testing.T) {
	e := newEnv(t)
	newest := e.pendingCommunityInvitations(AdminUUID, false)
	if len(newest) < 5 {
		t.Fatalf("administrator has %d community invitations", len(newest))
	}
	if !slices.IsSortedFunc(newest, func(a, b communityInvitationJSON) int { return int(b.Created - a.Created) }) {
		t.Error("not newest first")
	}
	oldest := e.pendingCommunityInvitations(AdminUUID, true)
	slices.Reverse(oldest)
	if !slices.EqualFunc(newest, oldest, func(a, b communityInvitationJSON) bool { return a.ID == b.ID }) {
		t.Error("reverse is not the reverse order")
	}
	if n := len(e.pendingCommunityInvitations(MemberUUID, false)); n < 3 {
		t.Errorf("member has %d community invitations", n)
	}
}

// invitees walks all of getPossibleCommunityInvitees.
func (e *testEnv) invitees(uuid string, community int) []int {
	vars := map[string]any{"id": strconv.Itoa(community)}
	var out []int
	for {
		var data struct {
			P struct {
				TotalItems int
				Edges      []struct{ Node struct{ ID string } }
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
			} `json:"getPossibleCommunityInvitees"`
		}
		e.query(uuid, possibleInvitees, vars, &data)
		for _, edge := range data.P.Edges {
			out = append(out, mustAtoi(edge.Node.ID))
		}
		if !data.P.PageInfo.HasNextPage {
			if len(out) != data.P.TotalItems {
				e.t.Errorf("walked %d, totalItems %d", len(out), data.P.TotalItems)
			}
			return out
		}
		vars["after"] = data.P.PageInfo.EndCursor
	}
}

func TestPossibleCommunityInvitees(t *testing.T) {
	e := newEnv(t)
	public := e.communityWhere(memberOf(visibilityPublic))
	private := e.communityWhere(memberOf(visibilityPrivate))
	outPrivate := e.communityWhere(outsider(visibilityPrivate))

	got := e.invitees(MemberUUID, public)
	e.inspect(func(d *data) {
		c := d.communities[public]
		invited := d.pendingInvitees(c)
		want := 0
		for _, u := range d.contexts[1:] {
			if d.connected(memberID, u.id) && invitable(u) && !c.belongs(u.id) && !invited[u.id] {
				want++
			}
		}
		if len(got) != want || want == 0 {
			t.Fatalf("member's invitees: %d, want %d", len(got), want)
		}
		for _, id := range got {
			if !d.connected(memberID, id) || c.belongs(id) || invited[id] {
				t.Errorf("%d should not be a possible invitee", id)
			}
		}
	})
	// Once invited, a person is no longer a possible invitee.
	e.invite(MemberUUID, public, got[0])
	if slices.Contains(e.invitees(MemberUUID, public), got[0]) {
		t.Error("an invited person is still a possible invitee")
	}
	// An administrator sees people outside their network.
	all := e.invitees(AdminUUID, vendorCommunity)
	if len(all) < 2000 || slices.Contains(all, adminID) {
		t.Errorf("administrator sees %d invitees", len(all))
	}
	e.queryError(MemberUUID, possibleInvitees, map[string]any{"id": strconv.Itoa(private)}, "only to public communities")
	e.queryError(MemberUUID, possibleInvitees, map[string]any{"id": strconv.Itoa(outPrivate)}, "Only the community owner or its members")
	e.queryError(MemberUUID, possibleInvitees, map[string]any{"id": "999"}, "does not exist")
}
