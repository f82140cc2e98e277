//go:build e2e

package e2e

import (
	"fmt"
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

// Resizing reflows: below 100 columns one pane fills the window under a
// line naming the three (the focus keys switch), down to 40×12; below
// that a friendly message says what is needed, and growing again restores
// the panes side by side.
func TestResize(t *testing.T) {
	tm := newTerm(t, 120, 40)
	tm.rosterm()
	tm.wait(startup, "Abbott", "[Connect]")
	for _, size := range [][2]int{{80, 24}, {60, 20}, {40, 12}} {
		w, h := size[0], size[1]
		tm.resize(w, h)
		s := tm.waitFor(step, fmt.Sprintf("Users alone in %d×%d", w, h), func(s string) bool {
			return strings.HasPrefix(s, " ▸1 Users  2 Groups  3 Connections") && strings.Count(s, "╭") == 1 &&
				strings.Contains(s, "Abbott") && !strings.Contains(s, "[Connect]")
		})
		if lines := strings.Split(strings.TrimRight(s, "\n"), "\n"); len(lines) > h {
			t.Fatalf("more lines than the window has:\n%s", s)
		}
		for _, l := range strings.Split(s, "\n") {
			if n := len([]rune(l)); n > w {
				t.Fatalf("a line %d wide in a %d-column window:\n%s", n, w, s)
			}
		}
		tm.keys("3")
		tm.waitFor(step, fmt.Sprintf("Connections alone in %d×%d", w, h), func(s string) bool {
			return strings.HasPrefix(s, "  1 Users  2 Groups ▸3 Connections") && strings.Count(s, "╭") == 1 && strings.Contains(s, "▸Possible")
		})
		tm.keys("1")
		tm.wait(step, " ▸1 Users")
	}
	tm.resize(39, 12)
	tm.wait(step, "needs a terminal", "of at least 40×12", "39×12", "press q")
	tm.resize(120, 40)
	tm.wait(step, "Users", "Connections", "Abbott", "Username", "[Connect]")
	quit(t, tm)
}

// q in the too-small message quits too, and leaves the terminal clean.
func TestQuitFromTooSmall(t *testing.T) {
	tm := newTerm(t, 36, 10)
	tm.rosterm()
	tm.wait(startup, "needs a terminal", "of at least 40×12")
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
