// Package groups is the Groups pane: Scope's groups and the Vision groups
// being watched, in one list labelled by source.
package groups

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/list"
	"github.com/rosterm/rosterm/ui/row"
)

// Name is the pane's address for routed messages.
const Name = "groups"

// Model is the Groups pane.
type Model struct {
	ctx  *common.Context
	list *list.Model[api.Group]
}

// New builds the pane.
func New(ctx *common.Context) *Model {
	m := &Model{ctx: ctx}
	m.list = list.New(ctx, common.Target{Pane: Name, List: "all"}, m.renderGroup, groupKey)
	m.list.Empty = "No groups."
	return m
}

func groupKey(g api.Group) string { return string(g.Source) + ":" + g.ID }

func (m *Model) renderGroup(g api.Group, width int) string {
	th := m.ctx.Theme
	info := ""
	switch {
	case g.Missing:
		info = "not found"
	case g.MemberCount >= 0:
		info = fmt.Sprintf("%d", g.MemberCount)
	}
	return row.Columns(width,
		row.Col{Text: string(g.Source), Min: 6, Style: &th.Badge},
		row.Col{Text: g.Name, Min: 10, Weight: 1},
		row.Col{Text: info, Min: len(info), Style: &th.Dim})
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.list.Load(m.fetch()) }

// fetch chains the configured sources: Scope's groups page by page, then
// the watched Vision groups in one request.
func (m *Model) fetch() list.Fetch[api.Group] {
	var sources []list.Fetch[api.Group]
	if sc := m.ctx.Scope; sc != nil {
		sources = append(sources, func(ctx context.Context, after string, n int) (api.Page[api.Group], error) {
			return sc.Groups(ctx, after, n)
		})
	}
	if vc := m.ctx.Vision; vc != nil && len(vc.WatchedGroups()) > 0 {
		ids := append([]string(nil), vc.WatchedGroups()...)
		sources = append(sources, func(ctx context.Context, _ string, _ int) (api.Page[api.Group], error) {
			gs, err := vc.Groups(ctx, ids)
			return api.Page[api.Group]{Items: gs, Total: len(gs)}, err
		})
	}
	if len(sources) == 0 {
		return nil
	}
	return list.Chain(sources...)
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
	return frame.Box(m.ctx.Theme, "Groups", m.list.Counter(), m.list.View(focused), w, h, focused)
}
