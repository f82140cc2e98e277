package ui_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	bubbleskey "charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/dialog"
	"github.com/rosterm/rosterm/ui/form"
	"github.com/rosterm/rosterm/ui/uitest"
)

// overlayDriver is the whole program over a demo server with latency on a
// virtual clock and requests that fail at random.
func overlayDriver(t *testing.T) (*uitest.Driver, *uitest.Clock, *common.Context) {
	t.Helper()
	const latency = 80 * time.Millisecond
	clock := uitest.NewClock()
	// Faults that are not retried: retries wait in real time.
	inj := faults.New(faults.Rule{Fault: faults.Partial, Share: 0.1}, faults.Rule{Fault: faults.Forbidden, Share: 0.05})
	t.Cleanup(inj.Close)
	srv := demotest.Start(t, demo.Options{Latency: latency, Clock: clock, Faults: inj})
	t.Cleanup(clock.Release)
	ctx, err := connectDemo(t.Context(), srv.URL, demoopigno.AdminUUID, "none")
	if err != nil {
		t.Fatal(err)
	}
	ctx.Grace, ctx.UndoDelay = 0, -1
	ctx.Clock = clock // the program's timers (a search's debounce) on the same virtual time
	d := uitest.NewDriver(ui.New(ctx, ui.Options{Theme: "none"}), clock)
	d.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
	d.Init()
	for range 3 {
		d.Settle()
		clock.Advance(latency)
	}
	d.Settle()
	return d, clock, ctx
}

// overlayProblem is what breaks the invariant on the screen now: a dialog
// has the keyboard but its frame (its top border, with its title) is not
// drawn.
func overlayProblem(d *uitest.Driver) string {
	m := d.Model().(ui.Model)
	box := ansi.Strip(m.Overlay())
	if box == "" {
		return ""
	}
	top := strings.TrimSpace(strings.SplitN(box, "\n", 2)[0])
	if !strings.Contains(d.Screen(), top) {
		return "a dialog owns the keyboard but is not on screen: " + top
	}
	return ""
}

// formState is what an open form held before a key.
type formState struct {
	changed, asking, saving bool
	values                  form.Values
}

// openForms are the forms on the dialog stack, by identity.
func openForms(d *uitest.Driver) map[*form.Model]formState {
	out := map[*form.Model]formState{}
	for _, dl := range d.Model().(ui.Model).Dialogs() {
		if f, ok := dl.(*form.Model); ok {
			out[f] = formState{changed: f.Changed(), asking: f.Discarding(), saving: f.Saving(), values: f.Values()}
		}
	}
	return out
}

// lostForm is what breaks the invariant's other half: a form with
// something typed in it went away without being saved or discarded. It
// may close when its save went out (then the answer closes it), when it
// asked "discard changes?" and the key was y, or when nothing was typed
// and the key was back.
func lostForm(before map[*form.Model]formState, d *uitest.Driver, k string, back func(string) bool) string {
	after := openForms(d)
	for f, was := range before {
		if _, still := after[f]; still {
			continue
		}
		switch {
		case was.saving, was.asking && (k == "y" || k == "Y"), !was.changed && back(k):
		default:
			return fmt.Sprintf("a form holding %v closed on %q without a save or a discard", was.values, k)
		}
	}
	return ""
}

// A dialog that opens on a late answer while help or the error log is up
// (the confirmation that follows a look-up, a form reopened after the
// server refused it) owned the keyboard under the help screen: keys did
// nothing visible until esc, which closed the form and lost what was
// typed. Now it is drawn, and help gives way to it.
func TestADialogThatOpensUnderHelpIsDrawn(t *testing.T) {
	t.Parallel()
	d, _, ctx := overlayDriver(t)
	for _, over := range []string{"?", "E"} {
		d.Send(uitest.Key(over))
		d.Settle()
		d.Send(common.OpenDialogMsg{Dialog: dialog.NewConfirm(ctx, "Delete user", "Delete this user?", []string{"Jane Doe"}, "deleteUsers", nil)})
		d.Settle()
		if p := overlayProblem(d); p != "" {
			t.Fatalf("after %q: %s\n%s", over, p, d.Screen())
		}
		d.Send(uitest.Key("esc"))
		d.Settle()
	}
}

// The invariant, driven by random keys through every pane against a demo
// server with latency and faults (fixed seed, a time budget): after every
// message, a dialog that owns the keyboard is on screen.
func TestRandomKeysNeverHideADialog(t *testing.T) {
	t.Parallel()
	d, clock, ctx := overlayDriver(t)
	pool := everyKey(ctx.Keys)
	pool = append(pool, "esc", "esc", "enter", "enter", "tab", "1", "2", "3", "a", "b", "@", "x", "y", "n", "e", "j", "k", "down", "?", "E")
	back := func(k string) bool { return bubbleskey.Matches(uitest.Key(k), ctx.Keys.Back) }
	rng := rand.New(rand.NewPCG(14, 3))
	budget := time.Now().Add(15 * time.Second)
	presses, inForms := 0, 0
	for time.Now().Before(budget) && presses < 600 {
		k := pool[rng.IntN(len(pool))]
		forms := openForms(d)
		if len(forms) > 0 {
			inForms++
		}
		d.Send(uitest.Key(k))
		presses++
		if p := overlayProblem(d); p != "" {
			t.Fatalf("after %d keys (last %q): %s\n%s", presses, k, p, d.Screen())
		}
		if p := lostForm(forms, d, k, back); p != "" {
			t.Fatalf("after %d keys: %s\n%s", presses, p, d.Screen())
		}
		d.Settle()
		clock.Advance(time.Duration(rng.IntN(200)) * time.Millisecond)
		d.Settle()
		if p := overlayProblem(d); p != "" {
			t.Fatalf("after %d keys (last %q) and their answers: %s\n%s", presses, k, p, d.Screen())
		}
	}
	t.Logf("%d keys, %d of them in a form", presses, inForms)
	if inForms == 0 {
		t.Error("no key was typed into a form: the half of the invariant about forms was never tried")
	}
}
