// Package form is a small form dialog: text and password fields, multiple
// and single choices, and an error line under each field. Client-side
// checks run first; then the pane's job asks the server, and its answer
// comes back to the open form as a ReplyMsg (through common.DialogMsg), which
// puts each server error beside its field. Nothing typed is ever lost: a
// failed submit leaves the form open with every value as it was, and a
// form whose submit hands its values on and closes comes back as it was
// (Reopen) when what it handed them to fails.
package form

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/ui/common"
)

// Job does the work of a submit, off the UI goroutine, and says how it went.
type Job func() ReplyMsg

// Submit turns the form's values into the job that saves them. It runs on
// the UI goroutine and must capture everything the job needs.
type Submit func(Values) Job

// ReplyMsg is a submit's outcome.
type ReplyMsg struct {
	form   *Model
	Errors map[string]string // by field key: shown under the field
	Err    string            // a failure not tied to a field: shown at the foot
	// Done, on success, closes the form and is then delivered (a message
	// addressed to the pane, say).
	Done tea.Msg
}

// Model is an open form; it is a common.Dialog.
type Model struct {
	ctx    *common.Context
	title  string
	action string // the submit button's label
	fields []*field
	focus  int // a field's index, or len(fields) for the submit button
	submit Submit
	check  func(Values) map[string]string
	saving bool
	err    string
	note   string // a line above the button, read only (see WithNote)
	// initial is what the fields held when the form opened: esc asks
	// before it throws away anything typed since.
	initial Values
	// discarding: esc was pressed with changes, and the form asks
	// whether to throw them away.
	discarding bool
}

// New builds a form. action labels the submit button ("Create user");
// submit makes the job that saves the values.
func New(ctx *common.Context, title, action string, fields []Field, submit Submit) *Model {
	m := &Model{ctx: ctx, title: title, action: action, submit: submit}
	for _, f := range fields {
		m.fields = append(m.fields, newField(f))
	}
	m.setFocus(0)
	m.initial = m.Values()
	return m
}

// Changed reports whether anything differs from what the form opened with.
func (m *Model) Changed() bool {
	now := m.Values()
	if len(now) != len(m.initial) {
		return true
	}
	for k, v := range now {
		if !slices.Equal(v, m.initial[k]) {
			return true
		}
	}
	return false
}

// TakesText: letters and digits are typed into the fields, so only the
// keys that save are held back while the form is new.
func (m *Model) TakesText() bool { return true }

// Discarding reports whether the form asks to discard its changes.
func (m *Model) Discarding() bool { return m.discarding }

// WithCheck adds a check across fields (one field required when another
// has some value); it returns errors by field key.
func (m *Model) WithCheck(check func(Values) map[string]string) *Model {
	m.check = check
	return m
}

// WithNote adds a line above the button that says what saving does (the
// mutation a server's action sends, say); it may be server text.
func (m *Model) WithNote(note string) *Model {
	m.note = note
	return m
}

// Reopen opens the form again as it was submitted, with why at its foot.
// It is for a submit whose Done hands the values on and lets the form
// close (a server's action, which the pane sends through its own queue
// and confirmations): when that later fails, what was typed comes back.
func (m *Model) Reopen(why string) tea.Cmd {
	m.err = why
	return func() tea.Msg { return common.OpenDialogMsg{Dialog: m} }
}

// Values are the shown fields' current values.
func (m *Model) Values() Values {
	v := Values{}
	for _, f := range m.fields {
		v[f.Key] = f.value()
	}
	for _, f := range m.fields {
		if f.Shown != nil && !f.Shown(v) {
			delete(v, f.Key)
		}
	}
	return v
}

// Error is the error shown under the field key, or at the foot for "".
func (m *Model) Error(k string) string {
	if k == "" {
		return m.err
	}
	for _, f := range m.fields {
		if f.Key == k {
			return f.err
		}
	}
	return ""
}

// Saving reports whether a submit awaits its answer.
func (m *Model) Saving() bool { return m.saving }

func (m *Model) shown(i int, v Values) bool {
	if i >= len(m.fields) {
		return true // the button
	}
	f := m.fields[i]
	return f.Shown == nil || f.Shown(v)
}

// setFocus moves the focus to field i (or the button) and gives that
// field the cursor.
func (m *Model) setFocus(i int) tea.Cmd {
	m.focus = i
	var cmd tea.Cmd
	for j, f := range m.fields {
		if f.choice() {
			continue
		}
		if j == i {
			cmd = f.input.Focus()
		} else {
			f.input.Blur()
		}
	}
	return cmd
}

// step moves the focus by d over the shown fields and the button,
// wrapping around.
func (m *Model) step(d int) tea.Cmd {
	v, n := m.Values(), len(m.fields)+1
	i := m.focus
	for range n {
		i = (i + d + n) % n
		if m.shown(i, v) {
			break
		}
	}
	return m.setFocus(i)
}

