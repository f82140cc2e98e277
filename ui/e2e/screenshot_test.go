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
// when ROSTERM_SCREENSHOTS=1; otherwise it only checks that each screen
// can be captured.
func TestScreenshots(t *testing.T) {
	const w, h = 120, 40
	tm := newTerm(t, w, h)
	tm.rosterm("--theme", "dark")
	tm.wait(startup, "Abbott", "A Group", "[Connect]")
	shots := []struct {
		name string
		keys []string
	}{
		{"users", []string{"1"}},
		{"groups", []string{"2"}},
		{"connections", []string{"3"}},
	}
	for _, s := range shots {
		tm.keys(s.keys...)
		time.Sleep(300 * time.Millisecond)
		captured := tm.tmux("capture-pane", "-e", "-p", "-t", tm.session)
		if os.Getenv("ROSTERM_SCREENSHOTS") == "1" {
			path := filepath.Join("screenshots", s.name+".svg")
			if err := os.WriteFile(path, []byte(svg(captured, w, h)), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", path)
		}
	}
	tm.keys("q")
	tm.wait(5*time.Second, "EXIT:0")
}
