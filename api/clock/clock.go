// Package clock is the time that rosterm's waits read: the backoff between
// retries, a request's timeout, a token's expiry. The program uses the
// real clock; a test puts a Virtual one in the context, so that what a
// user would wait for (a Retry-After, three attempts, a server that never
// answers) is checked in virtual time and costs the test no real time.
package clock

import (
	"context"
	"sort"
	"sync"
	"time"
)

// Clock tells the time and waits.
type Clock interface {
	Now() time.Time
	// After is a wait: its channel receives the time once d has passed.
	After(d time.Duration) <-chan time.Time
	// AfterFunc runs f in its own goroutine once d has passed, unless stop
	// is called first; stop reports whether it stopped f.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

// Real is the system's clock.
type Real struct{}

// Now is time.Now.
func (Real) Now() time.Time { return time.Now() }

// After is time.After.
func (Real) After(d time.Duration) <-chan time.Time { return time.After(d) }

// AfterFunc is time.AfterFunc.
func (Real) AfterFunc(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }

type key struct{}

// With returns ctx carrying c: the waits of whatever runs under ctx read c.
func With(ctx context.Context, c Clock) context.Context {
	return context.WithValue(ctx, key{}, c)
}

// From is the clock ctx carries, the real one if none.
func From(ctx context.Context) Clock {
	if c, ok := ctx.Value(key{}).(Clock); ok && c != nil {
		return c
	}
	return Real{}
}

// Timer is a timer on c: its channel receives the time once d has passed,
// unless stop is called first. Unlike After, a virtual clock does not move
// on by itself for it: it fires when a test advances the clock past d.
func Timer(c Clock, d time.Duration) (<-chan time.Time, func() bool) {
	due := make(chan time.Time, 1)
	stop := c.AfterFunc(d, func() { due <- c.Now() })
	return due, stop
}

// Sleep waits d on ctx's clock unless ctx ends first, and then says why.
func Sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-From(ctx).After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Virtual is a clock that moves only when something waits on it or a test
// advances it. A wait (After) takes no real time: the clock moves on to
// its end at once, as if the waiter had slept through it, and what was due
// meanwhile (AfterFunc) runs. So a retry's backoff and a server's
// Retry-After pass instantly and can still be measured with Now; a
// timeout (AfterFunc) fires only when the test advances the clock past it,
// which is when the test has seen what should time out (a server that
// hangs). It is safe for concurrent use.
type Virtual struct {
	mu     sync.Mutex
	now    time.Time
	seq    int
	timers []*timer
}

type timer struct {
	at  time.Time
	seq int
	f   func()
}

// NewVirtual returns a virtual clock that reads start.
func NewVirtual(start time.Time) *Virtual { return &Virtual{now: start} }

// Now is the clock's time.
func (v *Virtual) Now() time.Time {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.now
}

// After moves the clock on by d (running what falls due) and returns a
// channel that holds the new time.
func (v *Virtual) After(d time.Duration) <-chan time.Time {
	now := v.Advance(d)
	ch := make(chan time.Time, 1)
	ch <- now
	return ch
}

// AfterFunc runs f once the clock has been moved d past now.
func (v *Virtual) AfterFunc(d time.Duration, f func()) func() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.seq++
	t := &timer{at: v.now.Add(d), seq: v.seq, f: f}
	v.timers = append(v.timers, t)
	return func() bool {
		v.mu.Lock()
		defer v.mu.Unlock()
		for i, u := range v.timers {
			if u == t {
				v.timers = append(v.timers[:i], v.timers[i+1:]...)
				return true
			}
		}
		return false
	}
}

// Advance moves the clock on by d, runs (each in its own goroutine, as
// time.AfterFunc does) what fell due, in the order it was due, and returns
// the new time.
func (v *Virtual) Advance(d time.Duration) time.Time {
	v.mu.Lock()
	if d > 0 {
		v.now = v.now.Add(d)
	}
	now := v.now
	var due, rest []*timer
	for _, t := range v.timers {
		if t.at.After(now) {
			rest = append(rest, t)
		} else {
			due = append(due, t)
		}
	}
	v.timers = rest
	v.mu.Unlock()
	sort.Slice(due, func(i, j int) bool {
		if !due[i].at.Equal(due[j].at) {
			return due[i].at.Before(due[j].at)
		}
		return due[i].seq < due[j].seq
	})
	for _, t := range due {
		go t.f()
	}
	return now
}

// Scheduled is how many AfterFunc calls there have been: a test waits
// for it to grow to know that a timer it caused is set before it moves
// the clock.
func (v *Virtual) Scheduled() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.seq
}

// Pending is how many AfterFunc calls have yet to run.
func (v *Virtual) Pending() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return len(v.timers)
}
