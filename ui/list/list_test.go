package list

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
)

// fakeSource serves rows "row-0".."row-(n-1)" and counts requests by cursor.
type fakeSource struct {
	n        int
	requests map[string]int
}

func (f *fakeSource) fetch(_ context.Context, after string, n int) (api.Page[string], error) {
	f.requests[after]++
	start := 0
	if after != "" {
		fmt.Sscanf(after, "%d", &start)
	}
	end := min(start+n, f.n)
	p := api.Page[string]{Total: f.n, Next: fmt.Sprint(end), More: end < f.n}
	for i := start; i < end; i++ {
		p.Items = append(p.Items, fmt.Sprintf("row-%d", i))
	}
	return p, nil
}

func newList(t *testing.T, height int) (*Model[string], *fakeSource) {
	t.Helper()
	th, _ := theme.New("none", true)
	ctx := &common.Context{Theme: th, Keys: keymap.Default()}
	m := New(ctx, common.Target{Pane: "p", List: "l"}, func(s string, w int) string { return s }, func(s string) string { return s })
	m.SetSize(40, height)
	return m, &fakeSource{n: 1000, requests: map[string]int{}}
}

// run executes cmd and feeds its message back, as the program would.
func run(m *Model[string], cmd tea.Cmd) {
	for cmd != nil {
		cmd, _ = m.Update(cmd())
	}
}

func press(k string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: rune(k[0]), Text: k} }

func TestPrefetchKeepsAScreenAheadAndNeverAsksTwice(t *testing.T) {
	m, src := newList(t, 10)
	run(m, m.Load(src.fetch))
	if m.Len() != 20 {
		t.Fatalf("first page: %d rows, want two screens (20)", m.Len())
	}
	for i := 0; i < 300; i++ {
		cmd, _ := m.Update(press("j"))
		if m.Len()-1-m.Cursor() < 10 && cmd == nil && m.More() && !m.Loading() {
			t.Fatalf("at row %d of %d no page was requested", m.Cursor(), m.Len())
		}
		// A second key while the page is in flight must not ask again.
		if cmd != nil {
			again, _ := m.Update(press("j"))
			if again != nil {
				t.Fatal("a second request went out while one was in flight")
			}
			run(m, cmd)
		}
	}
	for cursor, n := range src.requests {
		if n != 1 {
			t.Errorf("page after %q requested %d times", cursor, n)
		}
	}
	if strings.Contains(m.View(true)[0], "loading") {
		t.Error("the cursor row must never be a loading row")
	}
}

func TestStaleAnswersAreDropped(t *testing.T) {
	m, src := newList(t, 10)
	oldCmd := m.Load(src.fetch)
	newCmd := m.Load(func(ctx context.Context, after string, n int) (api.Page[string], error) {
		return api.Page[string]{Items: []string{"fresh"}, Total: 1}, nil
	})
	m.Update(newCmd())
	m.Update(oldCmd()) // the first query's answer arrives late
	if m.Len() != 1 || m.Item(0) != "fresh" {
		t.Fatalf("a stale page was applied: %d rows", m.Len())
	}
}

func TestRemoveKeepsCursorOnTheNextRow(t *testing.T) {
	m, src := newList(t, 10)
	run(m, m.Load(src.fetch))
	m.Update(press("j"))
	m.Update(press("j"))
	m.Remove("row-2")
	if it, _ := m.Selected(); it != "row-3" {
		t.Fatalf("after removing the selected row the cursor is on %q", it)
	}
	if !strings.HasPrefix(m.Counter(), "19/999") {
		t.Errorf("counter %q should drop with the row", m.Counter())
	}
	m.Remove("row-0")
	if it, _ := m.Selected(); it != "row-3" {
		t.Fatalf("removing a row above the cursor moved the selection to %q", it)
	}
}

