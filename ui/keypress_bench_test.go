package ui_test

import (
	"fmt"
	"testing"

	"github.com/rosterm/rosterm/ui/perf"
)

// BenchmarkKeypress is what one j costs the whole program: the root model
// with every pane and the status line, N rows loaded in the focused pane
// through its own page requests, at 120×40 and 200×60; then the same j on
// the smallest charm.land/bubbles/v2/list program holding the same users,
// at its best (the Arabic paginator). Besides ns/op it reports the frames
// Bubble Tea draws per key (views/op) and the bytes its renderer writes to
// the terminal (term-B/key, term-B/first, term-B/idle). go run
// ./ui/perfreport turns a run into the README's table.
func BenchmarkKeypress(b *testing.B) {
	for _, s := range perf.Setups() {
		b.Run(s.Name(), func(b *testing.B) { perf.Keypress(b, s) })
	}
	for _, t := range perf.Terminals() {
		for _, n := range perf.Sizes() {
			b.Run(fmt.Sprintf("pane=bubbles-list/rows=%d/%dx%d", n, t[0], t[1]), func(b *testing.B) {
				perf.BubblesKeypress(b, n, t[0], t[1])
			})
		}
	}
}
