//go:build e2e

package e2e

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The Connections pane's main keys: tabs, a row's actions (its CTAs) in a
// menu, the filter and the sort.
func TestConnectionsPane(t *testing.T) {
	tm := newTerm(t, 120, 40)
	tm.rosterm()
	tm.wait(startup, "Abbott", "[Connect]")
	tm.keys("3")
	tm.wait(step, "▶ Connections", "▸Possible", "A→Z")

	// ] and [ walk the tabs, round and back.
	for _, tab := range []string{"▸Network", "▸Invitations", "▸Communities", "▸Possible"} {
		tm.keys("]")
		tm.wait(step, tab)
	}
	tm.keys("[")
	tm.wait(step, "▸Communities", "✉")
	tm.keys("[", "[", "[")
	tm.wait(step, "▸Possible")

	// enter opens the selected row's actions; Connect sends its CTA.
	s := tm.waitLine(step, "▌", "[Connect]")
	person, possible := rowName(t, cursorRow(s)), total(s)
	tm.keys("Enter")
	tm.wait(step, "▶ "+person, "Connect  createUserInvitation", "esc close")
	settle()
	tm.keys("Enter")
	tm.waitStatus(step, "Done: invited "+person+" to connect")
	tm.waitFor(step, person+" no longer a possible connection", func(s string) bool { return total(s) == possible-1 })

	// / filters by name; esc clears the filter.
	tm.keys("/")
	tm.typeText("aaron")
	tm.waitFor(step, "only Aarons", func(s string) bool {
		c := connections(s)
		return strings.Contains(c, "/ aaron") && strings.HasPrefix(cursorRow(s), "Aaron ") && !strings.Contains(c, "Aaliyah")
	})
	tm.keys("Enter") // the field closes, the filter stays
	tm.keys("Escape")
	tm.waitFor(step, "the filter cleared", func(s string) bool {
		c := connections(s)
		return !strings.Contains(c, "/ aaron") && strings.Contains(c, "Aaliyah") && total(s) == possible-1
	})

	// s reverses the sort.
	tm.keys("s")
	tm.wait(step, "Z→A")
	tm.waitFor(step, "Z first", func(s string) bool { return strings.HasPrefix(cursorRow(s), "Z") })
	tm.keys("s")
	tm.wait(step, "A→Z")
	tm.waitFor(step, "A first", func(s string) bool { return strings.HasPrefix(cursorRow(s), "Aa") })
	quit(t, tm)
}

// The invitation triage: a accepts after a countdown in the status line
// during which u would take it back; d declines the same way; u takes
// back the last queued one, which is never sent and whose row returns.
// Network then lists the person whose invitation was accepted.
func TestInvitationTriage(t *testing.T) {
	tm := newTerm(t, 120, 40)
	tm.rosterm()
	tm.wait(startup, "Abbott", "[Connect]")
	tm.keys("3")
	tm.wait(step, "▸Possible")
	tm.keys("]", "]")
	tm.wait(step, "▸Invitations", "a accept · d decline · u undo")
	// The tab loads when first shown: its rows, then its count.
	accepted := invitee(t, tm.waitLine(step, "▌", "← "))
	invitations := total(tm.waitLine(step, "▶ Connections", "old→new"))

	// a: the row waits out its undo window, the status line counts down,
	// then the accept is sent and the row leaves.
	tm.keys("a")
	tm.waitLine(step, "← "+accepted, "⏳ Accept")
	countdown := regexp.MustCompile(`^Accepting the invitation from ` + regexp.QuoteMeta(accepted) + ` in [1-3]s · u undo`)
	tm.waitFor(step, "the countdown in the status line", func(s string) bool { return countdown.MatchString(statusLine(s)) })
	tm.waitStatus(step, "Done: accepted the invitation from "+accepted)
	tm.waitFor(step, "the accepted invitation gone", func(s string) bool {
		return !strings.Contains(s, "← "+accepted) && total(s) == invitations-1
	})

	// d: declined the same way.
	declined := invitee(t, tm.waitLine(step, "▌", "← "))
	tm.keys("d")
	tm.waitStatus(step, "Declining the invitation from "+declined, "u undo")
	tm.waitStatus(step, "Done: declined the invitation from "+declined)
	tm.waitFor(step, "the declined invitation gone", func(s string) bool {
		return !strings.Contains(s, "← "+declined) && total(s) == invitations-2
	})

	// d then u: taken back, not sent; the row is back as it was.
	s := tm.waitLine(step, "▌", "← ")
	kept := invitee(t, s)
	tm.keys("d")
	tm.waitLine(step, "← "+kept, "⏳ Decline")
	tm.waitStatus(step, "Declining the invitation from "+kept, "u undo")
	tm.keys("u")
	tm.waitStatus(step, "Undone: declining the invitation from "+kept, "nothing was sent")
	s = tm.waitFor(step, "the row back without its hourglass", func(s string) bool {
		return lineWith(s, "← "+kept) != "" && lineWith(s, "← "+kept, "⏳") == ""
	})
	if n := total(s); n != invitations-2 {
		t.Fatalf("after the undo the pane counts %d invitations, want %d:\n%s", n, invitations-2, s)
	}

	// The accepted person is in the network now.
	tm.keys("[")
	tm.wait(step, "▸Network")
	tm.keys("/")
	tm.typeText(accepted)
	tm.waitFor(step, accepted+" in the network", func(s string) bool {
		return strings.HasPrefix(cursorRow(s), accepted) && strings.Contains(s, "▸Network")
	})
	tm.keys("Enter") // closes the field, so q quits
	quit(t, tm)
}

