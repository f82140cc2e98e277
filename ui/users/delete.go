package users

import (
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/dialog"
)

// deletedMsg is deleteUsers' answer for the users asked about.
type deletedMsg struct {
	to      common.Target
	source  api.Source // the directory that deleted
	targets []api.User
	res     directory.DeleteResult
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

// confirmDelete asks before deleting targets, naming every one. Users of
// a directory that cannot delete (Vision) are left out, and so are those
// of any directory but the first that can: one is asked at a time.
func (m *Model) confirmDelete(targets []api.User) tea.Cmd {
	if len(targets) == 0 {
		return nil
	}
	var ed directory.Editor
	for _, u := range targets {
		if e, ok := m.ctx.Directory(u.Source).(directory.Editor); ok {
			ed = e
			break
		}
	}
	if ed == nil {
		name := m.ctx.DirectoryName(targets[0].Source)
		return status(name + " users cannot be deleted: " + name + "'s API has no mutations")
	}
	var ids, names []string
	var chosen []api.User
	skipped := map[api.Source]int{}
	var others []api.Source // the skipped users' directories, in order
	for _, u := range targets {
		if u.Source == ed.Source() {
			if slices.Contains(ids, u.ID) {
				continue // each once, however often listed
			}
			chosen = append(chosen, u)
			ids = append(ids, u.ID)
			names = append(names, label(u))
			continue
		}
		if skipped[u.Source] == 0 {
			others = append(others, u.Source)
		}
		skipped[u.Source]++
	}
	if why := m.refuse("deleting users"); why != "" {
		return status(why)
	}
	question := "Delete this " + ed.Name() + " user? It cannot be undone."
	title := "Delete user?"
	if len(chosen) > 1 {
		question = fmt.Sprintf("Delete these %d %s users? It cannot be undone.", len(chosen), ed.Name())
		title = "Delete users?"
	}
	for _, s := range others {
		name, why := m.ctx.DirectoryName(s), m.ctx.DirectoryName(s)+" cannot delete"
		if _, ok := m.ctx.Directory(s).(directory.Editor); ok {
			why = "delete them on their own"
		}
		names = append(names, fmt.Sprintf("(%d %s users left alone: %s)", skipped[s], name, why))
	}
	to, request, source := m.to, m.ctx.Request, ed.Source()
	yes := func() tea.Msg {
		ctx, cancel := request()
		defer cancel()
		res, err := ed.DeleteUsers(ctx, ids)
		return deletedMsg{to: to, source: source, targets: chosen, res: res, err: err}
	}
	sends := ed.Mutation(directory.Delete) + ", with 1 id"
	if len(ids) > 1 {
		sends = fmt.Sprintf("%s, with %d ids", ed.Mutation(directory.Delete), len(ids))
	}
	c := dialog.NewConfirm(m.ctx, title, question, names, sends, yes)
	return func() tea.Msg { return common.OpenDialogMsg{Dialog: c} }
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
	var gone, kept, goneNames []string
	for _, id := range d.res.Deleted {
		if m.list.Remove(userKey(api.User{Source: d.source, ID: id})) && m.counted(d.source) && m.firstTotal > 0 {
			m.firstTotal--
		}
		gone = append(gone, label(byID[id]))
		name := byID[id].Name()
		if name == "" {
			name = "user " + id
		}
		goneNames = append(goneNames, name)
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
		func() tea.Msg { return common.OpenDialogMsg{Dialog: info} },
		status(deletedWords(goneNames, len(kept))))
}

// deletedWords sum a deletion up as a sentence: "Deleted Jane Doe",
// "Deleted 3 users; 1 was not (the box says why)".
func deletedWords(gone []string, kept int) string {
	var what string
	switch len(gone) {
	case 0:
		what = "Deleted nobody"
	case 1:
		what = "Deleted " + gone[0]
	default:
		what = fmt.Sprintf("Deleted %d users", len(gone))
	}
	switch {
	case kept == 1 && len(gone) == 0:
		return "Not deleted: the server kept the user (the box says why)"
	case kept == 1:
		return what + "; 1 was not (the box says why)"
	case kept > 1:
		return what + fmt.Sprintf("; %d were not (the box says why)", kept)
	}
	return what
}
