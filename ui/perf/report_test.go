package perf

import (
	"strings"
	"testing"
	"time"
)

// The report's tables and its verdict, from made-up figures: one missed
// target is named, and every figure has its place.
func TestReportSaysWhatIsMissed(t *testing.T) {
	r := Report{Go: "go1.26", CPU: "a CPU", Cores: 2, Rounds: 3,
		Memory: Memory{Rows: 100_000, Before: 20 << 20, After: 60 << 20, Heap: 30 << 20},
		Counts: Counts{Start: make(Requests, 7), CurrentUserQs: 1, AcceptTrips: 1, DeclineTrips: 1,
			StartByAPI: map[string]int{"opigno": 3, "scope": 2, "vision": 2}, SearchByAPI: map[string]int{"scope": 1},
			AgainByAPI: map[string]int{"scope": 1}}}
	out := Output{First: 10_000, Keys: []int{450, 470}, Views: []int{1, 1}}
	for _, term := range Terminals() {
		for _, n := range Sizes() {
			key := 300 * time.Microsecond
			if n == 100_000 && term[0] == 120 {
				key = 500 * time.Microsecond // too slow, and not flat
			}
			for _, name := range []string{"users", "connections"} {
				r.Timed = append(r.Timed, Timed{Name: name, Rows: n, W: term[0], H: term[1], Key: key, Views: 1, Out: out})
			}
			r.Timed = append(r.Timed, Timed{Name: "bubbles/list", Rows: n, W: term[0], H: term[1], Key: time.Millisecond, Views: 1, Out: out})
		}
	}
	r.Missed = r.missed()
	var b strings.Builder
	r.Markdown(&b)
	md := b.String()
	for _, want := range []string{"| rosterm, Users pane | 0.30 ms | 0.30 ms | 0.50 ms | 1.67× |", "| one `j`, 200×60 |",
		"| start, until quiet | 7 (opigno 3, scope 2, vision 2) | ≤ 8 |", "| 1 | 460 B | 9.8 KB | 0 B |",
		"users, 100,000 rows: 0.50 ms per j (target ≤ 0.40 ms)", "users: 100,000 rows cost 1.67× 1,000 rows"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
	if len(r.Missed) != 4 { // time and flatness, in both panes
		t.Errorf("missed %q, want the time and the flatness at 100,000 rows in both panes", r.Missed)
	}
}
