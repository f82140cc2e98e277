package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/ui/common"
)

// key gives a key press to whoever owns the keyboard. A transient note in
// the status line ("copied …", the start notice) lasts until the next key.
func (m Model) key(k tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	keys := m.ctx.Keys
	if key.Matches(k, keys.ForceQuit) {
		return m, tea.Quit
	}
	m.status = ""
	if len(m.dialogs) > 0 {
		return m.dialogKey(k)
	}
	if m.help || m.showLog {
		if key.Matches(k, keys.Help, keys.Back, keys.Quit, keys.Errors) {
			m.help, m.showLog = false, false
		}
		return m, nil
	}
	if m.configured(m.focus) {
		focused := m.panes[m.focus]
		if cmd, ok := focused.Key(k); ok || focused.Typing() {
			return m, cmd
		}
	}
	switch {
	case key.Matches(k, keys.Quit):
		return m, tea.Quit
	case key.Matches(k, keys.Help):
		m.help = true
	case key.Matches(k, keys.Palette):
		// The palette is an overlay like any dialog: the root's stack
		// owns it, its keys and its drawing.
		m.push(newPalette(m.ctx, m.specs[m.focus].Name))
	case key.Matches(k, keys.Errors):
		m.showLog = true
	case key.Matches(k, keys.Mouse):
		m.mouse = !m.mouse
		m.status = "mouse off: the terminal selects text again"
		if m.mouse {
			m.status = "mouse on: wheel scrolls, click focuses; " + keymap.Keys(keys.Mouse) + " frees text selection"
		}
	case key.Matches(k, keys.NextPane):
		m.focus = (m.focus + 1) % len(m.panes)
	case key.Matches(k, keys.PrevPane):
		m.focus = (m.focus + len(m.panes) - 1) % len(m.panes)
	case key.Matches(k, keys.Back):
		m.err, m.status = nil, ""
	default:
		for i, b := range keys.Focus {
			if key.Matches(k, b) && i < len(m.panes) {
				m.focus = i
			}
		}
	}
	return m, nil
}

// switchActing makes every Opigno request act as another user context and
// tells the panes, which reload what depends on who is acting.
func (m Model) switchActing(uuid string) (tea.Model, tea.Cmd) {
	if m.ctx.Opigno == nil || uuid == "" {
		return m, nil
	}
	m.ctx.Opigno = m.ctx.Opigno.As(uuid)
	m.acting = uuid
	return m, tea.Batch(m.actingCmd(), m.broadcast(common.Actor{UUID: uuid}))
}

// broadcast gives msg to every configured pane.
func (m Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.panes))
	for i, p := range m.panes {
		if m.configured(i) {
			cmds = append(cmds, p.Update(msg))
		}
	}
	return tea.Batch(cmds...)
}

// mouseEvent handles the mouse while it is captured and nothing is over
// the panes: the wheel scrolls the focused pane by giving it the up and
// down keys, a left click focuses the pane under the pointer.
func (m Model) mouseEvent(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	if !m.mouse || m.help || m.showLog || len(m.dialogs) > 0 {
		return m, nil
	}
	ev := msg.Mouse()
	switch msg.(type) {
	case tea.MouseClickMsg:
		if i := m.paneAt(ev.X, ev.Y); i >= 0 && ev.Button == tea.MouseLeft {
			m.focus = i
		}
	case tea.MouseWheelMsg:
		b := m.ctx.Keys.Down
		if ev.Button == tea.MouseWheelUp {
			b = m.ctx.Keys.Up
		} else if ev.Button != tea.MouseWheelDown {
			return m, nil
		}
		if m.configured(m.focus) && len(b.Keys()) > 0 {
			cmd, _ := m.panes[m.focus].Key(keymap.Press(b.Keys()[0]))
			return m, cmd
		}
	}
	return m, nil
}

// paneAt is the pane at a cell of the screen, or -1.
func (m Model) paneAt(x, y int) int {
	for i, r := range m.rects {
		if x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h {
			return i
		}
	}
	return -1
}
