// Package ui is rosterm's root model: it lays out the panes, owns focus,
// routes every key to whoever owns the keyboard (overlay, then a text
// field, then the focused pane, then the global keys) and every
// asynchronous result to the pane that asked for it.
package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/connections"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/groups"
	"github.com/rosterm/rosterm/ui/sanitize"
	"github.com/rosterm/rosterm/ui/users"
)

// Pane is what the root needs of each pane.
type Pane interface {
	Init() tea.Cmd
	SetSize(w, h int) tea.Cmd
	// Key handles a key press while the pane has focus, and reports
	// whether the key was the pane's; other keys go to the global bindings.
	Key(k tea.KeyPressMsg) (tea.Cmd, bool)
	// Update handles a message addressed to the pane.
	Update(msg tea.Msg) tea.Cmd
	View(w, h int, focused bool) string
	// Typing reports whether a text field has the keyboard, so that no
	// global binding fires while the user types.
	Typing() bool
}

// The smallest terminal rosterm lays out in.
const (
	MinWidth  = 70
	MinHeight = 16
)

// Options are the root model's settings.
type Options struct {
	Theme string // a theme name; "auto" follows the terminal's background
}

// Model is the root model.
type Model struct {
	ctx     *common.Context
	opts    Options
	panes   []Pane
	names   []string
	focus   int
	rects   []rect
	width   int
	height  int
	help    bool
	dialogs []common.Dialog // open dialogs; the last one has the keyboard
	status  string
	err     *common.ErrorMsg  // shown until dismissed with esc
	errLog  []common.ErrorMsg // recent errors, newest last
	showLog bool
	acting  string
}

type rect struct{ x, y, w, h int }

// New builds the root model over ctx.
func New(ctx *common.Context, opts Options) Model {
	return Model{
		ctx:   ctx,
		opts:  opts,
		panes: []Pane{users.New(ctx), groups.New(ctx), connections.New(ctx)},
		names: []string{users.Name, groups.Name, connections.Name},
	}
}

// Init loads every pane and asks the terminal for its background colour,
// which the auto theme follows.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.actingCmd()}
	for _, p := range m.panes {
		cmds = append(cmds, p.Init())
	}
	if m.opts.Theme == "" || m.opts.Theme == "auto" {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// actingMsg names the Opigno user context rosterm acts as.
type actingMsg struct{ label string }

func (m Model) actingCmd() tea.Cmd {
	oc := m.ctx.Opigno
	if oc == nil {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), m.ctx.Timeout)
		defer cancel()
		cur, ok, err := oc.CurrentContext(ctx)
		if err != nil || !ok {
			return actingMsg{label: oc.Acting()}
		}
		return actingMsg{label: actingLabel(cur)}
	}
}

func actingLabel(c opigno.Context) string {
	if c.Scope == "ADMINISTRATOR" {
		return c.Name + " (admin)"
	}
	return c.Name
}

// Update routes one message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, m.layout()
	case tea.BackgroundColorMsg:
		if th, err := theme.New(m.opts.Theme, msg.IsDark()); err == nil {
			m.ctx.Theme = th
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.PasteMsg:
		if p := m.panes[m.focus]; p.Typing() && len(m.dialogs) == 0 {
			return m, p.Update(msg)
		}
		return m, nil
	case common.Addressed:
		if i := m.paneIndex(msg.Address().Pane); i >= 0 {
			return m, m.panes[i].Update(msg)
		}
		return m, nil
	case common.Broadcast:
		cmds := make([]tea.Cmd, 0, len(m.panes))
		for _, p := range m.panes {
			cmds = append(cmds, p.Update(msg))
		}
		return m, tea.Batch(cmds...)
	case common.OpenDialog:
		m.dialogs = append(m.dialogs, msg.Dialog)
		return m, nil
	case common.DialogMsg:
		if n := len(m.dialogs); n > 0 {
			return m, m.dialogs[n-1].Update(msg.Msg)
		}
		return m, nil
	case common.SwitchActing:
		return m.switchActing(msg.UUID)
	case common.Copy:
		m.status = "copied " + sanitize.Line(msg.Text, 40)
		return m, tea.SetClipboard(sanitize.Text(msg.Text))
	case actingMsg:
		m.acting = msg.label
		return m, nil
	case common.StatusMsg:
		m.status = msg.Text
		return m, nil
	case common.ErrorMsg:
		m.err = &msg
		m.errLog = append(m.errLog, msg)
		if len(m.errLog) > maxErrLog {
			m.errLog = m.errLog[len(m.errLog)-maxErrLog:]
		}
		return m, nil
	}
	return m, nil
}

func (m Model) paneIndex(name string) int {
	for i, n := range m.names {
		if n == name {
			return i
		}
	}
	return -1
}

