package ui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// wideLayout is the width from which the panes stand side by side;
// narrowLayout the width below which one pane fills the screen, with a
// line of tabs naming the others (as lazygit and k9s do on a small
// terminal): three boxes in fewer columns would each be too narrow to read.
const (
	wideLayout   = 120
	narrowLayout = 100
)

// single reports whether one pane fills the screen: on a narrow terminal,
// or zoomed (the zoom key) at any size.
func (m Model) single() bool { return m.zoom || m.width < narrowLayout }

// layout places the panes: one filling the screen below a line of tabs
// (single); side by side on a wide terminal, each given what it needs
// and the rest by its share; otherwise the first on the left and the
// others stacked on the right, each by its share of the height. Every
// pane is sized, shown or not, so its lists ask for pages that fit.
func (m Model) layout() (Model, tea.Cmd) {
	if m.width < MinWidth || m.height < MinHeight {
		return m, nil
	}
	h := m.height - 1 // the status line
	m.rects = make([]rect, len(m.specs))
	switch {
	case m.single():
		for i := range m.rects {
			m.rects[i] = rect{0, 1, m.width, h - 1} // below the tab line
		}
	case m.width >= wideLayout:
		for i, w := range needs(m.width, m.specs) {
			if i > 0 {
				m.rects[i].x = m.rects[i-1].x + m.rects[i-1].w
			}
			m.rects[i].w, m.rects[i].h = w, h
		}
	default:
		right := 0
		for _, s := range m.specs[1:] {
			right = max(right, s.min)
		}
		left := min(m.width/2, m.width-right)
		m.rects[0] = rect{0, 0, left, h}
		for i, th := range shares(h, m.specs[1:], func(s paneSpec) int { return s.tall }) {
			r := &m.rects[i+1]
			r.x, r.w, r.h = left, m.width-left, th
			if i > 0 {
				r.y = m.rects[i].y + m.rects[i].h
			}
		}
	}
	m.drawn.touchAll()
	var cmds []tea.Cmd
	for i, p := range m.panes {
		if m.configured(i) {
			cmds = append(cmds, p.SetSize(m.rects[i].w, m.rects[i].h))
		}
	}
	if !m.started {
		// Sized first, so that each list asks for a page that fits.
		m.started = true
		for i, p := range m.panes {
			if m.configured(i) {
				cmds = append(cmds, p.Init())
			}
		}
	}
	return m, tea.Batch(cmds...)
}

// needs divides total between specs side by side: each by its share of
// the width, but none below the width it needs (min), which is taken
// from the others' shares; by share alone when the needs do not all fit.
func needs(total int, specs []paneSpec) []int {
	fixed := make([]bool, len(specs))
	for {
		rest, free := total, []paneSpec{}
		for i, s := range specs {
			if fixed[i] {
				rest -= s.min
			} else {
				free = append(free, s)
			}
		}
		if rest < 0 || len(free) == 0 {
			return shares(total, specs, func(s paneSpec) int { return s.wide })
		}
		got := shares(rest, free, func(s paneSpec) int { return s.wide })
		out, j, short := make([]int, len(specs)), 0, false
		for i, s := range specs {
			if fixed[i] {
				out[i] = s.min
				continue
			}
			out[i] = got[j]
			j++
			if out[i] < s.min {
				fixed[i], short = true, true
			}
		}
		if !short {
			return out
		}
	}
}

// span is the cells [from, to) a label takes on a line.
type span struct{ from, to int }

// paneTabs is the line above the one pane shown: every pane's key and
// name, the shown one marked, shortened to fit; spans are the cells each
// name takes, for the mouse.
func (m Model) paneTabs() (string, []span) {
	th, keys := m.ctx.Theme, m.ctx.Keys
	label := []func(i int) string{
		func(i int) string { return firstKey(keys.Focus, i) + " " + m.specs[i].title },
		func(i int) string { return m.specs[i].title },
		func(i int) string { return firstKey(keys.Focus, i) + " " + m.specs[i].title[:1] },
	}
	hint := keymap.Keys(keys.NextPane) + " next"
	if m.zoom {
		hint = keymap.Keys(keys.Zoom) + " all panes"
	}
	for v, name := range label {
		var b strings.Builder
		var spans []span
		x := 0
		for i := range m.specs {
			text := name(i)
			if i == m.focus && v > 0 {
				text = m.specs[i].title // the shown pane keeps its name
			}
			b.WriteString(" ")
			x++
			if i == m.focus {
				b.WriteString(th.Accent.Render("▸" + text))
			} else {
				b.WriteString(th.Dim.Render(" " + text))
			}
			w := 1 + ansi.StringWidth(text)
			spans = append(spans, span{x, x + w})
			x += w
		}
		if x > m.width && v < len(label)-1 {
			continue
		}
		if room := m.width - x - ansi.StringWidth(hint) - 1; room >= 2 {
			b.WriteString(strings.Repeat(" ", room) + th.Dim.Render(hint) + " ")
			x = m.width
		}
		return frame.Pad(ansi.Truncate(b.String(), m.width, ""), m.width), spans
	}
	return "", nil
}

