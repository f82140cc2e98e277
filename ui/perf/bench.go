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

// Sizes are the row counts the benchmarks load (a function: the
// figures' sizes are fixed, no caller may change them).
func Sizes() []int { return []int{1000, 10000, 100000} }

// Terminals are the terminal sizes the benchmarks draw in, the first the
// one the targets are for.
func Terminals() [][2]int { return [][2]int{{120, 40}, {200, 60}} }

// Setups are BenchmarkKeypress's programs: the Users pane, then the
// Connections pane, focused with each of Sizes rows loaded, in each of
// Terminals.
func Setups() []Setup {
	// First the demo's data as `rosterm --demo` shows it: Scope and Vision
	// users, both directories' groups, Opigno.
	out := []Setup{{W: 120, H: 40, Focus: "1"}}
	for _, focus := range []string{"1", "3"} {
		for _, t := range Terminals() {
			for _, n := range Sizes() {
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

// Keys is a program loaded, its output measured, ready for its j to be
// timed: rosterm with a setup's rows, or the bubbles/list program.
type Keys struct {
	Driver *Driver
	Rows   int    // rows loaded in the focused list
	Out    Output // what Bubble Tea's renderer wrote: first frame, per j, idle
	close  func()
}

// Close stops the program and its server.
func (k *Keys) Close() {
	if k.close != nil {
		k.close()
	}
}

// LoadKeys loads s's program and measures what it writes, running it as
// tea.NewProgram: a whole frame, keysMeasured j, a second idle.
func LoadKeys(s Setup) (*Keys, error) {
	p, err := Load(s)
	if err != nil {
		return nil, err
	}
	k := &Keys{Driver: p.Driver, Rows: p.Rows(), close: p.Close}
	if err := k.written(s.W, s.H); err != nil {
		k.Close()
		return nil, err
	}
	return k, nil
}

// LoadBubbles makes the bubbles/list program with n rows in a w×h
// terminal and measures what it writes, as LoadKeys does.
func LoadBubbles(n, w, h int) (*Keys, error) {
	d := NewDriver(NewBubbles(n, w, h))
	d.Send(tea.WindowSizeMsg{Width: w, Height: h})
	k := &Keys{Driver: d, Rows: n}
	return k, k.written(w, h)
}

func (k *Keys) written(w, h int) error {
	out, m, err := Written(k.Driver.Model, false, w, h, repeat("j", keysMeasured), time.Second)
	if err != nil {
		return err
	}
	k.Out, k.Driver.Model = out, m
	k.Driver.Press("g")
	return nil
}

// Time benchmarks one j: Update and every message it leads to, and every
// frame Bubble Tea draws for them (one per message). Besides ns/op it
// reports the frames drawn per key (views/op), and the bytes Bubble
// Tea's renderer wrote for a j (term-B/key), for a whole frame
// (term-B/first) and for a second idle (term-B/idle).
func (k *Keys) Time(b *testing.B) {
	keypress(b, k.Driver, k.Rows)
	b.ReportMetric(k.Out.PerKey(), "term-B/key")
	b.ReportMetric(float64(k.Out.First), "term-B/first")
	b.ReportMetric(float64(k.Out.Idle), "term-B/idle")
}

// Keypress benchmarks one j in s's focused pane (see Keys.Time).
func Keypress(b *testing.B, s Setup) {
	k, err := LoadKeys(s)
	if err != nil {
		b.Fatal(err)
	}
	defer k.Close()
	k.Time(b)
}

// BubblesKeypress benchmarks the same j on Bubbles with n rows.
func BubblesKeypress(b *testing.B, n, w, h int) {
	k, err := LoadBubbles(n, w, h)
	if err != nil {
		b.Fatal(err)
	}
	k.Time(b)
}

// keypress times j down rows rows, back to the top (untimed) at the end.
func keypress(b *testing.B, d *Driver, rows int) {
	d.Press("g") // from the top, however a run before this one left it
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
