package ui_test

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/uitest"
)

// TestTerminalBytes measures what the real program writes to the terminal
// at 120×40: for one cursor move (at most 600 bytes: only the changed
// cells are written, the two rows and the user's detail, whose lines stay
// put) and for three idle seconds after the data is shown (0 bytes: no
// clock, no spinner, nothing to redraw). ui/perfreport measures the same
// on every setup.
func TestTerminalBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("waits three idle seconds")
	}
	p := startDemo(t, 120, 40)
	p.WaitText(5*time.Second, "Abbott", "A Group", "[Connect]", "acting as Demo Administrator")
	settle := func() int {
		// Drain until a quiet spell: everything caused so far has been drawn.
		total := 0
		for {
			time.Sleep(200 * time.Millisecond)
			b, _ := io.ReadAll(p.Output())
			if len(b) == 0 {
				return total
			}
			total += len(b)
		}
	}
	settle()

	p.Press("j")
	p.WaitFor("the cursor to move", time.Second, func(s string) bool { return lineStartsWith(s, 2, "│▌") })
	move := settle()
	t.Logf("one cursor move: %d bytes", move)
	if move == 0 || move > 600 {
		t.Errorf("one cursor move wrote %d bytes, want 1..600", move)
	}

	time.Sleep(3 * time.Second)
	idle, _ := io.ReadAll(p.Output())
	t.Logf("3 s idle: %d bytes", len(idle))
	if len(idle) != 0 {
		t.Errorf("idle for 3 s, the program wrote %d bytes: %q", len(idle), idle)
	}
	p.Press("q")
	p.WaitFinished(t, finalTimeout)
}

// TestTypingASearchSendsAtMostTwoRequests types a 12-character search at
// a brisk typing pace (a key every 60 ms) into the Users pane and into the
// Connections filter, and counts the searches that reach the server: the
// debounce must collapse the keystrokes into at most two.
func TestTypingASearchSendsAtMostTwoRequests(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	ctx, err := connectDemo(t.Context(), srv.URL, demoopigno.AdminUUID, "dark")
	if err != nil {
		t.Fatal(err)
	}
	without(ctx, api.Vision) // Vision has no server-side search: only Scope's count here
	p := uitest.Start(t, ui.New(ctx, ui.Options{Theme: "dark"}), 120, 40)
	p.WaitText(5*time.Second, "Abbott", "[Connect]")

	const text = "fernandezxyz" // 12 characters
	typeSlowly := func() {
		for _, r := range text {
			p.Press(string(r))
			time.Sleep(60 * time.Millisecond)
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

	p.Press("1", "/")
	typeSlowly()
	p.WaitText(5*time.Second, "No user matches")
	if n := searches("users(", "fullText"); n == 0 || n > 2 {
		t.Errorf("typing %q into the Users search sent %d searches, want 1 or 2", text, n)
	}

	p.Press("esc", "3", "/")
	typeSlowly()
	p.WaitFor("the filtered, empty list", 5*time.Second, func(s string) bool { return strings.Contains(s, "0/0") })
	if n := searches("getPossibleUserConnections", "name"); n == 0 || n > 2 {
		t.Errorf("typing %q into the Connections filter sent %d requests, want 1 or 2", text, n)
	}
}
