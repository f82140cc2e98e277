package ui_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/uitest"
)

// startNoGrace is startDemo with dialogs that take keys at once, so a
// flow need not wait out the grace period a person gets.
func startNoGrace(t *testing.T, w, h int) *uitest.Program {
	t.Helper()
	return startWith(t, w, h, func(*common.Context) {})
}

// startWith starts the demo with its context changed by adjust (a source
// left out, read-only mode).
func startWith(t *testing.T, w, h int, adjust func(*common.Context)) *uitest.Program {
	t.Helper()
	srv := demotest.Start(t, demo.Options{})
	ctx, err := connectDemo(t.Context(), srv.URL, demoopigno.AdminUUID, "dark")
	if err != nil {
		t.Fatal(err)
	}
	ctx.Grace = 0
	adjust(ctx)
	return uitest.Start(t, ui.New(ctx, ui.Options{Theme: "dark"}), w, h)
}

// lineWith reports whether some screen line contains every one of parts.
func lineWith(screen string, parts ...string) bool {
	for _, l := range strings.Split(screen, "\n") {
		ok := true
		for _, part := range parts {
			ok = ok && strings.Contains(l, part)
		}
		if ok {
			return true
		}
	}
	return false
}

func TestManageAScopeUser(t *testing.T) {
	t.Parallel()
	p := startNoGrace(t, 120, 40)
	p.WaitText(5*time.Second, "Abbott", "ASSEMBLY", "· Scope 1200")

	// Search by part of the surname and open the user.
	p.Press("/")
	p.Type("skywalk")
	// Vision's whole listing was filtered: the total of matches is known.
	p.WaitText(5*time.Second, "Luke Skywalker", "luke@jedi.org", "Vision cannot search", "─ 1/1 ─")
	p.Press("enter", "enter")
	p.WaitText(2*time.Second, "lskywalker", "Jedi Knight", "e edit · x delete")
	p.Press("esc")

	// Add Luke to the first group, ASSEMBLY, from the Groups pane.
	p.Press("2")
	p.WaitText(2*time.Second, "Luke Skywalker: DEFAULT,", "JEDI, REBEL")
	p.Press("e")
	p.WaitText(5*time.Second, "Added Luke Skywalker to ASSEMBLY")
	p.WaitFor("ASSEMBLY marked as Luke's", 2*time.Second, func(s string) bool { return lineWith(s, "●", "ASSEMBLY") })

	// Create a user whose e-mail is taken: the error shows beside the
	// e-mail field and everything typed stays.
	p.Press("1", "n")
	p.WaitText(5*time.Second, "New Scope user", "First name", "Licenses")
	p.Type("Rey")
	p.Press("tab")
	p.Type("Palpatine")
	p.Press("tab")
	p.Type("rey.palpatine")
	p.Press("tab")
	p.Type("scavenger77")
	p.Press("tab")
	p.Type("luke@jedi.org")
	p.Press("enter", "enter", "enter", "enter", "enter", "enter") // through the rest to the button
	p.WaitFor("the server's error beside e-mail", 5*time.Second, func(s string) bool {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			if strings.Contains(l, "E-mail") && strings.Contains(l, "luke@jedi.org") {
				return i+1 < len(lines) && strings.Contains(lines[i+1], "! Email is already in use")
			}
		}
		return false
	})
	p.WaitText(time.Second, "Rey", "Palpatine", "rey.palpatine", "•••••••••••")
	if strings.Contains(p.Screen.Text(), "scavenger77") {
		t.Fatal("the password must be masked")
	}

	// Fix the e-mail (the cursor is already there) and create the user.
	p.Press("ctrl+u")
	p.Type("rey@jakku.net")
	p.Press("enter", "enter", "enter", "enter", "enter", "enter")
	p.WaitText(5*time.Second, "Created Rey Palpatine (rey@jakku.net)")
	p.WaitFor("the new user selected", 2*time.Second, func(s string) bool { return lineWith(s, "▌", "Rey Palpatine") })

	// Delete them: the confirmation names them, the result says so.
	p.Press("x")
	p.WaitText(2*time.Second, "Delete user?", "Rey Palpatine <rey@jakku.net>", "[ No ]")
	p.Press("y")
	p.WaitText(5*time.Second, "Deleted (1)", "Deleted Rey Palpatine")
	p.Press("esc")
	p.WaitFor("Rey gone from the list", 2*time.Second, func(s string) bool { return !strings.Contains(s, "Rey Palpatine") })
}

