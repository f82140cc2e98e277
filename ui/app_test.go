package ui_test

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/uitest"
)

// startDemo runs the whole program on a demo server, as `go run .` does,
// in a w×h test terminal.
func startDemo(t *testing.T, w, h int) *uitest.Program {
	t.Helper()
	srv := demotest.Start(t, demo.Options{})
	ctx, err := connectDemo(t.Context(), srv.URL, demoopigno.AdminUUID, "dark")
	if err != nil {
		t.Fatal(err)
	}
	return uitest.Start(t, ui.New(ctx, ui.Options{Theme: "dark"}), w, h)
}

func TestFirstStartShowsThreePanesOfDemoData(t *testing.T) {
	t.Parallel()
	p := startDemo(t, 120, 40)
	p.WaitText(5*time.Second,
		"Users", "Groups", "Connections",
		"Abbott",          // a Scope user (by last name)
		"JEDI", "A Group", // a Scope group and a Vision group
		"[Connect]", // a possible connection's CTA
		"demo data", "acting as Demo Administrator")

	p.Press("tab")
	p.WaitText(time.Second, "▶ Groups")
	p.Press("3")
	p.WaitText(time.Second, "▶ Connections")
	p.Press("shift+tab")
	p.WaitText(time.Second, "▶ Groups")
	p.Press("1", "j")
	p.WaitFor("the cursor on the second user", time.Second, func(s string) bool { return lineStartsWith(s, 2, "│▌") })

	p.Press("q")
	p.WaitFinished(t, finalTimeout)
	out, _ := io.ReadAll(p.FinalOutput(t, finalTimeout))
	if !bytes.Contains(out, []byte("\x1b[?1049l")) {
		t.Error("quitting must leave the alternate screen")
	}
}

func TestSmallTerminalsReflow(t *testing.T) {
	t.Parallel()
	p := startDemo(t, 80, 24)
	p.WaitText(5*time.Second, "Users", "Groups", "Connections", "Abbott", "[Connect]")
	p.Send(resize(60, 20))
	p.WaitText(time.Second, "needs a terminal of at least")
	p.Send(resize(100, 30))
	p.WaitText(time.Second, "Users", "Connections")
	p.Press("ctrl+c")
	p.WaitFinished(t, finalTimeout)
}

var finalTimeout = teatest.WithFinalTimeout(5 * time.Second)

func resize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// lineStartsWith reports whether line n of the screen starts with prefix.
func lineStartsWith(screen string, n int, prefix string) bool {
	lines := strings.Split(screen, "\n")
	return len(lines) > n && strings.HasPrefix(lines[n], prefix)
}
