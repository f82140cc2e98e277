package form

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/uitest"
)

type saved struct{ v Values }

func newCtx() *common.Context {
	th, _ := theme.New("none", true)
	return &common.Context{Theme: th, Keys: keymap.Default()}
}

// userForm is a create-user form whose job answers with reply, or, when
// reply is nil, succeeds.
func userForm(reply *ReplyMsg) (*Model, *Values) {
	var got Values
	fields := []Field{
		{Key: "name", Label: "Name", Required: true},
		{Key: "password", Label: "Password", Kind: Password, Required: true},
		{Key: "email", Label: "Email", Check: func(s string) string {
			if !strings.Contains(s, "@") {
				return "is not an e-mail address"
			}
			return ""
		}},
		{Key: "licenses", Label: "Licenses", Kind: Multi, Options: []string{"VIEWER", "ADMIN", "AUTHOR"}, Chosen: []string{"VIEWER"}},
		{Key: "origin", Label: "Origin group", Kind: Single, Options: []string{"DEFAULT", "JEDI"},
			Shown: func(v Values) bool { return slices.Contains(v.Chosen("licenses"), "ADMIN") }},
	}
	f := New(newCtx(), "New user", "Create user", fields, func(v Values) Job {
		got = v
		return func() ReplyMsg {
			if reply != nil {
				return *reply
			}
			return ReplyMsg{Done: saved{v}}
		}
	})
	return f, &got
}

// fillRequired types the name and the password, the required fields.
func fillRequired(f *Model) {
	typeText(f, "Rey")
	press(f, "tab")
	typeText(f, "secret-pass")
}

// typeText types s into the form.
func typeText(f *Model, s string) {
	for _, r := range s {
		f.Key(uitest.Key(string(r)))
	}
}

func press(f *Model, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		cmd, _ = f.Key(uitest.Key(k))
	}
	return cmd
}

// deliver runs a submit command and hands the reply to the form, as the
// root does through common.DialogMsg; it returns the form's command.
func deliver(t *testing.T, f *Model, cmd tea.Cmd) tea.Cmd {
	t.Helper()
	if cmd == nil {
		t.Fatal("no submit command")
	}
	dm, ok := cmd().(common.DialogMsg)
	if !ok {
		t.Fatalf("a submit must answer through DialogMsg")
	}
	return f.Update(dm.Msg)
}

func TestClientChecksStopTheSubmit(t *testing.T) {
	f, got := userForm(nil)
	typeText(f, "Rey")
	press(f, "tab", "tab")
	typeText(f, "not-an-address")
	f.Submit()
	if *got != nil {
		t.Fatal("a form with client-side errors must not run its job")
	}
	if f.Error("password") != "is required" || f.Error("email") != "is not an e-mail address" {
		t.Fatalf("errors: %q %q", f.Error("password"), f.Error("email"))
	}
	if f.focus != 1 {
		t.Error("the cursor must go to the first field in error")
	}
	view := ansi.Strip(f.View(80, 30))
	if !strings.Contains(view, "! is not an e-mail address") || !strings.Contains(view, "Rey") {
		t.Fatalf("errors show beside their fields, values stay:\n%s", view)
	}
}

func TestServerErrorsGoBesideTheirFieldsAndEverythingTypedStays(t *testing.T) {
	f, got := userForm(&ReplyMsg{Errors: map[string]string{"email": "Email is already in use"}})
	fillRequired(f)
	press(f, "tab")
	typeText(f, "luke@jedi.org")
	cmd := f.Submit()
	if !f.Saving() {
		t.Fatal("the form must say it is saving")
	}
	if closing := deliver(t, f, cmd); closing != nil {
		if _, ok := closing().(common.CloseDialogMsg); ok {
			t.Fatal("a refused submit must keep the form open")
		}
	}
	if got.Text("email") != "luke@jedi.org" || got.Text("password") != "secret-pass" {
		t.Fatalf("the job got %v", *got)
	}
	if f.Error("email") != "Email is already in use" || f.focus != 2 {
		t.Fatalf("the server's error must show under email, with the cursor there: %q", f.Error("email"))
	}
	v := f.Values()
	if v.Text("name") != "Rey" || v.Text("password") != "secret-pass" || v.Text("email") != "luke@jedi.org" {
		t.Fatalf("a failed submit lost input: %v", v)
	}
	view := ansi.Strip(f.View(80, 30))
	if strings.Contains(view, "secret-pass") {
		t.Fatal("the password must be masked")
	}
	// Editing the field clears its error.
	typeText(f, "x")
	if f.Error("email") != "" {
		t.Error("an edited field's error must clear")
	}
}

