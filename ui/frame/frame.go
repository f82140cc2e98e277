// Package frame draws a pane's box: a rounded border whose top edge carries
// the title (with a focus marker) and, on the right, short info such as
// "120/1200".
package frame

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// Box draws body (lines, already fitted to w-2 cells) in a w×h box.
// The focused box has a marker before its title and the focus colour, so
// focus does not depend on colour alone.
func Box(th *theme.Theme, title, info string, body []string, w, h int, focused bool) string {
	if w < 4 || h < 2 {
		return ""
	}
	border, titleStyle, mark := th.Border, th.Title, " "
	if focused {
		border, titleStyle, mark = th.BorderFocused, th.TitleFocused, "▶"
	}
	inner := w - 2
	var b strings.Builder
	b.WriteString(top(border, titleStyle, th.Dim, mark, title, info, inner))
	blank := strings.Repeat(" ", inner)
	side := border.Render("│")
	for i := 0; i < h-2; i++ {
		b.WriteByte('\n')
		b.WriteString(side)
		if i < len(body) {
			b.WriteString(Pad(body[i], inner))
		} else {
			b.WriteString(blank)
		}
		b.WriteString(side)
	}
	b.WriteByte('\n')
	b.WriteString(border.Render("╰" + strings.Repeat("─", inner) + "╯"))
	return b.String()
}

// top draws "╭▶ Title ───── info ─╮".
func top(border, titleStyle, dim lipgloss.Style, mark, title, info string, inner int) string {
	// The title keeps at least one dash after it; info goes when it does
	// not fit beside the title.
	head := mark + " " + sanitize.Line(title, max(inner-5, 1)) + " "
	tail := ""
	if info != "" {
		tail = " " + sanitize.Line(info, inner) + " "
	}
	fill := inner - 2 - lipgloss.Width(head) - lipgloss.Width(tail)
	if fill < 1 {
		tail, fill = "", inner-2-lipgloss.Width(head)
	}
	return border.Render("╭─") + titleStyle.Render(head) + border.Render(strings.Repeat("─", max(fill, 0))) +
		dim.Render(tail) + border.Render("─╮")
}

// Pad fits a styled line to exactly w cells, cutting or padding with
// spaces. A cut line ends with …, so that no word looks whole when it is
// not.
func Pad(s string, w int) string {
	n := lipgloss.Width(s)
	switch {
	case n == w:
		return s
	case n < w:
		return s + strings.Repeat(" ", w-n)
	}
	return ansi.Truncate(s, w, sanitize.Ellipsis)
}
