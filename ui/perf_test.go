package ui_test

import (
	"io"
	"testing"
	"time"
)

// TestTerminalBytes measures what the real program writes to the terminal
// at 120×40: for one cursor move (target under 2 KB: only the changed rows
// are redrawn) and for three idle seconds after the data is shown (target
// 0 bytes: no clock, no spinner, nothing to redraw).
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
	if move == 0 || move > 2048 {
		t.Errorf("one cursor move wrote %d bytes, want 1..2048", move)
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