// Key handles a key press. esc closes the form, except while a submit
// awaits its answer, which the form must stay open to show.
func (m *Model) Key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := m.ctx.Keys
	if m.saving {
		return nil, false
	}
	var cur *field
	if m.focus < len(m.fields) {
		cur = m.fields[m.focus]
	}
	if m.discarding {
		// Only a yes throws the changes away; any other key goes back to
		// the form with everything as it was.
		m.discarding = false
		return nil, k.String() == "y" || k.String() == "Y"
	}
	switch {
	case key.Matches(k, keys.Back):
		if m.Changed() {
			m.discarding = true
			return nil, false
		}
		return nil, true
	case key.Matches(k, keys.Save):
		return m.Submit(), false
	case key.Matches(k, keys.NextPane):
		return m.step(1), false
	case key.Matches(k, keys.PrevPane):
		return m.step(-1), false
	case k.String() == "down":
		if cur == nil || !cur.move(1) {
			return m.step(1), false
		}
		return nil, false
	case k.String() == "up":
		if cur == nil || !cur.move(-1) {
			return m.step(-1), false
		}
		return nil, false
	case key.Matches(k, keys.Menu):
		if cur == nil {
			return m.Submit(), false
		}
		return m.step(1), false
	case cur != nil && cur.choice() && key.Matches(k, keys.Select):
		cur.toggle()
		cur.err = ""
		m.revealFocus()
		return nil, false
	case cur != nil && cur.choice() && key.Matches(k, keys.Down):
		// j and k move in a list of choices, as in every other list;
		// other letters jump to the option they start.
		cur.move(1)
		return nil, false
	case cur != nil && cur.choice() && key.Matches(k, keys.Up):
		cur.move(-1)
		return nil, false
	case cur != nil && cur.choice() && k.Text != "":
		cur.jump(k.Text)
		return nil, false
	case cur != nil && !cur.choice():
		cmd, changed := cur.edit(k)
		if changed {
			cur.err = ""
		}
		return cmd, false
	}
	return nil, false
}

// revealFocus moves the focus off a field that a change has just hidden.
func (m *Model) revealFocus() {
	if !m.shown(m.focus, m.Values()) {
		m.step(1)
	}
}

// Update takes the reply to this form's submit, and pastes into the
// focused text field.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ReplyMsg:
		if msg.form != m {
			return nil // the answer to another form
		}
		return m.receive(msg)
	case tea.PasteMsg:
		if m.focus < len(m.fields) && !m.fields[m.focus].choice() && !m.saving {
			f := m.fields[m.focus]
			cmd, changed := f.edit(msg)
			if changed {
				f.err = ""
			}
			return cmd
		}
	}
	return nil
}

func (m *Model) receive(r ReplyMsg) tea.Cmd {
	m.saving = false
	m.err = r.Err
	for _, f := range m.fields {
		f.err = r.Errors[f.Key]
	}
	if r.Done != nil && r.Err == "" && len(r.Errors) == 0 {
		done := r.Done
		// Closed first: a key typed once the outcome shows goes to what is
		// under the form, not to a form about to close.
		return tea.Sequence(
			func() tea.Msg { return common.CloseDialogMsg{Dialog: m} },
			func() tea.Msg { return done })
	}
	for k, e := range r.Errors {
		if m.fieldIndex(k) < 0 && e != "" {
			m.err = joinLines(m.err, e) // an error for a field the form lacks
		}
	}
	return m.focusFirstError()
}

func (m *Model) fieldIndex(k string) int {
	for i, f := range m.fields {
		if f.Key == k {
			return i
		}
	}
	return -1
}

func joinLines(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// focusFirstError puts the cursor on the first field with an error.
func (m *Model) focusFirstError() tea.Cmd {
	v := m.Values()
	for i, f := range m.fields {
		if f.err != "" && m.shown(i, v) {
			return m.setFocus(i)
		}
	}
	return nil
}

// Submit checks the values and, if the client finds nothing wrong, starts
// the pane's job. The form stays open until the answer comes.
func (m *Model) Submit() tea.Cmd {
	v := m.Values()
	bad := false
	var cross map[string]string
	if m.check != nil {
		cross = m.check(v)
	}
	for i, f := range m.fields {
		f.err = ""
		if !m.shown(i, v) {
			continue
		}
		f.err = f.problem()
		if f.err == "" {
			f.err = cross[f.Key]
		}
		bad = bad || f.err != ""
	}
	m.err = ""
	if bad {
		m.err = "fix the fields marked below"
		return m.focusFirstError()
	}
	m.saving = true
	job, form := m.submit(v), m
	return func() tea.Msg {
		r := job()
		r.form = form
		return common.DialogMsg{Msg: r}
	}
}
