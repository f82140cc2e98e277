package opigno

import (
	"maps"
	"sync"
	"time"
)

// Scopes of a user context; "" is an anonymous context (scope null).
const (
	scopeAuthenticated = "AUTHENTICATED"
	scopeAdministrator = "ADMINISTRATOR"
)

// Community visibilities.
const (
	visibilityPublic  = "PUBLIC"
	visibilityPrivate = "PRIVATE"
)

type userContext struct {
	id     int
	uuid   string
	name   string // "" when the platform sent none
	active bool
	scope  string
	level  int // hierarchy level id; 0 when unassigned
}

// social reports whether u may use social features: Opigno requires an
// AUTHENTICATED (or ADMINISTRATOR) context, and a blocked one may not.
func (u *userContext) social() bool {
	return u != nil && u.active && u.scope != ""
}

func (u *userContext) admin() bool { return u != nil && u.scope == scopeAdministrator }

// label is how messages name a context.
func (u *userContext) label() string {
	if u.name == "" {
		return "user context " + itoa(u.id)
	}
	return u.name
}

// userInvitation is one invitation between two users; accepted ones stay
// until the connection is removed, so there is never more than one per pair.
type userInvitation struct {
	id       int
	from, to int
	created  int64
	accepted bool
}

type community struct {
	id                int
	owner             int
	title             string
	description       string
	visibility        string
	created           int64
	postNotifications bool
	imageURL          string // "" when the community has no image
	lastPostTime      int64  // 0 when nothing was posted
	members           map[int]bool
}

type communityInvitation struct {
	id        int
	community int
	from, to  int
	created   int64
	accepted  bool
}

// pair is an unordered pair of context ids, smaller first.
type pair struct{ a, b int }

func pairOf(x, y int) pair {
	if x > y {
		x, y = y, x
	}
	return pair{x, y}
}

// data is everything the server knows; it is compared whole in the
// determinism test, so it holds no functions or locks.
type data struct {
	contexts             []*userContext // index is the id; [0] is unused
	byUUID               map[string]int
	network              map[pair]bool // who is connected to whom
	userInvitations      map[int]*userInvitation
	invitationByPair     map[pair]int
	communities          map[int]*community
	communityInvitations map[int]*communityInvitation
	levels               map[int]string
	nextUserInvitation   int
	nextCommunity        int
	nextCommunityInvite  int
	// aliasKeys names some CTA arguments by aliases (cta.go), as the
	// strict demo does.
	aliasKeys bool
}

// store guards data: graph-gophers resolves fields in parallel, and many
// requests run at once. Queries take the read lock, mutations the write lock.
type store struct {
	mu  sync.RWMutex
	now func() time.Time
	data
}

func newData() data {
	return data{
		contexts:             []*userContext{nil},
		byUUID:               map[string]int{},
		network:              map[pair]bool{},
		userInvitations:      map[int]*userInvitation{},
		invitationByPair:     map[pair]int{},
		communities:          map[int]*community{},
		communityInvitations: map[int]*communityInvitation{},
		levels:               map[int]string{},
		nextUserInvitation:   1,
		nextCommunity:        1,
		nextCommunityInvite:  1,
	}
}

// clone is a copy of d that shares nothing that changes.
func (d *data) clone() data {
	c := *d
	c.contexts = make([]*userContext, len(d.contexts))
	slab := make([]userContext, len(d.contexts)) // one allocation: a test starts many servers
	for i, u := range d.contexts {
		if u != nil {
			slab[i] = *u
			c.contexts[i] = &slab[i]
		}
	}
	c.byUUID = maps.Clone(d.byUUID)
	c.network = maps.Clone(d.network)
	c.userInvitations = clonePointees(d.userInvitations)
	c.invitationByPair = maps.Clone(d.invitationByPair)
	c.communities = clonePointees(d.communities)
	for _, cm := range c.communities {
		cm.members = maps.Clone(cm.members)
	}
	c.communityInvitations = clonePointees(d.communityInvitations)
	c.levels = maps.Clone(d.levels)
	return c
}

// clonePointees copies m and what its values point at.
func clonePointees[T any](m map[int]*T) map[int]*T {
	c := make(map[int]*T, len(m))
	for k, v := range m {
		c[k] = ptr(*v)
	}
	return c
}

// context returns the context with id, or nil.
func (d *data) context(id int) *userContext {
	if id <= 0 || id >= len(d.contexts) {
		return nil
	}
	return d.contexts[id]
}

// contextByUUID returns the context with uuid (lower case), or nil.
func (d *data) contextByUUID(uuid string) *userContext {
	return d.context(d.byUUID[uuid])
}

func (d *data) addContext(uuid, name string, active bool, scope string) *userContext {
	u := &userContext{id: len(d.contexts), uuid: uuid, name: name, active: active, scope: scope}
	d.contexts = append(d.contexts, u)
	d.byUUID[uuid] = u.id
	return u
}

func (d *data) connected(x, y int) bool { return d.network[pairOf(x, y)] }

func (d *data) connect(x, y int) { d.network[pairOf(x, y)] = true }

func (d *data) disconnect(x, y int) { delete(d.network, pairOf(x, y)) }

// invitationBetween returns the invitation between x and y in either
// direction, or nil.
func (d *data) invitationBetween(x, y int) *userInvitation {
	id, ok := d.invitationByPair[pairOf(x, y)]
	if !ok {
		return nil
	}
	return d.userInvitations[id]
}

func (d *data) addUserInvitation(from, to int, created int64) *userInvitation {
	inv := &userInvitation{id: d.nextUserInvitation, from: from, to: to, created: created}
	d.nextUserInvitation++
	d.userInvitations[inv.id] = inv
	d.invitationByPair[pairOf(from, to)] = inv.id
	return inv
}

func (d *data) deleteUserInvitation(inv *userInvitation) {
	delete(d.userInvitations, inv.id)
	delete(d.invitationByPair, pairOf(inv.from, inv.to))
}

func (d *data) addCommunityInvitation(c *community, from, to int, created int64) *communityInvitation {
	inv := &communityInvitation{id: d.nextCommunityInvite, community: c.id, from: from, to: to, created: created}
	d.nextCommunityInvite++
	d.communityInvitations[inv.id] = inv
	return inv
}

// pendingCommunityInvitation returns the pending invitation of user to c,
// or nil.
func (d *data) pendingCommunityInvitation(c *community, user int) *communityInvitation {
	for _, inv := range d.communityInvitations {
		if inv.community == c.id && inv.to == user && !inv.accepted {
			return inv
		}
	}
	return nil
}

// deleteCommunity removes c and every invitation to it.
func (d *data) deleteCommunity(c *community) {
	delete(d.communities, c.id)
	for id, inv := range d.communityInvitations {
		if inv.community == c.id {
			delete(d.communityInvitations, id)
		}
	}
}

// belongs reports whether user is c's owner or one of its members.
func (c *community) belongs(user int) bool { return c.owner == user || c.members[user] }

// membersNumber counts members whose context is active; the owner is not a
// member, as Opigno documents.
func (d *data) membersNumber(c *community) int {
	n := 0
	for id := range c.members {
		if u := d.context(id); u != nil && u.active && id != c.owner {
			n++
		}
	}
	return n
}
