package ui_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/search"
	"github.com/rosterm/rosterm/ui/uitest"
)

// TestTypingASearchSendsAtMostTwoRequests types a 12-character search at
// a brisk typing pace (a key every 60 ms) into the Users pane and into the
// Connections filter, and counts the searches that reach the server: the
// debounce must collapse the keystrokes into at most two.
func TestTypingASearchSendsAtMostTwoRequests(t *testing.T) {
	t.Parallel()
	srv := demotest.Start(t, demo.Options{})
	ctx, err := connectDemo(t.Context(), srv.URL, demoopigno.AdminUUID, "dark")
	if err != nil {
		t.Fatal(err)
	}
	without(ctx, api.Vision) // Vision has no server-side search: only Scope's count here
	// The debounce runs on a virtual clock: the typing pace is virtual
	// time, the same however busy the machine is.
	clk := clock.NewVirtual(time.Now())
	ctx.Clock = clk
	t.Cleanup(func() { clk.Advance(time.Hour) }) // no timer left waiting
	p := uitest.Start(t, ui.New(ctx, ui.Options{Theme: "dark"}), 120, 40)
	p.WaitText(5*time.Second, "Abbott", "[Connect]")

	const text = "fernandezxyz" // 12 characters
	typeBriskly := func() {
		for _, r := range text {
			// Each key's debounce timer is set before the next 60 ms pass.
			set := clk.Scheduled()
			p.Press(string(r))
			p.WaitFor("the key's debounce timer", 5*time.Second, func(string) bool { return clk.Scheduled() > set })
			clk.Advance(60 * time.Millisecond)
			// What fell due reaches the program before the next key, as
			// it would at a typist's pace: a debounce shorter than the
			// pace would send a search here. (Correct code has nothing
			// due: the pass does not depend on this pause.)
			time.Sleep(20 * time.Millisecond)
		}
	}
	searches := func(field, arg string) int {
		n := 0
		for _, c := range srv.Calls(field) {
			if v, ok := c.Variables[arg].(string); ok && v != "" {
				n++
			}
		}
		return n
	}
	// pause is the typist stopping: once the whole text has been taken,
	// the clock moves on past the debounce until the answer shows.
	pause := func(answer string) {
		p.WaitText(5*time.Second, "/ "+text)
		p.WaitFor(answer, 5*time.Second, func(s string) bool {
			clk.Advance(search.Delay)
			return strings.Contains(s, answer)
		})
	}

	p.Press("1", "/")
	typeBriskly()
	pause("No user matches")
	if n := searches("users(", "fullText"); n == 0 || n > 2 {
		t.Errorf("typing %q into the Users search sent %d searches, want 1 or 2", text, n)
	}

	p.Press("esc", "3", "/")
	typeBriskly()
	pause("0/0") // the filtered, empty list
	if n := searches("getPossibleUserConnections", "name"); n == 0 || n > 2 {
		t.Errorf("typing %q into the Connections filter sent %d requests, want 1 or 2", text, n)
	}
}
