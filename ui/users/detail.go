package users

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/ui/usercard"
)

// detailSection is the selected user's detail under the list.
func (m *Model) detailSection(width int) []string {
	th := m.ctx.Theme
	lines := []string{th.Border.Render(strings.Repeat("─", width))}
	u, ok := m.list.Selected()
	if !ok {
		return append(lines, th.Dim.Render(" No user selected."))
	}
	return append(lines, usercard.Detail(m.ctx, u, width)...)
}

// cardAction does what a key in the user's card asked.
func (m *Model) cardAction(a usercard.ActionMsg) tea.Cmd {
	switch a.Kind {
	case usercard.Edit:
		return m.startEdit(a.User)
	case usercard.Delete:
		return m.confirmDelete([]api.User{a.User})
	}
	return nil
}
