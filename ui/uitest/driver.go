package uitest

import (
	"context"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/api/clock"
)

// Clock is virtual time for the demo server's latency and for the
// program's own timers (it is a clock.Clock: put it in the context): a
// request waits until the test advances the clock past its due time, and
// so does a search's debounce. So a test of "100 ms of latency while
// scrolling at 10 rows a second" runs as fast as the machine can go and
// the same way every time, and Settle counts a timer as waiting, not busy.
// Its timers are a clock.Virtual's; unlike that clock's After, nothing
// here moves time but Advance.
type Clock struct {
	v       *clock.Virtual
	changed chan struct{} // signalled when a waiter comes or goes
}

// NewClock starts virtual time at the real time it is made at.
func NewClock() *Clock {
	return &Clock{v: clock.NewVirtual(time.Now()), changed: make(chan struct{}, 1)}
}

// Now is the start plus the time advanced.
func (c *Clock) Now() time.Time { return c.v.Now() }

// AfterFunc runs f in its own goroutine once the clock has advanced d.
func (c *Clock) AfterFunc(d time.Duration, f func()) func() bool {
	stop := c.v.AfterFunc(d, f)
	c.signal()
	return func() bool {
		stopped := stop()
		if stopped {
			c.signal()
		}
		return stopped
	}
}

// After's channel receives the time once the clock has advanced d.
func (c *Clock) After(d time.Duration) <-chan time.Time {
	due, _ := clock.Timer(c, d)
	return due
}

// Sleep waits until the clock has advanced d, or ctx ends.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	due, stop := clock.Timer(c, d)
	select {
	case <-due:
		return nil
	case <-ctx.Done():
		stop()
		return ctx.Err()
	}
}

// Advance moves time forward by d and releases every waiter now due (as
// clock.Virtual does: each in its own goroutine, started in the order
// they fall due).
func (c *Clock) Advance(d time.Duration) {
	c.v.Advance(d)
	c.signal()
}

// Release lets every sleeper go, for the end of a test.
func (c *Clock) Release() { c.Advance(1 << 62) }

// Waiting is how many sleepers and timers are waiting for the clock.
func (c *Clock) Waiting() int { return c.v.Pending() }

func (c *Clock) signal() {
	select {
	case c.changed <- struct{}{}:
	default:
	}
}

// Driver runs a model the way Bubble Tea does, but synchronously: Send
// updates the model and starts the commands it returns; Settle processes
// their results until every command still running is waiting on the
// virtual clock.
type Driver struct {
	model    tea.Model
	clock    *Clock
	results  chan tea.Msg
	mu       sync.Mutex
	inflight int
}

// NewDriver drives m against a server whose latency runs on clock.
func NewDriver(m tea.Model, clock *Clock) *Driver {
	return &Driver{model: m, clock: clock, results: make(chan tea.Msg, 1024)}
}

// Init starts the model's initial commands.
func (d *Driver) Init() { d.start(d.model.Init()) }

// Send gives msg to the model and starts the commands it returns.
func (d *Driver) Send(msg tea.Msg) {
	m, cmd := d.model.Update(msg)
	d.model = m
	d.start(cmd)
}

func (d *Driver) start(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	d.mu.Lock()
	d.inflight++
	d.mu.Unlock()
	go func() {
		// The result is queued before the command stops counting as in
		// flight, so Settle never sees neither.
		d.results <- cmd()
		d.mu.Lock()
		d.inflight--
		d.mu.Unlock()
		d.clock.signal()
	}()
}

// Settle delivers results until nothing runs but commands waiting for
// virtual time (a request's latency, a timer). A command can also wait
// behind one that waits for the clock (say, for a token another request
// is fetching): when something waits for the clock and nothing has
// changed for a quiet spell, Settle takes that as settled too. With
// nothing waiting for the clock, a command still running is working, if
// slowly (a loaded machine, the race detector): Settle waits for it, for
// at most a stuck spell.
func (d *Driver) Settle() {
	quiet := time.NewTimer(quietSpell)
	defer quiet.Stop()
	changed := time.Now()
	for {
		select {
		case msg := <-d.results:
			d.deliver(msg)
			continue
		default:
		}
		d.mu.Lock()
		busy := d.inflight > d.clock.Waiting()
		d.mu.Unlock()
		if !busy && len(d.results) == 0 {
			return
		}
		select {
		case msg := <-d.results:
			d.deliver(msg)
			changed = time.Now()
		case <-d.clock.changed:
			changed = time.Now()
		case <-quiet.C:
			if d.clock.Waiting() > 0 || time.Since(changed) >= stuckSpell {
				return
			}
		}
		quiet.Reset(quietSpell)
	}
}

// quietSpell is how long nothing may happen, while something waits for
// the clock, before Settle stops waiting for a command that does not;
// stuckSpell is how long it waits for one when nothing does.
const (
	quietSpell = 200 * time.Millisecond
	stuckSpell = 10 * time.Second
)

// deliver hands a command's result to the model: a batch starts its
// commands; terminal requests and nil are dropped.
func (d *Driver) deliver(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.start(c)
		}
	default:
		if _, ok := msg.(tea.QuitMsg); ok {
			return
		}
		if cmds := Sequence(msg); cmds != nil {
			d.sequence(cmds)
			return
		}
		d.Send(msg)
	}
}

// Model is the model as the last message left it.
func (d *Driver) Model() tea.Model { return d.model }

// sequence runs tea.Sequence's commands one after another, as Bubble Tea
// does, queueing each result before the next command starts.
func (d *Driver) sequence(cmds []tea.Cmd) {
	d.mu.Lock()
	d.inflight++
	d.mu.Unlock()
	go func() {
		for _, c := range cmds {
			if c != nil {
				d.results <- c()
			}
		}
		d.mu.Lock()
		d.inflight--
		d.mu.Unlock()
		d.clock.signal()
	}()
}

// Screen is the model's current frame as plain text.
func (d *Driver) Screen() string { return ansi.Strip(d.model.View().Content) }
