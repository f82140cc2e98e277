package scope

import (
	"fmt"
	"time"

	"github.com/rosterm/rosterm/api/demo/hostile"
)

// Hostile mode (Options.Hostile) adds, beside the ordinary company, users
// whose last names, e-mails and job titles carry the payloads of package
// hostile, one with a 10,000-character last name, and groups named with
// payloads that those users belong to. Names that start with an escape
// sort first, so they are on the first screen.

// hostileLongName is the length of the longest last name.
const hostileLongName = 10_000

// seedHostile adds the hostile groups and users; for seeding only.
func (st *store) seedHostile() {
	ps := hostile.Payloads()
	var groups []int
	for _, i := range []int{2, 3, 8, 10} {
		groups = append(groups, st.addGroup(ps[i].Text+" Crew").dbID)
	}
	def := st.groupByName["DEFAULT"].dbID
	created := time.Date(2025, 2, 1, 9, 0, 0, 0, time.UTC)
	add := func(n int, last, email, job string) {
		st.insert(&user{
			org: demoOrgID, first: "Mallory", last: last,
			username: fmt.Sprintf("mallory%d", n), email: email, phone: "+1 555-555-0100",
			jobTitle: job, active: true, createdAt: created,
			groups: []int{def, groups[n%len(groups)]}, licenses: st.newLicenses([]string{licViewer}),
		})
	}
	for i, p := range ps {
		job := ps[(i+5)%len(ps)].Text + " Technician"
		add(i, p.Text, fmt.Sprintf("mallory%d+%s@pwned.example", i, ps[(i+1)%len(ps)].Text), job)
	}
	add(len(ps), hostile.LongName(hostileLongName), "mallory.long@pwned.example", hostile.LongName(300))
	st.seedWidths(def, created)
}

// seedWidths adds users whose last names, job titles and groups carry text
// whose width terminals disagree on (hostile.Widths). Their last names
// start "Aab", "Aac"…, so they follow the payloads at the top of the list.
func (st *store) seedWidths(def int, created time.Time) {
	ws := hostile.Widths()
	var groups []int
	for _, i := range []int{0, 1, 5} {
		groups = append(groups, st.addGroup("Aa "+ws[i].Text+" Crew").dbID)
	}
	for i, w := range ws {
		st.insert(&user{
			org: demoOrgID, first: "Wide", last: fmt.Sprintf("Aa%c %s", 'b'+i, w.Text),
			username: fmt.Sprintf("wide%d", i), email: fmt.Sprintf("wide%d@widths.example", i), phone: "+1 555-555-0102",
			jobTitle: w.Text + " Designer", active: true, createdAt: created,
			groups: []int{def, groups[i%len(groups)]}, licenses: st.newLicenses([]string{licViewer}),
		})
	}
}
