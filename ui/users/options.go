package users

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/directory"
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
	ed   directory.Editor // the directory the form changes
	edit bool
	user api.User
}

// optionsMsg carries loaded form options.
type optionsMsg struct {
	to     common.Target
	source api.Source // the directory they are of
	opts   formOptions
	end    string // why the groups stopped early, or ""
	err    error
}

func (o optionsMsg) Address() common.Target { return o.to }

// editor is the first directory that can change users, if any.
func (m *Model) editor() (directory.Editor, bool) {
	return directory.Find[directory.Editor](m.ctx.Directories)
}

// refuse says why a change cannot be made, or "" when it can.
func (m *Model) refuse(what string) string {
	if m.ctx.ReadOnly {
		return "Read-only mode: " + what + " is turned off."
	}
	if _, ok := m.editor(); !ok {
		return what + " needs " + directory.ChangesNeed + ": " + noMutations(m.ctx.Directories)
	}
	return ""
}

// noMutations says that the directories ds cannot change anything.
func noMutations(ds []directory.Directory) string {
	var names []string
	for _, d := range ds {
		names = append(names, d.Name()+"'s")
	}
	if len(names) == 1 {
		return names[0] + " API has no mutations"
	}
	return strings.Join(names, " and ") + " APIs have no mutations"
}

func status(text string) tea.Cmd {
	return func() tea.Msg { return common.StatusMsg{Text: text} }
}

// startCreate opens the create-user form of the first directory that can
// create users, loading its options first.
func (m *Model) startCreate() tea.Cmd {
	if why := m.refuse("creating users"); why != "" {
		return status(why)
	}
	ed, _ := m.editor()
	return m.withOptions(pendingAction{ed: ed})
}

// startEdit opens the edit form for u.
func (m *Model) startEdit(u api.User) tea.Cmd {
	ed, ok := m.ctx.Directory(u.Source).(directory.Editor)
	if !ok {
		name := m.ctx.DirectoryName(u.Source)
		return status(name + " users cannot be edited: " + name + "'s API has no mutations")
	}
	if why := m.refuse("editing users"); why != "" {
		return status(why)
	}
	return m.withOptions(pendingAction{ed: ed, edit: true, user: u})
}

// withOptions opens the form at once when its directory's options are
// known, or asks the server for them.
func (m *Model) withOptions(p pendingAction) tea.Cmd {
	if opts, ok := m.options[p.ed.Source()]; ok {
		return m.openForm(p, opts)
	}
	m.pending = &p
	ed, to, request := p.ed, m.to, m.ctx.Request
	return func() tea.Msg {
		ctx, cancel := request()
		defer cancel()
		lic, groups, end, err := ed.Choices(ctx)
		return optionsMsg{to: to, source: ed.Source(), opts: formOptions{licenses: lic, groups: groups}, end: end, err: err}
	}
}

func (m *Model) optionsLoaded(msg optionsMsg) tea.Cmd {
	p := m.pending
	m.pending = nil
	if msg.err != nil {
		return func() tea.Msg { return common.ErrorMsg{Where: "loading licenses and groups", Err: msg.err} }
	}
	if m.options == nil {
		m.options = map[api.Source]formOptions{}
	}
	m.options[msg.source] = msg.opts
	var said tea.Cmd
	if msg.end != "" {
		said = status(fmt.Sprintf("%s's groups %s; the forms offer the %d that came", m.ctx.DirectoryName(msg.source), msg.end, len(msg.opts.groups)))
	}
	if p == nil {
		return said
	}
	return tea.Batch(said, m.withOptions(*p))
}

func (m *Model) openForm(p pendingAction, opts formOptions) tea.Cmd {
	var f *form.Model
	if p.edit {
		f = editForm(m.ctx, p.ed, m.to, opts, p.user)
	} else {
		f = createForm(m.ctx, p.ed, m.to, opts)
	}
	return func() tea.Msg { return common.OpenDialogMsg{Dialog: f} }
}
