package uitest

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api/clock"
)

var _ clock.Clock = (*Clock)(nil)

// A program's timer on the test clock waits for the test to move the
// clock, counts as waiting (so Settle does not wait for it in real time),
// and fires once the clock passes it; a stopped one never fires.
func TestTimersWaitForTheClock(t *testing.T) {
	c := NewClock()
	start := c.Now()
	fired := make(chan string, 3)
	c.AfterFunc(300*time.Millisecond, func() { fired <- "debounce" })
	stop := c.AfterFunc(100*time.Millisecond, func() { fired <- "stopped" })
	after := c.After(200 * time.Millisecond)
	if n := c.Waiting(); n != 3 {
		t.Fatalf("%d waiting, want the 3 timers", n)
	}
	if !stop() || c.Waiting() != 2 {
		t.Fatalf("stop did not take its timer back: %d waiting", c.Waiting())
	}
	c.Advance(250 * time.Millisecond)
	select {
	case now := <-after:
		if got := now.Sub(start); got != 250*time.Millisecond {
			t.Errorf("After delivered %s after the start, want 250ms", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("After's channel is empty once the clock passed it")
	}
	select {
	case f := <-fired:
		t.Fatalf("%s fired before it was due", f)
	case <-time.After(50 * time.Millisecond):
	}
	c.Advance(50 * time.Millisecond)
	if f := <-fired; f != "debounce" || c.Waiting() != 0 {
		t.Fatalf("fired %q with %d waiting, want the debounce and none", f, c.Waiting())
	}
}

// A command waiting on the program's clock is settled, not busy: Settle
// leaves it waiting, and delivers its message once the clock has moved.
func TestSettleLeavesTimersToTheClock(t *testing.T) {
	c := NewClock()
	m := &recorder{clock: c}
	d := NewDriver(m, c)
	d.Send(startMsg{})
	d.Settle()
	if m.due {
		t.Fatal("the timer's message came before the clock moved")
	}
	c.Advance(time.Second)
	d.Settle()
	if !m.due {
		t.Fatal("the timer's message did not come once the clock passed it")
	}
}

type startMsg struct{}
type dueMsg struct{}

// recorder starts a one-second timer and notes its message.
type recorder struct {
	clock *Clock
	due   bool
}

func (r *recorder) Init() tea.Cmd { return nil }

func (r *recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case startMsg:
		return r, func() tea.Msg { <-r.clock.After(time.Second); return dueMsg{} }
	case dueMsg:
		r.due = true
	}
	return r, nil
}

func (r *recorder) View() tea.View { return tea.NewView("") }
