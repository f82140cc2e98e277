// Package uitest drives rosterm's models in tests the way a user does, by
// key messages, and reads what is on screen: the text of the last frame the
// program rendered.
package uitest

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rosterm/rosterm/keymap"
)

// Screen holds the last frame a program rendered.
type Screen struct {
	mu    sync.Mutex
	frame string // as rendered, styled
	text  string // frame without its styles, once asked for
	fresh bool   // text is frame's
}

// Text is the last frame as plain text, styles removed. A program renders a
// frame per message, many more than a test reads, so styles are removed
// when the text is read.
func (s *Screen) Text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.fresh {
		s.text, s.fresh = ansi.Strip(s.frame), true
	}
	return s.text
}

func (s *Screen) set(frame string) {
	s.mu.Lock()
	if frame != s.frame {
		s.frame, s.fresh = frame, false
	}
	s.mu.Unlock()
}

// probe wraps a model and records each frame it renders.
type probe struct {
	tea.Model
	screen *Screen
}

func (p probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := p.Model.Update(msg)
	return probe{Model: m, screen: p.screen}, cmd
}

func (p probe) View() tea.View {
	v := p.Model.View()
	p.screen.set(v.Content)
	return v
}

// Program is a model running in a test program with a recorded screen.
type Program struct {
	*teatest.TestModel
	Screen *Screen
	t      testing.TB
}

// Start runs m in a w×h test terminal. Program options (such as a colour
// profile, since a test terminal gets none) go to the test program.
//
// The screen a test reads is the model's View, so Bubble Tea's renderer
// (which turns each frame into the bytes a terminal would get) is left
// out: it took an eighth of the flow tests' time to write output nobody
// reads. StartRendered keeps it, for a test of those bytes.
func Start(t testing.TB, m tea.Model, w, h int, opts ...tea.ProgramOption) *Program {
	t.Helper()
	return StartRendered(t, m, w, h, append(opts, tea.WithoutRenderer())...)
}

// StartRendered is Start with Bubble Tea's renderer writing to Output, as
// it writes to a terminal.
func StartRendered(t testing.TB, m tea.Model, w, h int, opts ...tea.ProgramOption) *Program {
	t.Helper()
	s := &Screen{}
	tm := teatest.NewTestModel(t, probe{Model: m, screen: s}, teatest.WithInitialTermSize(w, h), teatest.WithProgramOptions(opts...))
	// A test that ends without quitting would leave the program running.
	t.Cleanup(func() {
		_ = tm.Quit()
		tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	})
	return &Program{TestModel: tm, Screen: s, t: t}
}

// For returns the program reporting failures to t: a subtest's waits
// must fail the subtest, not its parent.
func (p *Program) For(t testing.TB) *Program {
	q := *p
	q.t = t
	return &q
}

// WaitFor waits until cond holds for the screen, failing the test with the
// screen's text when it does not within d, or minWait if longer.
func (p *Program) WaitFor(what string, d time.Duration, cond func(screen string) bool) {
	p.t.Helper()
	d = max(d, minWait)
	deadline := time.Now().Add(d)
	for {
		text := p.Screen.Text()
		if cond(text) {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("waited %s for %s; the screen shows:\n%s", d, what, text)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// minWait is the least a wait allows. A wait's bound is there to end a
// test that is stuck, not to time the program (the latency tests do
// that, on their own): flows run in parallel, under the race detector, on
// a machine others share, where a frame that takes 20 ms alone can take
// seconds. A wait that succeeds costs only the time until it does.
const minWait = 20 * time.Second

// WaitText waits until every one of texts is on screen.
func (p *Program) WaitText(d time.Duration, texts ...string) {
	p.t.Helper()
	p.WaitFor(strings.Join(texts, ", "), d, func(s string) bool {
		for _, t := range texts {
			if !strings.Contains(s, t) {
				return false
			}
		}
		return true
	})
}

// Press sends key presses by their Bubble Tea names: "j", "tab",
// "shift+tab", "enter", "space", "ctrl+c".
func (p *Program) Press(keys ...string) {
	for _, k := range keys {
		p.Send(Key(k))
	}
}

// Type presses the keys of text, one rune at a time, as a person types.
func (p *Program) Type(text string) {
	for _, r := range text {
		p.Send(Key(string(r)))
	}
}

// Key builds the key press Bubble Tea reports for name (keymap.Press).
func Key(name string) tea.KeyPressMsg { return keymap.Press(name) }
