package perf

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Sizes are the row counts the benchmarks load.
var Sizes = []int{1000, 10000, 100000}

// Terminals are the terminal sizes the benchmarks draw in.
var Terminals = [][2]int{{120, 40}, {200, 60}}

// Setups are BenchmarkKeypress's programs: the Users pane, then the
// Connections pane, focused with each of Sizes rows loaded, in each of
// Terminals.
func Setups() []Setup {
	// First the demo's data as `rosterm --demo` shows it: Scope and Vision
	// users, both directories' groups, Opigno.
	out := []Setup{{W: 120, H: 40, Focus: "1"}}
	for _, focus := range []string{"1", "3"} {
		for _, t := range Terminals {
			for _, n := range Sizes {
				s := Setup{W: t[0], H: t[1], Focus: focus}
				if focus == "1" {
					s.Users = n
				} else {
					s.Users, s.Connections = 1000, n
				}
				out = append(out, s)
			}
		}
	}
	return out
}

// keysMeasured is how many j a run types through the real renderer: all
// of them move the cursor within the screen, from the first row.
const keysMeasured = 10

func repeat(k string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = k
	}
	return out
}

// Keypress benchmarks one j in s's focused pane: Update and every message
// it leads to, and every frame Bubble Tea draws for them (one per
// message). It reports the frames drawn per key (views/op), and the bytes
// Bubble Tea's renderer wrote for a j (term-B/key), for the first frame
// (term-B/first) and for a second idle (term-B/idle), measured first by
// running the loaded program as tea.NewProgram.
func Keypress(b *testing.B, s Setup) {
	p, err := Load(s)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	d := p.Driver
	rows := p.Rows()
	out, m, err := Written(d.Model, false, s.W, s.H, repeat("j", keysMeasured), time.Second)
	if err != nil {
		b.Fatal(err)
	}
	d.Model = m
	d.Press("g")
	keypress(b, d, rows)
	b.ReportMetric(out.PerKey(), "term-B/key")
	b.ReportMetric(float64(out.First), "term-B/first")
	b.ReportMetric(float64(out.Idle), "term-B/idle")
}

// BubblesKeypress benchmarks the same j on Bubbles with n rows.
func BubblesKeypress(b *testing.B, n, w, h int) {
	d := NewDriver(NewBubbles(n, w, h))
	d.Send(tea.WindowSizeMsg{Width: w, Height: h})
	out, m, err := Written(d.Model, false, w, h, repeat("j", keysMeasured), time.Second)
	if err != nil {
		b.Fatal(err)
	}
	d.Model = m
	d.Press("g")
	keypress(b, d, n)
	b.ReportMetric(out.PerKey(), "term-B/key")
	b.ReportMetric(float64(out.First), "term-B/first")
	b.ReportMetric(float64(out.Idle), "term-B/idle")
}

// keypress times j down rows rows, back to the top (untimed) at the end.
func keypress(b *testing.B, d *Driver, rows int) {
	d.Views = 0
	at, views := 0, 0
	b.ReportAllocs()
	for b.Loop() {
		if at >= rows-1 {
			b.StopTimer()
			before := d.Views
			d.Press("g")
			d.Views = before
			at = 0
			b.StartTimer()
		}
		d.Press("j")
		at++
		views++
	}
	b.ReportMetric(float64(d.Views)/float64(views), "views/op")
}

var counterRe = regexp.MustCompile(`(\d+)/(\d+)`)

// Rows is how many rows the focused pane has loaded, as its title says
// ("1000/1000").
func (p *Program) Rows() int {
	first, _, _ := strings.Cut(p.Driver.Screen(), "\n")
	all := counterRe.FindAllStringSubmatch(first, -1)
	if len(all) == 0 {
		return 0
	}
	pick := all[0]
	if p.Setup.Focus == "3" {
		pick = all[len(all)-1]
	}
	n, _ := strconv.Atoi(pick[1])
	return n
}

// Name is a setup's benchmark name.
func (s Setup) Name() string {
	if s.Focus == "3" {
		return fmt.Sprintf("pane=connections/rows=%d/%dx%d", s.Connections, s.W, s.H)
	}
	if s.Users == 0 {
		return fmt.Sprintf("pane=users/rows=demo/%dx%d", s.W, s.H)
	}
	return fmt.Sprintf("pane=users/rows=%d/%dx%d", s.Users, s.W, s.H)
}
