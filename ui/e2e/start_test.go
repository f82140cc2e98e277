//go:build e2e

package e2e

import (
	"strings"
	"testing"
	"time"
)

const startup = 10 * time.Second

// A new user's first start: no configuration, so the demo server; three
// panes with data and the demo notice; the keys that move between panes.
func TestFirstStart(t *testing.T) {
	tm := newTerm(t, 120, 40)
	tm.rosterm()
	tm.wait(startup, "Users", "Groups", "Connections", "Abbott", "A Group", "[Connect]", "demo data")

	tm.keys("Tab")
	tm.wait(time.Second, "▶ Groups")
	tm.keys("3")
	tm.wait(time.Second, "▶ Connections")
	tm.keys("BTab")
	tm.wait(time.Second, "▶ Groups")
	tm.keys("1", "j", "j")
	tm.wait(time.Second, "▶ Users")

	quit(t, tm)
}

// The help overlay opens with ? and closes with esc.
func TestHelpOverlay(t *testing.T) {
	tm := newTerm(t, 120, 40)
	tm.rosterm()
	tm.wait(startup, "Abbott")
	tm.keys("?")
	tm.wait(time.Second, "rosterm help", "Everywhere", "next pane")
	tm.keys("Escape")
	tm.waitGone(time.Second, "rosterm help")
	tm.wait(time.Second, "Abbott", "▶ Users")
	quit(t, tm)
}

// Resizing reflows; below the minimum size a friendly message says what
// is needed, and growing again restores the panes.
func TestResize(t *testing.T) {
	tm := newTerm(t, 120, 40)
	tm.rosterm()
	tm.wait(startup, "Abbott", "[Connect]")
	tm.resize(80, 24)
	tm.wait(2*time.Second, "Users", "Groups", "Connections")
	if s := tm.screen(); len(strings.Split(strings.TrimRight(s, "\n"), "\n")) > 24 {
		t.Fatalf("more lines than the window has:\n%s", s)
	}
	tm.resize(60, 20)
	tm.wait(2*time.Second, "needs a terminal of at least")
	tm.resize(120, 40)
	tm.wait(2*time.Second, "Users", "Connections", "Abbott")
	quit(t, tm)
}

// quit presses q and checks the terminal is left as it was: the shell is
// back, the alternate screen is off and the cursor is visible.
func quit(t *testing.T, tm *term) {
	t.Helper()
	tm.keys("q")
	tm.wait(5*time.Second, "EXIT:0")
	if alt := tm.format("alternate_on"); alt != "0" {
		t.Errorf("the alternate screen is still on after quitting")
	}
	if cur := tm.format("cursor_flag"); cur != "1" {
		t.Errorf("the cursor is hidden after quitting")
	}
}
