package uitest

import (
	"reflect"
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/ui/common"
)

// Pane is a pane as the root drives it.
type Pane interface {
	Init() tea.Cmd
	SetSize(w, h int) tea.Cmd
	Key(k tea.KeyPressMsg) (tea.Cmd, bool)
	Update(msg tea.Msg) tea.Cmd
	View(focused bool) string
}

// PaneDriver drives one pane alone, focused, as the root would, but
// synchronously: every command runs at once, and its answer goes where the
// root sends it. The pane's results and every broadcast go to the pane; an
// opened dialog takes the keys until it closes; a DialogMsg goes to it;
// status notes, errors, copies and messages for other panes are kept for
// the test to read.
type PaneDriver struct {
	t       testing.TB
	name    string
	pane    Pane // nil: only dialogs, opened by Run
	w, h    int
	dialogs []common.Dialog

	Statuses   []string           // status notes, oldest first
	Errors     []common.ErrorMsg  // errors, oldest first
	Copied     []string           // what was put on the clipboard
	Broadcasts []common.Broadcast // what was said to every pane
	Elsewhere  []common.Addressed // messages addressed to other panes
}

// DrivePane sizes pane (named name, the address of its messages) to w×h
// and runs its Init. pane may be nil, to drive dialogs a test opens with
// Run.
func DrivePane(t testing.TB, name string, pane Pane, w, h int) *PaneDriver {
	t.Helper()
	d := &PaneDriver{t: t, name: name, pane: pane, w: w, h: h}
	if pane != nil {
		d.Run(pane.SetSize(w, h))
		d.Run(pane.Init())
	}
	return d
}

// Run runs cmd, and what it leads to, now.
func (d *PaneDriver) Run(cmd tea.Cmd) {
	if cmd != nil {
		d.deliver(cmd())
	}
}

// Send gives msg to the pane, as the root gives it an addressed result or
// a broadcast, and runs what it returns.
func (d *PaneDriver) Send(msg tea.Msg) {
	if d.pane != nil {
		d.Run(d.pane.Update(msg))
		d.relay()
	}
}

// relay gives what the pane announced (common.Announcer) back to it, as
// the root gives it to every pane, and keeps it with the broadcasts.
func (d *PaneDriver) relay() {
	a, ok := d.pane.(common.Announcer)
	if !ok {
		return
	}
	for _, b := range a.Announcements() {
		d.Broadcasts = append(d.Broadcasts, b)
		d.Send(b)
	}
}

func (d *PaneDriver) deliver(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.Run(c)
		}
	case common.OpenDialogMsg:
		d.dialogs = append(d.dialogs, msg.Dialog)
	case common.CloseDialogMsg:
		d.dialogs = slices.DeleteFunc(d.dialogs, func(x common.Dialog) bool { return x == msg.Dialog })
	case common.DialogMsg:
		if n := len(d.dialogs); n > 0 {
			d.Run(d.dialogs[n-1].Update(msg.Msg))
		}
	case common.StatusMsg:
		d.Statuses = append(d.Statuses, msg.Text)
	case common.ErrorMsg:
		d.Errors = append(d.Errors, msg)
	case common.CopyMsg:
		d.Copied = append(d.Copied, msg.Text)
	case common.Broadcast:
		d.Broadcasts = append(d.Broadcasts, msg)
		d.Send(msg)
	case common.Addressed:
		if msg.Address().Pane == d.name {
			d.Send(msg)
			return
		}
		d.Elsewhere = append(d.Elsewhere, msg)
	default:
		for _, c := range Sequence(msg) {
			d.Run(c) // in order, as tea.Sequence runs them
		}
	}
}

// cmdsType is the type of tea.Sequence's message, a list of commands.
var cmdsType = reflect.TypeFor[[]tea.Cmd]()

// Sequence is the commands of tea.Sequence's message (unexported in
// Bubble Tea), or nil: a test's driver runs them in order.
func Sequence(msg tea.Msg) []tea.Cmd {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || !v.Type().ConvertibleTo(cmdsType) {
		return nil
	}
	return v.Convert(cmdsType).Interface().([]tea.Cmd)
}

// Press presses keys one by one: the open dialog's, else the pane's.
func (d *PaneDriver) Press(keys ...string) {
	for _, name := range keys {
		k := Key(name)
		if n := len(d.dialogs); n > 0 {
			cmd, done := d.dialogs[n-1].Key(k)
			if done {
				d.dialogs = d.dialogs[:n-1]
			}
			d.Run(cmd)
			continue
		}
		if d.pane != nil {
			cmd, _ := d.pane.Key(k)
			d.Run(cmd)
			d.relay()
		}
	}
}

// Type presses the keys of text, one rune at a time.
func (d *PaneDriver) Type(text string) {
	for _, r := range text {
		d.Press(string(r))
	}
}

// Screen is the pane as drawn, focused, in plain text.
func (d *PaneDriver) Screen() string {
	if d.pane == nil {
		return ""
	}
	return ansi.Strip(d.pane.View(true))
}

// Dialog is the open dialog as drawn in plain text, "" when none is open.
func (d *PaneDriver) Dialog() string {
	n := len(d.dialogs)
	if n == 0 {
		return ""
	}
	return ansi.Strip(d.dialogs[n-1].View(d.w, d.h))
}

// Status is the latest status note, "" when there was none.
func (d *PaneDriver) Status() string {
	if n := len(d.Statuses); n > 0 {
		return d.Statuses[n-1]
	}
	return ""
}
