package groups

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/scope"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/dialog"
	"github.com/rosterm/rosterm/ui/form"
)

// membershipMsg is updateUser's answer to a change of someone's groups.
type membershipMsg struct {
	to    common.Target
	done  string // "Added Luke Skywalker to JEDI"
	user  api.User
	errs  []scope.FieldError
	err   error
	group string
}

func (m membershipMsg) Address() common.Target { return m.to }

// toggleMembership adds the selected user to g, or asks before removing
// them from it. Scope takes the whole new set of groups in updateUser.
func (m *Model) toggleMembership(g api.Group) tea.Cmd {
	u := m.user
	switch {
	case !m.hasUser:
		return status("select a user in the Users pane first")
	case g.Source == api.Vision:
		return status("Vision groups cannot be changed: Vision's API has no mutations")
	case u.Source != api.Scope:
		return status(u.Name() + " is a Vision user; only Scope users join Scope groups")
	}
	if slices.Contains(u.Groups, g.Name) {
		return m.confirmRemove(u, g)
	}
	if why := m.refuse(); why != "" {
		return status(why)
	}
	next := append(slices.Clone(u.Groups), g.Name)
	return m.setGroups(u, next, g.Name, "Added "+u.Name()+" to "+g.Name)
}

// confirmRemove asks before taking u out of g, naming both and the groups
// u keeps.
func (m *Model) confirmRemove(u api.User, g api.Group) tea.Cmd {
	if g.Source != api.Scope || u.Source != api.Scope {
		return status("Vision groups cannot be changed: Vision's API has no mutations")
	}
	if why := m.refuse(); why != "" {
		return status(why)
	}
	next := slices.DeleteFunc(slices.Clone(u.Groups), func(n string) bool { return n == g.Name })
	keeps := strings.Join(next, ", ")
	if keeps == "" {
		keeps = "none"
	}
	who := u.Name()
	if u.Email != "" {
		who += " <" + u.Email + ">"
	}
	c := dialog.NewConfirm(m.ctx, "Remove from group?", "Remove from "+g.Name+":",
		[]string{who, "groups after: " + keeps}, "updateUser, with the groups after",
		m.setGroups(u, next, g.Name, "Removed "+u.Name()+" from "+g.Name))
	return func() tea.Msg { return common.OpenDialog{Dialog: c} }
}

func (m *Model) refuse() string {
	switch {
	case m.ctx.ReadOnly:
		return "read-only mode: changing groups is turned off"
	case m.ctx.Scope == nil:
		return "changing groups needs Scope"
	}
	return ""
}

// setGroups sends u's whole new set of groups.
func (m *Model) setGroups(u api.User, groups []string, group, done string) tea.Cmd {
	sc, to, request := m.ctx.Scope, m.to, m.ctx.Request
	return func() tea.Msg {
		ctx, cancel := request()
		defer cancel()
		fresh, errs, err := sc.UpdateUser(ctx, u.ID, scope.Change{Groups: &groups})
		return membershipMsg{to: to, done: done, user: fresh, errs: errs, err: err, group: group}
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
		func() tea.Msg { return common.UserChanged{User: u} },
		status(msg.done))
}

// watchMsg is a Vision group id to watch, with what Vision says of it.
type watchMsg struct {
	to    common.Target
	group api.Group
}

func (w watchMsg) Address() common.Target { return w.to }

// startWatch asks for a Vision group id to watch. Vision cannot list
// groups, so its ids come from configuration or from here.
func (m *Model) startWatch() tea.Cmd {
	vc := m.ctx.Vision
	if vc == nil {
		return status("watching groups needs Vision to be configured")
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
		return func() form.Reply {
			ctx, cancel := request()
			defer cancel()
			gs, err := vc.Groups(ctx, []string{id})
			if err != nil {
				return form.Reply{Err: err.Error()}
			}
			return form.Reply{Done: watchMsg{to: to, group: gs[0]}}
		}
	}
	f := form.New(m.ctx, "Watch a Vision group", "Watch", fields, submit)
	return func() tea.Msg { return common.OpenDialog{Dialog: f} }
}

// watch adds a group to the watched ones, at the top of the list; a group
// Vision does not have shows as "not found".
func (m *Model) watch(g api.Group) tea.Cmd {
	if slices.Contains(m.watched, g.ID) {
		return nil
	}
	m.watched = append(m.watched, g.ID)
	if !m.src.Shows(api.Vision) {
		return status("Watching " + g.ID + " (showing Scope only)")
	}
	m.list.Prepend(groupRow{Group: g, member: m.isMember(g)})
	m.list.Focus(groupKey(groupRow{Group: g}))
	if g.Missing {
		return status("Watching " + g.ID + ": Vision has no such group (yet)")
	}
	return status("Watching " + g.Name)
}

// unwatch stops watching a Vision group.
func (m *Model) unwatch(g api.Group) tea.Cmd {
	if g.Source != api.Vision {
		return status("only watched Vision groups can be removed from this list")
	}
	m.watched = slices.DeleteFunc(m.watched, func(id string) bool { return id == g.ID })
	m.list.Remove(groupKey(groupRow{Group: g}))
	return status("Stopped watching " + g.Name)
}
