package serve

import (
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/journal"
)

// Shutdown (SIGTERM) tells every session the server is stopping; an
// accept still in its undo window is sent when the window ends, as it
// would have been, and the person sees it happen; then every session
// ends, with exit status 0 and a word, and no goroutine of the server is
// left.
func TestShutdownDrainsEverySession(t *testing.T) {
	// Not in parallel: goleak counts every goroutine in the process, and
	// another test's sessions would be taken for this one's leaks.
	t.Cleanup(func() {
		goleak.VerifyNone(t, goleak.IgnoreCurrent(),
			// the test terminals' answer readers (see open)
			goleak.IgnoreAnyFunction("github.com/charmbracelet/x/vt.(*Emulator).Read"))
	})
	// The undo window runs on a virtual clock: it ends when the test has
	// seen the drain begin, not a second of real time later.
	clk := clock.NewVirtual(time.Now())
	w := start(t, defaultPeople, func(o *Options) { o.Shared.UndoDelay, o.Clock = time.Second, clk })
	dana := open(t, w.as("dana"), 120, 40)
	vic := open(t, w.as("vic"), 120, 40)
	dana.ready("dana")
	vic.ready("vic")
	dana.toInvitations()
	timers := clk.Scheduled()
	dana.press("a")
	dana.waitFor(5*time.Second, "Accepting the invitation from")
	for deadline := time.Now().Add(10 * time.Second); clk.Scheduled() == timers; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the accept set no timer for its undo window")
		}
	}

	stopped := make(chan error, 1)
	go func() { stopped <- w.stop(20 * time.Second) }()
	dana.waitFor(5*time.Second, "server stopping")
	clk.Advance(time.Second) // the undo window ends
	if code := vic.exit(10 * time.Second); code != 0 {
		t.Fatalf("vic's exit %d", code)
	}
	if code := dana.exit(10 * time.Second); code != 0 {
		t.Fatalf("dana's exit %d", code)
	}
	if err := <-stopped; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	es, _ := journal.Read(w.journal)
	if len(es) != 1 || es[0].Person != "dana" || es[0].Outcome != journal.Applied {
		t.Fatalf("the accept waiting out its window was not sent: %+v", es)
	}
	if text := dana.text(); !strings.Contains(text, "the server is stopping") {
		t.Errorf("dana was not told why the session ended:\n%s", text)
	}
	if w.srv.Sessions() != 0 {
		t.Fatal("sessions left")
	}
}

// When the drain's time runs out, the sessions left are closed: what
// still waits in an undo window is never sent.
func TestShutdownDeadlineClosesWhatIsLeft(t *testing.T) {
	t.Parallel()
	w := start(t, defaultPeople, func(o *Options) { o.Shared.UndoDelay = time.Minute })
	dana := open(t, w.as("dana"), 120, 40)
	dana.ready("dana")
	dana.toInvitations()
	dana.press("a")
	dana.waitFor(5*time.Second, "Accepting the invitation from")
	if err := w.stop(500 * time.Millisecond); err == nil {
		t.Fatal("Shutdown says the sessions drained")
	}
	dana.exit(5 * time.Second)
	if es, _ := journal.Read(w.journal); len(es) != 0 {
		t.Fatalf("sent after the deadline: %+v", es)
	}
}
