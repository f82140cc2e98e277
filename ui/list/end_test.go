package list

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
)

// last serves the fake source from its end, as Relay last/before does:
// before is the index of the first row already read from the end.
func (f *fakeSource) last(_ context.Context, before string, n int) (api.Page[string], error) {
	f.requests["last:"+before]++
	end := f.n
	if before != "" {
		fmt.Sscanf(before, "%d", &end)
	}
	start := max(end-n, 0)
	p := api.Page[string]{Total: f.n, Next: fmt.Sprint(start), More: start > 0}
	for i := start; i < end; i++ {
		p.Items = append(p.Items, fmt.Sprintf("row-%d", i))
	}
	return p, nil
}

// answers runs cmd, feeding each message back, and counts the answers.
func answers(m *Model[string], cmd tea.Cmd) (n int) {
	for cmd != nil {
		msg := cmd()
		if _, ok := msg.(PageMsg[string]); ok {
			n++
		}
		cmd, _ = m.Update(msg)
	}
	return n
}

// The bottom key on a list whose server pages from the end asks for the
// last rows at once: one request, the cursor on the real last row, a gap
// line standing for the rows between. Scrolling up from there fills the
// gap from below until it meets the rows read from the start, after which
// the list holds every row once, in order.
func TestBottomAsksForTheLastRowsAndTheGapFillsFromBelow(t *testing.T) {
	m, src := newList(t, 10)
	src.n = 2600
	answers(m, m.LoadEnds(src.fetch, src.last))
	if n := answers(m, func() tea.Cmd { c, _ := m.Update(press("G")); return c }()); n != 1 {
		t.Fatalf("G took %d requests, want 1", n)
	}
	if r, _ := m.Selected(); r != "row-2599" {
		t.Fatalf("after G the cursor is on %q, want row-2599", r)
	}
	if m.Counter() != "40/2600" {
		t.Errorf("counter %q, want 40/2600", m.Counter())
	}
	for i := 0; i < 3000 && m.Cursor() > 0; i++ {
		answers(m, func() tea.Cmd { c, _ := m.Update(press("k")); return c }())
		if strings.Contains(strings.Join(m.View(true), "\n"), "not loaded yet") && m.Len() == 2600 {
			t.Fatal("a gap line with every row loaded")
		}
	}
	if m.Len() != 2600 || m.Cursor() != 0 {
		t.Fatalf("after scrolling up: %d rows, cursor %d; want 2600 and 0", m.Len(), m.Cursor())
	}
	for i := range 2600 {
		if got := m.Item(i); got != fmt.Sprintf("row-%d", i) {
			t.Fatalf("row %d is %q", i, got)
		}
	}
	for c, n := range src.requests {
		if n != 1 {
			t.Errorf("page %q asked %d times", c, n)
		}
	}
	if len(src.requests) > 2600/20+2 {
		t.Errorf("requests %d: the gap was not filled page by page", len(src.requests))
	}
}

// The gap is shown as one line, and stepping does not cross it: the
// cursor waits at its edge while it fills, from below or from above.
func TestTheGapIsOneLineTheCursorDoesNotStepOver(t *testing.T) {
	m, src := newList(t, 10)
	src.n = 2600
	answers(m, m.LoadEnds(src.fetch, src.last))
	answers(m, func() tea.Cmd { c, _ := m.Update(press("G")); return c }())
	for range 25 {
		m.Update(press("k")) // no answer is let in: the rows before row 2580 wait
	}
	if r, _ := m.Selected(); r != "row-2580" {
		t.Fatalf("cursor on %q, want row-2580, the first read from the end", r)
	}
	view := strings.Join(m.View(true), "\n")
	if !strings.Contains(view, "2560 more rows not loaded yet") {
		t.Errorf("the gap line is not on screen between the two parts:\n%s", view)
	}
	m.Update(press("g"))
	for range 19 {
		m.Update(press("j")) // no answer is let in: the page after row 19 waits
	}
	if r, _ := m.Selected(); r != "row-19" {
		t.Fatalf("cursor on %q, want row-19", r)
	}
	m.Update(press("j"))
	if r, _ := m.Selected(); r != "row-19" {
		t.Errorf("a step from the last row read from the start went to %q, over the gap", r)
	}
}

// Where the server cannot page from the end, the bottom key reads on to
// it, saying how far it has got, and the back key stops it.
func TestBottomReadsOnWithProgressAndBackStops(t *testing.T) {
	m, src := newList(t, 10)
	src.n = 2600
	answers(m, m.LoadEnds(src.fetch, func(context.Context, string, int) (api.Page[string], error) {
		return api.Page[string]{}, api.ErrNoLast
	}))
	cmd, _ := m.Update(press("G"))
	for range 5 {
		cmd, _ = m.Update(cmd())
	}
	if !m.Seeking() || !strings.Contains(strings.Join(m.View(true), "\n"), "reading to the end:") {
		t.Fatalf("not reading on with progress:\n%s", strings.Join(m.View(true), "\n"))
	}
	if r, _ := m.Selected(); r != fmt.Sprintf("row-%d", m.Len()-1) {
		t.Errorf("while reading on the cursor is on %q, not the last row read", r)
	}
	stop, _ := m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if stop != nil || m.Seeking() {
		t.Fatal("esc did not stop reading on")
	}
	answers(m, cmd) // the page in flight arrives; nothing more is asked
	at := m.Len()
	if m.Len() == 2600 || m.Loading() {
		t.Fatalf("reading went on after esc: %d rows", at)
	}
	// Again, to the end this time.
	answers(m, func() tea.Cmd { c, _ := m.Update(press("G")); return c }())
	if r, _ := m.Selected(); r != "row-2599" || m.Seeking() {
		t.Errorf("G read on to %q (seeking %v), want row-2599", r, m.Seeking())
	}
}

// From the top, after G, the gap fills from above as the cursor comes
// near it, and joins the rows read from the end without a row twice.
func TestTheGapFillsFromAboveAndJoins(t *testing.T) {
	m, src := newList(t, 10)
	src.n = 700
	answers(m, m.LoadEnds(src.fetch, src.last))
	answers(m, func() tea.Cmd { c, _ := m.Update(press("G")); return c }())
	answers(m, func() tea.Cmd { c, _ := m.Update(press("g")); return c }())
	for i := 0; i < 1000 && m.Cursor() < m.Len()-1; i++ {
		answers(m, func() tea.Cmd { c, _ := m.Update(press("j")); return c }())
	}
	if m.Len() != 700 || m.More() {
		t.Fatalf("%d rows, more %v: want 700, the end", m.Len(), m.More())
	}
	for i := range 700 {
		if got := m.Item(i); got != fmt.Sprintf("row-%d", i) {
			t.Fatalf("row %d is %q", i, got)
		}
	}
	if strings.Contains(strings.Join(m.View(true), "\n"), "not loaded yet") {
		t.Error("the gap's line is still drawn")
	}
	if n := src.requests["last:"]; n != 1 {
		t.Errorf("the last rows asked %d times", n)
	}
}
