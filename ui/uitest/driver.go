package uitest

import (
	"context"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Clock is virtual time for the demo server's latency: a request waits
// until the test advances the clock past its due time, so a test of "100 ms
// of latency while scrolling at 10 rows a second" runs as fast as the
// machine can go and the same way every time.
type Clock struct {
	mu      sync.Mutex
	now     time.Duration
	waiters map[*waiter]bool
	changed chan struct{} // signalled when a waiter comes or goes
}

type waiter struct {
	due  time.Duration
	done chan struct{}
}

// NewClock starts virtual time at zero.
func NewClock() *Clock {
	return &Clock{waiters: map[*waiter]bool{}, changed: make(chan struct{}, 1)}
}

// Sleep waits until the clock has advanced d, or ctx ends.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	w := &waiter{due: c.now + d, done: make(chan struct{})}
	c.waiters[w] = true
	c.mu.Unlock()
	c.signal()
	defer func() {
		c.mu.Lock()
		delete(c.waiters, w)
		c.mu.Unlock()
		c.signal()
	}()
	select {
	case <-w.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Advance moves time forward by d and releases every waiter now due.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now += d
	for w := range c.waiters {
		if w.due <= c.now {
			close(w.done)
			delete(c.waiters, w)
		}
	}
}

// Release lets every sleeper go, for the end of a test.
func (c *Clock) Release() { c.Advance(1 << 62) }

// Waiting is how many sleepers are waiting for the clock.
func (c *Clock) Waiting() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.waiters)
}

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

// Settle delivers results until nothing runs but requests waiting for
// virtual time. A command can also wait behind one that waits for the
// clock (say, for a schema another request is fetching); when nothing has
// changed for a while, Settle takes that as settled too.
func (d *Driver) Settle() {
	quiet := time.NewTimer(quietSpell)
	defer quiet.Stop()
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
		case <-d.clock.changed:
		case <-quiet.C:
			return
		}
		quiet.Reset(quietSpell)
	}
}

// quietSpell is how long nothing may happen before Settle gives up waiting
// for a command that is not waiting on the clock itself.
const quietSpell = 200 * time.Millisecond

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
