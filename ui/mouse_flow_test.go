package ui_test

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/uitest"
)

// cellOf is the column (in cells) where text begins on line y of the
// screen, or -1.
func cellOf(screen string, y int, text string) int {
	lines := strings.Split(screen, "\n")
	if y >= len(lines) {
		return -1
	}
	i := strings.Index(lines[y], text)
	if i < 0 {
		return -1
	}
	return len([]rune(lines[y][:i]))
}

func click(p *uitest.Program, x, y int) {
	p.Send(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
}

// With the mouse captured, a click on a row selects it (focusing its pane),
// a click on a Connections tab shows it, and on a narrow terminal a click
// on a pane's name in the tab line shows that pane.
func TestAClickSelectsARowAndShowsATabOrAPane(t *testing.T) {
	t.Parallel()
	p := uitest.Start(t, ui.New(demoContext(t, "dark"), ui.Options{Theme: "dark", Mouse: true}), 120, 40)
	p.WaitText(5*time.Second, "Hana Abbott", "[Connect]", "ASSEMBLY")

	// The fourth user: a click on its line.
	y := lineIndex(p.Screen.Text(), "Hana Abbott")
	click(p, 10, y)
	p.WaitFor("Hana Abbott selected", time.Second, func(s string) bool { return lineWith(s, "▌", "Hana Abbott") })

	// A group, in the pane beside: focused, the group selected.
	y = lineIndex(p.Screen.Text(), "ELECTRICAL")
	click(p, cellOf(p.Screen.Text(), y, "ELECTRICAL"), y)
	p.WaitFor("ELECTRICAL selected in the focused Groups", time.Second, func(s string) bool {
		return strings.Contains(s, "▶ Groups") && lineWith(s, "▌", "ELECTRICAL")
	})

	// Connections' Network tab, then its third row.
	click(p, cellOf(p.Screen.Text(), 1, "Network"), 1)
	p.WaitFor("the Network tab shown", 5*time.Second, func(s string) bool {
		return strings.Contains(s, "▶ Connections") && strings.Contains(s, "▸Network") && strings.Contains(s, "[Remove connection]")
	})
	x := cellOf(p.Screen.Text(), 4, "[Remove connection]")
	third := strings.TrimSpace(strings.Split(pane(p.Screen.Text()), "\n")[4])
	click(p, x, 4)
	p.WaitFor("the third connection selected", time.Second, func(s string) bool {
		return strings.Contains(strings.Split(pane(s), "\n")[4], "▌") && strings.Contains(pane(s), third[:10])
	})

	// Narrow: one pane; a click on "2 Groups" in the tab line shows it.
	p.Send(tea.WindowSizeMsg{Width: 60, Height: 20})
	p.WaitText(time.Second, "▸3 Connections")
	click(p, cellOf(p.Screen.Text(), 0, "2 Groups"), 0)
	p.WaitFor("Groups shown", time.Second, func(s string) bool {
		return strings.Contains(s, "▸2 Groups") && strings.Contains(s, "ASSEMBLY") && strings.Count(s, "╭") == 1
	})
	quit(t, p)
}

// lineIndex is the first screen line holding text, or -1.
func lineIndex(screen, text string) int {
	for i, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, text) {
			return i
		}
	}
	return -1
}
