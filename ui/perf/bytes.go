package perf

import (
	"context"
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// Output is what a program wrote to its terminal, measured by Bubble
// Tea's own renderer: the program runs as tea.NewProgram with its output
// counted and its input read from a pipe, so a key is typed as a terminal
// would send it.
type Output struct {
	Start int   // bytes from the start until the screen is quiet
	First int   // bytes of a whole frame drawn on a blank screen
	Keys  []int // bytes each key wrote
	Idle  int   // bytes written while idle afterwards
	Views []int // frames drawn (Views) for each key
}

// PerKey is the mean of Keys.
func (o Output) PerKey() float64 {
	if len(o.Keys) == 0 {
		return 0
	}
	sum := 0
	for _, n := range o.Keys {
		sum += n
	}
	return float64(sum) / float64(len(o.Keys))
}

// counter counts what is written to it.
type counter struct {
	mu  sync.Mutex
	n   int
	at  time.Time // the last write
	buf []byte
	all bool // keep a copy
}

func (c *counter) Write(p []byte) (int, error) {
	c.mu.Lock()
	c.n += len(p)
	c.at = time.Now()
	if c.all {
		c.buf = append(c.buf, p...)
	}
	c.mu.Unlock()
	return len(p), nil
}

// take returns the bytes counted since the last take.
func (c *counter) take() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.n
	c.n = 0
	return n
}

func (c *counter) peek() (int, time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n, c.at
}

// viewCounter counts the frames Bubble Tea asks the model for.
type viewCounter struct {
	tea.Model
	init  bool
	views *atomic.Int64
	last  *atomic.Value // the last frame's content
}

func (v viewCounter) Init() tea.Cmd {
	if v.init {
		return v.Model.Init()
	}
	return nil
}

func (v viewCounter) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := v.Model.Update(msg)
	v.Model = m
	return v, cmd
}

func (v viewCounter) View() tea.View {
	v.views.Add(1)
	view := v.Model.View()
	if v.last != nil {
		v.last.Store(view.Content)
	}
	return view
}

// quiet is how long the output must stay unchanged for what was drawn to
// count as written: several of the renderer's frames (60 a second).
const quiet = 120 * time.Millisecond

// Session is a model running as a real Bubble Tea program in a w×h
// true-colour terminal (TERM=xterm-256color), its output counted and its
// keys typed into a pipe.
type Session struct {
	p      *tea.Program
	out    *counter
	typed  *io.PipeWriter
	views  *atomic.Int64
	done   chan error
	final  tea.Model
	last   atomic.Value
	cancel context.CancelFunc
	// Start is the bytes written from the start until the screen was quiet.
	Start int
}

// Run starts m (its Init too when init) and waits for its screen to be
// drawn and quiet.
func Run(m tea.Model, init bool, w, h int) (*Session, error) {
	s := &Session{out: &counter{}, views: &atomic.Int64{}, done: make(chan error, 1), final: m}
	in, typed := io.Pipe()
	s.typed = typed
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	s.cancel = cancel
	s.p = tea.NewProgram(viewCounter{Model: m, init: init, views: s.views, last: &s.last},
		tea.WithContext(ctx), tea.WithOutput(s.out), tea.WithInput(in), tea.WithWindowSize(w, h),
		tea.WithColorProfile(colorprofile.TrueColor), tea.WithEnvironment([]string{"TERM=xterm-256color"}),
		tea.WithoutSignalHandler())
	go func() {
		fm, err := s.p.Run()
		if v, ok := fm.(viewCounter); ok {
			s.final = v.Model
		}
		s.done <- err
	}()
	var err error
	s.Start, err = s.settle(1)
	return s, err
}

// settle waits until at least minViews frames were asked for and the
// output has been quiet, and returns the bytes written meanwhile.
func (s *Session) settle(minViews int64) (int, error) {
	deadline := time.Now().Add(time.Minute)
	for {
		time.Sleep(10 * time.Millisecond)
		n, at := s.out.peek()
		drawn := s.views.Load() >= minViews
		if drawn && n > 0 && time.Since(at) >= quiet {
			return s.out.take(), nil
		}
		if drawn && n == 0 && !at.IsZero() && time.Since(at) >= 4*quiet {
			return 0, nil // drawn, and nothing changed on screen
		}
		if time.Now().After(deadline) {
			return 0, errors.New("the program did not draw within a minute")
		}
	}
}

