package list

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/demo/faults/faulttest"
	demovision "github.com/rosterm/rosterm/api/demo/vision"
	"github.com/rosterm/rosterm/api/vision"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
)

// visionList is a list of the demo's Vision users, paged by nextToken,
// with fault f on every Vision answer.
func visionList(t *testing.T, f faults.Fault) (*Model[api.User], Fetch[api.User], *faults.Injector) {
	t.Helper()
	inj := faults.New(faults.Rule{Fault: f, Path: "vision", Share: 1})
	t.Cleanup(inj.Close)
	srv := demotest.Start(t, demo.Options{Faults: inj})
	vc, err := vision.New(vision.Config{Endpoint: srv.URL + "/vision/graphql", TokenURL: srv.URL + "/vision/token",
		Key: demovision.DemoKey, Secret: demovision.DemoSecret})
	if err != nil {
		t.Fatal(err)
	}
	th, _ := theme.New("none", true)
	ctx := &common.Context{Theme: th, Keys: keymap.Default(), Timeout: 20 * time.Second}
	m := New(ctx, common.Target{Pane: "users", List: "users"}, func(u api.User, w int) string { return u.ID + " " + u.FirstName },
		func(u api.User) string { return string(u.Source) + ":" + u.ID })
	m.What = "users"
	m.SetSize(60, 50) // pages of 100 rows
	fetch := func(ctx context.Context, after string, n int) (api.Page[api.User], error) {
		return vc.Users(ctx, after, n)
	}
	return m, fetch, inj
}

// scroll presses G (the last row) and lets every page it asks for arrive,
// as someone holding the key down would, until the list asks for nothing
// more or limit pages have come.
func scroll(m *Model[api.User], cmd tea.Cmd, limit int) (pages int) {
	for pages < limit {
		for cmd != nil {
			msg := cmd()
			if _, ok := msg.(PageMsg[api.User]); ok {
				pages++
			}
			cmd, _ = m.Update(msg)
		}
		cmd, _ = m.Update(tea.KeyPressMsg{Code: 'G', Text: "G"})
		if cmd == nil {
			return pages
		}
	}
	return pages
}

// While someone scrolls, the list asks for the page the server names
// next. A server that names the same page again, or pages in a cycle,
// or whose pages bring only rows already shown, is not followed round:
// the list stops, keeps its rows once each, and says why on a line of its
// own. Fresh pages without end stop at the list's budget.
func TestAListStopsOnAServerWhosePagesNeverEnd(t *testing.T) {
	for _, c := range []struct {
		fault faults.Fault
		end   string
		pages int // at most
	}{
		{faults.RepeatPage, api.EndRepeated, 2},
		{faults.CyclePages, api.EndRepeated, 3},
		{faults.EndlessPage, "rosterm's limit", 2000},
		{faults.FloodPages, "MB of users, rosterm's limit", 60},
	} {
		t.Run(string(c.fault), func(t *testing.T) {
			t.Parallel() // each is measured in a process of its own
			faulttest.MaxRSS(t, 100, func(t *testing.T) {
				m, fetch, inj := visionList(t, c.fault)
				pages := scroll(m, m.Load(fetch), c.pages+5)
				t.Logf("%d pages, %d rows, %d requests", pages, m.Len(), inj.Requests("/vision/graphql"))
				if pages > c.pages || m.More() {
					t.Fatalf("%d pages (more: %v); want the list to stop within %d", pages, m.More(), c.pages)
				}
				view := strings.Join(m.View(true), "\n")
				if !strings.Contains(view, c.end) {
					t.Errorf("the list should say why it stopped (%q):\n%s", c.end, view)
				}
				seen := map[string]bool{}
				for i := range m.Len() {
					if k := m.keyOf(m.Item(i)); seen[k] {
						t.Fatalf("row %s shown twice", k)
					} else {
						seen[k] = true
					}
				}
			})
		})
	}
}

// A server that sends each row twice in its page has each shown once;
// marking it marks one row, and the marked rows are each one id.
func TestRowsAServerSendsTwiceAreShownOnce(t *testing.T) {
	m, fetch, _ := visionList(t, faults.DuplicateRows)
	scroll(m, m.Load(fetch), 3)
	if m.Len() == 0 {
		t.Fatal("no rows")
	}
	seen := map[string]bool{}
	for i := range m.Len() {
		k := m.keyOf(m.Item(i))
		if seen[k] {
			t.Fatalf("row %s shown twice", k)
		}
		seen[k] = true
	}
	m.Update(tea.KeyPressMsg{Code: 'g', Text: "g"})
	m.ToggleMark()
	if got := m.Marked(); len(got) != 1 || m.MarkCount() != 1 {
		t.Fatalf("one row marked, %d returned (%d counted)", len(got), m.MarkCount())
	}
}
