package ui_test

import (
	"bytes"
	"fmt"
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
	return uitest.StartRendered(t, ui.New(ctx, ui.Options{Theme: "dark"}), w, h)
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

// Below 100 columns one pane fills the screen below a line naming them
// all; the focus keys switch which. z does the same at any size. The
// smallest terminal laid out is 40×12; below it, a message says so.
func TestSmallTerminalsShowOnePaneWithATabLine(t *testing.T) {
	t.Parallel()
	p := startDemo(t, 80, 24)
	p.WaitFor("Users alone below the tab line", 5*time.Second, func(s string) bool {
		return lineStartsWith(s, 0, " ▸1 Users  2 Groups  3 Connections") && strings.Contains(s, "Abbott") &&
			!strings.Contains(s, "ASSEMBLY") && !strings.Contains(s, "[Connect]") && strings.Count(s, "╭") == 1
	})
	p.Press("3")
	p.WaitFor("Connections alone", 5*time.Second, func(s string) bool {
		return lineStartsWith(s, 0, "  1 Users  2 Groups ▸3 Connections") && strings.Contains(s, "[Connect]") && !strings.Contains(s, "Abbott")
	})
	for _, size := range [][2]int{{60, 20}, {40, 12}} {
		p.Send(resize(size[0], size[1]))
		p.WaitFor(fmt.Sprintf("one pane at %d×%d", size[0], size[1]), time.Second, func(s string) bool {
			lines := strings.Split(s, "\n")
			return strings.Contains(lines[0], "▸3 Connections") && strings.Contains(s, "[Connect]") && strings.Count(s, "╭") == 1
		})
	}
	p.Send(resize(39, 12))
	p.WaitText(time.Second, "needs a terminal", "of at least 40×12")
	p.Send(resize(40, 11))
	p.WaitText(time.Second, "needs a terminal", "of at least 40×12")

	// From 100 columns the panes stand together; z shows the focused one
	// alone, and again all of them.
	p.Send(resize(120, 40))
	p.WaitFor("three panes", time.Second, func(s string) bool {
		return strings.Count(s, "╭") == 3 && strings.Contains(s, "Abbott") && strings.Contains(s, "[Connect]")
	})
	p.Press("z")
	p.WaitFor("Connections zoomed", time.Second, func(s string) bool {
		return strings.Count(s, "╭") == 1 && strings.Contains(s, "▸3 Connections") && strings.Contains(s, "z all panes")
	})
	p.Press("tab")
	p.WaitFor("Users zoomed", time.Second, func(s string) bool {
		return strings.Count(s, "╭") == 1 && strings.Contains(s, "▸1 Users") && strings.Contains(s, "Abbott")
	})
	p.Press("z")
	p.WaitFor("three panes again", time.Second, func(s string) bool { return strings.Count(s, "╭") == 3 })
	p.Press("ctrl+c")
	p.WaitFinished(t, finalTimeout)
}

// At 120 columns each pane has what it needs: Connections' four tab
// names and its rows' actions are whole.
func TestAt120ColumnsConnectionsTabsAndButtonsAreWhole(t *testing.T) {
	t.Parallel()
	p := startDemo(t, 120, 40)
	p.WaitText(5*time.Second, "Abbott", "[Connect]")
	p.Press("3", "]")
	p.WaitText(5*time.Second, "Possible ▸Network  Invitations  Communities", "[Remove connection]")
	p.Press("]")
	p.WaitText(5*time.Second, "▸Invitations", "[Accept][Decline]")
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

// Help on a terminal too narrow for its columns is one column the
// movement keys scroll, every key reachable.
func TestHelpScrollsOnASmallTerminal(t *testing.T) {
	t.Parallel()
	p := startDemo(t, 40, 12)
	p.WaitText(5*time.Second, "Abbott")
	p.Press("?")
	p.WaitText(time.Second, "rosterm help", "search", "more below")
	p.Press("G")
	p.WaitText(time.Second, "one pane / all panes", "ctrl+c", "0 more below")
	p.Press("g")
	p.WaitText(time.Second, "Users pane", "search")
	p.Press("esc")
	p.WaitText(time.Second, "▸1 Users")
	p.Press("ctrl+c")
	p.WaitFinished(t, finalTimeout)
}
