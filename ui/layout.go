package ui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// wideLayout is the width from which the panes stand side by side.
const wideLayout = 120

// layout places the panes: side by side on a wide terminal, each by its
// share of the width; otherwise the first on the left half and the others
// stacked on the right, each by its share of the height.
func (m *Model) layout() tea.Cmd {
	if m.width < MinWidth || m.height < MinHeight {
		return nil
	}
	h := m.height - 1 // the status line
	m.rects = make([]rect, len(m.specs))
	if m.width >= wideLayout {
		for i, w := range shares(m.width, m.specs, func(s paneSpec) int { return s.wide }) {
			if i > 0 {
				m.rects[i].x = m.rects[i-1].x + m.rects[i-1].w
			}
			m.rects[i].w, m.rects[i].h = w, h
		}
	} else {
		left := m.width / 2
		m.rects[0] = rect{0, 0, left, h}
		for i, th := range shares(h, m.specs[1:], func(s paneSpec) int { return s.tall }) {
			r := &m.rects[i+1]
			r.x, r.w, r.h = left, m.width-left, th
			if i > 0 {
				r.y = m.rects[i].y + m.rects[i].h
			}
		}
	}
	var cmds []tea.Cmd
	for i, p := range m.panes {
		if m.configured(i) {
			cmds = append(cmds, p.SetSize(m.rects[i].w, m.rects[i].h))
		}
	}
	return tea.Batch(cmds...)
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
	views := make([]string, len(m.panes))
	for i := range m.panes {
		views[i] = m.paneView(i)
	}
	var body string
	if m.width >= wideLayout {
		body = lipgloss.JoinHorizontal(lipgloss.Top, views...)
	} else {
		body = lipgloss.JoinHorizontal(lipgloss.Top, views[0], lipgloss.JoinVertical(lipgloss.Left, views[1:]...))
	}
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
		return m.panes[i].View(r.w, r.h, i == m.focus)
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

// overlay draws box centred over screen.
func (m Model) overlay(screen, box string) string {
	w, h := lipgloss.Size(box)
	// One compositor for both layers: composing them onto the canvas one
	// by one draws the box over a blank screen.
	c := lipgloss.NewCanvas(m.width, m.height)
	c.Compose(lipgloss.NewCompositor(lipgloss.NewLayer(screen),
		lipgloss.NewLayer(box).X(max((m.width-w)/2, 0)).Y(max((m.height-h)/2, 0)).Z(1)))
	return c.Render()
}
