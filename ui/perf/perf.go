// Package perf measures rosterm as a person feels it: what one key press
// costs the whole program (every pane and the status line, with N rows
// loaded through the lists' own page requests), the bytes Bubble Tea's
// renderer writes to the terminal for it, the requests the program sends,
// and the memory a loaded row holds. BenchmarkKeypress (package ui) and
// the report command (ui/perfreport, whose table the README shows) use it,
// so the figures cannot drift from the program.
package perf

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/common"
)

// Setup is what a measurement loads: Users users in the Users pane (a
// Directory of that many; 0 for the demo's Scope and Vision), Connections
// possible connections (the demo's Opigno with that many people; 0 for
// its 2,600), in a W×H terminal, with the pane Focus ("1", "3") focused.
type Setup struct {
	Users       int
	Connections int
	W, H        int
	Focus       string
}

func (s Setup) String() string {
	if s.Focus == "3" {
		return fmt.Sprintf("Connections rows=%d %dx%d", s.Connections, s.W, s.H)
	}
	return fmt.Sprintf("Users rows=%d %dx%d", s.Users, s.W, s.H)
}

// Program is a loaded program and what it runs against.
type Program struct {
	Setup  Setup
	Server *Server
	Ctx    *common.Context
	Driver *Driver
	cancel context.CancelFunc
}

// Close stops the program's requests and its server.
func (p *Program) Close() {
	p.cancel()
	p.Server.Close()
}

// Server options for a setup: Opigno sized to it.
func (s Setup) demoOptions() demo.Options {
	o := demo.Options{}
	if s.Connections > 0 {
		o.OpignoContexts = s.Connections + 2600
	}
	return o
}

// Context connects to srv as the demo profile does (as main wires it):
// Opigno acting as the demo administrator, Scope and Vision, the dark
// theme, the default keys.
func Context(base context.Context, url string) (*common.Context, error) {
	return DemoContext(base, url, "", "dark")
}

// DemoContext is the program's context on the demo server at url, as main
// wires the demo profile: Opigno acting as actingUUID (the administrator
// when ""), Scope and Vision, the named theme and the default keys. The ui
// package's flow tests start from it too.
func DemoContext(base context.Context, url, actingUUID, themeName string) (*common.Context, error) {
	th, err := theme.New(themeName, true)
	if err != nil {
		return nil, err
	}
	p, err := demo.Profile(url, demo.DefaultSeed, actingUUID).Resolve(base)
	if err != nil {
		return nil, err
	}
	cl, err := p.Clients(config.Options{})
	if err != nil {
		return nil, err
	}
	ctx := ui.NewContext(cl, th, ui.DefaultKeys(), 0)
	ctx.Demo, ctx.Base, ctx.People = true, base, demo.People()
	return ctx, nil
}

// Unbounded is the lists' budget while measuring: none, so that a list
// holds the 100,000 rows measured (rosterm stops one query at 16 MB of
// rows, some 37,000 users).
func Unbounded() *api.Budget { return &api.Budget{} }

// Load starts a demo server and the program, sizes it, runs its start and
// loads the setup's rows in the focused pane by its own page requests
// (moving to the last row until no page follows), then puts the cursor
// back on the first row.
func Load(s Setup) (*Program, error) {
	base, cancel := context.WithCancel(context.Background())
	srv := StartServer(s.demoOptions())
	ctx, err := Context(base, srv.URL)
	if err != nil {
		cancel()
		srv.Close()
		return nil, err
	}
	ctx.ListBudget = Unbounded()
	if s.Users > 0 {
		ctx.Directories = []directory.Directory{NewDirectory(s.Users)}
	}
	p := &Program{Setup: s, Server: srv, Ctx: ctx, cancel: cancel}
	d := NewDriver(ui.New(ctx, ui.Options{Theme: "dark"}))
	p.Driver = d
	d.Draw = false
	d.Init()
	d.Send(tea.WindowSizeMsg{Width: s.W, Height: s.H})
	d.Press(s.Focus)
	d.LoadAll()
	d.Press("g")
	d.Draw = true
	d.Views = 0
	return p, nil
}

// LoadAll loads every row of the focused list by paging down from the top
// until no page follows: G would ask a list that can page from the end
// (Opigno's) for its last rows only.
func (d *Driver) LoadAll() {
	for stalled := 0; stalled < 3; {
		before := d.Pages
		d.Press("pgdown", "pgdown", "pgdown", "pgdown")
		if d.Pages == before {
			stalled++
		} else {
			stalled = 0
		}
	}
}
