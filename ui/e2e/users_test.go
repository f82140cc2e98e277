//go:build e2e

package e2e

import (
	"strings"
	"testing"
)

// The Users pane's main keys as a person tries them: search, the user's
// card, marking rows, and one source at a time.
func TestUsersPane(t *testing.T) {
	tm := newTerm(t, 120, 40)
	tm.rosterm()
	tm.wait(startup, "Abbott", "· Scope 1200")

	// / searches as you type; Vision cannot search by name and says so.
	tm.keys("/")
	tm.wait(step, "│/ ") // the search field, at the top of the pane
	tm.typeText("skywalk")
	// Vision's whole listing was filtered: the total of matches is known.
	tm.wait(step, "Luke Skywalker", "luke@jedi.org", "Vision cannot search", "─ 1/1 ─")
	tm.waitLine(step, "▌", "Luke Skywalker")

	// enter leaves the search field, enter again opens the card.
	tm.keys("Enter", "Enter")
	tm.wait(step, "▶ User", "lskywalker", "Jedi Knight", "e edit · x delete")
	tm.keys("Escape")
	tm.waitGone(step, "e edit · x delete")
	tm.keys("Escape") // and the search
	tm.waitLine(step, "Users", "· Scope 1200")
	tm.waitLine(step, "▌", "Amir Abbott")

	// space marks rows; the status line counts them.
	tm.keys("Space")
	tm.waitLine(step, "✓", "Amir Abbott")
	tm.keys("j", "Space")
	tm.waitLine(step, "✓", "Benjamin Abbott")
	tm.waitStatus(step, "2 selected · x deletes them")

	// S shows one source, then the other, then both again.
	tm.keys("S")
	tm.wait(step, "Users · Scope only", "/1200 ")
	tm.keys("S")
	tm.wait(step, "Users · Vision only", "First.Last@organi")
	tm.waitLine(step, "▌", "vision", "First Last")
	tm.keys("S")
	tm.waitLine(step, "▶ Users ─", "· Scope 1200")
	quit(t, tm)
}

// Creating a user with an e-mail someone already has: the server's error
// shows beside E-mail, everything typed stays (the password masked), and
// fixing the e-mail creates the user, who is then selected; x deletes
// them after asking.
func TestCreateUserWithATakenEmail(t *testing.T) {
	tm := newTerm(t, 120, 40)
	tm.rosterm()
	tm.wait(startup, "Abbott")

	tm.keys("n")
	tm.wait(step, "New Scope user", "First name", "[ Create user ]")
	for _, field := range []string{"Rey", "Palpatine", "rey.palpatine", "scavenger77"} {
		tm.typeText(field)
		tm.keys("Tab")
	}
	tm.typeText("luke@jedi.org")
	tm.waitLine(step, "E-mail", "luke@jedi.org")
	tm.keys("Enter", "Enter", "Enter", "Enter", "Enter", "Enter") // through the rest to the button
	s := tm.waitFor(step, "the server's error beside E-mail", func(s string) bool {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			if strings.Contains(l, "E-mail") && strings.Contains(l, "luke@jedi.org") {
				return i+1 < len(lines) && strings.Contains(lines[i+1], "! Email is already in use")
			}
		}
		return false
	})
	if !containsAll(s, "Rey", "Palpatine", "rey.palpatine", "•••••••••••") || strings.Contains(s, "scavenger77") {
		t.Fatalf("the form lost what was typed, or shows the password:\n%s", s)
	}

	// The cursor is on E-mail: clear it, type another, save.
	tm.keys("C-u")
	tm.waitFor(step, "the e-mail cleared", func(s string) bool { return lineWith(s, "E-mail", "luke@jedi.org") == "" })
	tm.typeText("rey@jakku.net")
	tm.waitLine(step, "E-mail", "rey@jakku.net")
	tm.keys("Enter", "Enter", "Enter", "Enter", "Enter", "Enter")
	tm.waitStatus(step, "Created Rey Palpatine (rey@jakku.net)")
	tm.waitLine(step, "▌", "Rey Palpatine", "rey@jakku.net")

	// x asks first, naming them; No is the default. (A change key right
	// after the form closed would be held: it waits a quarter second.)
	settle()
	tm.keys("x")
	tm.wait(step, "Delete user?", "Rey Palpatine <rey@jakku.net>", "[ No ]")
	settle()
	tm.keys("y")
	tm.wait(step, "Deleted (1)", "Deleted ")
	tm.keys("Escape")
	tm.waitGone(step, "Rey Palpatine")
	quit(t, tm)
}