func TestSuccessClosesTheFormAndDeliversDone(t *testing.T) {
	f, _ := userForm(nil)
	fillRequired(f)
	cmd := deliver(t, f, f.Submit())
	msgs := collect(cmd)
	var closed, done bool
	for _, m := range msgs {
		switch m := m.(type) {
		case common.CloseDialogMsg:
			closed = m.Dialog == f
		case saved:
			done = m.v.Text("name") == "Rey"
			if !closed {
				// A key typed once the outcome shows would go to the form.
				t.Fatal("Done must come after the form closed")
			}
		}
	}
	if !closed || !done {
		t.Fatalf("success must close this form and deliver Done: %v", msgs)
	}
}

func TestRepliesToAnotherFormAreIgnored(t *testing.T) {
	a, _ := userForm(&ReplyMsg{Errors: map[string]string{"name": "taken"}})
	b, _ := userForm(nil)
	fillRequired(a)
	dm := a.Submit()().(common.DialogMsg)
	if b.Update(dm.Msg) != nil || b.Error("name") != "" {
		t.Fatal("a form must ignore the answer to another form")
	}
}

func TestHiddenFieldsFollowOtherValues(t *testing.T) {
	f, got := userForm(nil)
	fillRequired(f)
	press(f, "tab", "tab") // licenses
	if strings.Contains(ansi.Strip(f.View(80, 30)), "Origin group") {
		t.Fatal("origin group is hidden until ADMIN is chosen")
	}
	press(f, "down", "space") // choose ADMIN
	view := ansi.Strip(f.View(80, 30))
	if !strings.Contains(view, "Origin group") || !strings.Contains(view, "VIEWER, ADMIN") {
		t.Fatalf("choosing ADMIN shows the origin group:\n%s", view)
	}
	press(f, "tab")
	typeText(f, "j") // type-ahead to JEDI
	press(f, "space")
	deliver(t, f, f.Submit())
	if got.Text("origin") != "JEDI" || !slices.Equal(got.Chosen("licenses"), []string{"VIEWER", "ADMIN"}) {
		t.Fatalf("values %v", *got)
	}
	// Unchoosing ADMIN hides the origin group again, and drops its value.
	f, got = userForm(nil)
	fillRequired(f)
	press(f, "tab", "tab", "down", "space", "space")
	deliver(t, f, f.Submit())
	if _, ok := (*got)["origin"]; ok {
		t.Fatal("a hidden field is not part of the values")
	}
}

func TestPasteGoesIntoTheFocusedField(t *testing.T) {
	f, _ := userForm(nil)
	f.Update(tea.PasteMsg{Content: "Rey Skywalker"})
	if f.Values().Text("name") != "Rey Skywalker" {
		t.Fatalf("paste: %q", f.Values().Text("name"))
	}
}

func TestTallFormsShowTheFocusedField(t *testing.T) {
	f, _ := userForm(nil)
	press(f, "tab", "tab", "tab") // licenses, listing its options
	view := ansi.Strip(f.View(60, 8))
	if !strings.Contains(view, "Licenses") || strings.Count(view, "\n") > 7 {
		t.Fatalf("a short terminal must still show the focused field:\n%s", view)
	}
}