// key gives a key press to whoever owns the keyboard.
func (m Model) key(k tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	keys := m.ctx.Keys
	if key.Matches(k, keys.ForceQuit) {
		return m, tea.Quit
	}
	if n := len(m.dialogs); n > 0 {
		cmd, done := m.dialogs[n-1].Key(k)
		if done {
			m.dialogs = m.dialogs[:n-1]
		}
		return m, cmd
	}
	if m.help || m.showLog {
		if key.Matches(k, keys.Help, keys.Back, keys.Quit, keys.Errors) {
			m.help, m.showLog = false, false
		}
		return m, nil
	}
	focused := m.panes[m.focus]
	if cmd, ok := focused.Key(k); ok || focused.Typing() {
		return m, cmd
	}
	switch {
	case key.Matches(k, keys.Quit):
		return m, tea.Quit
	case key.Matches(k, keys.Help):
		m.help = true
	case key.Matches(k, keys.Errors):
		m.showLog = true
	case key.Matches(k, keys.NextPane):
		m.focus = (m.focus + 1) % len(m.panes)
	case key.Matches(k, keys.PrevPane):
		m.focus = (m.focus + len(m.panes) - 1) % len(m.panes)
	case key.Matches(k, keys.PaneUsers):
		m.focus = 0
	case key.Matches(k, keys.PaneGroups):
		m.focus = 1
	case key.Matches(k, keys.PaneConnections):
		m.focus = 2
	case key.Matches(k, keys.Back):
		m.err, m.status = nil, ""
	}
	return m, nil
}

// switchActing makes every Opigno request act as another user context and
// tells the panes, which reload what depends on who is acting.
func (m Model) switchActing(uuid string) (tea.Model, tea.Cmd) {
	if m.ctx.Opigno == nil || uuid == "" {
		return m, nil
	}
	m.ctx.Opigno = m.ctx.Opigno.As(uuid)
	m.acting = uuid
	cmds := []tea.Cmd{m.actingCmd()}
	for _, p := range m.panes {
		cmds = append(cmds, p.Update(common.Actor{UUID: uuid}))
	}
	return m, tea.Batch(cmds...)
}

// layout places the panes: three columns on a wide terminal; otherwise
// Users on the left and Groups over Connections on the right.
func (m *Model) layout() tea.Cmd {
	if m.width < MinWidth || m.height < MinHeight {
		return nil
	}
	h := m.height - 1 // the status line
	if m.width >= 120 {
		uw := m.width * 2 / 5
		gw := m.width / 4
		m.rects = []rect{{0, 0, uw, h}, {uw, 0, gw, h}, {uw + gw, 0, m.width - uw - gw, h}}
	} else {
		uw := m.width / 2
		gh := h * 2 / 5
		m.rects = []rect{{0, 0, uw, h}, {uw, 0, m.width - uw, gh}, {uw, gh, m.width - uw, h - gh}}
	}
	var cmds []tea.Cmd
	for i, p := range m.panes {
		cmds = append(cmds, p.SetSize(m.rects[i].w, m.rects[i].h))
	}
	return tea.Batch(cmds...)
}

// View draws the screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.screen())
	v.AltScreen = true
	v.WindowTitle = "rosterm"
	return v
}

func (m Model) screen() string {
	if m.width == 0 {
		return ""
	}
	if m.width < MinWidth || m.height < MinHeight {
		return tooSmall(m.width, m.height)
	}
	if m.help {
		return m.helpScreen()
	}
	if m.showLog {
		return m.errorLogScreen()
	}
	var body string
	if m.width >= 120 {
		cols := make([]string, len(m.panes))
		for i, p := range m.panes {
			cols[i] = p.View(m.rects[i].w, m.rects[i].h, i == m.focus)
		}
		body = lipgloss.JoinHorizontal(lipgloss.Top, cols...)
	} else {
		left := m.panes[0].View(m.rects[0].w, m.rects[0].h, m.focus == 0)
		right := lipgloss.JoinVertical(lipgloss.Left,
			m.panes[1].View(m.rects[1].w, m.rects[1].h, m.focus == 1),
			m.panes[2].View(m.rects[2].w, m.rects[2].h, m.focus == 2))
		body = lipgloss.JoinHorizontal(lipgloss.Top, left, right)
	}
	screen := body + "\n" + m.statusLine()
	if n := len(m.dialogs); n > 0 {
		screen = m.overlay(screen, m.dialogs[n-1].View(m.width-4, m.height-2))
	}
	return screen
}

