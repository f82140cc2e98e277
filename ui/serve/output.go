package serve

import (
	"bytes"
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// errStalled is a session's output once its client stopped reading.
var errStalled = errors.New("the client stopped reading: session closed")

// output is a session's screen: Bubble Tea writes its frames here, and
// one goroutine writes them to the SSH channel. A write is bounded (one
// frame at a time, copied, so at most one frame per session is held) and
// times out: a client that stops reading (its window full, its network
// gone) gets stalled() called, which closes its connection, instead of
// holding the session's program forever. Nothing another session uses is
// held meanwhile, so a slow client delays no one else.
type output struct {
	w       io.Writer
	timeout time.Duration
	stalled func()

	mu     sync.Mutex // one Write at a time
	buf    []byte
	frames chan []byte
	done   chan result
	err    error
	stall  atomic.Bool
	since  atomic.Int64 // when the write under way began (unix ns), 0 for none
	once   sync.Once
	quit   chan struct{}
	exited chan struct{}
}

type result struct {
	n   int
	err error
}

func newOutput(w io.Writer, timeout time.Duration, stalled func()) *output {
	o := &output{w: w, timeout: timeout, stalled: stalled, frames: make(chan []byte), done: make(chan result, 1),
		quit: make(chan struct{}), exited: make(chan struct{})}
	go o.loop()
	return o
}

func (o *output) loop() {
	defer close(o.exited)
	for {
		select {
		case p := <-o.frames:
			o.since.Store(time.Now().UnixNano())
			n, err := o.w.Write(p)
			o.since.Store(0)
			o.done <- result{n, err}
		case <-o.quit:
			return
		}
	}
}

// Write hands p to the writing goroutine and waits for it, at most the
// timeout.
func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	n := len(p)
	if o.err != nil {
		return 0, o.err
	}
	// The writer may still hold the previous buffer only after a timeout,
	// and then o.err is set: reusing it here is safe. Each newline goes
	// out as CR LF, as a server's PTY would send it (ONLCR): the client's
	// terminal is raw, and Bubble Tea draws expecting that mapping when
	// its output is not a terminal of its own.
	o.buf = o.buf[:0]
	for {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			o.buf = append(o.buf, p...)
			break
		}
		o.buf = append(append(o.buf, p[:i]...), '\r', '\n')
		p = p[i+1:]
	}
	t := time.NewTimer(o.timeout)
	defer t.Stop()
	select {
	case o.frames <- o.buf:
	case <-o.quit:
		o.err = io.ErrClosedPipe
		return 0, o.err
	}
	select {
	case r := <-o.done:
		if r.err != nil {
			o.err = r.err
			return 0, r.err
		}
		return n, nil
	case <-o.quit:
		o.err = io.ErrClosedPipe
		o.buf = nil // the writer may keep the old one
		return 0, o.err
	case <-t.C:
		o.err = errStalled
		o.stall.Store(true)
		o.buf = nil // the writer keeps the old one
		o.stalled()
		return 0, o.err
	}
}

// Stalled reports whether a write timed out.
func (o *output) Stalled() bool { return o.stall.Load() }

// busy is how long the write under way has been waiting on the client,
// 0 when none is.
func (o *output) busy() time.Duration {
	if t := o.since.Load(); t != 0 {
		return time.Since(time.Unix(0, t))
	}
	return 0
}

// abort makes every write return at once, from now on.
func (o *output) abort() { o.once.Do(func() { close(o.quit) }) }

// close ends the writing goroutine once the write it is doing (if any)
// ends: the connection closing ends a stalled one.
func (o *output) close() {
	o.abort()
	<-o.exited
}
