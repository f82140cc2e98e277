package ui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/ui/connections"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// layout places the panes: three columns on a wide terminal; otherwise
// Users on the left and Groups over Connections on the right.
func (m *Model) layout() tea.Cmd {
	if m.width < MinWidth || m.height < MinHeight {
		return nil
	}
	h := m.height - 1 // the status line
	if m.width >= 120 {
		uw := m.width * 2 / 5
		gw := m.width / 4
		m.rects = []rect{{0, 0, uw, h}, {uw, 0, gw, h}, {uw + gw, 0, m.width - uw - gw, h}}
	} else {
		uw := m.width / 2
		gh := h * 2 / 5
		m.rects = []rect{{0, 0, uw, h}, {uw, 0, m.width - uw, gh}, {uw, gh, m.width - uw, h - gh}}
	}
	var cmds []tea.Cmd
	for i, p := range m.panes {
		if m.configured(i) {
			cmds = append(cmds, p.SetSize(m.rects[i].w, m.rects[i].h))
		}
	}
	return tea.Batch(cmds...)
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
	if m.help {
		return m.helpScreen()
	}
	if m.showLog {
		return m.errorLogScreen()
	}
	var body string
	if m.width >= 120 {
		cols := make([]string, len(m.panes))
		for i := range m.panes {
			cols[i] = m.paneView(i)
		}
		body = lipgloss.JoinHorizontal(lipgloss.Top, cols...)
	} else {
		right := lipgloss.JoinVertical(lipgloss.Left, m.paneView(1), m.paneView(2))
		body = lipgloss.JoinHorizontal(lipgloss.Top, m.paneView(0), right)
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
	return frame.Box(th, m.titles[i], "not configured", body, r.w, r.h, i == m.focus)
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
	var need, example string
	if m.names[i] == connections.Name {
		need = "Opigno"
		example = "  opigno:\n    endpoint: https://…/graphql\n    token_url: https://…/oauth/token\n    client_id: …\n    client_secret: {env: OPIGNO_SECRET}\n    acting_uuid: …"
	} else {
		need = "Scope or Vision"
		example = "  scope:\n    endpoint: https://…/graphql\n    token: {env: SCOPE_TOKEN}\n\nor a vision: section"
	}
	return fmt.Sprintf("%s needs %s. Add to %s in %s:\n\n%s\n\n`rosterm config init` writes a commented example; `rosterm config check --online` tries it.",
		m.titles[i], need, where, file, example)
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
