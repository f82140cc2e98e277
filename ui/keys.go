package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/ui/common"
)

// key gives a key press to whoever owns the keyboard. A transient note in
// the status line ("copied …", the start notice) lasts until the next key.
//
// A key that sends a change is held when it comes within the grace period
// of a text field opening or closing (see tooSoon), and the time of every
// key that opens or closes one is kept for that.
func (m Model) key(k tea.KeyPressMsg) (Model, tea.Cmd) {
	now := m.ctx.Now()
	m.held = ""
	if m.tooSoon(k, now) {
		m.held = m.heldWords(k)
		return m, nil
	}
	open := m.fieldOpen()
	n, cmd := m.route(k)
	if n.fieldOpen() != open {
		n.fieldAt = now
	}
	return n, cmd
}

func (m Model) route(k tea.KeyPressMsg) (Model, tea.Cmd) {
	keys := m.ctx.Keys
	if key.Matches(k, keys.ForceQuit) {
		// With decisions waiting, the first ctrl+c asks as q does; the
		// second quits whatever waits.
		if n := m.waiting(); n > 0 && !m.forceArmed {
			m.forceArmed = true
			return m.askQuit(n)
		}
		return m, tea.Quit
	}
	m.forceArmed = false // twice in a row: any other key disarms it
	m.status = ""
	if len(m.dialogs) > 0 {
		m.drawn.touchAll() // a dialog may act on the panes under it
		return m.dialogKey(k)
	}
	if m.help || m.showLog {
		if key.Matches(k, keys.Help, keys.Back, keys.Quit, keys.Errors) {
			m.help, m.showLog = false, false
		}
		if m.help {
			m = m.scrollHelp(k)
		}
		return m, nil
	}
	if m.configured(m.focus) {
		m.drawn.touch(m.focus)
		focused := m.panes[m.focus]
		if cmd, ok := focused.Key(k); ok || focused.Typing() {
			return m, cmd
		}
	}
	switch {
	case key.Matches(k, keys.Quit):
		if n := m.waiting(); n > 0 {
			return m.askQuit(n)
		}
		return m, tea.Quit
	case key.Matches(k, keys.Help):
		m.help, m.helpTop = true, 0
	case key.Matches(k, keys.Palette):
		// The palette is an overlay like any dialog: the root's stack
		// owns it, its keys and its drawing.
		m = m.push(newPalette(m.ctx, m.specs[m.focus].Name))
	case key.Matches(k, keys.Errors):
		m.showLog = true
	case key.Matches(k, keys.Mouse):
		m.mouse = !m.mouse
		m.status = "Mouse off: the terminal selects text again."
		if m.mouse {
			m.status = "Mouse on: the wheel scrolls, a click selects; " + keymap.Keys(keys.Mouse) + " frees text selection."
		}
	case key.Matches(k, keys.Zoom):
		m.zoom = !m.zoom
		return m.layout()
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
func (m Model) switchActing(uuid string) (Model, tea.Cmd) {
	if m.ctx.Opigno == nil || uuid == "" {
		return m, nil
	}
	m.ctx.Opigno = m.ctx.Opigno.As(uuid)
	m.acting = uuid
	return m, tea.Batch(m.actingCmd(), m.broadcast(common.ActorMsg{UUID: uuid}))
}

// broadcast gives msg to every configured pane.
func (m Model) broadcast(msg tea.Msg) tea.Cmd {
	m.heard(msg)
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
// down keys; a left click focuses the pane under the pointer and gives it
// the click (a row selected, a tab shown), or on the line of pane names
// above a single pane, shows the pane named.
func (m Model) mouseEvent(msg tea.MouseMsg) (Model, tea.Cmd) {
	if !m.mouse || m.help || m.showLog || len(m.dialogs) > 0 || len(m.rects) == 0 || m.width < MinWidth || m.height < MinHeight {
		return m, nil
	}
	ev := msg.Mouse()
	switch msg.(type) {
	case tea.MouseClickMsg:
		if ev.Button != tea.MouseLeft {
			return m, nil
		}
		if m.single() && ev.Y == 0 {
			_, spans := m.paneTabs()
			for i, s := range spans {
				if ev.X >= s.from && ev.X < s.to {
					m.focus = i
				}
			}
			return m, nil
		}
		i := m.paneAt(ev.X, ev.Y)
		if i < 0 {
			return m, nil
		}
		m.focus = i
		if c, ok := m.panes[i].(Clicker); ok && m.configured(i) && !m.panes[i].Typing() {
			m.drawn.touch(i)
			r := m.rects[i]
			return m, c.Click(ev.X-r.x, ev.Y-r.y)
		}
	case tea.MouseWheelMsg:
		b := m.ctx.Keys.Down
		if ev.Button == tea.MouseWheelUp {
			b = m.ctx.Keys.Up
		} else if ev.Button != tea.MouseWheelDown {
			return m, nil
		}
		if m.configured(m.focus) && len(b.Keys()) > 0 {
			m.drawn.touch(m.focus)
			cmd, _ := m.panes[m.focus].Key(keymap.Press(b.Keys()[0]))
			return m, cmd
		}
	}
	return m, nil
}

// paneAt is the pane at a cell of the screen, or -1.
func (m Model) paneAt(x, y int) int {
	if m.single() {
		if r := m.rects[m.focus]; x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h {
			return m.focus // the only one on screen: the others share its box
		}
		return -1
	}
	for i, r := range m.rects {
		if x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h {
			return i
		}
	}
	return -1
}
