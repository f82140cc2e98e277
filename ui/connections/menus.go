package connections

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/dialog"
)

// actAsMsg: act as this person from now on.
type actAsMsg struct {
	toPane
	person opigno.Context
}

// openMenu opens the selected row's action menu: each of its CTAs by
// title (disabled, with why, when it cannot run), then what rosterm
// itself can do with the row.
func (m *Model) openMenu() tea.Cmd {
	t := m.tab()
	r, ok := t.list.Selected()
	if !ok {
		return nil
	}
	if m.ctx.Opigno != nil && m.schema == nil {
		return m.whenPlanned(m.openMenu)
	}
	bulk := t.list.MarkCount()
	var items []dialog.Item
	for _, a := range r.Actions.List() {
		p := opigno.PlanAction(m.schema, a)
		// The detail names the mutation the actionId names, whatever the
		// title says.
		it := dialog.Item{Label: actionTitle(a), Detail: p.Mutation}
		if bulk > 0 {
			it.Detail = fmt.Sprintf("%s · for the %d selected", p.Mutation, bulk)
		}
		c := chooseMsg{tab: t.id, key: rowKey(r), actionID: a.ID}
		it.Run = func() tea.Msg { return c }
		_, asks := opigno.NeededInput(m.schema, a)
		switch {
		case m.ctx.ReadOnly:
			it.Disabled = "read-only mode"
		case bulk == 0 && m.busy[rowKey(r)] != "":
			it.Disabled = "an action is already queued or in flight"
		case p.Disabled != "" && asks && bulk == 0:
			it.Label += "…"
			f := formMsg{tab: t.id, key: rowKey(r), actionID: a.ID}
			it.Run = func() tea.Msg { return f }
		case p.Disabled != "":
			it.Disabled = p.Disabled
		}
		items = append(items, it)
	}
	items = append(items, m.ownItems(r)...)
	if len(items) == 0 {
		m.note = "No actions on this row."
		return nil
	}
	d := dialog.NewMenu(m.ctx, r.Short(), items)
	return func() tea.Msg { return common.OpenDialogMsg{Dialog: d} }
}

// ownItems are rosterm's actions on a row, beside the server's CTAs.
func (m *Model) ownItems(r Row) []dialog.Item {
	var items []dialog.Item
	if it, ok := m.inviteItem(r); ok {
		items = append(items, it)
	}
	if m.ctx.Demo && r.Kind != communityRow && r.Person.UUID != "" {
		p := r.Person
		items = append(items, dialog.Item{Label: "Act as " + p.Name, Detail: "demo",
			Run: func() tea.Msg { return actAsMsg{person: p} }})
	}
	return items
}

// inviteItem is the row's invitation: a person to a community, or people
// to the community.
func (m *Model) inviteItem(r Row) (dialog.Item, bool) {
	readOnly := ""
	if m.ctx.ReadOnly {
		readOnly = "read-only mode"
	}
	switch r.Kind {
	case communityRow:
		c := r.community()
		return dialog.Item{Label: "Invite people to this community…", Disabled: readOnly,
			Run: func() tea.Msg { return communityPickedMsg{community: c} }}, true
	case personRow, invitationRow:
		p := r.Person
		return dialog.Item{Label: "Invite to a community…", Disabled: readOnly,
			Run: func() tea.Msg { return inviteMsg{person: &p} }}, true
	}
	return dialog.Item{}, false
}

// switchMenu offers the acting users to switch to: the selected person,
// those acted as before (the starting user among them) and the people the
// program offers (the demo's administrator and member).
func (m *Model) switchMenu() tea.Cmd {
	if m.ctx.Opigno == nil {
		m.note = "Opigno is not configured."
		return nil
	}
	if !m.ctx.Demo {
		m.note = "Switching the acting user is for the demo server; start rosterm with --as UUID instead."
		return nil
	}
	current := m.ctx.Opigno.Acting()
	var people []opigno.Context
	if r, ok := m.tab().list.Selected(); ok && r.Kind != communityRow && r.Person.UUID != "" {
		people = append(people, r.Person)
	}
	people = append(people, m.known...)
	people = append(people, m.ctx.People...)
	seen := map[string]bool{}
	var items []dialog.Item
	for _, p := range people {
		if seen[p.UUID] {
			continue
		}
		seen[p.UUID] = true
		// The whole uuid, as the label (which the menu cuts only past 40
		// cells): it is what --as takes, and two people may share a name.
		it := dialog.Item{Label: p.UUID, Detail: p.Name}
		if p.UUID == current {
			it.Disabled = "acting as them now"
		}
		person := p
		it.Run = func() tea.Msg { return actAsMsg{person: person} }
		items = append(items, it)
	}
	d := dialog.NewMenu(m.ctx, "Act as", items)
	return func() tea.Msg { return common.OpenDialogMsg{Dialog: d} }
}

// actAs remembers the person and asks the root to switch to them.
func (m *Model) actAs(p opigno.Context) tea.Cmd {
	m.remember(p)
	uuid := p.UUID
	return func() tea.Msg { return common.SwitchActingMsg{UUID: uuid} }
}
