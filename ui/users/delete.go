package users

import (
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/scope"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/dialog"
)

// deletedMsg is deleteUsers' answer for the users asked about.
type deletedMsg struct {
	to      common.Target
	targets []api.User
	res     scope.DeleteResult
	err     error
}

func (d deletedMsg) Address() common.Target { return d.to }

// deleteTargets are the marked users, or else the selected one.
func (m *Model) deleteTargets() []api.User {
	if marked := m.list.Marked(); len(marked) > 0 {
		return marked
	}
	if u, ok := m.list.Selected(); ok {
		return []api.User{u}
	}
	return nil
}

// label names a user in a confirmation or a result: name and e-mail.
func label(u api.User) string {
	if u.Email == "" || u.Email == u.Name() {
		return u.Name()
	}
	return u.Name() + " <" + u.Email + ">"
}

// confirmDelete asks before deleting targets, naming every one. Vision
// users are left out, since Vision cannot delete.
func (m *Model) confirmDelete(targets []api.User) tea.Cmd {
	var ids []string
	var names []string
	var scoped []api.User
	others := 0
	for _, u := range targets {
		switch {
		case u.Source != api.Scope:
			others++
		case !slices.Contains(ids, u.ID): // each once, however often listed
			scoped = append(scoped, u)
			ids = append(ids, u.ID)
			names = append(names, label(u))
		}
	}
	switch {
	case len(targets) == 0:
		return nil
	case len(scoped) == 0:
		return status("Vision users cannot be deleted: Vision's API has no mutations")
	}
	if why := m.refuse("deleting users"); why != "" {
		return status(why)
	}
	question := "Delete this Scope user? It cannot be undone."
	title := "Delete user?"
	if len(scoped) > 1 {
		question = fmt.Sprintf("Delete these %d Scope users? It cannot be undone.", len(scoped))
		title = "Delete users?"
	}
	if others > 0 {
		names = append(names, fmt.Sprintf("(%d Vision users left alone: Vision cannot delete)", others))
	}
	sc, to, request := m.ctx.Scope, m.to, m.ctx.Request
	yes := func() tea.Msg {
		ctx, cancel := request()
		defer cancel()
		res, err := sc.DeleteUsers(ctx, ids)
		return deletedMsg{to: to, targets: scoped, res: res, err: err}
	}
	sends := "deleteUsers, with 1 id"
	if len(ids) > 1 {
		sends = fmt.Sprintf("deleteUsers, with %d ids", len(ids))
	}
	c := dialog.NewConfirm(m.ctx, title, question, names, sends, yes)
	return func() tea.Msg { return common.OpenDialog{Dialog: c} }
}

// deleted removes the deleted users and shows what happened to each.
func (m *Model) deleted(d deletedMsg) tea.Cmd {
	if d.err != nil {
		return func() tea.Msg { return common.ErrorMsg{Where: "deleting users", Err: d.err, Pane: Name, Change: true} }
	}
	m.list.ClearMarks()
	byID := map[string]api.User{}
	for _, u := range d.targets {
		byID[u.ID] = u
	}
	var gone, kept []string
	for _, id := range d.res.Deleted {
		if m.list.Remove(string(api.Scope)+":"+id) && m.scopeTotal > 0 {
			m.scopeTotal--
		}
		gone = append(gone, label(byID[id]))
	}
	for _, u := range d.res.Undeleted {
		name := u.Name
		if t, ok := byID[u.ID]; ok {
			name = label(t)
		} else if name == "" {
			name = u.ID
		}
		kept = append(kept, name+" — "+u.Reason)
	}
	th := m.ctx.Theme
	var sections []dialog.Section
	if len(gone) > 0 {
		sections = append(sections, dialog.Section{Heading: fmt.Sprintf("Deleted (%d)", len(gone)), Items: gone, Style: &th.OK})
	}
	if len(kept) > 0 {
		sections = append(sections, dialog.Section{Heading: fmt.Sprintf("Not deleted (%d)", len(kept)), Items: kept, Style: &th.Warn})
	}
	if len(d.res.Messages) > 0 {
		sections = append(sections, dialog.Section{Heading: "The server also said", Items: d.res.Messages})
	}
	info := dialog.NewInfo(m.ctx, "Delete users", sections...)
	return tea.Batch(
		func() tea.Msg { return common.OpenDialog{Dialog: info} },
		status(d.res.String()))
}
