package scope

import (
	"sync"
	"time"

	"github.com/rosterm/rosterm/api/demo/fake"
)

const (
	demoUsers     = 1200 // in the demo company, counting the fixed ones below
	demoDomain    = "acme.io"
	foreignDomain = "other-company.com"
)

// groupNames are the demo company's groups. DEFAULT, JEDI and REBEL are the
// ones the vendor's examples request.
var groupNames = []string{
	"DEFAULT", "JEDI", "REBEL",
	"FIELD_OPS", "MAINTENANCE", "ASSEMBLY", "QUALITY", "SAFETY", "TRAINING",
	"ENGINEERING", "LOGISTICS", "WAREHOUSE", "SERVICE", "INSTALLATION",
	"INSPECTION", "PRODUCTION", "TOOLING", "AVIONICS", "HYDRAULICS",
	"ELECTRICAL", "ROBOTICS", "SUPPORT", "SALES", "NORTH_REGION", "SOUTH_REGION",
}

// defaultStore is the default seed's data, generated once per process and
// never changed: servers serve copies of it (see fake.DefaultSeed).
var defaultStore = sync.OnceValue(func() *store { return seedStore(fake.DefaultSeed, nil) })

// seeded returns a store of its own for a server: seedStore's.
func seeded(seed uint64, now func() time.Time) *store {
	if seed == fake.DefaultSeed {
		return defaultStore().clone(now)
	}
	return seedStore(seed, now)
}

// seedStore builds the demo data; the same seed always gives the same data.
func seedStore(seed uint64, now func() time.Time) *store {
	st := newStore(now)
	for _, n := range groupNames {
		st.addGroup(n)
	}
	g := fake.New(seed)
	seedFixedUsers(st, g)
	// Two more company admins, so that deleting admins can be tried until
	// only the last one is left.
	admins := map[int]bool{}
	for len(admins) < 2 {
		admins[g.Intn(demoUsers-3)] = true
	}
	for i := range demoUsers - 3 {
		st.insert(randomUser(st, g, demoOrgID, demoDomain, admins[i]))
	}
	for range 3 {
		st.insert(randomUser(st, g, foreignOrgID, foreignDomain, false))
	}
	return st
}

// seedFixedUsers adds the signed-in admin, Scope's support admin and the
// vendor examples' Luke Skywalker.
func seedFixedUsers(st *store, g *fake.Gen) {
	def := st.groupByName["DEFAULT"].dbID
	fixed := []*user{
		{first: "Demo", last: "Admin", username: "demo.admin", email: "demo.admin@" + demoDomain,
			jobTitle: "Company Administrator", licenses: st.newLicenses([]string{licAdmin}), originGroup: def},
		{first: "Scope", last: "Support", username: "scope.support", email: "support@scopear.com",
			jobTitle: "Scope AR Support", licenses: st.newLicenses([]string{licAdmin}), originGroup: def,
			supportAdmin: true},
		{first: "Luke", last: "Skywalker", username: "lskywalker", email: "luke@jedi.org",
			jobTitle: "Jedi Knight", licenses: st.newLicenses([]string{licViewer}),
			groups: st.groupIDs([]string{"DEFAULT", "JEDI", "REBEL"})},
	}
	for _, u := range fixed {
		u.org, u.active, u.phone, u.createdAt = demoOrgID, true, g.Phone(), seedTime(g)
		if u.groups == nil {
			u.groups = []int{def}
		}
		st.insert(u)
	}
	st.adminID = fixed[0].dbID
}

func randomUser(st *store, g *fake.Gen, org int, domain string, admin bool) *user {
	p := g.Person()
	u := &user{
		org: org, first: p.First, last: p.Last,
		username: g.Username(p), email: g.Email(p, domain),
		phone: g.Phone(), jobTitle: g.JobTitle(),
		active: !g.Chance(0.03), createdAt: seedTime(g),
		groups: randomGroups(st, g),
	}
	types := randomLicenseTypes(g, admin)
	u.licenses = st.newLicenses(types)
	if needsOriginGroup(types) {
		u.originGroup = u.groups[len(u.groups)-1]
	}
	return u
}

// randomGroups puts everyone in DEFAULT plus up to two others; the Star
// Wars groups stay small.
func randomGroups(st *store, g *fake.Gen) []int {
	names := []string{"DEFAULT"}
	for range g.Intn(3) {
		names = append(names, fake.Pick(g, groupNames[3:]))
	}
	if g.Chance(0.02) {
		names = append(names, "JEDI")
	}
	if g.Chance(0.03) {
		names = append(names, "REBEL")
	}
	return st.groupIDs(names)
}

// randomLicenseTypes gives one or two licenses, mostly VIEWER and TECH.
func randomLicenseTypes(g *fake.Gen, admin bool) []string {
	if admin {
		return []string{licAdmin}
	}
	first := weightedLicense(g)
	if g.Chance(0.25) {
		if second := weightedLicense(g); second != first {
			return []string{first, second}
		}
	}
	return []string{first}
}

func weightedLicense(g *fake.Gen) string {
	switch r := g.Intn(100); {
	case r < 45:
		return licViewer
	case r < 75:
		return licTech
	case r < 82:
		return licAuthor
	case r < 88:
		return licAnalyst
	case r < 94:
		return licExpert
	default:
		return licTechPlus
	}
}

// seedTime is a creation time in the three years before a fixed date, so
// the data does not depend on when the server starts.
func seedTime(g *fake.Gen) time.Time {
	base := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	return base.Add(-time.Duration(g.Intn(3*365*24*60)) * time.Minute)
}
