package perf_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/ui/perf"
)

// TestTerminalBytes measures what the real program writes to the terminal
// at 120×40 on the demo, as Bubble Tea's renderer writes it: for one
// cursor move (at most 600 bytes: only the changed cells are written, the
// two rows and the user's detail, whose lines stay put) and for a second
// and a half idle after the data is shown (0 bytes: no clock, no spinner,
// nothing to redraw). ui/perfreport measures the same on every setup.
//
// It runs here rather than beside the ui package's flows: those load the
// machine enough to delay a frame past a quiet spell, and a late frame
// would be counted as idle output.
func TestTerminalBytes(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("waits an idle second and a half")
	}
	sc, err := perf.StartScenario(120, 40)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	if err := sc.Wait("Abbott", "A Group", "[Connect]", "acting as Demo Administrator"); err != nil {
		t.Fatal(err)
	}

	sc.Session.Written() // counted from here
	sc.Session.Press("j")
	if !sc.Session.WaitFor(10*time.Second, func(s string) bool {
		lines := strings.Split(s, "\n")
		return len(lines) > 2 && strings.HasPrefix(lines[2], "│▌")
	}) {
		t.Fatalf("j did not move the cursor to the second row:\n%s", sc.Session.Screen())
	}
	move, err := sc.Session.Flushed(10 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("one cursor move: %d bytes", move)
	if move == 0 || move > 600 {
		t.Errorf("one cursor move wrote %d bytes, want 1..600", move)
	}

	// Longer than the slowest thing that could tick (the undo countdown's
	// second).
	idle := sc.Session.Idle(1500 * time.Millisecond)
	t.Logf("1.5 s idle: %d bytes", idle)
	if idle != 0 {
		t.Errorf("idle for 1.5 s, the program wrote %d bytes", idle)
	}
}
