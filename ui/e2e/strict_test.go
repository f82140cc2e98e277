//go:build e2e

package e2e

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Against servers that have only what the vendors document, describing
// themselves or not (the strict demo), a person can do everything a real
// server allows: browse users of both directories, find Luke, list
// groups and a watched Vision group's members, page possible
// connections, connect, remove, accept, decline, and invite someone to a
// community the profile names. Nothing shows as an error.
func TestOnTheDocumentedServers(t *testing.T) {
	for _, mode := range [][]string{{"--demo", "--strict"}, {"--demo", "--strict", "--no-introspection"}} {
		t.Run(strings.Join(mode[1:], " "), func(t *testing.T) {
			tm := newTerm(t, 120, 40)
			tm.rosterm(mode...)
			tm.wait(startup, "scope  Amir Abbott", "ASSEMBLY", "[Connect]")

			// Scope documents no cursors: its first hundred users, said to
			// be all it gives, then Vision's.
			tm.waitFor(step, "Vision's users after Scope's hundred", func(s string) bool {
				if strings.Contains(s, "first 100 of 1200 users: this Scope") && lineWith(s, "vision ") != "" {
					return true
				}
				tm.keys("G")
				time.Sleep(100 * time.Millisecond)
				return false
			})

			// A search finds Luke, whose card opens.
			tm.keys("g", "/")
			tm.typeText("skywalker")
			tm.waitLine(step, "▌", "Luke Skywalker", "luke@jedi.org")
			tm.keys("Enter", "Enter")
			tm.wait(step, "▶ User", "lskywalker", "JEDI")
			tm.keys("Escape")
			tm.waitGone(step, "e edit · x delete")
			settle()
			tm.keys("Escape") // and the search
			tm.waitLine(step, "Users", "· Scope 1200")

			// Groups: Scope's, and a watched Vision group with its members.
			tm.keys("2")
			tm.waitLine(step, "▌", "scope", "ASSEMBLY")
			tm.keys("G")
			tm.waitLine(step, "▌", "vision")
			tm.keys("Enter")
			tm.wait(step, "Groups ›", "esc back to groups")
			tm.waitLine(step, "▌", "@")
			tm.keys("Escape")
			tm.wait(step, "▶ Groups ─") // an escape and the next key at once would read as alt+key

			// Possible connections page as the cursor goes down; Connect.
			tm.keys("3")
			s := tm.waitLine(step, "▌", "[Connect]")
			first := loadedConnections(s)
			tm.keys("G")
			tm.waitFor(step, "a second page of possible connections", func(s string) bool { return loadedConnections(s) > first })
			tm.keys("g")
			s = tm.waitLine(step, "▌", "Aa", "[Connect]")
			person := rowName(t, cursorRow(s))
			tm.keys("Enter")
			tm.wait(step, "▶ "+person, "Connect  createUserInvitation")
			settle()
			tm.keys("Enter")
			tm.waitStatus(step, "Done: invited "+person+" to connect")

			// Network: remove, whatever the CTA calls its argument.
			tm.keys("]")
			s = tm.waitLine(step, "▌", "[Remove c")
			person = rowName(t, cursorRow(s))
			tm.keys("x")
			tm.wait(step, "Remove connection:", person)
			settle()
			tm.keys("y")
			tm.waitStatus(step, "Done: removed "+person+" from your network")

			// Invitations: accept, then decline, each after its countdown.
			tm.keys("]")
			accepted := invitee(t, tm.waitLine(step, "▌", "← "))
			tm.keys("a")
			tm.waitStatus(step, "Done: accepted the invitation from "+accepted)
			declined := invitee(t, tm.waitFor(step, "the next invitation", func(s string) bool {
				l := lineWith(s, "▌", "← ")
				return l != "" && !strings.Contains(l, accepted)
			}))
			tm.keys("d")
			tm.waitStatus(step, "Done: declined the invitation from "+declined)

			// Communities: the profile's, since no query lists them; invite
			// the first person offered to the first one.
			tm.keys("]")
			s = tm.waitLine(step, "▌", "public", "·")
			community := strings.TrimSpace(strings.SplitN(cursorRow(s), "  ", 2)[0])
			tm.waitStatus(step, "n add a community by id")
			tm.keys("Enter")
			tm.wait(step, "Invite people to this community…")
			settle()
			tm.keys("4")
			offeredRow := regexp.MustCompile(`▌ (\S.*?)\s+#\d+`)
			s = tm.waitFor(step, "the people who may be invited", func(s string) bool {
				return strings.Contains(s, "Invite to "+community) && offeredRow.MatchString(lineWith(s, "▌", "#"))
			})
			invited := offeredRow.FindStringSubmatch(lineWith(s, "▌", "#"))[1]
			settle()
			tm.keys("Enter")
			tm.waitStatus(step, "Done: invited "+invited+" to "+community)

			if st := statusLine(tm.screen()); strings.HasPrefix(st, "!") {
				t.Fatalf("an error on the status line: %q", st)
			}
			quit(t, tm)
		})
	}
}

// loadedConnections is how many rows the Connections pane has loaded, by
// its title ("92/2439 · A→Z"), or -1.
func loadedConnections(screen string) int {
	_, title, _ := strings.Cut(lineWith(screen, "Connections ─"), "Connections ─")
	m := regexp.MustCompile(`─ (\d+)/\d+ ·`).FindStringSubmatch(title)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}
