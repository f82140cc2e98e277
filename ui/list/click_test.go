package list

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A click selects the row drawn where it lands, whatever the list shows
// above its rows; a click on anything else selects nothing.
func TestClickSelectsTheRowDrawnThere(t *testing.T) {
	m, src := newList(t, 10)
	src.n = 2600
	answers(m, m.LoadEnds(src.fetch, src.last))
	m.View(true)
	if _, ok := m.Click(3); !ok {
		t.Fatal("a click on the fourth line selected nothing")
	}
	if r, _ := m.Selected(); r != "row-3" {
		t.Errorf("clicked the fourth line, selected %q", r)
	}
	// At the end, with the gap's line above the rows read from the end.
	answers(m, func() tea.Cmd { c, _ := m.Update(press("G")); return c }())
	for range 25 {
		m.Update(press("k"))
	}
	view := m.View(true)
	gapAt := -1
	for i, l := range view {
		if strings.Contains(l, "not loaded yet") {
			gapAt = i
		}
	}
	if gapAt < 0 {
		t.Fatalf("no gap line:\n%s", strings.Join(view, "\n"))
	}
	before, _ := m.Selected()
	if _, ok := m.Click(gapAt); ok {
		t.Error("a click on the gap's line selected a row")
	}
	if r, _ := m.Selected(); r != before {
		t.Errorf("a click on the gap's line moved the cursor to %q", r)
	}
	m.Click(gapAt + 2)
	if r, _ := m.Selected(); r != fmt.Sprintf("row-%d", 2580+1) {
		t.Errorf("the second line below the gap selected %q, want row-2581", r)
	}
	if _, ok := m.Click(99); ok {
		t.Error("a click below the list selected a row")
	}
}