// firstKey is the first key of binding i of bs, or "".
func firstKey(bs []key.Binding, i int) string {
	if i < len(bs) && len(bs[i].Keys()) > 0 {
		return bs[i].Keys()[0]
	}
	return ""
}

// shares divides total between specs by the weight each has, the last
// taking what rounding leaves.
func shares(total int, specs []paneSpec, weight func(paneSpec) int) []int {
	sum := 0
	for _, s := range specs {
		sum += weight(s)
	}
	out := make([]int, len(specs))
	left := total
	for i, s := range specs {
		if i == len(specs)-1 || sum == 0 {
			out[i] = left
			break
		}
		out[i] = total * weight(s) / sum
		left -= out[i]
	}
	return out
}

// View draws the screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.screen())
	v.AltScreen = true
	v.WindowTitle = "rosterm"
	if m.mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	return v
}

func (m Model) screen() string {
	if m.width == 0 {
		return ""
	}
	if m.width < MinWidth || m.height < MinHeight {
		return tooSmall(m.width, m.height)
	}
	// An open dialog owns the keyboard, so nothing may be drawn in its
	// place; help and the error log close when one opens, and are never
	// drawn over one.
	if m.help && len(m.dialogs) == 0 {
		return m.helpScreen()
	}
	if m.showLog && len(m.dialogs) == 0 {
		return m.errorLogScreen()
	}
	body := m.body()
	screen := body + "\n" + m.statusLine()
	if n := len(m.dialogs); n > 0 {
		screen = m.overlay(screen, m.dialogs[n-1].View(m.width-4, m.height-2))
	}
	return screen
}

// paneView draws pane i in its box, or what to configure for it.
func (m Model) paneView(i int) string {
	r := m.rects[i]
	if m.configured(i) {
		return m.panes[i].View(i == m.focus)
	}
	th := m.ctx.Theme
	inner := max(r.w-3, 1) // a space on the left, the borders
	var body []string
	for _, para := range strings.Split(m.placeholder(i), "\n") {
		// Prose wraps; the YAML example keeps its indentation and is cut.
		if strings.HasPrefix(para, " ") {
			body = append(body, " "+th.Dim.Render(ansi.Truncate(para, inner, sanitize.Ellipsis)))
			continue
		}
		for _, line := range strings.Split(lipgloss.NewStyle().Width(inner).Render(para), "\n") {
			body = append(body, " "+th.Dim.Render(strings.TrimRight(line, " ")))
		}
	}
	return frame.Box(th, m.specs[i].title, "not configured", body, r.w, r.h, i == m.focus)
}

// placeholder says which profile settings pane i needs.
func (m Model) placeholder(i int) string {
	where := "a profile"
	if m.opts.Profile != "" {
		where = "profile " + strconv.Quote(sanitize.Line(m.opts.Profile, 30))
	}
	file := "~/.config/rosterm/config.yaml"
	if m.opts.ConfigPath != "" {
		file = sanitize.Line(m.opts.ConfigPath, 0)
	}
	s := m.specs[i]
	return fmt.Sprintf("%s needs %s. Add to %s in %s:\n\n%s\n\n`rosterm config init` writes a commented example; `rosterm config check --online` tries it.",
		s.title, s.need, where, file, s.example)
}

// overlay draws box centred over screen, line by line: the screen's cells
// left and right of the box are kept with their styles. (A lipgloss
// canvas does the same cell by cell, at some twenty times the cost of a
// frame, for every key typed into a dialog.)
func (m Model) overlay(screen, box string) string {
	lines, boxLines := strings.Split(screen, "\n"), strings.Split(box, "\n")
	w := 0
	for _, bl := range boxLines {
		w = max(w, ansi.StringWidth(bl))
	}
	x, y := max((m.width-w)/2, 0), max((m.height-len(boxLines))/2, 0)
	for i, bl := range boxLines {
		if y+i >= len(lines) {
			break
		}
		line := lines[y+i]
		left := ansi.Truncate(line, x, "")
		right := ansi.TruncateLeft(line, x+w, "")
		// A wide character cut by an edge is dropped whole: spaces keep
		// the box and what follows it in their columns.
		left += strings.Repeat(" ", x-ansi.StringWidth(left))
		rightPad := max(ansi.StringWidth(line)-x-w-ansi.StringWidth(right), 0)
		lines[y+i] = left + ansi.ResetStyle + bl + strings.Repeat(" ", w-ansi.StringWidth(bl)) + ansi.ResetStyle +
			strings.Repeat(" ", rightPad) + right
	}
	return strings.Join(lines, "\n")
}
