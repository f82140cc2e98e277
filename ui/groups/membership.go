package groups

import (
	"context"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/dialog"
	"github.com/rosterm/rosterm/ui/form"
)

// membershipMsg is the directory's answer to a change of someone's groups.
type membershipMsg struct {
	to    common.Target
	done  string // "Added Luke Skywalker to JEDI"
	user  api.User
	errs  []directory.FieldError
	err   error
	group string
}

func (m membershipMsg) Address() common.Target { return m.to }

// toggleMembership adds the selected user to g, or asks before removing
// them from it, where g's directory changes membership (Scope).
func (m *Model) toggleMembership(g api.Group) tea.Cmd {
	u := m.user
	if !m.hasUser {
		return status("Select a user in the Users pane first.")
	}
	mem, why := m.changer(u, g)
	if mem == nil {
		return status(why)
	}
	if m.isIn(u, g) {
		return m.confirmRemove(u, g)
	}
	if why := m.refuse(); why != "" {
		return status(why)
	}
	return m.change(mem.Join, u, g, "Added "+u.Name()+" to "+g.Name)
}

// changer is g's directory when it can put u in g or take them out, or
// else why not.
func (m *Model) changer(u api.User, g api.Group) (directory.Membership, string) {
	name := m.ctx.DirectoryName(g.Source)
	mem, ok := m.ctx.Directory(g.Source).(directory.Membership)
	switch {
	case !ok:
		return nil, name + " groups cannot be changed: " + name + "'s API has no mutations"
	case u.Source != g.Source:
		return nil, u.Name() + " is a " + m.ctx.DirectoryName(u.Source) + " user; only " + name + " users join " + name + " groups"
	}
	return mem, ""
}

// isIn reports whether u is in g: by group name where the directory says
// a user's groups with the user, else by user id among g's members.
func (m *Model) isIn(u api.User, g api.Group) bool {
	if names, ok := m.groupsOf(u); ok {
		return slices.Contains(names, g.Name)
	}
	return slices.Contains(g.Members, u.ID)
}

// confirmRemove asks before taking u out of g, naming both and the groups
// u keeps.
func (m *Model) confirmRemove(u api.User, g api.Group) tea.Cmd {
	mem, why := m.changer(u, g)
	if mem == nil {
		return status(why)
	}
	if why := m.refuse(); why != "" {
		return status(why)
	}
	who := u.Name()
	if u.Email != "" {
		who += " <" + u.Email + ">"
	}
	lines := []string{who}
	if names, ok := m.groupsOf(u); ok {
		keeps := strings.Join(slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == g.Name }), ", ")
		if keeps == "" {
			keeps = "none"
		}
		lines = append(lines, "groups after: "+keeps)
	}
	c := dialog.NewConfirm(m.ctx, "Remove from group?", "Remove from "+g.Name+":", lines,
		mem.Mutation(directory.Leave)+", with the groups after",
		m.change(mem.Leave, u, g, "Removed "+u.Name()+" from "+g.Name))
	return func() tea.Msg { return common.OpenDialogMsg{Dialog: c} }
}

func (m *Model) refuse() string {
	if m.ctx.ReadOnly {
		return "Read-only mode: changing groups is turned off."
	}
	return ""
}

// change sends a change of u's membership of g (mem.Join or mem.Leave).
func (m *Model) change(how func(context.Context, api.User, api.Group) (api.User, []directory.FieldError, error), u api.User, g api.Group, done string) tea.Cmd {
	to, request := m.to, m.ctx.Request
	return func() tea.Msg {
		ctx, cancel := request()
		defer cancel()
		fresh, errs, err := how(ctx, u, g)
		return membershipMsg{to: to, done: done, user: fresh, errs: errs, err: err, group: g.Name}
	}
}

func (m *Model) membershipDone(msg membershipMsg) tea.Cmd {
	if msg.err == nil && len(msg.errs) > 0 {
		var texts []string
		for _, e := range msg.errs {
			texts = append(texts, e.Text())
		}
		msg.err = &api.Error{Kind: api.KindGraphQL, Message: strings.Join(texts, "; ")}
	}
	if msg.err != nil {
		return func() tea.Msg {
			return common.ErrorMsg{Where: "changing the groups of a user (" + msg.group + ")", Err: msg.err, Pane: Name, Change: true}
		}
	}
	u := msg.user
	return tea.Batch(
		func() tea.Msg { return common.UserChangedMsg{User: u} },
		status(msg.done))
}

// watchMsg is a group id to watch, with what the watcher says of it.
type watchMsg struct {
	to    common.Target
	group api.Group
}

func (w watchMsg) Address() common.Target { return w.to }

// startWatch asks for a group id to watch. The watcher (Vision) cannot
// list groups, so its ids come from configuration or from here.
func (m *Model) startWatch() tea.Cmd {
	w := m.watcher
	if w == nil {
		return status("Watching groups needs " + directory.WatchingNeed + " to be configured.")
	}
	watched := slices.Clone(m.watched)
	check := func(id string) string {
		if slices.Contains(watched, strings.TrimSpace(id)) {
			return "is already watched"
		}
		return ""
	}
	fields := []form.Field{{Key: "id", Label: "Group id", Required: true, Hint: "your-org-a-group", Check: check}}
	to, request := m.to, m.ctx.Request
	submit := func(v form.Values) form.Job {
		id := strings.TrimSpace(v.Text("id"))
		return func() form.ReplyMsg {
			ctx, cancel := request()
			defer cancel()
			gs, err := w.GroupsByID(ctx, []string{id})
			if err != nil {
				return form.ReplyMsg{Err: err.Error()}
			}
			return form.ReplyMsg{Done: watchMsg{to: to, group: gs[0]}}
		}
	}
	f := form.New(m.ctx, "Watch a "+w.Name()+" group", "Watch", fields, submit)
	return func() tea.Msg { return common.OpenDialogMsg{Dialog: f} }
}

// watch adds a group to the watched ones, at the top of the list; a group
// the watcher does not have shows as "not found".
func (m *Model) watch(g api.Group) tea.Cmd {
	if m.watcher == nil || slices.Contains(m.watched, g.ID) {
		return nil
	}
	m.watched = append(m.watched, g.ID)
	if !m.src.Shows(m.watcher.Source()) {
		return status("Watching " + g.ID + " (showing " + m.src.Alone() + " only)")
	}
	m.list.Prepend(groupRow{Group: g, member: m.isMember(g)})
	m.list.Focus(groupKey(groupRow{Group: g}))
	if g.Missing {
		return status("Watching " + g.ID + ": " + m.watcher.Name() + " has no such group (yet)")
	}
	return status("Watching " + g.Name)
}

// unwatch stops watching a group.
func (m *Model) unwatch(g api.Group) tea.Cmd {
	if m.watcher == nil || g.Source != m.watcher.Source() {
		name := directory.WatchingNeed
		if m.watcher != nil {
			name = m.watcher.Name()
		}
		return status("Only watched " + name + " groups can be removed from this list.")
	}
	m.watched = slices.DeleteFunc(m.watched, func(id string) bool { return id == g.ID })
	m.list.Remove(groupKey(groupRow{Group: g}))
	return status("Stopped watching " + g.Name)
}
