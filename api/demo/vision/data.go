package vision

import (
	"regexp"
	"strings"
	"sync"

	"github.com/rosterm/rosterm/api/demo/fake"
)

const (
	orgID      = "XOorg-your-org" // shows in nextToken keys; base64 starts like the doc's "eyJvcmdJRCI6ICJYT2"
	groupIDPre = "your-org-"      // group ids carry the org, as XOi documents
	userDomain = "yourcompany.com"
	demoUsers  = 1500
)

type visionUser struct {
	id, email, given, family, phone string
}

type visionGroup struct {
	id, name    string
	description *string
	members     []string // user ids
}

// directory is the organization's users and groups. It never changes after
// seeding, so it is read without a lock.
type directory struct {
	users   []visionUser   // in listUsers order
	index   map[string]int // user id -> position in users
	byEmail map[string][]int
	groups  map[string]*visionGroup
}

// defaultDirectory is the default seed's directory, generated once per
// process (see fake.DefaultSeed). Servers share it: a directory never
// changes once seeded.
var defaultDirectory = sync.OnceValue(func() *directory { return seedDirectory(fake.DefaultSeed) })

// seeded returns the directory of seed.
func seeded(seed uint64) *directory {
	if seed == fake.DefaultSeed {
		return defaultDirectory()
	}
	return seedDirectory(seed)
}

// seedDirectory builds the demo organization; the same seed always gives
// the same data. The first users are the ones the vendor's examples name.
func seedDirectory(seed uint64) *directory {
	g := fake.New(seed)
	d := &directory{index: map[string]int{}, byEmail: map[string][]int{}, groups: map[string]*visionGroup{}}
	tech := g.Person()
	d.add(visionUser{id: "a-user-id", email: "First.Last@organization.com", given: "First", family: "Last", phone: e164(g.Phone())})
	d.add(visionUser{id: "someone@yourcompany.com", email: "someone@yourcompany.com", given: "someone", phone: e164(g.Phone())})
	d.add(visionUser{id: "tech@example.com", email: "tech@example.com", given: tech.First, family: tech.Last, phone: e164(g.Phone())})
	for len(d.users) < demoUsers {
		d.add(randomUser(g))
	}
	d.addGroup(&visionGroup{id: groupIDPre + "a-group", name: "A Group", description: new(""), members: []string{"tech@example.com"}})
	for _, gr := range groupSeeds {
		d.addGroup(randomGroup(g, d, gr))
	}
	// A group can still list someone whose account is gone (XOi does not
	// say it cannot), so getUser on a member id may answer null.
	ft := d.groups[groupIDPre+"field-technicians"]
	ft.members = append(ft.members, DepartedMemberID)
	return d
}

// DepartedMemberID is a member of "Field Technicians" that no user has:
// the account was removed and the group not yet updated.
const DepartedMemberID = "former.tech@yourcompany.com"

// randomUser is mostly one whose id is their email. About one in fifty
// changed their surname, and so their email, after the account was made:
// their id is still the old address, as XOi warns can happen.
func randomUser(g *fake.Gen) visionUser {
	p := g.Person()
	u := visionUser{email: g.Email(p, userDomain), given: p.First, family: p.Last, phone: e164(g.Phone())}
	u.id = u.email
	if g.Chance(0.02) {
		now := fake.Person{First: p.First, Last: g.Person().Last}
		u.email, u.family = g.Email(now, userDomain), now.Last
	}
	return u
}

func (d *directory) add(u visionUser) {
	d.index[u.id] = len(d.users)
	key := strings.ToLower(u.email)
	d.byEmail[key] = append(d.byEmail[key], len(d.users))
	d.users = append(d.users, u)
}

func (d *directory) addGroup(gr *visionGroup) { d.groups[gr.id] = gr }

// groupSeed names one of the 29 realistic groups; a nil description is a
// group nobody described.
type groupSeed struct {
	name        string
	description *string
}

var groupSeeds = []groupSeed{
	{"Field Technicians", new("Everyone who runs jobs on site.")},
	{"HVAC Service", new("Heating, ventilation and air conditioning service crews.")},
	{"Plumbing", new("")},
	{"Electrical", new("Licensed electricians and apprentices.")},
	{"Beta Testers", new("Receive new job types before everyone else.")},
	{"Dispatch", new("Schedules and assigns jobs.")},
	{"Install Crew", nil},
	{"Commercial Refrigeration", new("Walk-in coolers, freezers and ice machines.")},
	{"Warranty Team", new("Handles warranty claims and follow-up visits.")},
	{"Quality Assurance", new("Reviews job documentation.")},
	{"Safety Committee", nil},
	{"New Hires", new("First ninety days.")},
	{"Service Managers", new("Approve quotes and review work.")},
	{"North Region", new("")},
	{"South Region", new("")},
	{"East Region", nil},
	{"West Region", nil},
	{"Central Region", new("")},
	{"Night Shift", new("On duty 6 pm to 6 am.")},
	{"Weekend On-Call", new("Emergency calls on Saturdays and Sundays.")},
	{"Boiler Specialists", new("Steam and hot-water boilers.")},
	{"Controls & Automation", new("Building automation and controls.")},
	{"Fire Protection", new("Sprinkler and suppression systems.")},
	{"Solar Install", nil},
	{"Training Leads", new("Run ride-alongs and onboarding.")},
	{"Sales Engineers", new("Site surveys and proposals.")},
	{"Customer Success", new("")},
	{"Apprentices", new("Technicians in training.")},
	{"Fleet Maintenance", new("Keeps the vans on the road.")},
}

// randomGroup gives a group 3 to 120 distinct members, in listUsers order.
func randomGroup(g *fake.Gen, d *directory, s groupSeed) *visionGroup {
	n := 3 + g.Intn(118)
	picked := map[int]bool{}
	for len(picked) < n {
		picked[g.Intn(len(d.users))] = true
	}
	gr := &visionGroup{id: groupIDPre + slug(s.name), name: s.name, description: s.description}
	for i, u := range d.users {
		if picked[i] {
			gr.members = append(gr.members, u.id)
		}
	}
	return gr
}

var nonAlnum = regexp.MustCompile(`[^a-z0-9]+`)

// slug turns "Controls & Automation" into "controls-automation".
func slug(name string) string {
	return strings.Trim(nonAlnum.ReplaceAllString(strings.ToLower(name), "-"), "-")
}

// e164 turns fake's "+1 201-555-0123" into "+12015550123".
func e164(phone string) string {
	return "+" + strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, phone)
}

// GroupIDs lists the ids of every demo group, "your-org-a-group" first.
// Vision cannot list groups, so a client is configured with the ids to
// watch; the demo configuration watches all of these.
func GroupIDs() []string {
	ids := []string{groupIDPre + "a-group"}
	for _, s := range groupSeeds {
		ids = append(ids, groupIDPre+slug(s.name))
	}
	return ids
}
