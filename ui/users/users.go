// Package users is the Users pane: people from Scope (and Vision), with
// search and the selected user's detail.
package users

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/list"
	"github.com/rosterm/rosterm/ui/row"
)

// Name is the pane's address for routed messages.
const Name = "users"

// Model is the Users pane.
type Model struct {
	ctx  *common.Context
	list *list.Model[api.User]
}

// New builds the pane.
func New(ctx *common.Context) *Model {
	m := &Model{ctx: ctx}
	m.list = list.New(ctx, common.Target{Pane: Name, List: "all"}, m.renderUser, userKey)
	m.list.Empty = "No users."
	return m
}

func userKey(u api.User) string { return string(u.Source) + ":" + u.ID }

func (m *Model) renderUser(u api.User, width int) string {
	return row.Columns(width,
		row.Col{Text: u.Name(), Min: 12, Weight: 3},
		row.Col{Text: u.Email, Weight: 4, Style: &m.ctx.Theme.Dim})
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.list.Load(m.fetch()) }

// fetch builds the query from a snapshot of what it needs.
func (m *Model) fetch() list.Fetch[api.User] {
	sc := m.ctx.Scope
	if sc == nil {
		return nil
	}
	return func(ctx context.Context, after string, n int) (api.Page[api.User], error) {
		return sc.SearchUsers(ctx, "", after, n)
	}
}

// SetSize gives the pane its box.
func (m *Model) SetSize(w, h int) tea.Cmd { return m.list.SetSize(w-2, h-2) }

// Typing reports whether a text field has the keyboard.
func (m *Model) Typing() bool { return false }

// Key handles a key press while the pane has focus.
func (m *Model) Key(k tea.KeyPressMsg) (tea.Cmd, bool) { return m.list.Update(k) }

// Update handles results addressed to the pane.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	cmd, _ := m.list.Update(msg)
	return cmd
}

// View draws the pane in its box.
func (m *Model) View(w, h int, focused bool) string {
	return frame.Box(m.ctx.Theme, "Users", m.list.Counter(), m.list.View(focused), w, h, focused)
}

// Selected returns the user under the cursor.
func (m *Model) Selected() (api.User, bool) { return m.list.Selected() }
