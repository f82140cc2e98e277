package connections

import (
	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/ui/common"
	uiform "github.com/rosterm/rosterm/ui/form"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// A CTA whose mutation needs input no CTA can carry (its metadata says
// requiresInput, like the demo's EDIT_COMMUNITY) opens a form built from
// the argument's type in the server's schema; what is typed becomes the
// argument, and the action runs through the engine like any other.
type (
	formMsg struct {
		toPane
		tab      tabID
		key      string
		actionID string
	}
	formDoneMsg struct {
		toPane
		tab      tabID
		key      string
		actionID string
		values   map[string]string
		// form opens again, as typed, if the action is not sent or fails
		form *uiform.Model
	}
)

// inputLimit lets a field hold a long description: a value cut on opening
// would be sent back cut.
const inputLimit = 64 << 10

// openForm asks for the input the row's action needs. Saving closes the
// form and hands what changed to the pane, which sends it as it sends
// every action (a confirmation first if it takes something away).
func (m *Model) openForm(f formMsg) tea.Cmd {
	r, a, in, why := m.formTarget(f.tab, f.key, f.actionID)
	if why != "" {
		m.note = why
		return nil
	}
	initial := prefill(r)
	var d *uiform.Model
	submit := func(v uiform.Values) uiform.Job {
		done := formDoneMsg{tab: f.tab, key: f.key, actionID: f.actionID, values: changed(v, initial), form: d}
		return func() uiform.ReplyMsg { return uiform.ReplyMsg{Done: done} }
	}
	d = uiform.New(m.ctx, actionTitle(a)+": "+r.Label(), "Save", inputFields(m.schema, in, initial), submit).
		WithNote("Saving sends " + opigno.MutationName(a.ID) + "; only changed fields are sent.")
	return func() tea.Msg { return common.OpenDialogMsg{Dialog: d} }
}

// formTarget finds the row, its action and the input the action needs, or
// says why it cannot.
func (m *Model) formTarget(tab tabID, key, actionID string) (Row, api.Action, opigno.Input, string) {
	r, ok := m.tabs[tab].list.Get(key)
	if !ok {
		return Row{}, api.Action{}, opigno.Input{}, "That row is gone."
	}
	a, _ := r.ActionByID(actionID)
	in, ok := opigno.NeededInput(m.schema, a)
	if !ok {
		return r, a, in, "The server no longer asks for input for " + actionTitle(a) + "."
	}
	return r, a, in, ""
}

// inputFields asks for each field of the input, or for the argument
// itself: a single enum or Boolean as a choice of its values, anything
// else typed, with its type as the hint.
func inputFields(s *api.Schema, in opigno.Input, values map[string]string) []uiform.Field {
	args := in.Fields
	if len(args) == 0 {
		args = []api.InputValue{{Name: in.Arg, Type: in.Type}}
	}
	fields := make([]uiform.Field, len(args))
	for i, v := range args {
		f := uiform.Field{Key: v.Name, Label: v.Name, Value: values[v.Name], Hint: v.Type.String(), Limit: inputLimit}
		if opts := choices(s, v.Type); len(opts) > 0 {
			f.Kind, f.Options = uiform.Single, opts
			if c := values[v.Name]; c != "" {
				f.Chosen = []string{c}
			}
		}
		fields[i] = f
	}
	return fields
}

// choices are the values of a single enum or Boolean; a list is typed.
func choices(s *api.Schema, t api.TypeRef) []string {
	if t.Kind == "NON_NULL" && t.OfType != nil {
		t = *t.OfType
	}
	switch {
	case t.Kind == "LIST":
		return nil
	case t.Named() == "Boolean":
		return []string{"true", "false"}
	}
	return s.Enum(t.Named())
}

// changed is what differs from what the form opened with: only that is
// sent, so a field left alone keeps the server's value, which the form
// showed made safe.
func changed(v uiform.Values, initial map[string]string) map[string]string {
	out := map[string]string{}
	for k := range v {
		if s := v.Text(k); s != sanitize.Text(initial[k]) {
			out[k] = s
		}
	}
	return out
}

// formSubmitted runs the action with what the form says; when it cannot,
// the form opens again, as typed, saying why.
func (m *Model) formSubmitted(f formDoneMsg) tea.Cmd {
	j, why := m.formJob(f)
	if j == nil {
		return f.form.Reopen(why)
	}
	j.form = f.form
	// Saving named the mutation it sends, and saving was the yes; one that
	// takes something away asks again.
	if j.items[0].plan.Destructive() {
		return m.confirm(j)
	}
	return m.start(j)
}

// formJob drafts the job that sends what the form says, or says why not.
func (m *Model) formJob(f formDoneMsg) (*job, string) {
	if why := m.allowed(); why != "" {
		return nil, why
	}
	r, a, in, why := m.formTarget(f.tab, f.key, f.actionID)
	if why != "" {
		return nil, why
	}
	filled, err := opigno.WithInput(m.schema, a, in, f.values)
	if err != nil {
		return nil, "Not sent: " + err.Error()
	}
	// One row: a job, or why there is none.
	return m.draft(f.tab, []Row{r}, func(Row) (api.Action, bool) { return filled, true })
}

// prefill is what the form starts with: the row's current values, by the
// field names Opigno uses for them.
func prefill(r Row) map[string]string {
	if r.Kind != communityRow {
		return nil
	}
	c := r.community()
	return map[string]string{"title": c.Title, "description": c.Description, "visibility": c.Visibility}
}
