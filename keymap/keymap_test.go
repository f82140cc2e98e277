package keymap

import (
	"errors"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
)

func TestDefaultKeysAreValidDistinctAndTypeable(t *testing.T) {
	m := Default(testPanes...)
	owner := map[string]string{}
	for _, n := range m.All() {
		for _, k := range n.Binding.Keys() {
			if !ValidKey(k) {
				t.Errorf("%s: default key %q is not a valid key name", n.Name, k)
			}
			if !key.Matches(Press(k), *n.Binding) {
				t.Errorf("%s: pressing %q does not match its binding (Press gives %q)", n.Name, k, Press(k).String())
			}
			if o, dup := owner[k]; dup {
				t.Errorf("%q is the default key of both %s and %s", k, o, n.Name)
			}
			owner[k] = n.Name
		}
	}
	if err := m.Apply(nil); err != nil {
		t.Fatal(err)
	}
}

func TestApplyRebindsWithSeveralKeys(t *testing.T) {
	m := Default(testPanes...)
	// The example: "A" was switch_user's key; it moved to "@".
	if err := m.Apply(map[string][]string{"accept": {"a", "A"}, "quit": {"ctrl+q", "Q"}}); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"a", "A"} {
		if !key.Matches(Press(k), m.Accept) {
			t.Errorf("accept does not answer %q", k)
		}
	}
	if key.Matches(Press("q"), m.Quit) || !key.Matches(Press("ctrl+q"), m.Quit) {
		t.Error("quit keeps its old key or lacks the new one")
	}
	if h := m.Quit.Help(); h.Key != "ctrl+q" || h.Desc != "quit" {
		t.Errorf("help for quit = %+v, want the first new key and the old description", h)
	}
	if got := Keys(m.Accept); got != "a/A" {
		t.Errorf("Keys = %q", got)
	}
}

func TestApplyErrorsSayWhatIsAllowed(t *testing.T) {
	cases := []struct {
		overrides map[string][]string
		action    string
		key       int
		want      []string
	}{
		{map[string][]string{"acept": {"a"}}, "acept", -1, []string{`unknown action "acept", did you mean "accept"?`, "accept, decline"}},
		{map[string][]string{"accept": {}}, "accept", -1, []string{"at least one key"}},
		{map[string][]string{"accept": {"a", "ctrl+"}}, "accept", 1, []string{`"ctrl+" is not a key name`, "pgdown"}},
		{map[string][]string{"accept": {"enterr"}}, "accept", 0, []string{`"enterr" is not a key name`}},
		{map[string][]string{"quit": {"n"}}, "quit", 0, []string{`"n" is also the key of new;`}},
		{map[string][]string{"accept": {"d"}}, "accept", 0, []string{`"d" is also the key of decline in the connections pane`}},
		{map[string][]string{"help": {"j"}}, "help", 0, []string{`"j" is also the key of down;`}},
	}
	for _, c := range cases {
		m := Default(testPanes...)
		err := m.Apply(c.overrides)
		var errs BindErrors
		if !errors.As(err, &errs) || len(errs) != 1 {
			t.Errorf("%v: want one BindError, got %v", c.overrides, err)
			continue
		}
		e := errs[0]
		if e.Action != c.action || e.Key != c.key {
			t.Errorf("%v: error located at %s[%d], want %s[%d]", c.overrides, e.Action, e.Key, c.action, c.key)
		}
		for _, w := range c.want {
			if !strings.Contains(e.Error(), w) {
				t.Errorf("%v: %q lacks %q", c.overrides, e.Error(), w)
			}
		}
		if !key.Matches(Press("q"), m.Quit) || !key.Matches(Press("a"), m.Accept) {
			t.Errorf("%v: a failed Apply changed the map", c.overrides)
		}
	}
}

// TestFromConfigLeavesTheDefaultsAlone: the configuration's keys reach the
// map it returns, not the defaults, which another session (rosterm serve)
// starts from again.
func TestFromConfigLeavesTheDefaultsAlone(t *testing.T) {
	defaults := Default(testPanes...)
	m, err := FromConfig(defaults, map[string][]string{"quit": {"Q"}, "pane_users": {"f1"}})
	if err != nil {
		t.Fatal(err)
	}
	if !key.Matches(Press("Q"), m.Quit) || !key.Matches(Press("f1"), m.Focus[0]) {
		t.Error("the configured keys do not answer")
	}
	if !key.Matches(Press("q"), defaults.Quit) || !key.Matches(Press("1"), defaults.Focus[0]) {
		t.Error("the defaults changed")
	}
	_, err = FromConfig(defaults, map[string][]string{"quit": {"Q", "ctrl+"}, "acept": {"a"}})
	var errs BindErrors
	if !errors.As(err, &errs) || len(errs) != 2 {
		t.Fatalf("want two BindErrors, got %v", err)
	}
	for _, want := range []string{`keys.acept: unknown action "acept", did you mean "accept"?`, `keys.quit: "ctrl+" is not a key name`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
}

func TestActionsHeardInDifferentPanesMayShareAKey(t *testing.T) {
	m := Default(testPanes...)
	// edit is heard in Users and Groups, decline in Connections.
	if err := m.Apply(map[string][]string{"edit": {"d", "e"}}); err != nil {
		t.Fatal(err)
	}
	// Two rebound actions on one key: one error, not two.
	err := m.Apply(map[string][]string{"refresh": {"R"}, "sort": {"R"}})
	var errs BindErrors
	if !errors.As(err, &errs) || len(errs) != 1 || !strings.Contains(errs[0].Error(), "refresh") {
		t.Fatalf("got %v", err)
	}
}

func TestRootActionsAreTheOnesHelpShowsForEveryPane(t *testing.T) {
	var names []string
	for _, n := range Default(testPanes...).Root() {
		names = append(names, n.Name)
	}
	got := strings.Join(names, " ")
	for _, want := range []string{"up", "next_pane", "pane_connections", "help", "quit", "mouse"} {
		if !strings.Contains(got, want) {
			t.Errorf("root actions %q lack %s", got, want)
		}
	}
	if strings.Contains(got, "accept") || strings.Contains(got, "delete") {
		t.Errorf("root actions %q include pane actions", got)
	}
}

// testPanes are panes as rosterm's registry gives them (ui.KeymapPanes):
// Users and Groups hear edit, Connections the triage.
var testPanes = []Pane{
	{Name: "users", Hears: []string{"edit"}},
	{Name: "groups", Hears: []string{"edit"}},
	{Name: "connections", Hears: []string{"accept", "decline", "undo"}},
}

// A pane's focus action is named after it and numbered by its place.
func TestEachPaneHasAFocusKey(t *testing.T) {
	m := Default(testPanes...)
	for i, p := range testPanes {
		if !key.Matches(Press(string(rune('1'+i))), m.Focus[i]) {
			t.Errorf("%s: focus keys %v", p.Name, m.Focus[i].Keys())
		}
	}
	if err := m.Apply(map[string][]string{"pane_connections": {"f3"}}); err != nil || !key.Matches(Press("f3"), m.Focus[2]) {
		t.Errorf("pane_connections rebinds the third pane's focus key: %v", err)
	}
	if err := m.Apply(map[string][]string{"pane_users": {"q"}}); err == nil {
		t.Error("a focus key that clashes with quit must be refused")
	}
	if !key.Matches(Press("1"), m.Focus[0]) {
		t.Error("a refused Apply changed the focus keys")
	}
}
