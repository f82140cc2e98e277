// Package search is the one-line search field of a pane: it takes the
// keyboard while open, and tells the pane when to query, debounced, so that
// typing a word sends one request rather than one per letter.
package search

import (
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// Delay is how long typing must pause before the search runs.
const Delay = 300 * time.Millisecond

// DueMsg is the debounce timer's message: the search whose text was last
// changed at seq is due, unless the text has changed since.
type DueMsg struct {
	To  common.Target
	Seq int
}

// Address routes DueMsg to its pane.
func (d DueMsg) Address() common.Target { return d.To }

// Model is a search field.
type Model struct {
	ctx    *common.Context
	to     common.Target
	input  textinput.Model
	open   bool
	seq    int
	delay  time.Duration
	prompt string
	note   string // how the text reaches the list, shown after it
	short  string // the same in fewer words, for a narrow field
}

// SetNote says, after the text, how the search reaches the list: "server
// filter", or "filters the 40 loaded" where the API cannot filter, so that
// a person knows whether rows not loaded are searched; short says it in a
// narrow field ("loaded only").
func (m *Model) SetNote(note, short string) { m.note, m.short = note, short }

// New makes a closed search field whose timers are addressed to to.
func New(ctx *common.Context, to common.Target, placeholder string) *Model {
	in := textinput.New()
	in.Placeholder = placeholder
	in.Prompt = "/ "
	st := textinput.DefaultStyles(true)
	st.Cursor.Blink = false // a blinking cursor would redraw an idle screen forever
	in.SetStyles(st)
	in.CharLimit = 200
	return &Model{ctx: ctx, to: to, input: in, delay: Delay}
}

// Open gives the field the keyboard.
func (m *Model) Open() tea.Cmd {
	m.open = true
	return m.input.Focus()
}

// Typing reports whether the field has the keyboard.
func (m *Model) Typing() bool { return m.open }

// Active reports whether a search is in effect (open, or closed with text).
func (m *Model) Active() bool { return m.open || m.input.Value() != "" }

// Value is the search text.
func (m *Model) Value() string { return m.input.Value() }

// Key edits the text. enter closes the field keeping the search; esc
// clears it. changed reports a new text, for which the returned command
// (a debounce timer) will deliver a DueMsg.
func (m *Model) Key(k tea.KeyPressMsg) (cmd tea.Cmd, changed bool) {
	keys := m.ctx.Keys
	before := m.input.Value()
	switch {
	case key.Matches(k, keys.Menu):
		m.open = false
		m.input.Blur()
		return nil, false
	case key.Matches(k, keys.Back):
		m.open = false
		m.input.Blur()
		m.input.SetValue("")
	default:
		m.input, cmd = m.input.Update(k)
	}
	if m.input.Value() == before {
		return cmd, false
	}
	m.seq++
	to, seq := m.to, m.seq
	if key.Matches(k, keys.Back) {
		// Clearing is immediate: nothing is being typed.
		return func() tea.Msg { return DueMsg{To: to, Seq: seq} }, true
	}
	return tea.Batch(cmd, m.ctx.After(m.delay, func(time.Time) tea.Msg { return DueMsg{To: to, Seq: seq} })), true
}

// Paste adds pasted text like typing does.
func (m *Model) Paste(p tea.PasteMsg) (tea.Cmd, bool) {
	if !m.open {
		return nil, false
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(p)
	if m.input.Value() == before {
		return cmd, false
	}
	m.seq++
	to, seq := m.to, m.seq
	return tea.Batch(cmd, m.ctx.After(m.delay, func(time.Time) tea.Msg { return DueMsg{To: to, Seq: seq} })), true
}

// Current reports whether d is the debounce of the latest text.
func (m *Model) Current(d DueMsg) bool { return d.Seq == m.seq }

// View draws the field in width cells; "" when no search is in effect.
func (m *Model) View(width int) string {
	if !m.Active() {
		return ""
	}
	note := ""
	switch {
	case m.note != "" && width >= 40:
		note = " " + m.ctx.Theme.Dim.Render(sanitize.Line(m.note, max(width/2, 22)))
	case m.short != "" && width >= 20:
		note = " " + m.ctx.Theme.Dim.Render(sanitize.Line(m.short, width/2))
	}
	room := width - lipgloss.Width(note)
	m.input.SetWidth(max(room-3, 1))
	return frame.Pad(frame.Pad(m.input.View(), room)+note, width)
}
