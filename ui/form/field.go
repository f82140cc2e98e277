package form

import (
	"cmp"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/ui/sanitize"
)

// Kind is what a field holds.
type Kind int

// The kinds of field.
const (
	Text     Kind = iota // one line of text
	Password             // text shown as dots
	Multi                // any number of the options
	Single               // one of the options, or none
)

// Field describes one field of a form.
type Field struct {
	Key      string // names the field in Values and in ReplyMsg.Errors
	Label    string
	Kind     Kind
	Value    string   // initial text
	Options  []string // the choices of Multi and Single
	Chosen   []string // initially chosen options
	Required bool
	Hint     string // shown dim in an empty text field; may be server text
	// Limit is the most characters a text field takes; 0 means
	// defaultLimit. A field showing server text that may be long (a
	// description) needs more, or its value would be cut on opening.
	Limit int
	// Check returns what is wrong with a text, or "".
	Check func(string) string
	// Shown says whether the field applies given the other values (Scope's
	// origin group only with an admin or author license); nil means always.
	// A hidden field is neither checked nor part of the values.
	Shown func(Values) bool
}

// Values are a form's contents: each shown field's text, or its chosen
// options in the order they are offered.
type Values map[string][]string

// Text is a text field's value.
func (v Values) Text(k string) string {
	if s := v[k]; len(s) > 0 {
		return s[0]
	}
	return ""
}

// Chosen is a choice field's chosen options.
func (v Values) Chosen(k string) []string { return v[k] }

// defaultLimit bounds what is typed into a text field: enough for a name
// or an address.
const defaultLimit = 256

// field is a Field being edited.
type field struct {
	Field
	input  textinput.Model
	chosen map[string]bool
	cursor int // the option under the cursor
	err    string
}

func newField(f Field) *field {
	fl := &field{Field: f, chosen: map[string]bool{}}
	for _, c := range f.Chosen {
		fl.chosen[c] = true
	}
	if fl.choice() {
		return fl
	}
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = cmp.Or(f.Limit, defaultLimit)
	// A form is a sink like any other: an initial value from a server is
	// shown made safe. (Callers compare what comes back with the safe form
	// of the original, so an untouched field is not sent back changed.)
	in.SetValue(sanitize.Text(f.Value))
	st := textinput.DefaultStyles(true)
	st.Cursor.Blink = false // a blinking cursor would redraw an idle screen forever
	in.SetStyles(st)
	// ctrl+v would read the local clipboard, which over SSH is the
	// server's; the terminal's own paste arrives as a paste message.
	in.KeyMap.Paste = key.NewBinding(key.WithDisabled())
	if f.Kind == Password {
		in.EchoMode = textinput.EchoPassword
		in.EchoCharacter = '•'
	}
	fl.input = in
	return fl
}

func (f *field) choice() bool { return f.Kind == Multi || f.Kind == Single }

// value is the field's contribution to Values.
func (f *field) value() []string {
	if !f.choice() {
		return []string{f.input.Value()}
	}
	var out []string
	for _, o := range f.Options {
		if f.chosen[o] {
			out = append(out, o)
		}
	}
	return out
}

// toggle chooses or unchooses the option under the cursor.
func (f *field) toggle() {
	if f.cursor >= len(f.Options) {
		return
	}
	o := f.Options[f.cursor]
	was := f.chosen[o]
	if f.Kind == Single {
		clear(f.chosen)
	}
	f.chosen[o] = !was
	if !f.chosen[o] {
		delete(f.chosen, o)
	}
}

// jump moves the cursor to the next option starting with text, so a long
// list of groups is quick to cross.
func (f *field) jump(text string) {
	n := len(f.Options)
	for i := 1; i <= n; i++ {
		j := (f.cursor + i) % n
		if strings.HasPrefix(strings.ToLower(f.Options[j]), strings.ToLower(text)) {
			f.cursor = j
			return
		}
	}
}

// move moves the option cursor; it reports false at either end, where the
// key moves to the neighbouring field instead.
func (f *field) move(d int) bool {
	next := f.cursor + d
	if !f.choice() || next < 0 || next >= len(f.Options) {
		return false
	}
	f.cursor = next
	return true
}

// edit gives a key or paste to a text field and reports whether its value
// changed.
func (f *field) edit(msg tea.Msg) (tea.Cmd, bool) {
	before := f.input.Value()
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return cmd, f.input.Value() != before
}

// problem is what the client can tell is wrong before asking the server.
func (f *field) problem() string {
	v := f.value()
	switch {
	case f.Required && f.choice() && len(v) == 0:
		return "choose at least one"
	case f.Required && !f.choice() && strings.TrimSpace(v[0]) == "":
		return "is required"
	case f.Check != nil && !f.choice() && v[0] != "":
		return f.Check(v[0])
	}
	return ""
}

// summary is a choice field's chosen options on one line.
func (f *field) summary() string {
	v := f.value()
	if len(v) == 0 {
		return ""
	}
	return strings.Join(v, ", ")
}
