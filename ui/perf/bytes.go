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

// take returns the bytes counted since the last take, and when the last
// write was.
func (c *counter) take() (int, time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.n
	c.n = 0
	return n, c.at
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
	return v.Model.View()
}

// quiet is how long the output must stay unchanged for a key's frame to
// count as written: several of the renderer's frames (60 a second).
const quiet = 120 * time.Millisecond

// Written runs m (its Init too when init) in a w×h true-colour terminal
// (TERM=xterm-256color), waits for its first frame, then types each of
// keys (the bytes a terminal sends) one at a time, waiting for each to be
// drawn, then stays idle for idle, and quits. It reports the bytes
// written for each step.
// It returns the model as the program left it.
func Written(m tea.Model, init bool, w, h int, keys []string, idle time.Duration) (Output, tea.Model, error) {
	return written(m, init, w, h, keys, idle, nil)
}

func written(m tea.Model, init bool, w, h int, keys []string, idle time.Duration, dump func([]byte)) (Output, tea.Model, error) {
	out := &counter{all: dump != nil}
	in, typed := io.Pipe()
	views := &atomic.Int64{}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	p := tea.NewProgram(viewCounter{Model: m, init: init, views: views},
		tea.WithContext(ctx), tea.WithOutput(out), tea.WithInput(in), tea.WithWindowSize(w, h),
		tea.WithColorProfile(colorprofile.TrueColor), tea.WithEnvironment([]string{"TERM=xterm-256color"}),
		tea.WithoutSignalHandler())
	done := make(chan error, 1)
	final := m
	go func() {
		fm, err := p.Run()
		if v, ok := fm.(viewCounter); ok {
			final = v.Model
		}
		done <- err
	}()
	var o Output
	settle := func(minViews int64) (int, error) {
		deadline := time.Now().Add(time.Minute)
		for {
			time.Sleep(10 * time.Millisecond)
			n, at := out.peek()
			if views.Load() >= minViews && n > 0 && time.Since(at) >= quiet {
				n, _ := out.take()
				return n, nil
			}
			if views.Load() >= minViews && n == 0 && !at.IsZero() && time.Since(at) >= 4*quiet {
				return 0, nil // drawn, and nothing changed on screen
			}
			if time.Now().After(deadline) {
				return 0, errors.New("the program did not draw within a minute")
			}
		}
	}
	var err error
	if o.Start, err = settle(1); err != nil {
		return o, final, err
	}
	// A whole frame on a blank screen: what clearing the screen redraws.
	// (The program's first frame can be drawn twice, when Bubble Tea's
	// renderer flushes before it hears the terminal's size.)
	before := views.Load()
	p.Send(tea.ClearScreen())
	if o.First, err = settle(before + 1); err != nil {
		return o, final, err
	}
	if dump != nil {
		dump(out.buf)
	}
	for _, k := range keys {
		before := views.Load()
		out.mu.Lock()
		out.buf = out.buf[:0]
		out.mu.Unlock()
		if _, err := typed.Write([]byte(k)); err != nil {
			return o, final, err
		}
		n, err := settle(before + 1)
		if err != nil {
			return o, final, err
		}
		time.Sleep(quiet) // anything the key caused later is its too
		extra, _ := out.take()
		o.Keys = append(o.Keys, n+extra)
		o.Views = append(o.Views, int(views.Load()-before))
		if dump != nil {
			dump(out.buf)
		}
	}
	time.Sleep(idle)
	o.Idle, _ = out.take()
	p.Quit()
	_ = typed.Close()
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		err = errors.New("the program did not quit")
	}
	if errors.Is(err, tea.ErrProgramKilled) {
		err = nil
	}
	return o, final, err
}
