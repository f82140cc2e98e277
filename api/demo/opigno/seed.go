package opigno

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/rosterm/rosterm/api/demo/fake"
)

// Sizes and fixed ids of the generated data. Ids named here are the ones
// the vendor's examples and the README rely on.
const (
	seedContextCount     = 2600
	seedCommunityCount   = 40
	vendorCursorContext  = 1606 // the vendor's cursor example points at it
	vendorInviteeContext = 345  // the vendor's createCommunityInvitation invitee
	vendorCommunity      = 2    // the vendor's createCommunityInvitation community
	adminID              = 1
	memberID             = 2
	day                  = 24 * 60 * 60
)

// seedBase is "now" for generated data: fixed, so the data never depends on
// the wall clock.
var seedBase = time.Date(2025, time.September, 1, 9, 0, 0, 0, time.UTC).Unix()

// demoLevels are the hierarchy levels assignUserContextToLevel accepts.
var demoLevels = map[int]string{
	1: "Organisation",
	2: "Europe",
	3: "North America",
	4: "Asia Pacific",
	5: "Customer Success",
}

// seeder holds the generator while the data is built.
type seeder struct {
	g     *fake.Gen
	seed  uint64
	d     *data
	count int // user contexts to generate
}

// generate builds the whole demo data set from seed.
func generate(seed uint64) data { return generateSized(seed, seedContextCount) }

// defaultData is the default seed's data, generated once per process and
// never changed: servers serve copies of it (see fake.DefaultSeed).
var defaultData = sync.OnceValue(func() data { return generate(fake.DefaultSeed) })

// seeded returns data of its own for a server: generateSized's.
func seeded(seed uint64, n int) data {
	if seed == fake.DefaultSeed && n <= seedContextCount {
		d := defaultData()
		return d.clone()
	}
	return generateSized(seed, n)
}

// generateSized generates with n user contexts (at least the default), for
// tests that need longer lists.
func generateSized(seed uint64, n int) data {
	d := newData()
	s := &seeder{g: fake.New(seed), seed: seed, d: &d, count: max(n, seedContextCount)}
	for id, name := range demoLevels {
		d.levels[id] = name
	}
	s.contexts()
	s.connections()
	s.communities()
	s.communityInvitations()
	s.userInvitations()
	d.contexts[adminID].level = 1
	return d
}

func (s *seeder) contexts() {
	d := s.d
	for id := 1; id <= s.count; id++ {
		switch id {
		case adminID:
			d.addContext(AdminUUID, "Demo Administrator", true, scopeAdministrator)
		case memberID:
			d.addContext(MemberUUID, "Demo Member", true, scopeAuthenticated)
		case vendorCursorContext:
			d.addContext(contextUUID(s.seed, id), "alina_test_1 opigno4", true, scopeAuthenticated)
		default:
			s.randomContext(id)
		}
	}
}

// randomContext adds a realistic person: about 2% blocked, a handful
// anonymous (no scope, no name) and a few more administrators.
func (s *seeder) randomContext(id int) {
	name := s.g.Person().Name()
	active := !s.g.Chance(0.02)
	scope := scopeAuthenticated
	switch r := s.g.Intn(1000); {
	case r < 3:
		scope, name = "", ""
	case r < 5:
		scope = scopeAdministrator
	}
	if id == vendorInviteeContext {
		active, scope = true, scopeAuthenticated
	}
	s.d.addContext(contextUUID(s.seed, id), name, active, scope)
}

// contextUUID derives a version 4 UUID from the seed and id, so uuids are
// stable across runs without drawing from the generator.
func contextUUID(seed uint64, id int) string {
	var in [16]byte
	binary.BigEndian.PutUint64(in[:8], seed)
	binary.BigEndian.PutUint64(in[8:], uint64(id))
	b := sha256.Sum256(append([]byte("opigno-context:"), in[:]...))
	u := uuid.UUID(b[:16])
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return u.String()
}

// eligible reports whether id can take part in social data.
func (s *seeder) eligible(id int) bool {
	u := s.d.context(id)
	return u != nil && u.active && u.scope != ""
}

// pick draws a random eligible context other than the demo users that ok
// accepts; it gives up (0) after many misses rather than loop forever.
func (s *seeder) pick(ok func(id int) bool) int {
	for range 10000 {
		id := 3 + s.g.Intn(s.count-2)
		if s.eligible(id) && ok(id) {
			return id
		}
	}
	return 0
}

func (s *seeder) connections() {
	d := s.d
	d.connect(adminID, memberID)
	s.connectMany(adminID, 54)
	s.connectMany(memberID, 20)
	for id := 3; id <= s.count; id++ {
		if !s.eligible(id) {
			continue
		}
		for range s.g.Intn(4) {
			if other := s.pick(func(o int) bool { return o != id && !d.connected(id, o) }); other != 0 {
				d.connect(id, other)
			}
		}
	}
}

func (s *seeder) connectMany(id, n int) {
	for range n {
		if other := s.pick(func(o int) bool { return !s.d.connected(id, o) }); other != 0 {
			s.d.connect(id, other)
		}
	}
}

// userInvitations adds pending invitations between people who are neither
// connected nor already invited either way.
func (s *seeder) userInvitations() {
	for _, plan := range []struct{ user, received, sent int }{{adminID, 40, 5}, {memberID, 15, 3}} {
		for range plan.received {
			s.invite(s.pick(s.free(plan.user)), plan.user)
		}
		for range plan.sent {
			s.invite(plan.user, s.pick(s.free(plan.user)))
		}
	}
	for range 400 {
		from := s.pick(func(int) bool { return true })
		s.invite(from, s.pick(s.free(from)))
	}
}

