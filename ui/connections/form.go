package connections

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
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
	formDone struct {
		toPane
		tab      tabID
		key      string
		actionID string
		values   map[string]string
		form     *form // reopened, with what was typed, if the action fails
	}
)

// openForm asks for the input the row's action needs.
func (m *Model) openForm(f formMsg) tea.Cmd {
	r, a, in, ok := m.formTarget(f.tab, f.key, f.actionID)
	if !ok {
		return nil
	}
	var d *form
	d = newForm(m.ctx, actionTitle(a)+": "+r.Label(), opigno.MutationName(a.ID), m.schema, in, prefill(r), func(values map[string]string) tea.Cmd {
		return func() tea.Msg { return formDone{tab: f.tab, key: f.key, actionID: f.actionID, values: values, form: d} }
	})
	return func() tea.Msg { return common.OpenDialog{Dialog: d} }
}

// formTarget finds the row, its action and the input the action needs.
func (m *Model) formTarget(tab tabID, key, actionID string) (Row, api.Action, opigno.Input, bool) {
	r, ok := m.tabs[tab].list.Get(key)
	if !ok {
		m.note = "That row is gone."
		return Row{}, api.Action{}, opigno.Input{}, false
	}
	a, _ := r.ActionByID(actionID)
	in, ok := opigno.NeededInput(m.schema, a)
	return r, a, in, ok
}

// formSubmitted runs the action with what the form says.
func (m *Model) formSubmitted(f formDone) tea.Cmd {
	if why := m.allowed(); why != "" {
		m.note = why
		return nil
	}
	r, a, in, ok := m.formTarget(f.tab, f.key, f.actionID)
	if !ok {
		return nil
	}
	filled, err := opigno.WithInput(m.schema, a, in, f.values)
	if err != nil {
		m.note = "Not sent: " + err.Error()
		return nil
	}
	j, skipped := m.draft(f.tab, []Row{r}, func(Row) (api.Action, bool) { return filled, true })
	m.note = skipped
	if j == nil {
		return nil
	}
	j.form = f.form
	// The form named the mutation enter sends, and enter was the yes; one
	// that takes something away asks again.
	if j.items[0].plan.Destructive() {
		return m.confirm(j)
	}
	return m.start(j)
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

// form is a dialog of one line per field.
type form struct {
	ctx    *common.Context
	title  string
	sends  string // the mutation enter sends
	fields []formField
	focus  int
	done   func(map[string]string) tea.Cmd
	err    string // why the last save did not go through
	// discarding: esc was pressed with changes; only y throws them away.
	discarding bool
}

// TakesText: letters and digits are typed into the fields.
func (f *form) TakesText() bool { return true }

// changed reports whether any field differs from what it started with.
func (f *form) changed() bool {
	for _, fl := range f.fields {
		if fl.input.Value() != fl.initial {
			return true
		}
	}
	return false
}

// reopen shows the form again, as it was when saved, with why the save
// did not go through: nothing typed is lost.
func (f *form) reopen(why string) tea.Cmd {
	f.err = why
	return func() tea.Msg { return common.OpenDialog{Dialog: f} }
}

type formField struct {
	name    string
	hint    string // the type, or the values an enum allows
	initial string // what the field started with, made safe to show
	input   textinput.Model
}

func newForm(ctx *common.Context, title, sends string, s *api.Schema, in opigno.Input, values map[string]string, done func(map[string]string) tea.Cmd) *form {
	f := &form{ctx: ctx, title: title, sends: sends, done: done}
	fields := in.Fields
	if len(fields) == 0 {
		fields = []api.InputValue{{Name: in.Arg, Type: in.Type}}
	}
	for _, v := range fields {
		ti := textinput.New()
		st := textinput.DefaultStyles(true)
		st.Cursor.Blink = false // a blinking cursor would redraw an idle screen forever
		ti.SetStyles(st)
		ti.Prompt = ""
		ti.CharLimit = 64 << 10
		// Server text is made safe before the field shows it; a field left
		// as it was is not sent, so the raw value on the server stays.
		initial := sanitize.Text(values[v.Name])
		ti.SetValue(initial)
		hint := v.Type.String()
		if vals := s.Enum(v.Type.Named()); len(vals) > 0 {
			hint = strings.Join(vals, " | ")
		}
		f.fields = append(f.fields, formField{name: v.Name, hint: hint, initial: initial, input: ti})
	}
	f.fields[0].input.Focus()
	return f
}

// Key edits the focused field; tab and the arrows move between fields,
// enter saves, esc cancels.
func (f *form) Key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := f.ctx.Keys
	if f.discarding {
		f.discarding = false
		return nil, k.String() == "y" || k.String() == "Y"
	}
	switch {
	case key.Matches(k, keys.Back):
		if f.changed() {
			f.discarding = true
			return nil, false
		}
		return nil, true
	case k.String() == "tab" || k.String() == "down":
		f.move(1)
	case k.String() == "shift+tab" || k.String() == "up":
		f.move(-1)
	case key.Matches(k, keys.Menu, keys.Save):
		values := map[string]string{}
		for _, fl := range f.fields {
			if v := fl.input.Value(); v != fl.initial {
				values[fl.name] = v
			}
		}
		return f.done(values), true
	default:
		var cmd tea.Cmd
		f.fields[f.focus].input, cmd = f.fields[f.focus].input.Update(k)
		return cmd, false
	}
	return nil, false
}

func (f *form) move(by int) {
	f.fields[f.focus].input.Blur()
	f.focus = (f.focus + by + len(f.fields)) % len(f.fields)
	f.fields[f.focus].input.Focus()
}

// Update ignores messages: a form waits for keys.
func (f *form) Update(tea.Msg) tea.Cmd { return nil }

// View draws each field under its name and type.
func (f *form) View(maxW, maxH int) string {
	th := f.ctx.Theme
	w := min(72, maxW)
	inner := w - 2
	body := []string{""}
	for i, fl := range f.fields {
		mark := "  "
		if i == f.focus {
			mark = "▶ "
		}
		name := sanitize.Line(fl.name, inner/2) // field names come from the server's schema
		body = append(body, mark+th.Title.Render(name)+"  "+th.Dim.Render(sanitize.Line(fl.hint, max(inner-lipgloss.Width(name)-6, 1))))
		fl.input.SetWidth(max(inner-5, 1))
		body = append(body, "    "+fl.input.View())
	}
	if f.err != "" {
		body = append(body, "")
		for _, l := range strings.Split(ansi.Wordwrap(sanitize.Text("! "+f.err), inner-2, ""), "\n") {
			body = append(body, " "+th.Error.Render(sanitize.Line(l, inner-2)))
		}
	}
	foot := th.Dim.Render(sanitize.Line("tab next · only changed fields are sent · enter/"+keymap.Keys(f.ctx.Keys.Save)+" save · esc cancel", inner-2))
	if f.discarding {
		foot = th.Warn.Render("Discard changes? y discard · any other key keeps editing")
	}
	body = append(body, "", " "+th.Dim.Render("enter sends ")+th.Accent.Render(sanitize.Line(f.sends, inner-14)), " "+foot)
	for i := range body {
		body[i] = frame.Pad(body[i], inner)
	}
	h := min(len(body)+2, maxH)
	return frame.Box(th, f.title, "", body[:max(h-2, 0)], w, h, true)
}
