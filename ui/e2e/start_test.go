//go:build e2e

package e2e

import (
	"os"
	"strings"
	"testing"
)

// A new user's first start: no configuration, so the demo server; three
// panes with data and a notice that says so and how to write a
// configuration; the keys that move between panes.
func TestFirstStart(t *testing.T) {
	tm := newTerm(t, 120, 40)
	tm.run("echo TERM=$TERM NO_COLOR=$NO_COLOR.")
	tm.wait(step, "TERM="+termName()+" NO_COLOR="+os.Getenv("NO_COLOR")+".")
	tm.rosterm()
	tm.wait(startup, "Users", "Groups", "Connections", "Abbott", "A Group", "[Connect]")
	tm.waitStatus(step, "no configuration: demo data · rosterm config init writes one", "? help · q quit")

	// The first key puts the notice away; the status line says what
	// rosterm works on.
	tm.keys("Tab")
	tm.wait(step, "▶ Groups")
	tm.waitStatus(step, "demo data · acting as Demo Administrator")
	tm.keys("3")
	tm.wait(step, "▶ Connections")
	tm.keys("BTab")
	tm.wait(step, "▶ Groups")
	tm.keys("1")
	tm.wait(step, "▶ Users")
	quit(t, tm)
}

// The help overlay opens with ?, lists the focused pane's keys then the
// keys that work everywhere, and closes with esc.
func TestHelpOverlay(t *testing.T) {
	tm := newTerm(t, 120, 40)
	tm.rosterm()
	tm.wait(startup, "Abbott")
	tm.keys("?")
	tm.wait(step, "rosterm help", "Users pane", "new user", "Everywhere", "next pane", "demo data · theme")
	tm.keys("Escape")
	tm.waitGone(step, "rosterm help")
	tm.wait(step, "Abbott", "▶ Users")

	tm.keys("3")
	tm.wait(step, "▶ Connections")
	tm.keys("?")
	tm.wait(step, "rosterm help", "Connections pane", "next tab", "act as…", "Everywhere")
	tm.keys("?") // ? closes it too
	tm.waitGone(step, "rosterm help")
	tm.wait(step, "▶ Connections")
	quit(t, tm)
}

// Resizing reflows; below the minimum size a friendly message says what
// is needed, and growing again restores the panes.
func TestResize(t *testing.T) {
	tm := newTerm(t, 120, 40)
	tm.rosterm()
	tm.wait(startup, "Abbott", "[Connect]")
	tm.resize(80, 24)
	s := tm.waitFor(step, "three panes in 80×24", func(s string) bool {
		return containsAll(s, "Users", "Groups", "Connections", "? help") && !strings.Contains(s, "Username")
	})
	if lines := strings.Split(strings.TrimRight(s, "\n"), "\n"); len(lines) > 24 {
		t.Fatalf("more lines than the window has:\n%s", s)
	}
	for _, l := range strings.Split(s, "\n") {
		if w := len([]rune(l)); w > 80 {
			t.Fatalf("a line %d wide in an 80-column window:\n%s", w, s)
		}
	}
	tm.resize(60, 20)
	tm.wait(step, "needs a terminal of at least", "this one is 60×20", "press q to quit")
	tm.resize(120, 40)
	tm.wait(step, "Users", "Connections", "Abbott", "Username")
	quit(t, tm)
}

// q in the too-small message quits too, and leaves the terminal clean.
func TestQuitFromTooSmall(t *testing.T) {
	tm := newTerm(t, 60, 20)
	tm.rosterm()
	tm.wait(startup, "needs a terminal of at least")
	quit(t, tm)
}

// quit presses q and checks the terminal is left as it was: the alternate
// screen is off, the cursor is visible, none of the UI is left on screen,
// and the shell takes the next command.
func quit(t *testing.T, tm *term) {
	t.Helper()
	tm.keys("q")
	s := tm.wait(step, "EXIT:0")
	if alt := tm.format("alternate_on"); alt != "0" {
		t.Errorf("the alternate screen is still on after quitting")
	}
	if cur := tm.format("cursor_flag"); cur != "1" {
		t.Errorf("the cursor is hidden after quitting")
	}
	if strings.ContainsAny(s, "╭╰▶▌") {
		t.Errorf("the UI is left on the shell's screen:\n%s", s)
	}
	tm.run("echo ok")
	tm.waitFor(step, "the shell to run echo", func(s string) bool {
		for _, l := range strings.Split(s, "\n") {
			if strings.TrimSpace(l) == "ok" {
				return true
			}
		}
		return false
	})
}
