package vision

import (
	"fmt"

	"github.com/rosterm/rosterm/api/demo/hostile"
)

// Hostile mode (Options.Hostile) adds users whose family names and e-mails
// carry the payloads of package hostile,
// one with a 10,000-character family name, right after the three users
// the vendor's examples name, so they are on the first page. Three of the
// watched groups get payloads in their names and descriptions and these
// users as members; their ids stay as they are, so the demo configuration
// still watches them.

// seedHostile changes the directory; for seeding only.
func (d *directory) seedHostile() {
	ps := hostile.Payloads()
	var added []visionUser
	for i, p := range ps {
		// The id is the address the account was made with, as Vision's ids
		// are; the address changed since. (graph-gophers writes an ID with
		// control characters as invalid JSON, so a hostile id cannot be served.)
		id := fmt.Sprintf("mallory%d@pwned.example", i)
		email := fmt.Sprintf("mallory%d+%s@pwned.example", i, ps[(i+1)%len(ps)].Text)
		added = append(added, visionUser{id: id, email: email, given: "Mallory", family: p.Text, phone: "+15555550100"})
	}
	long := "mallory.long@pwned.example"
	added = append(added, visionUser{id: long, email: long, given: "Mallory", family: hostile.LongName(10_000), phone: "+15555550101"})
	// Then names whose width terminals disagree on (hostile.Widths).
	for i, w := range hostile.Widths() {
		id := fmt.Sprintf("wide%d@widths.example", i)
		added = append(added, visionUser{id: id, email: id, given: "Wide", family: w.Text, phone: "+15555550102"})
	}

	users := append(append(d.users[:3:3], added...), d.users[3:]...)
	d.users, d.index, d.byEmail = nil, map[string]int{}, map[string][]int{}
	for _, u := range users {
		d.add(u)
	}
	for i, slug := range []string{"beta-testers", "night-shift", "safety-committee"} {
		g := d.groups[groupIDPre+slug]
		g.name = ps[(3*i+2)%len(ps)].Text + " " + g.name
		g.description = new("Members: " + ps[(3*i+3)%len(ps)].Text)
		members := map[string]bool{}
		for _, id := range g.members {
			members[id] = true
		}
		for _, u := range added {
			members[u.id] = true
		}
		g.members = g.members[:0]
		for _, u := range d.users {
			if members[u.id] {
				g.members = append(g.members, u.id)
			}
		}
	}
}
