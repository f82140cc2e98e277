// Package keymap names every action rosterm has, binds each to default
// keys, lets the configuration rebind any of them, and writes help text from
// the bindings in effect. There is no package-level keymap: the program
// builds one Map and hands it to every pane.
package keymap

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/rosterm/rosterm/keymap/suggest"
)

// Pane is a pane as the keymap knows it: the name its actions are scoped
// to and its focus action is named after ("pane_" + Name), and the actions
// heard only in the panes that list them.
type Pane struct {
	Name  string
	Hears []string
}

// Map holds one binding per action.
type Map struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	NextPane, PrevPane                      key.Binding
	// Focus focuses each pane, in the order of the panes the map was
	// made for: keys 1, 2, 3… by default.
	Focus                             []key.Binding
	PrevTab, NextTab                  key.Binding
	Search, Menu, Select, Back        key.Binding
	Accept, Decline, Undo             key.Binding
	Refresh, Sort                     key.Binding
	New, Edit, Delete, Copy, Invite   key.Binding
	SwitchUser, Source, Mouse, Errors key.Binding
	Zoom                              key.Binding // one pane filling the screen, or all side by side
	Help, Quit, ForceQuit             key.Binding
	// Save saves a form from any field; Palette lists every action to
	// run one by name.
	Save, Palette key.Binding

	panes []Pane
}

// Default returns the default bindings for the panes given (the README's
// "Keys" tables list them). No two of them share a key, so any action can
// take a second key such as "A" for accept without clashing.
func Default(panes ...Pane) *Map {
	b := func(help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], help))
	}
	focus := make([]key.Binding, len(panes))
	for i, p := range panes {
		focus[i] = b(p.Name+" pane", fmt.Sprint(i+1))
	}
	return &Map{
		panes:      slices.Clone(panes),
		Focus:      focus,
		Up:         b("move up", "k", "up"),
		Down:       b("move down", "j", "down"),
		Top:        b("go to top", "g", "home"),
		Bottom:     b("go to bottom", "G", "end"),
		PageUp:     b("page up", "pgup", "ctrl+b"),
		PageDown:   b("page down", "pgdown", "ctrl+f"),
		NextPane:   b("next pane", "tab"),
		PrevPane:   b("previous pane", "shift+tab"),
		PrevTab:    b("previous tab", "["),
		NextTab:    b("next tab", "]"),
		Search:     b("search / filter", "/"),
		Menu:       b("open / actions", "enter"),
		Select:     b("select row", "space"),
		Back:       b("back / close", "esc"),
		Accept:     b("accept", "a"),
		Decline:    b("decline", "d"),
		Undo:       b("undo queued action", "u"),
		Refresh:    b("refresh / retry", "r"),
		Sort:       b("reverse sort", "s"),
		New:        b("new", "n"),
		Invite:     b("invite to a community", "i"),
		Edit:       b("edit", "e"),
		Delete:     b("delete", "x"),
		Copy:       b("copy id or e-mail", "y"),
		SwitchUser: b("act as another user", "@"),
		Source:     b("show one source / all", "S"),
		Mouse:      b("toggle mouse", "M"),
		Errors:     b("error log", "E"),
		Zoom:       b("one pane / all panes", "z"),
		Help:       b("help", "?"),
		Quit:       b("quit", "q"),
		ForceQuit:  b("quit", "ctrl+c"),
		Save:       b("save the form", "ctrl+s"),
		Palette:    b("command palette", ":"),
	}
}

// Clone returns a copy of m whose bindings change without changing m's:
// each session of a shared server has its own.
func (m *Map) Clone() *Map {
	n := *m
	n.Focus = slices.Clone(m.Focus)
	n.panes = slices.Clone(m.panes)
	return &n
}

// Named pairs an action's configuration name with its binding.
type Named struct {
	Name    string
	Binding *key.Binding
	// Panes are the only panes that hear the action; nil means it is
	// heard everywhere. Two actions may share a key only when no pane
	// hears both.
	Panes []string
	// Root marks the keys the root model handles itself (moving between
	// panes, help, quit) and the list movement every pane has: help shows
	// them for every pane.
	Root bool
}

// All lists every action by its configuration name, in help order.
func (m *Map) All() []Named {
	root := func(name string, b *key.Binding) Named { return Named{Name: name, Binding: b, Root: true} }
	// An action some pane says it hears is heard only in those panes.
	in := func(name string, b *key.Binding) Named {
		n := Named{Name: name, Binding: b}
		for _, p := range m.panes {
			if slices.Contains(p.Hears, name) {
				n.Panes = append(n.Panes, p.Name)
			}
		}
		return n
	}
	out := []Named{
		root("up", &m.Up), root("down", &m.Down), root("top", &m.Top), root("bottom", &m.Bottom),
		root("page_up", &m.PageUp), root("page_down", &m.PageDown),
		root("next_pane", &m.NextPane), root("prev_pane", &m.PrevPane),
	}
	for i, p := range m.panes {
		out = append(out, root("pane_"+p.Name, &m.Focus[i]))
	}
	return append(out,
		in("prev_tab", &m.PrevTab), in("next_tab", &m.NextTab),
		in("search", &m.Search), in("menu", &m.Menu), in("select", &m.Select), root("back", &m.Back),
		in("accept", &m.Accept), in("decline", &m.Decline), in("undo", &m.Undo),
		in("refresh", &m.Refresh), in("sort", &m.Sort),
		in("new", &m.New), in("edit", &m.Edit), in("delete", &m.Delete),
		in("copy", &m.Copy), in("invite", &m.Invite), in("switch_user", &m.SwitchUser), in("source", &m.Source),
		root("mouse", &m.Mouse), root("errors", &m.Errors), root("zoom", &m.Zoom), root("save", &m.Save), root("palette", &m.Palette),
		root("help", &m.Help), root("quit", &m.Quit), root("force_quit", &m.ForceQuit),
	)
}

