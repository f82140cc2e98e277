package scope

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
)

// store holds the demo data. Users change under mu; groups are fixed once
// seeded, so they are read without it.
type store struct {
	mu          sync.RWMutex
	users       map[int]*user
	nextUser    int
	nextLicense int
	now         func() time.Time
	adminID     int // the user DemoToken acts as

	groups      map[int]group
	groupByName map[string]group
	groupList   []group // by name
}

func newStore(now func() time.Time) *store {
	return &store{
		users:       map[int]*user{},
		nextUser:    1,
		nextLicense: 1,
		now:         now,
		groups:      map[int]group{},
		groupByName: map[string]group{},
	}
}

// clone is a copy of st that shares nothing, telling time by now.
func (st *store) clone(now func() time.Time) *store {
	st.mu.RLock()
	defer st.mu.RUnlock()
	c := newStore(now)
	c.nextUser, c.nextLicense, c.adminID = st.nextUser, st.nextLicense, st.adminID
	// One allocation for every user: a test starts many servers.
	slab, i := make([]user, len(st.users)), 0
	for id, u := range st.users {
		cu := &slab[i]
		i++
		*cu = *u
		cu.groups, cu.licenses = slices.Clone(u.groups), slices.Clone(u.licenses)
		c.users[id] = cu
	}
	c.groups, c.groupByName = maps.Clone(st.groups), maps.Clone(st.groupByName)
	c.groupList = slices.Clone(st.groupList)
	return c
}

// addGroup is for seeding only, before the store is shared.
func (st *store) addGroup(name string) group {
	g := group{dbID: len(st.groups) + 1, name: name}
	st.groups[g.dbID] = g
	st.groupByName[name] = g
	st.groupList = append(st.groupList, g)
	slices.SortFunc(st.groupList, func(a, b group) int { return a.key().compare(b.key()) })
	return g
}

// insert stores u under the next database id; the caller holds mu.
func (st *store) insert(u *user) *user {
	u.dbID = st.nextUser
	st.nextUser++
	st.users[u.dbID] = u
	return u
}

// newLicenses gives each type a license row; the caller holds mu.
func (st *store) newLicenses(types []string) []license {
	ls := make([]license, 0, len(types))
	for _, t := range types {
		ls = append(ls, license{dbID: st.nextLicense, typ: t})
		st.nextLicense++
	}
	return ls
}

// user returns a snapshot of the user with that database id, in any
// organization.
func (st *store) user(dbID int) (user, bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	u, ok := st.users[dbID]
	if !ok {
		return user{}, false
	}
	return *u, true
}

// license returns the license with that database id and its holder.
func (st *store) license(dbID int) (license, user, bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	for _, u := range st.users {
		for _, l := range u.licenses {
			if l.dbID == dbID {
				return l, *u, true
			}
		}
	}
	return license{}, user{}, false
}

// members returns the demo company's users matching fullText (see
// user.matches), sorted by last name, first name and id.
func (st *store) members(fullText string) []user {
	terms := strings.Fields(strings.ToLower(fullText))
	return st.selectUsers(func(u *user) bool { return u.matches(terms) })
}

// groupMembers returns a group's users in the same order.
func (st *store) groupMembers(groupID int) []user {
	return st.selectUsers(func(u *user) bool { return slices.Contains(u.groups, groupID) })
}

// selectUsers computes each sort key once (lower-casing names inside the
// comparison made sorting the costliest part of a request) and sorts keys
// with a pointer to their user, not whole users.
func (st *store) selectUsers(keep func(*user) bool) []user {
	type keyed struct {
		k sortKey
		u *user
	}
	st.mu.RLock()
	defer st.mu.RUnlock()
	rows := make([]keyed, 0, len(st.users))
	for _, u := range st.users {
		if u.org == demoOrgID && keep(u) {
			rows = append(rows, keyed{u.key(), u})
		}
	}
	slices.SortFunc(rows, func(a, b keyed) int { return a.k.compare(b.k) })
	out := make([]user, len(rows))
	for i, r := range rows {
		out[i] = *r.u
	}
	return out
}

// companyAdmins counts the demo company's admins; the caller holds mu.
func (st *store) companyAdmins() int {
	n := 0
	for _, u := range st.users {
		if u.companyAdmin() {
			n++
		}
	}
	return n
}

// emailTaken reports whether another user than except has the address,
// compared case-insensitively; the caller holds mu.
func (st *store) emailTaken(email string, except int) bool {
	for _, u := range st.users {
		if u.dbID != except && strings.EqualFold(u.email, email) {
			return true
		}
	}
	return false
}

// usernameTaken is emailTaken for usernames.
func (st *store) usernameTaken(username string, except int) bool {
	for _, u := range st.users {
		if u.dbID != except && strings.EqualFold(u.username, username) {
			return true
		}
	}
	return false
}

// groupIDs maps validated group names to ids.
func (st *store) groupIDs(names []string) []int {
	ids := make([]int, 0, len(names))
	for _, n := range names {
		if g, ok := st.groupByName[n]; ok && !slices.Contains(ids, g.dbID) {
			ids = append(ids, g.dbID)
		}
	}
	return ids
}