// free accepts contexts with no connection or invitation with user.
func (s *seeder) free(user int) func(int) bool {
	return func(o int) bool {
		return o != user && !s.d.connected(user, o) && s.d.invitationBetween(user, o) == nil
	}
}

func (s *seeder) invite(from, to int) {
	if from != 0 && to != 0 {
		s.d.addUserInvitation(from, to, s.past(180))
	}
}

// past returns a timestamp up to maxDays before seedBase.
func (s *seeder) past(maxDays int) int64 {
	return seedBase - int64(s.g.Intn(maxDays*day))
}

// shuffled returns 1..n in a random order.
func (s *seeder) shuffled(n int) []int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i + 1
	}
	for i := n - 1; i > 0; i-- {
		j := s.g.Intn(i + 1)
		xs[i], xs[j] = xs[j], xs[i]
	}
	return xs
}

// title returns a community title no other community has; after many
// clashes it numbers the title rather than loop forever.
func (s *seeder) title() string {
	t := s.g.Topic()
	for try := 0; s.titleTaken(t); try++ {
		t = s.g.Topic()
		if try > 100 {
			t = fmt.Sprintf("%s %d", t, len(s.d.communities)+1)
		}
	}
	return t
}

func (s *seeder) titleTaken(t string) bool {
	for _, c := range s.d.communities {
		if c.title == t {
			return true
		}
	}
	return false
}

var descriptionTemplates = []string{
	"<p>A place for <strong>%s</strong> to share tips, questions and wins.</p>",
	"<h2>Welcome</h2><p>%s meet here every week. Read the <a href=\"https://opigno.example/guidelines\">guidelines</a> before posting.</p>",
	"<p>%s: news, events and resources.</p><ul><li>Weekly digest</li><li>Monthly meetup</li></ul>",
	"<p>Join %s to learn together.<br>New members are <em>always</em> welcome.</p>",
}

// description writes a short HTML description using only allowed tags.
func (s *seeder) description(title string) string {
	return fmt.Sprintf(fake.Pick(s.g, descriptionTemplates), title)
}

func (s *seeder) communities() {
	for id := 1; id <= seedCommunityCount; id++ {
		s.community(id)
	}
	// The first three of a shuffle go to the administrator, the fourth to
	// the member.
	order := s.shuffled(seedCommunityCount)
	for i, id := range order[:4] {
		owner := adminID
		if i == 3 {
			owner = memberID
		}
		c := s.d.communities[id]
		delete(c.members, owner)
		c.owner = owner
	}
	s.join(adminID, 3, 2)
	s.join(memberID, 2, 2)
	delete(s.d.communities[vendorCommunity].members, vendorInviteeContext)
	if s.d.communities[vendorCommunity].owner == vendorInviteeContext {
		s.d.communities[vendorCommunity].owner = s.pick(func(o int) bool { return o != vendorInviteeContext })
	}
}

// community adds one community with a random owner and members; blocked
// people stay members (they are just not counted).
func (s *seeder) community(id int) {
	title := s.title()
	vis := visibilityPrivate
	if s.g.Chance(0.6) {
		vis = visibilityPublic
	}
	created := s.past(720)
	c := &community{
		id: id, owner: s.pick(func(int) bool { return true }), title: title,
		description: s.description(title), visibility: vis, created: created,
		postNotifications: s.g.Chance(0.8), members: map[int]bool{},
	}
	if s.g.Chance(0.5) {
		c.imageURL = fmt.Sprintf("https://opigno.example/sites/default/files/community/%d/cover.jpg", id)
	}
	if s.g.Chance(0.8) {
		c.lastPostTime = created + int64(s.g.Intn(int(seedBase-created)))
	}
	for range 4 + s.g.Intn(50) {
		m := 3 + s.g.Intn(s.count-2)
		if u := s.d.context(m); u.scope != "" && m != c.owner {
			c.members[m] = true
		}
	}
	s.d.communities[id] = c
	s.d.nextCommunity = id + 1
}

// join makes user a member of public and private communities it does not
// belong to yet.
func (s *seeder) join(user, public, private int) {
	want := map[string]int{visibilityPublic: public, visibilityPrivate: private}
	for _, id := range s.shuffled(seedCommunityCount) {
		c := s.d.communities[id]
		if want[c.visibility] > 0 && !c.belongs(user) {
			c.members[user] = true
			want[c.visibility]--
		}
	}
}

// communityInvitations adds pending invitations, each sent by the
// community's owner; the owner is put in the invitee's network, as the
// invite-only-your-network rule requires.
func (s *seeder) communityInvitations() {
	for _, plan := range []struct{ user, n int }{{adminID, 6}, {memberID, 4}} {
		for _, id := range s.shuffled(seedCommunityCount) {
			if plan.n == 0 {
				break
			}
			if c := s.d.communities[id]; !c.belongs(plan.user) {
				s.inviteToCommunity(c, plan.user)
				plan.n--
			}
		}
	}
	for range 80 {
		c := s.d.communities[1+s.g.Intn(seedCommunityCount)]
		invitee := s.pick(func(o int) bool {
			return !c.belongs(o) && s.d.pendingCommunityInvitation(c, o) == nil &&
				!(c.id == vendorCommunity && o == vendorInviteeContext)
		})
		if invitee != 0 {
			s.inviteToCommunity(c, invitee)
		}
	}
}

func (s *seeder) inviteToCommunity(c *community, invitee int) {
	if c.owner != adminID && !s.d.connected(c.owner, invitee) {
		s.d.connect(c.owner, invitee)
	}
	s.d.addCommunityInvitation(c, c.owner, invitee, s.past(60))
}
