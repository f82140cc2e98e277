// Package connections is the Connections pane: Opigno's possible
// connections, network, invitations and communities, where every row's
// calls to action are its actions.
package connections

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/list"
	"github.com/rosterm/rosterm/ui/row"
)

// Name is the pane's address for routed messages.
const Name = "connections"

// Model is the Connections pane.
type Model struct {
	ctx      *common.Context
	possible *list.Model[opigno.Connection]
}

// New builds the pane.
func New(ctx *common.Context) *Model {
	m := &Model{ctx: ctx}
	m.possible = list.New(ctx, common.Target{Pane: Name, List: "possible"}, m.renderConnection, connectionKey)
	m.possible.Empty = "Nobody left to invite."
	return m
}

func connectionKey(c opigno.Connection) string { return c.Context.ID }

func (m *Model) renderConnection(c opigno.Connection, width int) string {
	th := m.ctx.Theme
	actions := actionTitles(c.Actions)
	return row.Columns(width,
		row.Col{Text: c.Context.Name, Min: 12, Weight: 1},
		row.Col{Text: "#" + c.Context.ID, Min: 6, Style: &th.Dim},
		row.Col{Text: actions, Min: min(lipgloss.Width(actions), 24), Style: &th.Accent})
}

// actionTitles lists a row's CTA titles: "[Connect]".
func actionTitles(as []api.Action) string {
	var b strings.Builder
	for _, a := range as {
		t := a.Title
		if t == "" {
			t = a.ID
		}
		b.WriteString("[" + t + "]")
	}
	return b.String()
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.possible.Load(m.fetch()) }

func (m *Model) fetch() list.Fetch[opigno.Connection] {
	oc := m.ctx.Opigno
	if oc == nil {
		return nil
	}
	return func(ctx context.Context, after string, n int) (api.Page[opigno.Connection], error) {
		return oc.PossibleConnections(ctx, opigno.ListArgs{After: after, First: n})
	}
}

// SetSize gives the pane its box.
func (m *Model) SetSize(w, h int) tea.Cmd { return m.possible.SetSize(w-2, h-2) }

// Typing reports whether a text field has the keyboard.
func (m *Model) Typing() bool { return false }

// Key handles a key press while the pane has focus.
func (m *Model) Key(k tea.KeyPressMsg) (tea.Cmd, bool) { return m.possible.Update(k) }

// Update handles results addressed to the pane.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	cmd, _ := m.possible.Update(msg)
	return cmd
}

// View draws the pane in its box.
func (m *Model) View(w, h int, focused bool) string {
	return frame.Box(m.ctx.Theme, "Connections · Possible", m.possible.Counter(), m.possible.View(focused), w, h, focused)
}
