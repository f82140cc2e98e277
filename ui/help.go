package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// helpScreen lists the keys of the focused pane, then the keys that work
// everywhere, with the bindings in effect, in as many columns as the
// height needs; then what mode rosterm is in.
func (m Model) helpScreen() string {
	th := m.ctx.Theme
	entries := m.helpEntries()
	footer := m.modeLines()
	if m.ctx.ReadOnly {
		footer = append([]string{th.Warn.Render("read-only mode: every change is disabled (--read-only, read_only:)")}, footer...)
	}
	// As many columns as the height needs, filled evenly.
	rows := max(m.height-3-len(footer), 1)
	ncols := (len(entries) + rows - 1) / rows
	rows = (len(entries) + ncols - 1) / ncols
	var cols []string
	for start := 0; start < len(entries); start += rows {
		block := slices.Clone(entries[start:min(start+rows, len(entries))])
		w := 0 // the widest entry and a gap, so columns never touch
		for _, e := range block {
			w = max(w, lipgloss.Width(e)+2)
		}
		for i := range block {
			block[i] = frame.Pad(block[i], w)
		}
		cols = append(cols, strings.Join(block, "\n"))
	}
	head := th.Title.Render("rosterm help") + "  " + th.Dim.Render("("+keymap.Keys(m.ctx.Keys.Help)+" or "+keymap.Keys(m.ctx.Keys.Back)+" closes)")
	body := lipgloss.JoinHorizontal(lipgloss.Top, cols...)
	if lipgloss.Width(body) > m.width && len(cols) > 1 {
		// Too narrow for its columns: one column that the movement
		// keys scroll, rather than columns cut off at the edge.
		rows := m.helpRows()
		top := max(min(m.helpTop, len(entries)-rows), 0)
		shown := slices.Clone(entries[top:min(top+rows, len(entries))])
		if below := len(entries) - top - len(shown); below > 0 || top > 0 {
			shown = append(shown, th.Dim.Render(fmt.Sprintf("%s %s scroll · %d more below",
				keymap.Keys(m.ctx.Keys.Down), keymap.Keys(m.ctx.Keys.Up), below)))
		}
		body = strings.Join(shown, "\n")
	}
	lines := append([]string{head, ""}, strings.Split(body, "\n")...)
	lines = append(lines, "")
	lines = append(lines, footer...)
	for i := range lines {
		lines[i] = ansi.Truncate(lines[i], m.width, sanitize.Ellipsis)
	}
	return strings.Join(lines, "\n")
}

// helpRows is how many entries help shows in one scrolled column: the
// height less the title, the scroll line and the footer.
func (m Model) helpRows() int {
	footer := len(m.modeLines()) + 1
	if m.ctx.ReadOnly {
		footer++
	}
	return max(m.height-4-footer, 1)
}

// scrollHelp moves help's one column by a movement key; other keys leave
// it where it is.
func (m Model) scrollHelp(k tea.KeyPressMsg) Model {
	keys, n := m.ctx.Keys, len(m.helpEntries())
	switch {
	case key.Matches(k, keys.Down):
		m.helpTop++
	case key.Matches(k, keys.Up):
		m.helpTop--
	case key.Matches(k, keys.PageDown):
		m.helpTop += m.helpRows()
	case key.Matches(k, keys.PageUp):
		m.helpTop -= m.helpRows()
	case key.Matches(k, keys.Top):
		m.helpTop = 0
	case key.Matches(k, keys.Bottom):
		m.helpTop = n
	default:
		return m
	}
	m.helpTop = max(min(m.helpTop, n-m.helpRows()), 0)
	return m
}

// helpEntries are help's lines: the focused pane's keys (every pane
// action when the pane does not list its own), then the keys that work
// everywhere.
func (m Model) helpEntries() []string {
	th := m.ctx.Theme
	var entries []string
	entry := func(b key.Binding) {
		line := frame.Pad(th.Key.Render(keymap.Keys(b)), 14) + b.Help().Desc
		if !b.Enabled() {
			line = th.Dim.Render(frame.Pad(keymap.Keys(b), 14) + b.Help().Desc + " (off)")
		}
		entries = append(entries, line)
	}
	entries = append(entries, th.Title.Render(m.specs[m.focus].title+" pane"))
	switch keys := m.paneKeys(); {
	case !m.configured(m.focus):
		entries = append(entries, th.Dim.Render("not configured (see the pane)"))
	case keys == nil:
		entries = append(entries, th.Dim.Render("keys panes may have:"))
		for _, n := range m.ctx.Keys.All() {
			if !n.Root {
				entry(*n.Binding)
			}
		}
	default:
		for _, b := range keys {
			entry(b)
		}
	}
	entries = append(entries, "", th.Title.Render("Everywhere"))
	for _, n := range m.ctx.Keys.Root() {
		entry(*n.Binding)
	}
	return entries
}

// paneKeys are the focused pane's own keys, or nil when it does not list them.
func (m Model) paneKeys() []key.Binding {
	if h, ok := m.panes[m.focus].(common.Helper); ok {
		if keys := h.HelpKeys(); len(keys) > 0 {
			return keys
		}
	}
	return nil
}

// modeLines say what rosterm runs on and with which settings: the
// profile, the theme and the mouse, then the configuration file.
func (m Model) modeLines() []string {
	th := m.ctx.Theme
	var parts []string
	switch {
	case m.ctx.Demo:
		parts = append(parts, "demo data")
	case m.opts.Profile != "":
		parts = append(parts, "profile "+sanitize.Line(m.opts.Profile, 20))
	}
	themeName := "theme " + th.Name
	if m.opts.Theme == "" || m.opts.Theme == "auto" {
		themeName += " (auto)"
	}
	mouse := "mouse off"
	if m.mouse {
		mouse = "mouse on"
	}
	parts = append(parts, themeName, mouse+" ("+keymap.Keys(m.ctx.Keys.Mouse)+" toggles)")
	lines := []string{th.Dim.Render(strings.Join(parts, " · "))}
	if m.opts.ConfigPath != "" {
		lines = append(lines, th.Dim.Render("config "+sanitize.Line(m.opts.ConfigPath, 0)))
	}
	return lines
}
