package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/api/scope"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
)

// plainPane is a pane that does not list its keys.
type plainPane struct{}

func (plainPane) Init() tea.Cmd                       { return nil }
func (plainPane) SetSize(int, int) tea.Cmd            { return nil }
func (plainPane) Key(tea.KeyPressMsg) (tea.Cmd, bool) { return nil, false }
func (plainPane) Update(tea.Msg) tea.Cmd              { return nil }
func (plainPane) View(focused bool) string            { return "" }
func (plainPane) Typing() bool                        { return false }

// helperPane lists its keys, as panes do through common.Helper.
type helperPane struct {
	plainPane
	keys []key.Binding
}

func (p helperPane) HelpKeys() []key.Binding { return p.keys }

// rebound is the default keymap with accept on a and A, quit on Q.
func rebound(t *testing.T) *keymap.Map {
	t.Helper()
	keys := DefaultKeys()
	if err := keys.Apply(map[string][]string{"accept": {"a", "A"}, "quit": {"Q"}}); err != nil {
		t.Fatal(err)
	}
	return keys
}

// helpModel is a root model at 120×40 whose Users pane is p.
func helpModel(t *testing.T, keys *keymap.Map, p Pane) Model {
	t.Helper()
	th, _ := theme.New("dark", true)
	// Configured, never called: the fake pane stands in for Users.
	sc, err := scope.New(scope.Config{Endpoint: "http://127.0.0.1:9/graphql", Token: "unused"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := &common.Context{Theme: th, Keys: keys, Directories: directory.From(sc, nil)}
	m := New(ctx, Options{Theme: "dark"})
	m.panes[0] = p
	m.width, m.height = 120, 40
	m, _ = m.layout()
	return m
}

func TestHelpListsTheFocusedPanesKeysThenTheGlobalOnes(t *testing.T) {
	t.Parallel()
	del := key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "delete"))
	del.SetEnabled(false) // as a pane does in read-only mode
	keys := rebound(t)
	m := helpModel(t, keys, helperPane{keys: []key.Binding{keys.Accept, del}})
	help := ansi.Strip(strings.Join(m.helpEntries(), "\n"))
	pane, global, ok := strings.Cut(help, "Everywhere")
	if !ok || !strings.Contains(help, "Users pane") {
		t.Fatalf("no sections:\n%s", help)
	}
	for _, want := range []string{"a/A           accept", "x             delete (off)"} {
		if !strings.Contains(pane, want) {
			t.Errorf("the pane's section lacks %q:\n%s", want, help)
		}
	}
	if strings.Contains(pane, "decline") {
		t.Errorf("the pane's section lists keys the pane does not have:\n%s", help)
	}
	if !strings.Contains(global, "Q             quit") || !strings.Contains(global, "tab           next pane") {
		t.Errorf("the global section:\n%s", help)
	}
	// The help bar shows the pane's enabled keys first.
	if bar := ansi.Strip(m.statusLine()); !strings.Contains(bar, "a accept · ? help · Q quit") {
		t.Errorf("help bar %q", bar)
	}
}

func TestHelpForAPaneThatListsNoKeysShowsEveryPaneAction(t *testing.T) {
	t.Parallel()
	m := helpModel(t, rebound(t), plainPane{})
	help := ansi.Strip(strings.Join(m.helpEntries(), "\n"))
	pane, _, _ := strings.Cut(help, "Everywhere")
	for _, want := range []string{"keys panes may have:", "a/A           accept", "y             copy id or e-mail", "@             act as another user"} {
		if !strings.Contains(pane, want) {
			t.Errorf("lacks %q:\n%s", want, help)
		}
	}
	if strings.Contains(pane, "move up") {
		t.Errorf("global keys in the pane's section:\n%s", help)
	}
}