// overlay draws box centred over screen.
func (m Model) overlay(screen, box string) string {
	w, h := lipgloss.Size(box)
	// One compositor for both layers: composing them onto the canvas one
	// by one draws only the last.
	c := lipgloss.NewCanvas(m.width, m.height)
	c.Compose(lipgloss.NewCompositor(lipgloss.NewLayer(screen),
		lipgloss.NewLayer(box).X(max((m.width-w)/2, 0)).Y(max((m.height-h)/2, 0)).Z(1)))
	return c.Render()
}

// statusLine shows an error while there is one, else what rosterm is
// connected to, and the main keys.
func (m Model) statusLine() string {
	th := m.ctx.Theme
	var left string
	switch {
	case m.err != nil:
		left = th.Error.Render(sanitize.Line("! "+errorText(*m.err)+" · esc dismiss", m.width))
	case m.status != "":
		left = sanitize.Line(m.status, m.width)
	case m.paneStatus() != "":
		left = th.Warn.Render(sanitize.Line(m.paneStatus(), m.width))
	default:
		left = m.connectedTo()
	}
	for _, hints := range m.hints() {
		if gap := m.width - lipgloss.Width(left) - lipgloss.Width(hints); gap >= 2 {
			return left + strings.Repeat(" ", gap) + th.Status.Render(hints)
		}
	}
	return frame.Pad(left, m.width)
}

// paneStatus is what a pane has to say, the focused pane first.
func (m Model) paneStatus() string {
	order := append([]Pane{m.panes[m.focus]}, m.panes...)
	for _, p := range order {
		if s, ok := p.(common.Statuser); ok && s.Status() != "" {
			return s.Status()
		}
	}
	return ""
}

// hints are the main keys, longest first; the status line shows the
// longest that fits.
func (m Model) hints() []string {
	k := m.ctx.Keys
	short := func(b key.Binding) string { return b.Help().Key + " " + b.Help().Desc }
	tail := fmt.Sprintf("%s help · %s quit", k.Help.Help().Key, k.Quit.Help().Key)
	var paneKeys []string
	if h, ok := m.panes[m.focus].(common.Helper); ok {
		for _, b := range h.HelpKeys() {
			if b.Enabled() {
				paneKeys = append(paneKeys, short(b))
			}
		}
	}
	var out []string
	for n := min(len(paneKeys), 4); n > 0; n-- {
		out = append(out, strings.Join(paneKeys[:n], " · ")+" · "+tail)
	}
	return append(out, tail)
}

func (m Model) connectedTo() string {
	th := m.ctx.Theme
	s := ""
	if m.ctx.Demo {
		s = th.Warn.Render("demo data") + th.Status.Render(" · ")
	}
	if m.acting != "" {
		s += th.Status.Render("acting as ") + sanitize.Line(m.acting, 32)
	}
	return s
}

func tooSmall(w, h int) string {
	msg := fmt.Sprintf("rosterm needs a terminal of at least %d×%d;\nthis one is %d×%d.\n\nEnlarge the window, or press q to quit.", MinWidth, MinHeight, w, h)
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, msg)
}

// helpScreen lists every key binding in effect, in as many columns as
// the height needs.
func (m Model) helpScreen() string {
	th := m.ctx.Theme
	var entries []string
	for _, n := range m.ctx.Keys.All() {
		entries = append(entries, frame.Pad(th.Key.Render(keymap.Keys(*n.Binding)), 16)+n.Binding.Help().Desc)
	}
	rows := max(m.height-3, 1)
	var cols []string
	for start := 0; start < len(entries); start += rows {
		block := entries[start:min(start+rows, len(entries))]
		for i := range block {
			block[i] = frame.Pad(block[i], 38)
		}
		cols = append(cols, strings.Join(block, "\n"))
	}
	title := th.Title.Render("rosterm keys") + "  " + th.Dim.Render("(? or esc closes)")
	return title + "\n\n" + lipgloss.JoinHorizontal(lipgloss.Top, cols...)
}

// maxErrLog is how many errors the error log keeps.
const maxErrLog = 50

// errorText is an error in words: where, what, and what to do.
func errorText(e common.ErrorMsg) string {
	s := e.Where + ": " + e.Err.Error()
	var ae *api.Error
	if errors.As(e.Err, &ae) && ae.Hint() != "" {
		s += " — " + ae.Hint()
	}
	return s
}

// errorLogScreen lists recent errors, newest first.
func (m Model) errorLogScreen() string {
	th := m.ctx.Theme
	lines := []string{th.Title.Render("Recent errors") + "  " + th.Dim.Render("(E or esc closes)"), ""}
	if len(m.errLog) == 0 {
		lines = append(lines, th.Dim.Render("  none"))
	}
	for i := len(m.errLog) - 1; i >= 0 && len(lines) < m.height; i-- {
		lines = append(lines, "  "+sanitize.Line(errorText(m.errLog[i]), m.width-4))
	}
	return strings.Join(lines, "\n")
}
