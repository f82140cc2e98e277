package ui_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/ui/common"
)

// `:` lists every action with its key, filters as you type and runs the
// chosen action with enter, by the key in effect: a rebound key is what it
// shows and what it presses.
func TestThePaletteFiltersShowsKeysAndRuns(t *testing.T) {
	t.Parallel()
	p := startWith(t, 120, 40, func(ctx *common.Context) {
		if err := ctx.Keys.Apply(map[string][]string{"errors": {"L"}}); err != nil {
			t.Fatal(err)
		}
	})
	p.WaitText(5*time.Second, "Abbott", "· Scope 1200")

	p.Press(":")
	p.WaitText(2*time.Second, "Commands", "k/up", "move up")
	p.Type("error")
	p.WaitFor("only the error log, with its rebound key", 2*time.Second, func(s string) bool {
		return lineWith(s, "L", "errors", "error log") && !strings.Contains(s, "delete")
	})
	p.Press("enter")
	p.WaitText(2*time.Second, "Recent errors", "(L or esc closes)")
	p.Press("esc")

	// j and k are letters in the filter; the arrows move.
	p.Press(":")
	p.Type("jk")
	p.WaitText(2*time.Second, ": jk", "no action matches")
	p.Press("esc")
	p.WaitFor("the palette closed", 2*time.Second, func(s string) bool { return !strings.Contains(s, "Commands") })

	// Actions that the focused pane does not hear are not offered.
	p.Press(":")
	p.Type("accept")
	p.WaitText(2*time.Second, "no action matches")
	p.Press("esc", "3", ":")
	p.Type("accept")
	p.WaitFor("accept offered on Connections", 2*time.Second, func(s string) bool { return lineWith(s, "a", "accept") })
	p.Press("esc")
}

// A change chosen in the palette runs at once: it was chosen, not typed,
// so it is not held for the palette's field having just closed (as a key
// typed right after a filter closes is).
func TestAChangeChosenInThePaletteIsNotHeld(t *testing.T) {
	t.Parallel()
	p := startWith(t, 120, 40, func(ctx *common.Context) { ctx.Grace = 250 * time.Millisecond })
	p.WaitText(5*time.Second, "Abbott", "· Scope 1200")
	p.Press("3", "]", "]")
	p.WaitText(5*time.Second, "▸Invitations", "[Accept]")
	p.Press(":")
	p.Type("accept")
	p.WaitFor("accept offered", 2*time.Second, func(s string) bool { return lineWith(s, "a", "accept") })
	time.Sleep(300 * time.Millisecond) // past the palette's own grace period, for enter
	p.Press("enter")
	p.WaitText(5*time.Second, "Accepting the invitation from")
	if strings.Contains(p.Screen.Text(), "Held a") {
		t.Fatalf("the palette's accept was held:\n%s", p.Screen.Text())
	}
}
