package list

import (
	"fmt"
	"runtime"
	"testing"

	bubbles "charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/row"
)

// The benchmarks compare rosterm's list with charm.land/bubbles/v2/list,
// the list most Bubble Tea programs use, holding the same rows at the same
// size (120×40, one line per row).

const benchW, benchH = 120, 40

func benchUsers(n int) []api.User {
	us := make([]api.User, n)
	for i := range us {
		us[i] = api.User{ID: fmt.Sprint(i), FirstName: fmt.Sprintf("First%d", i), LastName: "Lastname", Email: fmt.Sprintf("user%d@example.com", i)}
	}
	return us
}

func filledList(b *testing.B, n int) *Model[api.User] {
	b.Helper()
	th, _ := theme.New("dark", true)
	ctx := &common.Context{Theme: th, Keys: keymap.Default()}
	render := func(u api.User, w int) string {
		return row.Columns(w, row.Col{Text: u.Name(), Min: 12, Weight: 3}, row.Col{Text: u.Email, Weight: 4, Style: &th.Dim})
	}
	m := New(ctx, common.Target{Pane: "bench", List: "users"}, render, func(u api.User) string { return u.ID })
	m.SetSize(benchW, benchH)
	m.add(benchUsers(n))
	m.total, m.more = n, false
	m.cursor = n / 2 // mid-list, so every benchmark scrolls in the same kind of place
	m.clamp()
	return m
}

type bubblesItem struct{ api.User }

func (i bubblesItem) Title() string       { return i.Name() }
func (i bubblesItem) Description() string { return i.Email }
func (i bubblesItem) FilterValue() string { return i.Name() }

func filledBubbles(n int) bubbles.Model {
	items := make([]bubbles.Item, n)
	for i, u := range benchUsers(n) {
		items[i] = bubblesItem{u}
	}
	d := bubbles.NewDefaultDelegate()
	d.ShowDescription = false
	d.SetSpacing(0)
	m := bubbles.New(items, d, benchW, benchH)
	m.Select(n / 2)
	return m
}

// sizes are the row counts the benchmarks hold.
func sizes() []int { return []int{1000, 10000, 100000} }

// There is no benchmark of View alone: with nothing changed it times the
// row cache (every row but the cursor's already drawn), which is no
// frame. BenchmarkListScroll moves the cursor first; BenchmarkKeypress
// (package ui) times what a key costs the whole program.

// down is the key press that moves the cursor one row.
func down() tea.KeyPressMsg { return tea.KeyPressMsg{Code: 'j', Text: "j"} }

func BenchmarkListScroll(b *testing.B) {
	for _, n := range sizes() {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			m := filledList(b, n)
			m.View(true)
			b.ReportAllocs()
			for b.Loop() {
				if m.cursor >= n-1 {
					m.cursor, m.offset = 0, 0
				}
				m.Update(down())
				m.View(true)
			}
		})
	}
}

func BenchmarkBubblesListScroll(b *testing.B) {
	for _, n := range sizes() {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			m := filledBubbles(n)
			b.ReportAllocs()
			for b.Loop() {
				if m.Index() >= n-1 {
					m.Select(0)
				}
				m.CursorDown()
				_ = m.View()
			}
		})
	}
}

// BenchmarkHeap100kUsers loads 100,000 users page by page, as scrolling
// would, and reports the heap in use afterwards (target: under 100 MB).
func BenchmarkHeap100kUsers(b *testing.B) {
	const n = 100_000
	var heap uint64
	for b.Loop() {
		m := filledList(b, 0)
		m.more = true
		m.walk = api.NewWalk(api.Budget{}, "users") // the heap of 100,000 rows, beyond a list's budget
		for start := 0; start < n; start += maxPage {
			page := api.Page[api.User]{Total: n, More: start+maxPage < n, Next: fmt.Sprint(start + maxPage)}
			for i := start; i < start+maxPage; i++ {
				page.Items = append(page.Items, api.User{
					Source: api.Scope, ID: fmt.Sprintf("VXNlci8%07d", i),
					FirstName: fmt.Sprintf("Firstname%d", i), LastName: "Lastname", Username: fmt.Sprintf("user%d", i),
					Email: fmt.Sprintf("firstname%d.lastname@example.com", i), Phone: "+1 201-555-0100", JobTitle: "Field Technician",
					Licenses: []string{"VIEWER"}, Groups: []string{"DEFAULT", "FIELD_OPS"},
				})
			}
			m.loading, m.seq = true, m.seq+1
			m.Update(PageMsg[api.User]{To: m.to, Gen: m.gen, Seq: m.seq, Page: page})
		}
		for range 200 { // scroll a little so the row cache holds renderings too
			m.Update(down())
			m.View(true)
		}
		heap = heapInUse()
		if m.Len() != n {
			b.Fatalf("loaded %d rows", m.Len())
		}
	}
	b.ReportMetric(float64(heap)/(1<<20), "MB-heap")
}

func heapInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}
