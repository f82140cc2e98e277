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

// Frame draws one pane's box, frame after frame. It keeps the edges, which
// depend only on the theme, the size, the focus, the title and the info,
// and takes body lines the caller has already fitted to the box (exactly
// w-2 cells: a list's rows are, other lines go through Fit), so that
// drawing the box again measures nothing and styles nothing but what
// changed.
type Frame struct {
	th           *theme.Theme
	w            int
	focused      bool
	title, info  string
	top, bottom  string
	side, blank  string
	border, text lipgloss.Style
}

// Draw draws body, every line exactly w-2 cells, in a w×h box; lines
// beyond the body are blank. It is Box for fitted lines.
func (f *Frame) Draw(th *theme.Theme, title, info string, body []string, w, h int, focused bool) string {
	if w < 4 || h < 2 {
		return ""
	}
	inner := w - 2
	if f.th != th || f.w != w || f.focused != focused {
		border := th.Border
		if focused {
			border = th.BorderFocused
		}
		f.th, f.w, f.focused, f.top = th, w, focused, ""
		f.side = border.Render("│")
		f.bottom = border.Render("╰" + strings.Repeat("─", inner) + "╯")
		f.blank = strings.Repeat(" ", inner)
	}
	if f.top == "" || f.title != title || f.info != info {
		border, titleStyle, mark := th.Border, th.Title, " "
		if focused {
			border, titleStyle, mark = th.BorderFocused, th.TitleFocused, "▶"
		}
		f.title, f.info = title, info
		f.top = top(border, titleStyle, th.Dim, mark, title, info, inner)
	}
	var b strings.Builder
	b.Grow(len(f.top) + len(f.bottom) + (h-2)*(2*len(f.side)+inner+16))
	b.WriteString(f.top)
	for i := 0; i < h-2; i++ {
		b.WriteByte('\n')
		b.WriteString(f.side)
		if i < len(body) {
			b.WriteString(body[i])
		} else {
			b.WriteString(f.blank)
		}
		b.WriteString(f.side)
	}
	b.WriteByte('\n')
	b.WriteString(f.bottom)
	return b.String()
}

// Fit fits lines of any width to exactly w cells each, in place.
func Fit(lines []string, w int) []string {
	for i, l := range lines {
		lines[i] = Pad(l, w)
	}
	return lines
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
