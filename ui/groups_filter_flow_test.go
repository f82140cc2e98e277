package ui_test

import (
	"strings"
	"testing"
	"time"
)

// groupsColumn is the Groups pane's part of a 120-column screen.
func groupsColumn(screen string) string {
	// The second box, from its corner to the third's on the top line.
	top := []rune(strings.Split(screen, "\n")[0])
	var corners []int
	for i, r := range top {
		if r == '╭' {
			corners = append(corners, i)
		}
	}
	if len(corners) < 3 {
		return ""
	}
	var out []string
	for _, line := range strings.Split(screen, "\n") {
		if r := []rune(line); len(r) > corners[2] {
			out = append(out, string(r[corners[1]:corners[2]]))
		}
	}
	return strings.Join(out, "\n")
}

// TestGroupsAndMembersFilterTheLoadedRows: / in Groups filters the groups
// loaded (neither Scope nor Vision filters groups by name), saying so; in
// a group's members likewise; member rows show the name first; esc clears
// the filter before it leaves the members.
func TestGroupsAndMembersFilterTheLoadedRows(t *testing.T) {
	t.Parallel()
	p := startNoGrace(t, 120, 40)
	p.WaitText(5*time.Second, "Abbott", "JEDI", "ASSEMBLY")
	p.Press("2", "/")
	p.Type("jed")
	p.WaitFor("only JEDI among the groups", 5*time.Second, func(s string) bool {
		g := groupsColumn(s)
		return strings.Contains(g, "JEDI") && !strings.Contains(g, "ASSEMBLY") && strings.Contains(s, "1 of 55") &&
			strings.Contains(g, "loaded only")
	})
	p.Press("enter", "enter")
	p.WaitText(5*time.Second, "Groups › JEDI", "Luke Skywalker")
	s := p.Screen.Text()
	for _, l := range strings.Split(groupsColumn(s), "\n") {
		if i, at := strings.Index(l, "Luke"), strings.Index(l, "@"); strings.Contains(l, "Luke Skywalker") && at >= 0 && at < i {
			t.Errorf("the e-mail before the name: %q", l)
		}
	}
	p.Press("/")
	p.Type("skywalker")
	p.WaitFor("only the Skywalkers", 5*time.Second, func(s string) bool {
		g := groupsColumn(s)
		return strings.Contains(g, "Luke Skywalker") && !strings.Contains(g, "Obi-Wan") && strings.Contains(g, "loaded only")
	})
	p.Press("esc") // clears the filter
	p.WaitFor("every member again", 5*time.Second, func(s string) bool {
		g := groupsColumn(s)
		return strings.Contains(g, "Groups › JEDI") && !strings.Contains(g, "loaded only")
	})
	p.Press("esc")
	p.WaitFor("back to the groups, still filtered", 5*time.Second, func(s string) bool {
		g := groupsColumn(s)
		return strings.Contains(g, "JEDI") && !strings.Contains(g, "ASSEMBLY")
	})
}

// TestTheActAsMenuShowsWholeUUIDs: the act-as menu shows each person's
// whole uuid, what --as takes.
func TestTheActAsMenuShowsWholeUUIDs(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{})
	f.press(key(&f.ctx.Keys.SwitchUser))
	f.WaitText(5*time.Second, "Act as", "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002", "Demo Member")
}

// TestCutTextEndsWithAnEllipsis: text cut to fit ends with …, never a
// word cut short without one (the Connections tab names at 40 columns,
// the Users rows' e-mails).
func TestCutTextEndsWithAnEllipsis(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{width: 40, height: 12})
	f.press("]", "]")
	f.waitPane("the tab names cut", "▸Invitations", "Pos…", "Net…", "Com…")
	if s := f.Screen.Text(); strings.Contains(s, "Poss ") || strings.Contains(s, "Netw ") {
		t.Errorf("a tab name cut without …:\n%s", s)
	}
}
