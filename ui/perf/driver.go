package perf

import (
	"fmt"
	"reflect"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/keymap"
)

// Driver runs a model as Bubble Tea does, but synchronously, so that what
// a key costs can be timed and counted: Send updates the model, draws it
// (Bubble Tea draws after every message it gives the model) and runs the
// commands that returns, giving each result to the model in turn, until
// nothing is left to run.
type Driver struct {
	Model tea.Model
	// Views counts the frames drawn: one per message given to the model.
	Views int
	// Draw false skips drawing (while loading rows, say).
	Draw bool
	// Pages counts the list pages delivered.
	Pages int
}

// NewDriver drives m.
func NewDriver(m tea.Model) *Driver { return &Driver{Model: m, Draw: true} }

// Init runs the model's Init.
func (d *Driver) Init() { d.run(d.Model.Init()) }

// Press sends key presses by their Bubble Tea names.
func (d *Driver) Press(keys ...string) {
	for _, k := range keys {
		d.Send(keymap.Press(k))
	}
}

// Send gives msg to the model, draws, and runs what it leads to.
func (d *Driver) Send(msg tea.Msg) {
	if strings.Contains(fmt.Sprintf("%T", msg), "list.PageMsg") {
		d.Pages++
	}
	m, cmd := d.Model.Update(msg)
	d.Model = m
	if d.Draw {
		d.Views++
		_ = m.View()
	}
	d.run(cmd)
}

func (d *Driver) run(cmd tea.Cmd) {
	if cmd != nil {
		d.deliver(cmd())
	}
}

// deliver gives a command's result to the model: a batch or a sequence
// runs its commands in order; Quit is dropped.
func (d *Driver) deliver(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil, tea.QuitMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	default:
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			for i := range v.Len() { // tea.Sequence's message
				d.run(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		d.Send(msg)
	}
}

// Screen is the model's frame as plain text.
func (d *Driver) Screen() string { return ansi.Strip(d.Model.View().Content) }
