package ui

import (
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/connections"
	"github.com/rosterm/rosterm/ui/groups"
	"github.com/rosterm/rosterm/ui/users"
)

// paneSpec is one pane: everything the root knows of it. panes() is the
// one place a pane is added; focus and its keys, layout, help, the
// keymap's scoping and the placeholder of a pane whose API is missing all
// follow it.
type paneSpec struct {
	keymap.Pane        // its name (the address of its messages) and the actions only it hears
	title       string // what the user calls it
	// configured reports whether the API the pane needs is there; the root
	// draws a placeholder, saying to add need (example shows how), and
	// sends the pane nothing otherwise.
	configured func(*common.Context) bool
	need       string
	example    string
	// wide and tall are the pane's shares of the width on a wide terminal
	// (the panes side by side), and of the height when it is stacked on
	// the right of a narrower one (every pane but the first).
	wide, tall int
	// min is the width the pane needs for its rows, tabs and buttons to
	// be read whole: side by side, it gets at least that.
	min   int
	build func(*common.Context) Pane
}

func panes() []paneSpec {
	directory := func(c *common.Context) bool { return len(c.Directories) > 0 }
	directoryExample := "  scope:\n    endpoint: https://…/graphql\n    token: {env: SCOPE_TOKEN}\n\nor a vision: section"
	return []paneSpec{
		{Pane: keymap.Pane{Name: users.Name, Hears: []string{"edit"}}, title: "Users", configured: directory,
			need: "Scope or Vision", example: directoryExample, wide: 8, tall: 0, min: 34,
			build: func(c *common.Context) Pane { return users.New(c) }},
		{Pane: keymap.Pane{Name: groups.Name, Hears: []string{"edit"}}, title: "Groups", configured: directory,
			need: "Scope or Vision", example: directoryExample, wide: 5, tall: 2, min: 30,
			build: func(c *common.Context) Pane { return groups.New(c) }},
		{Pane: keymap.Pane{Name: connections.Name, Hears: []string{"accept", "decline", "undo"}}, title: "Connections",
			configured: func(c *common.Context) bool { return c.Opigno != nil },
			need:       "Opigno",
			example:    "  opigno:\n    endpoint: https://…/graphql\n    token_url: https://…/oauth/token\n    client_id: …\n    client_secret: {env: OPIGNO_SECRET}\n    acting_uuid: …",
			wide:       7, tall: 3,
			// Its four tab names, and a row's name, id and widest button.
			min:   50,
			build: func(c *common.Context) Pane { return connections.New(c) }},
	}
}

// KeymapPanes are the panes as the keymap knows them, for building and
// checking a keymap (configured keys are checked against these).
func KeymapPanes() []keymap.Pane {
	var out []keymap.Pane
	for _, p := range panes() {
		out = append(out, p.Pane)
	}
	return out
}

// DefaultKeys is the default keymap for rosterm's panes.
func DefaultKeys() *keymap.Map { return keymap.Default(KeymapPanes()...) }
