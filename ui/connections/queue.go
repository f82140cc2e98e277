package connections

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// undoQueue holds the decisions waiting out their undo window (accepts,
// declines, connects): each is sent when its time comes, unless taken back
// first. It knows nothing of rows or servers; the pane sends what it hands
// back. Its clock is injected (now, and after, which is tea.Tick in the
// program), so a test moves time itself.
type undoQueue struct {
	jobs  []*job
	now   func() time.Time
	after func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	// ticking: a wake-up is on its way; seq tells the current one from
	// those made stale by a change of plan
	ticking bool
	seq     int
}

// undoTickMsg is the queue's wake-up: time to update the countdown or send
// what is due.
type undoTickMsg struct {
	toPane
	seq int
}

func newUndoQueue(now func() time.Time, after func(time.Duration, func(time.Time) tea.Msg) tea.Cmd) *undoQueue {
	return &undoQueue{now: now, after: after}
}

// Len is how many decisions wait.
func (q *undoQueue) Len() int { return len(q.jobs) }

// Add queues j to be sent after delay.
func (q *undoQueue) Add(j *job, delay time.Duration) {
	j.due = q.now().Add(delay)
	q.jobs = append(q.jobs, j)
}

// Last is the decision queued last, the one undo takes back.
func (q *undoQueue) Last() (*job, bool) {
	if len(q.jobs) == 0 {
		return nil, false
	}
	return q.jobs[len(q.jobs)-1], true
}

// Undo takes back the decision queued last: it is never sent.
func (q *undoQueue) Undo() (*job, bool) {
	j, ok := q.Last()
	if ok {
		q.jobs = q.jobs[:len(q.jobs)-1]
	}
	return j, ok
}

// Left is how many whole seconds j still waits, rounded up, as the
// countdown shows it.
func (q *undoQueue) Left(j *job) int {
	return max(int((j.due.Sub(q.now())+time.Second-1)/time.Second), 0)
}

// Due takes out every decision whose time has come, in the order queued.
func (q *undoQueue) Due() []*job {
	now := q.now()
	var due []*job
	waiting := q.jobs[:0]
	for _, j := range q.jobs {
		if j.due.After(now) {
			waiting = append(waiting, j)
			continue
		}
		due = append(due, j)
	}
	q.jobs = waiting
	return due
}

// All takes out every decision, due or not: to send them now (quitting,
// or the acting user changing) or to drop them.
func (q *undoQueue) All() []*job {
	all := q.jobs
	q.jobs = nil
	return all
}

// Tick takes a wake-up: false for a stale one, which the pane ignores.
func (q *undoQueue) Tick(t undoTickMsg) bool {
	if t.seq != q.seq {
		return false
	}
	q.ticking = false
	return true
}

// Schedule wakes the pane when the countdown's second changes or the
// first decision is due; nothing ticks while nothing waits, so an idle
// program draws nothing. due reports whether something is due now (then
// the pane sends it at once and asks again).
func (q *undoQueue) Schedule() (cmd tea.Cmd, due bool) {
	if len(q.jobs) == 0 || q.ticking {
		return nil, false
	}
	first := q.jobs[0].due
	for _, j := range q.jobs {
		if j.due.Before(first) {
			first = j.due
		}
	}
	wait := first.Sub(q.now())
	if wait <= 0 {
		return nil, true
	}
	if step := wait % time.Second; step > 0 {
		wait = step
	} else {
		wait = min(wait, time.Second)
	}
	q.ticking = true
	q.seq++
	seq := q.seq
	return q.after(wait, func(time.Time) tea.Msg { return undoTickMsg{seq: seq} }), false
}