// Root lists the actions help shows for every pane.
func (m *Map) Root() []Named {
	var out []Named
	for _, n := range m.All() {
		if n.Root {
			out = append(out, n)
		}
	}
	return out
}

// BindError is one problem with the keys configured for an action.
type BindError struct {
	Action string
	Key    int // index of the offending key in the action's list; -1 for the action itself
	Msg    string
}

func (e *BindError) Error() string { return "keys." + e.Action + ": " + e.Msg }

// BindErrors are all the problems Apply found.
type BindErrors []*BindError

func (es BindErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Apply rebinds actions: each name maps to the keys that replace its
// defaults. Unknown action names, unknown key names and a key that two
// actions heard in the same pane would share are errors (BindErrors) that
// say what is allowed; on error m is unchanged.
func (m *Map) Apply(overrides map[string][]string) error {
	next := *m
	next.Focus = slices.Clone(m.Focus) // rebound in next only
	byName := map[string]Named{}
	for _, n := range next.All() {
		byName[n.Name] = n
	}
	names := make([]string, 0, len(overrides))
	for name := range overrides {
		names = append(names, name)
	}
	sort.Strings(names)
	var errs BindErrors
	for _, name := range names {
		n, ok := byName[name]
		if !ok {
			errs = append(errs, &BindError{Action: name, Key: -1,
				Msg: fmt.Sprintf("unknown action %q%s (actions: %s)", name, suggest.DidYouMean(name, next.ActionNames()), strings.Join(next.ActionNames(), ", "))})
			continue
		}
		keys := overrides[name]
		if len(keys) == 0 {
			errs = append(errs, &BindError{Action: name, Key: -1, Msg: "give at least one key"})
			continue
		}
		valid := true
		for i, k := range keys {
			if !ValidKey(k) {
				valid = false
				errs = append(errs, &BindError{Action: name, Key: i, Msg: fmt.Sprintf("%q is not a key name (%s)", k, keyNamesHelp)})
			}
		}
		if valid {
			*n.Binding = key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], n.Binding.Help().Desc))
		}
	}
	if len(errs) == 0 {
		errs = next.clashes(overrides)
	}
	if len(errs) > 0 {
		return errs
	}
	*m = next
	return nil
}

// FromConfig is defaults with the configuration's bindings (action names
// to the keys that replace theirs) applied, leaving defaults as they are
// for the next user of them. Every problem is a BindError naming the action
// and the key at fault, so the configuration can point at its line.
func FromConfig(defaults *Map, bindings map[string][]string) (*Map, error) {
	m := defaults.Clone()
	if err := m.Apply(bindings); err != nil {
		return nil, err
	}
	return m, nil
}

// clashes finds keys of the rebound actions that another action heard in
// the same pane also uses.
func (m *Map) clashes(overrides map[string][]string) BindErrors {
	var errs BindErrors
	all := m.All()
	for _, a := range all {
		keys, rebound := overrides[a.Name]
		if !rebound {
			continue
		}
		for i, k := range keys {
			for _, b := range all {
				if b.Name == a.Name || !slices.Contains(b.Binding.Keys(), k) || !overlap(a.Panes, b.Panes) {
					continue
				}
				// Report a clash between two rebound actions once.
				if _, both := overrides[b.Name]; both && b.Name < a.Name {
					continue
				}
				errs = append(errs, &BindError{Action: a.Name, Key: i,
					Msg: fmt.Sprintf("%q is also the key of %s%s; give one of them another key", k, b.Name, where(a.Panes, b.Panes))})
			}
		}
	}
	return errs
}

// overlap reports whether some pane hears both actions (nil = every pane).
func overlap(a, b []string) bool {
	if a == nil || b == nil {
		return true
	}
	for _, p := range a {
		if slices.Contains(b, p) {
			return true
		}
	}
	return false
}

// where names the panes in which two actions clash, when not everywhere.
func where(a, b []string) string {
	var in []string
	switch {
	case a == nil && b == nil:
		return ""
	case a == nil:
		in = b
	case b == nil:
		in = a
	default:
		for _, p := range a {
			if slices.Contains(b, p) {
				in = append(in, p)
			}
		}
	}
	if len(in) == 1 {
		return " in the " + in[0] + " pane"
	}
	return " in the " + strings.Join(in, " and ") + " panes"
}

// ActionNames lists the configuration names of all actions.
func (m *Map) ActionNames() []string {
	var out []string
	for _, n := range m.All() {
		out = append(out, n.Name)
	}
	return out
}

// Keys formats a binding's keys for help: "j/down".
func Keys(b key.Binding) string { return strings.Join(b.Keys(), "/") }