// collect runs cmd, expanding batches, and returns the messages.
func collect(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, collect(c)...)
		}
		return out
	}
	// tea.Sequence's message is unexported: a slice of commands, run in
	// order.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		var out []tea.Msg
		for i := range v.Len() {
			out = append(out, collect(v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func TestServerTextInAFieldIsShownSafe(t *testing.T) {
	f := New(newCtx(), "Edit", "Save", []Field{{Key: "name", Label: "Name", Value: "Eve\x1b]0;pwned\x07\u202e lyn"}},
		func(Values) Job { return nil })
	view := f.View(80, 20)
	if strings.ContainsAny(view, "\x07\u202e") || strings.Contains(view, "pwned") {
		t.Fatalf("a field shows server text unsafely: %q", view)
	}
	if f.Values().Text("name") != "Eve lyn" {
		t.Fatalf("value %q", f.Values().Text("name"))
	}
}

func TestServerTextInANoteOrAHintIsShownSafe(t *testing.T) {
	evil := "\x1b]0;pwned\x07\u202e\x1b[2J"
	f := New(newCtx(), "Edit", "Save", []Field{{Key: "title", Label: "title", Hint: "Str\u202eing" + evil}},
		func(Values) Job { return nil }).WithNote("Saving sends editCommunity" + evil + "; only changed fields are sent.")
	view := f.View(80, 20)
	if strings.ContainsAny(view, "\x07\u202e") || strings.Contains(view, "pwned") || strings.Contains(view, "\x1b]") || strings.Contains(view, "\x1b[2J") {
		t.Fatalf("a note or a hint shows server text unsafely: %q", view)
	}
	plain := ansi.Strip(view)
	if !strings.Contains(plain, "Saving sends editCommunity") || !strings.Contains(plain, "Str") {
		t.Fatalf("the note and the hint should still be shown:\n%s", plain)
	}
	// The hint is the empty field's placeholder: typing replaces it.
	typeText(f, "Jedi")
	if plain := ansi.Strip(f.View(80, 20)); strings.Contains(plain, "Str") || !strings.Contains(plain, "Jedi") {
		t.Fatalf("typed text replaces the hint:\n%s", plain)
	}
}

// A form whose submit hands its values on and closes (an action sent
// later, through an undo window) opens again as typed when that fails,
// saying why; esc still asks before throwing the typing away.
func TestAReopenedFormKeepsWhatWasTypedAndSaysWhy(t *testing.T) {
	f := New(newCtx(), "Edit", "Save", []Field{{Key: "title", Label: "title", Value: "Jedi"}},
		func(v Values) Job { return func() ReplyMsg { return ReplyMsg{Done: saved{v}} } })
	press(f, "end")
	typeText(f, " Council")
	msgs := collect(deliver(t, f, press(f, "ctrl+s")))
	if len(msgs) != 2 || msgs[0] != (common.CloseDialogMsg{Dialog: f}) {
		t.Fatalf("saving should close the form, then hand the values on: %v", msgs)
	}
	if got := msgs[1].(saved).v.Text("title"); got != "Jedi Council" {
		t.Fatalf("handed on %q", got)
	}
	open, ok := f.Reopen("No answer: the change may or may not have been applied")().(common.OpenDialogMsg)
	if !ok || open.Dialog != f {
		t.Fatal("Reopen should open this form again")
	}
	view := ansi.Strip(f.View(80, 20))
	if !strings.Contains(view, "! No answer: the change may or may not have been applied") || !strings.Contains(view, "Jedi Council") {
		t.Fatalf("the form should come back as typed, saying why:\n%s", view)
	}
	if _, done := f.Key(uitest.Key("esc")); done || !strings.Contains(ansi.Strip(f.View(80, 20)), "Discard changes?") {
		t.Fatal("esc in the reopened form should ask before discarding")
	}
	if _, done := f.Key(uitest.Key("y")); !done {
		t.Fatal("y discards")
	}
}

func TestALongValueFromTheServerIsNotCut(t *testing.T) {
	long := strings.Repeat("word ", 200) + "the end"
	f := New(newCtx(), "Edit", "Save", []Field{
		{Key: "description", Label: "description", Value: long, Limit: 64 << 10},
		{Key: "name", Label: "name"},
	}, func(Values) Job { return nil })
	f.View(80, 20) // on screen, as a form is before its first key
	press(f, "end")
	if view := ansi.Strip(f.View(80, 20)); !strings.Contains(view, "the end") {
		t.Fatalf("the end of a long description should be there to edit:\n%s", view)
	}
	if f.Changed() {
		t.Fatal("a long value opened untouched must not count as changed")
	}
	// Typed text stays bounded where the field sets no limit.
	press(f, "tab")
	typeText(f, strings.Repeat("n", 300))
	if n := len(f.Values().Text("name")); n != defaultLimit {
		t.Fatalf("a field without a limit took %d characters", n)
	}
}
