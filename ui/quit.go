package ui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/dialog"
)

// quitMsg is the quit dialog's answer: send what waits, then quit; or
// drop it and quit.
type quitMsg struct{ send bool }

// askQuit asks what to do with the decisions still waiting before
// quitting: stay (the default, so a stray enter loses nothing), send them
// now, or discard them.
func (m Model) askQuit(n int) (Model, tea.Cmd) {
	items := []dialog.Item{
		{Label: "Stay", Detail: "they are sent when their countdown ends"},
		{Label: "Send now", Detail: "then quit", Run: func() tea.Msg { return quitMsg{send: true} }},
		{Label: "Discard", Detail: "quit without sending them", Run: func() tea.Msg { return quitMsg{send: false} }},
	}
	m.dialogs = append(m.dialogs, dialog.NewMenu(m.ctx, waitingWords(n), items))
	return m, nil
}

// waitingWords says how many decisions wait: "2 decisions waiting".
func waitingWords(n int) string {
	if n == 1 {
		return "1 decision waiting"
	}
	return fmt.Sprintf("%d decisions waiting", n)
}

// quit answers the quit dialog. Sending quits once every answer is in
// (as a stopping server's session does); discarding drops what still
// counts down and quits.
func (m Model) quit(q quitMsg) (Model, tea.Cmd) {
	if !q.send {
		return m, tea.Batch(m.broadcast(common.DiscardMsg{}), tea.Quit)
	}
	m.quitting = true // the status line says so until the answers are in
	return m, m.broadcast(common.FlushMsg{})
}

// changeKey reports whether k sends a change or asks to (accept, decline,
// delete, edit): such a key must not act just after a text field opened or
// closed, when it was most likely typed for the field.
func (m Model) changeKey(k tea.KeyPressMsg) bool {
	keys := m.ctx.Keys
	return key.Matches(k, keys.Accept, keys.Decline, keys.Delete, keys.Edit)
}

// fieldOpen reports whether a text field has the keyboard: a pane's
// filter or search, or a form. Other dialogs (a menu, a confirmation) have
// a grace period of their own, and keys after them are meant for the list.
func (m Model) fieldOpen() bool {
	if n := len(m.dialogs); n > 0 {
		return textual(m.dialogs[n-1])
	}
	return m.configured(m.focus) && m.panes[m.focus].Typing()
}

// textual reports whether a dialog takes typed text (a form).
func textual(d common.Dialog) bool {
	t, ok := d.(textDialog)
	return ok && t.TakesText()
}

// tooSoon reports whether k is a change key pressed within the grace
// period of a text field opening or closing: typed for the field (the rest
// of a name, say), not meant for the row.
func (m Model) tooSoon(k tea.KeyPressMsg, now time.Time) bool {
	return !m.fieldOpen() && m.changeKey(k) && !m.fieldAt.IsZero() && now.Sub(m.fieldAt) < m.ctx.Grace
}

// heldWords say why a change key did nothing.
func (m Model) heldWords(k tea.KeyPressMsg) string {
	return "Held " + k.String() + ": it came right after a text field opened or closed; press it again to act (" +
		keymap.Keys(m.ctx.Keys.Help) + " lists the keys)."
}