// rowName is the person's name in a Possible or Network row: the text
// before the "#id" column.
func rowName(t *testing.T, row string) string {
	t.Helper()
	m := regexp.MustCompile(`^(\S.*?)\s+#\d+`).FindStringSubmatch(row)
	if m == nil {
		t.Fatalf("no name in row %q", row)
	}
	return m[1]
}

// invitee is the inviting person's name in a received invitation's row.
func invitee(t *testing.T, line string) string {
	t.Helper()
	m := regexp.MustCompile(`▌ ← (\S.*?)\s{2,}`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("no invitation in row %q", line)
	}
	return m[1]
}

// total is how many rows the Connections pane's title says the tab has
// ("92/2439 · A→Z"), or -1.
func total(screen string) int {
	_, title, _ := strings.Cut(lineWith(screen, "Connections ─"), "Connections ─")
	m := regexp.MustCompile(`─ \d+/(\d+) ·`).FindStringSubmatch(title)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// connections is the Connections pane's part of a 120-column screen.
func connections(screen string) string {
	lines := strings.Split(screen, "\n")
	from := len([]rune(lines[0][:max(strings.LastIndex(lines[0], "╭"), 0)]))
	var out []string
	for _, line := range lines {
		if r := []rune(line); len(r) > from {
			out = append(out, string(r[from:]))
		}
	}
	return strings.Join(out, "\n")
}

// G reaches the last of the 2,600 possible connections in one press: the
// list asks for its last rows, not for the 33 pages before them.
func TestBottomReachesTheLastPossibleConnection(t *testing.T) {
	tm := newTerm(t, 120, 40)
	tm.rosterm()
	tm.wait(startup, "Abbott", "[Connect]")
	tm.keys("3")
	tm.wait(step, "▸Possible", "A→Z")
	// The last row, as the list reversed shows it first.
	tm.keys("s")
	tm.wait(step, "Z→A")
	last := rowName(t, cursorRow(tm.waitFor(step, "Z first", func(s string) bool { return strings.HasPrefix(cursorRow(s), "Z") })))
	tm.keys("s")
	tm.waitFor(step, "A first", func(s string) bool { return strings.HasPrefix(cursorRow(s), "Aa") })

	tm.keys("G")
	s := tm.waitFor(step, "the cursor on "+last, func(s string) bool { return strings.HasPrefix(cursorRow(s), last+" ") })
	if n := total(s); n < 2000 {
		t.Errorf("the list counts %d possible connections, want the demo's thousands", n)
	}
	if loaded := regexp.MustCompile(`─ (\d+)/\d+ ·`).FindStringSubmatch(lineWith(s, "Connections ─")); loaded == nil || len(loaded[1]) > 3 {
		t.Errorf("the end was reached by reading every page: %v\n%s", loaded, s)
	}
	quit(t, tm)
}

// clickAt clicks the left button at column x, line y (0-based) of the
// window, as a terminal reports it to a program capturing the mouse (SGR).
func (tm *term) clickAt(x, y int) {
	for _, ev := range []string{"M", "m"} { // press, release
		seq := fmt.Sprintf("\x1b[<0;%d;%d%s", x+1, y+1, ev)
		args := []string{"send-keys", "-t", tm.session, "-H"}
		for _, b := range []byte(seq) {
			args = append(args, fmt.Sprintf("%02x", b))
		}
		tm.tmux(args...)
	}
}

// With the mouse on (M), a click on a row selects it, and a click on a
// Connections tab shows it.
func TestAClickSelectsARow(t *testing.T) {
	tm := newTerm(t, 120, 40)
	tm.rosterm()
	tm.wait(startup, "Hana Abbott", "[Connect]")
	tm.keys("M")
	tm.waitStatus(step, "Mouse on")
	s := tm.screen()
	y := strings.Count(s[:strings.Index(s, "Hana Abbott")], "\n")
	tm.clickAt(12, y)
	tm.waitLine(step, "▌", "Hana Abbott")

	line := strings.Split(tm.screen(), "\n")[1]
	x := len([]rune(line[:strings.Index(line, "Network")]))
	tm.clickAt(x, 1)
	tm.wait(step, "▶ Connections", "▸Network", "[Remove connection]")
	tm.clickAt(x, 5)
	tm.waitFor(step, "the fourth connection selected", func(s string) bool {
		return strings.Contains(strings.Split(connections(s), "\n")[5], "▌")
	})
	quit(t, tm)
}
