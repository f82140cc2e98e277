package opigno

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api/demo/fake"
	"github.com/rosterm/rosterm/api/demo/fake/faketest"
)

func TestSameSeedSameData(t *testing.T) {
	a, b := generate(1), generate(1)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("seed 1 generated different data twice")
	}
	if c := generate(2); reflect.DeepEqual(a.contexts, c.contexts) {
		t.Fatal("seeds 1 and 2 generated the same contexts")
	}
}

// TestSameSeedSameAnswers: two servers with one seed answer a query alike.
func TestSameSeedSameAnswers(t *testing.T) {
	q := `{ getPendingUserInvitations(first: 20) { edges { cursor node { id created initiatorUserContext { id uuid displayName } } } totalItems } }`
	_, a := newEnv(t).raw(DemoToken, AdminUUID, q, nil)
	_, b := newEnv(t).raw(DemoToken, AdminUUID, q, nil)
	if string(a.Data) != string(b.Data) || len(a.Errors) > 0 {
		t.Fatalf("answers differ or failed: %v", a.Errors)
	}
}

func TestSeedFixtures(t *testing.T) {
	d := generate(1)
	admin, member := d.context(adminID), d.context(memberID)
	if admin.uuid != AdminUUID || admin.name != "Demo Administrator" || admin.scope != scopeAdministrator ||
		member.uuid != MemberUUID || member.name != "Demo Member" || member.scope != scopeAuthenticated {
		t.Fatalf("demo users %+v %+v", admin, member)
	}
	if len(d.contexts)-1 < 2500 {
		t.Errorf("%d contexts", len(d.contexts)-1)
	}
	if u := d.context(vendorCursorContext); u.name != "alina_test_1 opigno4" || !invitable(u) {
		t.Errorf("context 1606 %+v", u)
	}
	c2, u345 := d.communities[vendorCommunity], d.context(vendorInviteeContext)
	if c2 == nil || !invitable(u345) || c2.belongs(vendorInviteeContext) || d.pendingCommunityInvitation(c2, vendorInviteeContext) != nil {
		t.Errorf("the vendor's createCommunityInvitation example cannot succeed")
	}
}

func TestSeedInvariants(t *testing.T) {
	d := generate(1)
	uuids := map[string]bool{}
	inactive, anonymous := 0, 0
	for _, u := range d.contexts[1:] {
		if !isUUID(u.uuid) || u.uuid[14] != '4' || !strings.ContainsRune("89ab", rune(u.uuid[19])) || uuids[u.uuid] {
			t.Fatalf("uuid %q of %d is not a fresh v4 uuid", u.uuid, u.id)
		}
		uuids[u.uuid] = true
		if !u.active {
			inactive++
		}
		if u.scope == "" {
			anonymous++
		}
	}
	if inactive < 20 || inactive > 90 || anonymous == 0 || anonymous > 20 {
		t.Errorf("%d inactive, %d anonymous", inactive, anonymous)
	}
	for _, inv := range d.userInvitations {
		if d.connected(inv.from, inv.to) || inv.from == inv.to || d.invitationByPair[pairOf(inv.from, inv.to)] != inv.id || inv.created >= seedBase {
			t.Fatalf("bad invitation %+v", inv)
		}
	}
	for _, inv := range d.communityInvitations {
		if d.communities[inv.community].belongs(inv.to) {
			t.Fatalf("invitation %+v to a member", inv)
		}
	}
	for _, c := range d.communities {
		if c.members[c.owner] {
			t.Fatalf("community %d counts its owner as a member", c.id)
		}
	}
}

// TestSeedAmounts checks the sizes the README promises for the demo users.
func TestSeedAmounts(t *testing.T) {
	d := generate(1)
	type stats struct{ network, received, sent, owns, publicMember, privateMember, communityInvites int }
	count := func(u int) stats {
		var s stats
		for p := range d.network {
			if p.a == u || p.b == u {
				s.network++
			}
		}
		for _, inv := range d.userInvitations {
			if inv.to == u {
				s.received++
			}
			if inv.from == u {
				s.sent++
			}
		}
		for _, c := range d.communities {
			switch {
			case c.owner == u:
				s.owns++
			case c.members[u] && c.visibility == visibilityPublic:
				s.publicMember++
			case c.members[u]:
				s.privateMember++
			}
		}
		for _, inv := range d.communityInvitations {
			if inv.to == u {
				s.communityInvites++
			}
		}
		return s
	}
	in := func(n, lo, hi int) bool { return lo <= n && n <= hi }
	if a := count(adminID); !in(a.network, 55, 70) || a.received != 40 || a.sent != 5 || a.owns != 3 ||
		a.publicMember+a.privateMember != 5 || a.communityInvites != 6 {
		t.Errorf("administrator %+v", a)
	}
	if m := count(memberID); !in(m.network, 20, 32) || m.received != 15 || m.sent != 3 || m.owns != 1 ||
		m.publicMember < 1 || m.privateMember < 1 || m.communityInvites != 4 {
		t.Errorf("member %+v", m)
	}
	if len(d.communities) != seedCommunityCount {
		t.Errorf("%d communities", len(d.communities))
	}
}

// TestEveryServerHasDataOfItsOwn: servers copy the default seed's data,
// generated once per process. A copy is what the seed generates and shares
// nothing with the next server's, so a change on one server (every test
// makes some) never shows on another.
func TestEveryServerHasDataOfItsOwn(t *testing.T) {
	a, b := seeded(fake.DefaultSeed, 0), seeded(fake.DefaultSeed, 0)
	if !reflect.DeepEqual(a, generate(fake.DefaultSeed)) {
		t.Fatal("a server's copy differs from the data its seed generates")
	}
	if p := faketest.Shared(a, b); p != "" {
		t.Fatalf("two servers' data share %s", p)
	}
}
