package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/ui/common"
)

// The overlay stack is the root's: panes push dialogs with
// common.OpenDialogMsg, the last pushed owns the keyboard and is drawn over
// the panes, and the root alone keeps the grace period, so no dialog
// times itself.

// textDialog is a dialog whose letters and digits are text (a form, a
// filter): during the grace period only its confirming keys are held back.
type textDialog interface{ TakesText() bool }

// push opens d over the panes, from now.
func (m Model) push(d common.Dialog) Model {
	m.dialogs = append(m.dialogs, d)
	m.openedAt = m.ctx.Now()
	// A dialog owns the keyboard from now on, so it must be what is on
	// screen: help and the error log, which a dialog opened by a late
	// answer would otherwise sit under, give way to it.
	m.help, m.showLog = false, false
	return m
}

// early reports whether k would answer the top dialog before it has been
// on screen for the grace period: a key typed before it appeared, meant
// for what was there before, must not confirm it.
func (m Model) early(k tea.KeyPressMsg) bool {
	if m.ctx.Now().Sub(m.openedAt) >= m.ctx.Grace {
		return false
	}
	keys := m.ctx.Keys
	if key.Matches(k, keys.Menu, keys.Save) {
		return true
	}
	if t, ok := m.dialogs[len(m.dialogs)-1].(textDialog); ok && t.TakesText() {
		return false
	}
	s := k.String()
	return s == "y" || s == "Y" || len(s) == 1 && s[0] >= '1' && s[0] <= '9'
}

// dialogKey gives k to the top dialog, unless it comes too early.
func (m Model) dialogKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	if m.early(k) {
		return m, nil
	}
	n := len(m.dialogs)
	cmd, done := m.dialogs[n-1].Key(k)
	if t, ok := m.dialogs[n-1].(textDialog); ok && t.TakesText() {
		// Someone typing into a form sees it: its grace is over, and the
		// enter or ctrl+s a fast typist ends it with is not held back.
		m.openedAt = time.Time{}
	}
	if done {
		m.dialogs = m.dialogs[:n-1]
		// The dialog under it, if any, is on screen again from now.
		m.openedAt = m.ctx.Now()
	}
	return m, cmd
}