// Type types k as a terminal sends it and waits for what it causes to be
// drawn; it returns the bytes written and the frames drawn.
func (s *Session) Type(k string) (bytes, views int, err error) {
	before := s.views.Load()
	s.out.take()
	if _, err := s.typed.Write([]byte(k)); err != nil {
		return 0, 0, err
	}
	n, err := s.settle(before + 1)
	if err != nil {
		return 0, 0, err
	}
	time.Sleep(quiet) // anything the key caused later is its too
	return n + s.out.take(), int(s.views.Load() - before), nil
}

// Press types keys as a terminal sends them, all at once, and waits for
// nothing: a caller waits for what they show. (A lone esc must be pressed
// on its own, or it is read as alt with the key after it.)
func (s *Session) Press(keys string) {
	_, _ = s.typed.Write([]byte(keys))
}

// Written is the bytes written since the last count, and starts a new
// count.
func (s *Session) Written() int { return s.out.take() }

// Flushed waits until the program has written something and then been
// quiet, for at most d, and returns the bytes written since the last
// count. It is for a key that must change the screen: the frame its View
// drew is written when the renderer next flushes, which a loaded machine
// may delay past any quiet spell.
func (s *Session) Flushed(d time.Duration) (int, error) {
	deadline := time.Now().Add(d)
	for {
		time.Sleep(10 * time.Millisecond)
		n, at := s.out.peek()
		if n > 0 && time.Since(at) >= quiet {
			return s.out.take(), nil
		}
		if time.Now().After(deadline) {
			return s.out.take(), errors.New("the program wrote nothing")
		}
	}
}

// Redraw clears the screen and returns the bytes of the whole frame
// drawn again on it.
func (s *Session) Redraw() (int, error) {
	before := s.views.Load()
	s.out.take()
	s.p.Send(tea.ClearScreen())
	return s.settle(before + 1)
}

// Idle waits d and returns the bytes written meanwhile.
func (s *Session) Idle(d time.Duration) int {
	s.out.take()
	time.Sleep(d)
	return s.out.take()
}

// Screen is the last frame drawn, as plain text.
func (s *Session) Screen() string {
	c, _ := s.last.Load().(string)
	return ansi.Strip(c)
}

// WaitFor waits until the screen satisfies cond, for at most d.
func (s *Session) WaitFor(d time.Duration, cond func(screen string) bool) bool {
	deadline := time.Now().Add(d)
	for !cond(s.Screen()) {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}

// Send gives msg to the program.
func (s *Session) Send(msg tea.Msg) { s.p.Send(msg) }

// Quit ends the program and returns the model as it left it.
func (s *Session) Quit() (tea.Model, error) {
	defer s.cancel()
	s.p.Quit()
	_ = s.typed.Close()
	var err error
	select {
	case err = <-s.done:
	case <-time.After(10 * time.Second):
		err = errors.New("the program did not quit")
	}
	if errors.Is(err, tea.ErrProgramKilled) {
		err = nil
	}
	return s.final, err
}

// Written runs m (its Init too when init) in a w×h terminal, waits for its
// first frame, measures a whole frame, types each of keys one at a time,
// waiting for each to be drawn, stays idle for idle, and quits. It returns
// the model as the program left it.
func Written(m tea.Model, init bool, w, h int, keys []string, idle time.Duration) (Output, tea.Model, error) {
	s, err := Run(m, init, w, h)
	if err != nil {
		s.Quit()
		return Output{}, m, err
	}
	o := Output{Start: s.Start}
	// A whole frame on a blank screen: what clearing the screen redraws.
	// (The program's first frame may be drawn twice, when Bubble Tea's
	// renderer flushes before it hears the terminal's size.)
	if o.First, err = s.Redraw(); err != nil {
		s.Quit()
		return o, m, err
	}
	for _, k := range keys {
		n, v, err := s.Type(k)
		if err != nil {
			s.Quit()
			return o, m, err
		}
		o.Keys, o.Views = append(o.Keys, n), append(o.Views, v)
	}
	o.Idle = s.Idle(idle)
	final, err := s.Quit()
	return o, final, err
}