func TestDeletingYourselfIsRefusedWithTheReason(t *testing.T) {
	t.Parallel()
	p := startNoGrace(t, 120, 40)
	p.WaitText(5*time.Second, "Abbott")
	p.Press("/")
	p.Type("demo.admin@acme.io")
	p.WaitFor("only the demo admin", 5*time.Second, func(s string) bool {
		return lineWith(s, "▌", "Demo Admin") && strings.Contains(s, " 1/1 ")
	})
	p.Press("enter", "x")
	p.WaitText(2*time.Second, "Delete user?", "Demo Admin <demo.admin@acme.io>")
	p.Press("y")
	p.WaitText(5*time.Second, "Not deleted (1)", "a user cannot delete themselves", "Not deleted: the server kept the user")
}

func TestSmallTerminalShowsTheDetailOnEnter(t *testing.T) {
	t.Parallel()
	p := startNoGrace(t, 80, 24)
	p.WaitText(5*time.Second, "Abbott")
	if strings.Contains(p.Screen.Text(), "Username") {
		t.Fatal("at 80x24 the list keeps the room; the detail opens on enter")
	}
	p.Press("enter")
	p.WaitText(2*time.Second, "Username", "aabbott", "Licenses", "esc close")
	p.Press("esc", "n")
	p.WaitText(5*time.Second, "New Scope user", "First name")
	p.Press("tab", "tab", "tab", "tab", "tab", "tab", "tab") // licenses, listing its options
	p.WaitText(time.Second, "[x] VIEWER", "Licenses")
}

func TestReadOnlyModeSendsNoChange(t *testing.T) {
	t.Parallel()
	p := startWith(t, 120, 40, func(c *common.Context) { c.ReadOnly = true })
	p.WaitText(5*time.Second, "Abbott", "ASSEMBLY")
	p.Press("n")
	p.WaitText(time.Second, "Read-only mode: creating users is turned off.")
	p.Press("esc", "x")
	p.WaitText(time.Second, "Read-only mode: deleting users is turned off.")
	p.Press("esc", "e")
	p.WaitText(time.Second, "Read-only mode: editing users is turned off.")
	p.Press("esc", "2", "e")
	p.WaitText(time.Second, "Read-only mode: changing groups is turned off.")
}

func TestEachSourceAloneAndNone(t *testing.T) {
	t.Parallel()
	p := startWith(t, 120, 40, func(c *common.Context) { without(c, api.Scope) })
	p.WaitText(5*time.Second, "First Last", "First.Last@org", "A Group") // the e-mail cut to its column
	if lineWith(p.Screen.Text(), "▌", "vision") {
		t.Error("with one source, rows need no source label")
	}
	p.Press("n")
	p.WaitText(time.Second, "creating users needs Scope")

	p = startWith(t, 120, 40, func(c *common.Context) { without(c, api.Vision) })
	p.WaitText(5*time.Second, "Abbott", "ASSEMBLY")
	if strings.Contains(p.Screen.Text(), "A Group") {
		t.Error("without Vision there are no Vision groups")
	}

	p = startWith(t, 120, 40, func(c *common.Context) { without(c, api.Scope, api.Vision) })
	p.WaitText(5*time.Second, "Users needs Scope or Vision", "Groups needs Scope or", "token: {env: SCOPE_TOKEN}")
}

// loaded reads "loaded" from the Users pane's counter ("74/1200", "80+").
func loaded(screen string) int {
	m := regexp.MustCompile(`Users[^\n]*?─ (\d+)[/+]`).FindStringSubmatch(screen)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func TestBothCursorStylesPageAheadAsYouScroll(t *testing.T) {
	t.Parallel()
	p := startNoGrace(t, 120, 40)
	p.WaitText(5*time.Second, "Abbott")
	for _, step := range []struct{ title, counter string }{
		{"Users · Scope only", "/1200 "}, // Relay cursors, totalCount
		{"Users · Vision only", "+ "},    // nextToken, no total
	} {
		p.Press("S")
		p.WaitText(5*time.Second, step.title, step.counter)
		p.WaitFor("the first page", 5*time.Second, func(s string) bool { return loaded(s) > 0 })
		first := loaded(p.Screen.Text())
		p.Press("pgdown", "pgdown")
		p.WaitFor("more rows loaded ahead of the cursor", 5*time.Second, func(s string) bool {
			return loaded(s) > first && strings.Contains(s, step.counter)
		})
	}
}
