// Package row lays out a list row's columns: each server string sanitized
// and cut to its share of the width.
package row

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/rosterm/rosterm/ui/sanitize"
)

// Col is one column: its text, the least width it needs, its share of the
// width left over, and an optional style.
type Col struct {
	Text   string
	Min    int
	Weight int
	Style  *lipgloss.Style
}

// Columns fits cols into width cells, separated by one space. Columns that
// do not fit at their minimum width are dropped from the right.
func Columns(width int, cols ...Col) string {
	for len(cols) > 1 && needed(cols) > width {
		cols = cols[:len(cols)-1]
	}
	widths := share(width-(len(cols)-1), cols)
	var b strings.Builder
	for i, c := range cols {
		if i > 0 {
			b.WriteByte(' ')
		}
		text := sanitize.Line(c.Text, widths[i])
		pad := widths[i] - lipgloss.Width(text)
		if c.Style != nil {
			text = c.Style.Render(text)
		}
		b.WriteString(text)
		if i < len(cols)-1 && pad > 0 {
			b.WriteString(strings.Repeat(" ", pad))
		}
	}
	return b.String()
}

func needed(cols []Col) int {
	n := len(cols) - 1
	for _, c := range cols {
		n += max(c.Min, 1)
	}
	return n
}

// share divides width among cols: each gets its minimum, the rest goes by
// weight.
func share(width int, cols []Col) []int {
	out := make([]int, len(cols))
	rest, weights := width, 0
	for i, c := range cols {
		out[i] = max(c.Min, 1)
		rest -= out[i]
		weights += c.Weight
	}
	if rest <= 0 || weights == 0 {
		return out
	}
	given := 0
	for i, c := range cols {
		extra := rest * c.Weight / weights
		out[i] += extra
		given += extra
	}
	out[len(out)-1] += rest - given
	return out
}