func TestViewShowsOnlyTheWindowWithMarkers(t *testing.T) {
	m, src := newList(t, 5)
	run(m, m.Load(src.fetch))
	m.ToggleMark()
	lines := m.View(true)
	if len(lines) != 5 {
		t.Fatalf("%d lines for a 5-row window", len(lines))
	}
	if !strings.HasPrefix(ansi.Strip(lines[0]), "▌✓row-0") {
		t.Errorf("cursor and mark must show as glyphs: %q", lines[0])
	}
	m.Update(press("G"))
	if !strings.Contains(strings.Join(m.View(true), "\n"), fmt.Sprintf("row-%d", m.Len()-1)) {
		t.Error("G must show the last loaded row")
	}
}

func TestCancelDropsTheAnswerInFlightAndKeepsRows(t *testing.T) {
	m, src := newList(t, 10)
	run(m, m.Load(src.fetch))
	cmd, _ := m.Update(press("G")) // at the end: the next page is asked for
	if cmd == nil || !m.Loading() {
		t.Fatal("a next page should be in flight")
	}
	rows := m.Len()
	m.Cancel()
	m.Update(cmd()) // its answer arrives anyway
	if m.Len() != rows || m.Loading() {
		t.Fatalf("a cancelled page was applied: %d rows, loading %v", m.Len(), m.Loading())
	}
	if again, _ := m.Update(press("j")); again != nil {
		t.Fatal("nothing is fetched after Cancel until the next Load")
	}
}

func TestFocusMovesToARow(t *testing.T) {
	m, src := newList(t, 10)
	run(m, m.Load(src.fetch))
	m.Prepend("new")
	if !m.Focus("new") || m.Cursor() != 0 {
		t.Fatalf("focus: cursor %d", m.Cursor())
	}
	if m.Focus("absent") {
		t.Fatal("a row that is not loaded cannot be focused")
	}
}

func TestRemovingARowAboveKeepsTheSelection(t *testing.T) {
	m, src := newList(t, 10)
	run(m, m.Load(src.fetch))
	run(m, m.Select(3))
	m.Remove("row-1")
	if it, _ := m.Selected(); it != "row-3" {
		t.Fatalf("removing a row above moved the selection to %q", it)
	}
	if it, ok := m.Get("row-5"); !ok || it != "row-5" {
		t.Errorf("Get: %q %v", it, ok)
	}
	if _, ok := m.Get("row-1"); ok {
		t.Error("Get found a removed row")
	}
	if m.Total() != 999 {
		t.Errorf("Total %d", m.Total())
	}
}

func TestEmptyAndErrorTextsWrapToBeReadWhole(t *testing.T) {
	m, _ := newList(t, 5)
	m.SetSize(20, 5)
	m.Empty = "This server cannot list communities at all."
	run(m, m.Load(func(context.Context, string, int) (api.Page[string], error) { return api.Page[string]{Total: 0}, nil }))
	text := ansi.Strip(strings.Join(m.View(true), "\n"))
	for _, w := range strings.Fields(m.Empty) {
		if !strings.Contains(text, w) {
			t.Errorf("%q missing from the wrapped empty text:\n%s", w, text)
		}
	}
	for _, l := range m.View(true) {
		if ansi.StringWidth(l) != 20 {
			t.Errorf("line %q is not the list's width", l)
		}
	}
}

func TestARowPutInLocallyIsNotListedTwice(t *testing.T) {
	m, src := newList(t, 10)
	run(m, m.Load(src.fetch))
	m.Prepend("row-35") // joined the list; its place is on a later page
	run(m, m.Select(m.Len()-1))
	for m.Len() < 60 && m.More() {
		run(m, m.Select(m.Len()-1))
	}
	seen := 0
	for i := range m.Len() {
		if m.Item(i) == "row-35" {
			seen++
		}
	}
	if seen != 1 {
		t.Fatalf("row-35 is listed %d times", seen)
	}
}

