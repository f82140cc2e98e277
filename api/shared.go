package api

import (
	"context"
	"sync"
)

// flight runs one call (a token fetch, an introspection) for every caller
// that asks while it runs, each caller waiting only as long as its own
// context allows: a hung call no longer holds up callers whose deadline is
// shorter, and a caller that gives up does not end the call for the
// others. When the last one waiting gives up, the call is cancelled and
// the next caller starts afresh, so nobody joins a call that is ending.
type flight[T any] struct {
	mu   sync.Mutex
	call *call[T]
}

type call[T any] struct {
	done    chan struct{}
	val     T
	err     error
	waiting int
	cancel  context.CancelFunc
}

// do returns fn's result, sharing the call in flight if there is one.
func (f *flight[T]) do(ctx context.Context, fn func(context.Context) (T, error)) (T, error) {
	f.mu.Lock()
	c := f.call
	if c == nil {
		// Detached from this caller's cancellation (others may wait for
		// it), kept for its values; it ends when nobody waits any more.
		cctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		c = &call[T]{done: make(chan struct{}), cancel: cancel}
		f.call = c
		go func() {
			v, err := fn(cctx)
			cancel()
			f.mu.Lock()
			c.val, c.err = v, err
			if f.call == c {
				f.call = nil
			}
			f.mu.Unlock()
			close(c.done)
		}()
	}
	c.waiting++
	f.mu.Unlock()

	select {
	case <-c.done:
		return c.val, c.err
	case <-ctx.Done():
		f.mu.Lock()
		if c.waiting--; c.waiting == 0 {
			c.cancel()
			if f.call == c {
				f.call = nil
			}
		}
		f.mu.Unlock()
		var zero T
		return zero, ctx.Err()
	}
}
