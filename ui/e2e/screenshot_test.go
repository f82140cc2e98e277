//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSVGRendersStyledCells checks the screenshot renderer on a line with
// the styles rosterm uses.
func TestSVGRendersStyledCells(t *testing.T) {
	out := svg("\x1b[1;38;2;135;175;255m▶ Users\x1b[0m plain \x1b[7mrev\x1b[m", 30, 1)
	for _, want := range []string{`fill="#87afff"`, `font-weight="bold"`, "▶ Users", ">rev</text>", "<rect"} {
		if !strings.Contains(out, want) {
			t.Errorf("svg lacks %q:\n%s", want, out)
		}
	}
}

// TestScreenshots remakes the README's screenshots from the real program
// when ROSTERM_SCREENSHOTS=1 (in colour, whatever TERM and NO_COLOR say);
// otherwise it only checks that each screen can be reached and captured.
func TestScreenshots(t *testing.T) {
	write := os.Getenv("ROSTERM_SCREENSHOTS") == "1"
	if write {
		t.Setenv("TERM", "xterm-256color")
		t.Setenv("NO_COLOR", "")
	}
	const w, h = 120, 40
	tm := newTerm(t, w, h)
	tm.rosterm("--theme", "dark")
	tm.wait(startup, "Abbott", "A Group", "[Connect]", "Username")
	shot := func(name string) {
		t.Helper()
		captured := tm.stable()
		if !write {
			return
		}
		path := filepath.Join("screenshots", name+".svg")
		if err := os.WriteFile(path, []byte(svg(captured, w, h)), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", path)
	}

	// Users: the first start, the selected user's detail below the list.
	shot("users")

	// Groups: the selected user's groups marked, then a group's members.
	tm.keys("2")
	tm.wait(step, "▶ Groups", "● Amir Abbott")
	tm.keys("j", "j")
	tm.waitLine(step, "▌", "DEFAULT")
	tm.keys("Enter")
	tm.wait(step, "Groups › DEFAULT")
	tm.waitLine(step, "▌", ".") // a member: the name, then the e-mail (cut to the column)
	shot("groups")
	tm.keys("Escape")
	tm.wait(step, "▶ Groups ─")

	// Connections: a possible connection's actions.
	tm.keys("3")
	tm.waitLine(step, "▌", "[Connect]")
	tm.keys("Enter")
	tm.wait(step, "Connect  createUserInvitation")
	shot("connections")
	tm.keys("Escape")
	tm.waitGone(step, "createUserInvitation")

	// The invitation triage: an accept waiting out its undo window.
	tm.keys("]", "]")
	tm.wait(step, "▸Invitations")
	tm.waitLine(step, "▌", "← ")
	tm.keys("j", "a")
	tm.waitLine(step, "⏳ Accept")
	tm.waitStatus(step, "s · u undo")
	shot("triage")
	tm.keys("u")
	tm.waitStatus(step, "Undone")

	// A new user whose e-mail is taken: the server's error beside E-mail.
	tm.keys("1")
	tm.wait(step, "▶ Users")
	tm.keys("n")
	tm.wait(step, "New Scope user")
	for _, field := range []string{"Rey", "Palpatine", "rey.palpatine", "scavenger77"} {
		tm.typeText(field)
		tm.keys("Tab")
	}
	tm.typeText("luke@jedi.org")
	tm.waitLine(step, "E-mail", "luke@jedi.org")
	tm.keys("Enter", "Enter", "Enter", "Enter", "Enter", "Enter")
	tm.wait(step, "! Email is already in use")
	shot("create-user")
	tm.keys("Escape") // a form with something typed asks first
	tm.wait(step, "Discard changes?")
	tm.keys("y")
	tm.waitGone(step, "New Scope user")
	quit(t, tm)
}

// stable is the screen with its styling once it has stopped changing for
// a moment: loads and redraws done.
func (tm *term) stable() string {
	tm.t.Helper()
	deadline := time.Now().Add(step)
	last := tm.tmux("capture-pane", "-e", "-p", "-t", tm.session)
	for {
		time.Sleep(250 * time.Millisecond)
		now := tm.tmux("capture-pane", "-e", "-p", "-t", tm.session)
		if now == last || time.Now().After(deadline) {
			return now
		}
		last = now
	}
}
