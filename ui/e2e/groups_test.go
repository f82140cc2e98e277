//go:build e2e

package e2e

import "testing"

// The Groups pane's main keys: enter lists a group's members and esc goes
// back; e adds the user selected in Users to the group, and again removes
// them; a watched Vision group lists its members too.
func TestGroupsPane(t *testing.T) {
	tm := newTerm(t, 120, 40)
	tm.rosterm()
	tm.wait(startup, "Abbott", "ASSEMBLY", "A Group")

	tm.keys("2")
	tm.wait(step, "▶ Groups", "● Amir Abbott: DEFAULT") // the user selected in Users, and their groups
	tm.keys("j")
	tm.waitLine(step, "▌", "scope", "AVIONICS")
	tm.keys("Enter")
	tm.wait(step, "Groups › AVIONICS", "esc back to groups")
	tm.waitLine(step, "▌", "@") // a member, by e-mail
	tm.keys("Escape")
	tm.wait(step, "▶ Groups ─")
	tm.waitLine(step, "▌", "AVIONICS")

	// e: Amir Abbott joins AVIONICS, marked as his; e again, he leaves
	// after saying yes.
	tm.keys("e")
	tm.waitStatus(step, "Added Amir Abbott to AVIONICS")
	tm.waitLine(step, "●", "AVIONICS")
	tm.keys("e")
	tm.wait(step, "Remove from group?", "Amir Abbott <amir.abbott@acme.io>", "groups after: DEFAULT", "[ No ]")
	settle()
	tm.keys("y")
	tm.waitStatus(step, "Removed Amir Abbott from AVIONICS")
	tm.waitFor(step, "AVIONICS no longer his", func(s string) bool { return lineWith(s, "●", "AVIONICS") == "" })

	// G and g go to the bottom and the top.
	tm.keys("G")
	tm.waitLine(step, "▌", "vision")
	tm.keys("g")
	tm.waitLine(step, "▌", "ASSEMBLY")

	// S shows one source at a time: Vision's watched groups list their
	// members too.
	tm.keys("S")
	tm.wait(step, "Groups · Scope only")
	tm.keys("S")
	tm.wait(step, "Groups · Vision only")
	tm.waitLine(step, "▌", "A Group")
	tm.keys("Enter")
	tm.wait(step, "Groups › A Group", "tech@exa") // the name first, the e-mail cut to fit
	tm.keys("Escape")
	tm.wait(step, "Groups · Vision only")
	quit(t, tm)
}