// A partial answer (GraphQL errors beside data) shows the rows that came
// with the error; retrying asks for the same page again, whose whole rows
// take the place of the damaged ones.
func TestAPartialPageIsShownWithItsErrorAndRetriedWhole(t *testing.T) {
	m, src := newList(t, 10)
	run(m, m.Load(src.fetch))
	partial := true
	flaky := func(ctx context.Context, after string, n int) (api.Page[string], error) {
		p, err := src.fetch(ctx, after, n)
		if partial && after != "" {
			p.Items[1] = "" // the field that failed, nulled
			return p, &api.Error{Kind: api.KindGraphQL, Message: "the server reported: upstream timed out"}
		}
		return p, err
	}
	m.fetch = flaky
	var msgs []tea.Msg
	for cmd := m.Select(15); cmd != nil; {
		msg := cmd()
		msgs = append(msgs, msg)
		cmd, _ = m.Update(msg)
	}
	if m.Len() != 40 || m.Err() == nil || m.Item(21) != "" {
		t.Fatalf("the partial page's rows should be shown with its error: %d rows, error %v", m.Len(), m.Err())
	}
	reported, _ := msgs[len(msgs)-1].(common.ErrorMsg)
	if !strings.Contains(reported.Where, "20 that arrived are shown and may be incomplete") || reported.Pane != "p" {
		t.Errorf("the report should say rows came with the error and name the pane: %+v", reported)
	}
	if cmd := m.Select(39); cmd != nil || !strings.Contains(strings.Join(m.View(true), "\n"), "(r to retry)") {
		t.Error("below its rows the list should say how to retry, and ask for nothing more until then")
	}
	partial = false
	run(m, m.Retry())
	if m.Len() != 40 || m.Err() != nil || m.Item(21) != "row-21" {
		t.Fatalf("the retry should replace the damaged rows: %d rows, row 21 %q, error %v", m.Len(), m.Item(21), m.Err())
	}
	if src.requests["20"] != 2 {
		t.Errorf("the page after row 20 asked %d times, want twice", src.requests["20"])
	}
}

func TestLocalFilterShowsMatchingLoadedRowsAndSendsNothing(t *testing.T) {
	m, src := newList(t, 10)
	run(m, m.Load(src.fetch))
	loaded, asked := m.Len(), len(src.requests)
	run(m, m.Select(3))
	m.Filter("row-1", func(s, text string) bool { return strings.Contains(s, text) })
	if !m.Filtering() || m.Len() != 11 { // row-1, row-10..row-19
		t.Fatalf("filtered: %d rows shown, want 11", m.Len())
	}
	if got := m.Counter(); got != fmt.Sprintf("11 of %d", loaded) {
		t.Errorf("counter %q", got)
	}
	for range 30 {
		run(m, m.Select(m.Cursor()+1))
	}
	if len(src.requests) != asked {
		t.Errorf("moving through a filtered list sent %d requests", len(src.requests)-asked)
	}
	m.Remove("row-12")
	run(m, m.Select(2))
	sel, _ := m.Selected()
	m.Filter("", nil)
	if m.Len() != loaded-1 {
		t.Errorf("cleared: %d rows, want %d (one removed while filtered)", m.Len(), loaded-1)
	}
	if got, _ := m.Selected(); got != sel {
		t.Errorf("cleared: cursor on %q, want it still on %q", got, sel)
	}
}

func TestInsertPutsARowInItsPlaceAndKeepsTheCursor(t *testing.T) {
	m, src := newList(t, 10)
	run(m, m.Load(src.fetch))
	run(m, m.Select(5))
	num := func(s string) (f float64) { fmt.Sscanf(strings.TrimPrefix(s, "row-"), "%g", &f); return f }
	before := func(a, b string) bool { return num(a) < num(b) }
	if !m.Insert("row-12.5", before) {
		t.Fatal("not inserted")
	}
	if got, _ := m.Selected(); got != "row-5" {
		t.Errorf("cursor moved to %q", got)
	}
	i := 0
	for ; i < m.Len() && m.Item(i) != "row-12.5"; i++ {
	}
	if i == m.Len() || m.Item(i-1) != "row-12" || m.Item(i+1) != "row-13" {
		t.Errorf("row-12.5 at %d, not between row-12 and row-13", i)
	}
	if m.Insert("row-5000", before) {
		t.Error("a row after every loaded one, with more to come, was inserted")
	}
}
