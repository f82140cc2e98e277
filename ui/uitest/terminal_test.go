package uitest

import (
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api/demo/hostile"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// The checkers catch every payload as a server sends it, and pass it once
// sanitized: a test that uses them can fail.
func TestTheCheckersCatchEveryPayload(t *testing.T) {
	for _, p := range hostile.Payloads() {
		raw := hostile.Wire(p.Text)
		if len(FrameProblems("Mallory "+raw, 120, 40)) == 0 {
			t.Errorf("%s: FrameProblems misses %q", p.Name, raw)
		}
		problems, clip := TerminalProblems([]byte("Mallory " + raw))
		if len(problems) == 0 && len(clip) == 0 && p.Name != "carriage return" {
			t.Errorf("%s: TerminalProblems misses %q", p.Name, raw)
		}
		safe := sanitize.Text(raw)
		if got := FrameProblems(safe, 120, 40); len(got) > 0 {
			t.Errorf("%s: sanitized %q still has %v", p.Name, safe, got)
		}
		if got, _ := TerminalProblems([]byte(safe)); len(got) > 0 {
			t.Errorf("%s: sanitized %q still has %v", p.Name, safe, got)
		}
	}
	if got := FrameProblems(strings.Repeat("x", 121), 120, 40); len(got) == 0 {
		t.Error("a line wider than the terminal is a problem")
	}
	if got, _ := TerminalProblems([]byte("\x1b]2;rosterm\a\x1b[?1049h\x1b[2J\x1b[12;4H\x1b[38;5;2mok\x1b[m\r\n\x1b]2;\a")); len(got) > 0 {
		t.Errorf("what a renderer writes is no problem: %v", got)
	}
}
