package connections

import "time"

// undoQueue holds the changes waiting out their undo window, in the order
// they were made: the last can be taken back, each is handed out once its
// time comes. It reads the time only through now, given to it, and never
// waits itself (the pane asks it how long to sleep), so it runs alone on a
// virtual clock in its test.
type undoQueue[T any] struct {
	now     func() time.Time
	entries []undoEntry[T]
}

type undoEntry[T any] struct {
	item T
	due  time.Time
}

func newUndoQueue[T any](now func() time.Time) *undoQueue[T] {
	return &undoQueue[T]{now: now}
}

// Push queues item, to be handed out after delay.
func (q *undoQueue[T]) Push(item T, delay time.Duration) {
	q.entries = append(q.entries, undoEntry[T]{item: item, due: q.now().Add(delay)})
}

// Len is how many wait.
func (q *undoQueue[T]) Len() int { return len(q.entries) }

// Undo takes back the last item queued.
func (q *undoQueue[T]) Undo() (T, bool) {
	var zero T
	n := len(q.entries)
	if n == 0 {
		return zero, false
	}
	e := q.entries[n-1]
	q.entries = q.entries[:n-1]
	return e.item, true
}

// Last is the last item queued and how long it still waits, for the
// countdown the status line shows.
func (q *undoQueue[T]) Last() (T, time.Duration, bool) {
	var zero T
	n := len(q.entries)
	if n == 0 {
		return zero, 0, false
	}
	e := q.entries[n-1]
	return e.item, max(e.due.Sub(q.now()), 0), true
}

// Due removes and returns the items whose time has come, in queue order.
func (q *undoQueue[T]) Due() []T {
	now := q.now()
	var due []T
	waiting := q.entries[:0]
	for _, e := range q.entries {
		if e.due.After(now) {
			waiting = append(waiting, e)
			continue
		}
		due = append(due, e.item)
	}
	clear(q.entries[len(waiting):]) // drop references to items handed out
	q.entries = waiting
	return due
}

// DueNow makes every item due at once (the acting user is changing).
func (q *undoQueue[T]) DueNow() {
	now := q.now()
	for i := range q.entries {
		q.entries[i].due = now
	}
}

// Wake is how long until something changes: the first item falls due or
// a countdown's second turns, so the status line counts down whole
// seconds. ok is false when nothing waits: nothing need wake.
func (q *undoQueue[T]) Wake() (wait time.Duration, ok bool) {
	if len(q.entries) == 0 {
		return 0, false
	}
	due := q.entries[0].due
	for _, e := range q.entries {
		if e.due.Before(due) {
			due = e.due
		}
	}
	wait = due.Sub(q.now())
	if wait <= 0 {
		return 0, true
	}
	if step := wait % time.Second; step > 0 {
		return step, true
	}
	return min(wait, time.Second), true
}

// Discard removes every item unsent and returns them (quitting without
// sending).
func (q *undoQueue[T]) Discard() []T {
	out := make([]T, len(q.entries))
	for i, e := range q.entries {
		out[i] = e.item
	}
	q.entries = nil
	return out
}
