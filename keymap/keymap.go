// Package keymap names every action rosterm has, binds each to default
// keys, lets the configuration rebind any of them, and writes help text from
// the bindings in effect. There is no package-level keymap: the program
// builds one Map and hands it to every pane.
package keymap

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
)

// Map holds one binding per action.
type Map struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	NextPane, PrevPane                      key.Binding
	PaneUsers, PaneGroups, PaneConnections  key.Binding
	PrevTab, NextTab                        key.Binding
	Search, Menu, Select, Back              key.Binding
	Accept, Decline, Undo                   key.Binding
	Refresh, Sort                           key.Binding
	New, Edit, Delete, Copy                 key.Binding
	SwitchUser, Source, Mouse, Errors       key.Binding
	Help, Quit, ForceQuit                   key.Binding
}

// Default returns the default bindings (design.md, "Default keys").
func Default() *Map {
	b := func(help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], help))
	}
	return &Map{
		Up:              b("move up", "k", "up"),
		Down:            b("move down", "j", "down"),
		Top:             b("go to top", "g", "home"),
		Bottom:          b("go to bottom", "G", "end"),
		PageUp:          b("page up", "pgup", "ctrl+b"),
		PageDown:        b("page down", "pgdown", "ctrl+f"),
		NextPane:        b("next pane", "tab"),
		PrevPane:        b("previous pane", "shift+tab"),
		PaneUsers:       b("users pane", "1"),
		PaneGroups:      b("groups pane", "2"),
		PaneConnections: b("connections pane", "3"),
		PrevTab:         b("previous tab", "["),
		NextTab:         b("next tab", "]"),
		Search:          b("search / filter", "/"),
		Menu:            b("open / actions", "enter"),
		Select:          b("select row", "space"),
		Back:            b("back / close", "esc"),
		Accept:          b("accept", "a"),
		Decline:         b("decline", "d"),
		Undo:            b("undo queued action", "u"),
		Refresh:         b("refresh / retry", "r"),
		Sort:            b("reverse sort", "s"),
		New:             b("new user", "n"),
		Edit:            b("edit", "e"),
		Delete:          b("delete", "x"),
		Copy:            b("copy id or e-mail", "y"),
		SwitchUser:      b("act as another user", "A"),
		Source:          b("show one source / all", "S"),
		Mouse:           b("toggle mouse", "M"),
		Errors:          b("error log", "E"),
		Help:            b("help", "?"),
		Quit:            b("quit", "q"),
		ForceQuit:       b("quit", "ctrl+c"),
	}
}

// Named pairs an action's configuration name with its binding.
type Named struct {
	Name    string
	Binding *key.Binding
}

// All lists every action by its configuration name, in help order.
func (m *Map) All() []Named {
	return []Named{
		{"up", &m.Up}, {"down", &m.Down}, {"top", &m.Top}, {"bottom", &m.Bottom},
		{"page_up", &m.PageUp}, {"page_down", &m.PageDown},
		{"next_pane", &m.NextPane}, {"prev_pane", &m.PrevPane},
		{"pane_users", &m.PaneUsers}, {"pane_groups", &m.PaneGroups}, {"pane_connections", &m.PaneConnections},
		{"prev_tab", &m.PrevTab}, {"next_tab", &m.NextTab},
		{"search", &m.Search}, {"menu", &m.Menu}, {"select", &m.Select}, {"back", &m.Back},
		{"accept", &m.Accept}, {"decline", &m.Decline}, {"undo", &m.Undo},
		{"refresh", &m.Refresh}, {"sort", &m.Sort},
		{"new", &m.New}, {"edit", &m.Edit}, {"delete", &m.Delete}, {"copy", &m.Copy},
		{"switch_user", &m.SwitchUser}, {"source", &m.Source}, {"mouse", &m.Mouse}, {"errors", &m.Errors},
		{"help", &m.Help}, {"quit", &m.Quit}, {"force_quit", &m.ForceQuit},
	}
}

// Apply rebinds actions: each name maps to the keys that replace its
// defaults. Unknown action names and unknown key names are errors that say
// what is allowed.
func (m *Map) Apply(overrides map[string][]string) error {
	byName := map[string]*key.Binding{}
	for _, n := range m.All() {
		byName[n.Name] = n.Binding
	}
	names := make([]string, 0, len(overrides))
	for name := range overrides {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		b, ok := byName[name]
		if !ok {
			return fmt.Errorf("unknown action %q in keys (actions: %s)", name, strings.Join(ActionNames(), ", "))
		}
		keys := overrides[name]
		if len(keys) == 0 {
			return fmt.Errorf("keys.%s: give at least one key", name)
		}
		for _, k := range keys {
			if !ValidKey(k) {
				return fmt.Errorf("keys.%s: %q is not a key name (use a single character, or names such as enter, esc, tab, space, up, pgdown, f1, ctrl+x, alt+x, shift+tab)", name, k)
			}
		}
		help := b.Help()
		*b = key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], help.Desc))
	}
	return nil
}

// ActionNames lists the configuration names of all actions.
func ActionNames() []string {
	var out []string
	for _, n := range Default().All() {
		out = append(out, n.Name)
	}
	return out
}

// Keys formats a binding's keys for help: "j/down".
func Keys(b key.Binding) string { return strings.Join(b.Keys(), "/") }
