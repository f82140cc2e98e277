package users

import (
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/scope"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/form"
)

// formOptions are the choices the user forms offer, read from the server:
// the license types from the schema's enum, and the group names.
type formOptions struct {
	licenses []string
	groups   []string // nil when the server cannot list groups: names are typed
}

// pendingAction is the form to open once the options are loaded.
type pendingAction struct {
	edit bool
	user api.User
}

// optionsMsg carries loaded form options.
type optionsMsg struct {
	to   common.Target
	opts formOptions
	end  string // why the walk through the groups stopped early, or ""
	err  error
}

func (o optionsMsg) Address() common.Target { return o.to }

// refuse says why a change cannot be made, or "" when it can.
func (m *Model) refuse(what string) string {
	switch {
	case m.ctx.ReadOnly:
		return "read-only mode: " + what + " is turned off"
	case m.ctx.Scope == nil:
		return what + " needs Scope: Vision's API has no mutations"
	}
	return ""
}

func status(text string) tea.Cmd {
	return func() tea.Msg { return common.StatusMsg{Text: text} }
}

// startCreate opens the create-user form, loading its options first.
func (m *Model) startCreate() tea.Cmd {
	if why := m.refuse("creating users"); why != "" {
		return status(why)
	}
	return m.withOptions(pendingAction{})
}

// startEdit opens the edit form for u.
func (m *Model) startEdit(u api.User) tea.Cmd {
	if u.Source != api.Scope {
		return status("Vision users cannot be edited: Vision's API has no mutations")
	}
	if why := m.refuse("editing users"); why != "" {
		return status(why)
	}
	return m.withOptions(pendingAction{edit: true, user: u})
}

// withOptions opens the form at once when the options are known, or asks
// the server for them.
func (m *Model) withOptions(p pendingAction) tea.Cmd {
	if m.options != nil {
		return m.openForm(p)
	}
	m.pending = &p
	sc, to, request := m.ctx.Scope, m.to, m.ctx.Request
	return func() tea.Msg {
		ctx, cancel := request()
		defer cancel()
		lic, err := sc.LicenseTypes(ctx)
		if err != nil {
			return optionsMsg{to: to, err: err}
		}
		groups, end, err := sc.GroupNames(ctx)
		if errors.Is(err, scope.ErrNoGroupList) {
			groups, err = nil, nil
		}
		return optionsMsg{to: to, opts: formOptions{licenses: lic, groups: groups}, end: end, err: err}
	}
}

func (m *Model) optionsLoaded(msg optionsMsg) tea.Cmd {
	p := m.pending
	m.pending = nil
	if msg.err != nil {
		return func() tea.Msg { return common.ErrorMsg{Where: "loading licenses and groups", Err: msg.err} }
	}
	m.options = &msg.opts
	var said tea.Cmd
	if msg.end != "" {
		said = status(fmt.Sprintf("Scope's groups %s; the forms offer the %d that came", msg.end, len(msg.opts.groups)))
	}
	if p == nil {
		return said
	}
	return tea.Batch(said, m.openForm(*p))
}

func (m *Model) openForm(p pendingAction) tea.Cmd {
	var f *form.Model
	if p.edit {
		f = editForm(m.ctx, m.to, *m.options, p.user)
	} else {
		f = createForm(m.ctx, m.to, *m.options)
	}
	return func() tea.Msg { return common.OpenDialog{Dialog: f} }
}
