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
			n, err := o.w.Write(p)
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

// close ends the writing goroutine once the write it is doing (if any)
// ends: the channel closing ends a stalled one.
func (o *output) close() {
	o.once.Do(func() { close(o.quit) })
	<-o.exited
}
