package connections

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// fakeClock is the queue's injected time: it moves when the test says, and
// records the wake-ups the queue asks for.
type fakeClock struct {
	now   time.Time
	waits []time.Duration
	ticks []func(time.Time) tea.Msg
}

func (c *fakeClock) queue() *undoQueue {
	return newUndoQueue(func() time.Time { return c.now }, func(d time.Duration, f func(time.Time) tea.Msg) tea.Cmd {
		c.waits = append(c.waits, d)
		c.ticks = append(c.ticks, f)
		return func() tea.Msg { return f(c.now) }
	})
}

// The countdown the user sees goes 3, 2, 1 and the decision is due at 3 s,
// not before; the queue wakes the pane once a second, and not at all when
// nothing waits.
func TestUndoQueueCountsDownAndSendsWhenDue(t *testing.T) {
	c := &fakeClock{now: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}
	q := c.queue()
	if cmd, due := q.Schedule(); cmd != nil || due {
		t.Fatal("an empty queue asks to be woken")
	}
	accept := &job{title: "Accept"}
	q.Add(accept, 3*time.Second)
	for _, want := range []int{3, 2, 1} {
		if got := q.Left(accept); got != want {
			t.Fatalf("countdown shows %d, want %d", got, want)
		}
		cmd, due := q.Schedule()
		if cmd == nil || due {
			t.Fatalf("at %ds left: no wake-up (%v)", want, due)
		}
		if w := c.waits[len(c.waits)-1]; w != time.Second {
			t.Fatalf("woken after %v, want 1s", w)
		}
		if got := q.Due(); len(got) != 0 {
			t.Fatalf("sent %d with %ds left", len(got), want)
		}
		c.now = c.now.Add(time.Second)
		if !q.Tick(cmd().(undoTickMsg)) {
			t.Fatal("the current wake-up is taken as stale")
		}
	}
	if _, due := q.Schedule(); !due {
		t.Fatal("at 3 s the decision is not due")
	}
	if got := q.Due(); len(got) != 1 || got[0] != accept || q.Len() != 0 {
		t.Fatalf("due: %v, left %d", got, q.Len())
	}
}

// u takes back the last decision queued, not the first; a wake-up from
// before a newer one was asked for is stale; All empties the queue for a
// quit's "send now" or "discard".
func TestUndoQueueTakesBackTheLastAndDropsStaleTicks(t *testing.T) {
	c := &fakeClock{now: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}
	q := c.queue()
	first, second := &job{title: "Accept"}, &job{title: "Decline"}
	q.Add(first, 3*time.Second)
	old, _ := q.Schedule()
	stale := old().(undoTickMsg)
	if !q.Tick(stale) {
		t.Fatal("the only wake-up is stale")
	}
	c.now = c.now.Add(500 * time.Millisecond)
	q.Add(second, 3*time.Second)
	q.Schedule()
	if q.Tick(stale) {
		t.Fatal("an old wake-up is taken as current")
	}
	if w := c.waits[len(c.waits)-1]; w != 500*time.Millisecond {
		t.Fatalf("with 2.5 s left the queue wakes after %v, want 500ms (the countdown's next second)", w)
	}
	if j, ok := q.Undo(); !ok || j != second {
		t.Fatalf("undo took %v, want the last queued", j)
	}
	if all := q.All(); len(all) != 1 || all[0] != first || q.Len() != 0 {
		t.Fatalf("All: %v, left %d", all, q.Len())
	}
	if _, ok := q.Undo(); ok {
		t.Fatal("undo on an empty queue took something")
	}
}
