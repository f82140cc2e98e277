// Package ui is rosterm's root model: it lays out the panes, owns focus,
// routes every key to whoever owns the keyboard (overlay, then a text
// field, then the focused pane, then the global keys) and every
// asynchronous result to the pane that asked for it.
package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

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
	Theme      string // a theme name; "auto" follows the terminal's background
	Profile    string // the configuration profile in use, shown in the status line
	ConfigPath string // the configuration file, named where a pane is not configured
	Mouse      bool   // capture the mouse from the start
	Notice     string // said in the status line at start (no configuration, say)
}

// Model is the root model.
type Model struct {
	ctx     *common.Context
	opts    Options
	panes   []Pane
	names   []string // addresses of routed messages
	titles  []string // what the user calls the panes
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
	mouse   bool // capturing the mouse
}

type rect struct{ x, y, w, h int }

// New builds the root model over ctx.
func New(ctx *common.Context, opts Options) Model {
	return Model{
		ctx:    ctx,
		opts:   opts,
		panes:  []Pane{users.New(ctx), groups.New(ctx), connections.New(ctx)},
		names:  []string{users.Name, groups.Name, connections.Name},
		titles: []string{"Users", "Groups", "Connections"},
		mouse:  opts.Mouse,
		status: opts.Notice,
	}
}

// configured reports whether the API pane i needs is configured: Users
// and Groups need Scope or Vision, Connections needs Opigno. The root
// draws a placeholder for a pane that is not, and sends it nothing.
func (m Model) configured(i int) bool {
	if m.names[i] == connections.Name {
		return m.ctx.Opigno != nil
	}
	return m.ctx.Scope != nil || m.ctx.Vision != nil
}

// Init loads every pane and asks the terminal for its background colour,
// which the auto theme follows.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.actingCmd()}
	for i, p := range m.panes {
		if m.configured(i) {
			cmds = append(cmds, p.Init())
		}
	}
	// The answer comes as a message, or never (some terminals, some SSH
	// clients): the dark theme is used until it does, nothing waits for it.
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
	case tea.MouseClickMsg, tea.MouseWheelMsg:
		return m.mouseEvent(msg.(tea.MouseMsg))
	case tea.PasteMsg:
		if n := len(m.dialogs); n > 0 {
			return m, m.dialogs[n-1].Update(msg)
		}
		if p := m.panes[m.focus]; m.configured(m.focus) && p.Typing() {
			return m, p.Update(msg)
		}
		return m, nil
	case common.Addressed:
		if i := m.paneIndex(msg.Address().Pane); i >= 0 && m.configured(i) {
			return m, m.panes[i].Update(msg)
		}
		return m, nil
	case common.Broadcast:
		return m, m.broadcast(msg)
	case common.OpenDialog:
		m.dialogs = append(m.dialogs, msg.Dialog)
		return m, nil
	case common.CloseDialog:
		m.dialogs = slices.DeleteFunc(m.dialogs, func(d common.Dialog) bool { return d == msg.Dialog })
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
	if m.configured(m.focus) {
		focused := m.panes[m.focus]
		if cmd, ok := focused.Key(k); ok || focused.Typing() {
			return m, cmd
		}
	}
	switch {
	case key.Matches(k, keys.Quit):
		return m, tea.Quit
	case key.Matches(k, keys.Help):
		m.help = true
	case key.Matches(k, keys.Errors):
		m.showLog = true
	case key.Matches(k, keys.Mouse):
		m.mouse = !m.mouse
		m.status = "mouse off: the terminal selects text again"
		if m.mouse {
			m.status = "mouse on: wheel scrolls, click focuses; " + keymap.Keys(keys.Mouse) + " frees text selection"
		}
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
	return m, tea.Batch(m.actingCmd(), m.broadcast(common.Actor{UUID: uuid}))
}

// broadcast gives msg to every configured pane.
func (m Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.panes))
	for i, p := range m.panes {
		if m.configured(i) {
			cmds = append(cmds, p.Update(msg))
		}
	}
	return tea.Batch(cmds...)
}

// mouseEvent handles the mouse while it is captured and nothing is over
// the panes: the wheel scrolls the focused pane by giving it the up and
// down keys, a left click focuses the pane under the pointer.
func (m Model) mouseEvent(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	if !m.mouse || m.help || m.showLog || len(m.dialogs) > 0 {
		return m, nil
	}
	ev := msg.Mouse()
	switch msg.(type) {
	case tea.MouseClickMsg:
		if i := m.paneAt(ev.X, ev.Y); i >= 0 && ev.Button == tea.MouseLeft {
			m.focus = i
		}
	case tea.MouseWheelMsg:
		b := m.ctx.Keys.Down
		if ev.Button == tea.MouseWheelUp {
			b = m.ctx.Keys.Up
		} else if ev.Button != tea.MouseWheelDown {
			return m, nil
		}
		if m.configured(m.focus) && len(b.Keys()) > 0 {
			cmd, _ := m.panes[m.focus].Key(keymap.Press(b.Keys()[0]))
			return m, cmd
		}
	}
	return m, nil
}

// paneAt is the pane at a cell of the screen, or -1.
func (m Model) paneAt(x, y int) int {
	for i, r := range m.rects {
		if x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h {
			return i
		}
	}
	return -1
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
		if m.configured(i) {
			cmds = append(cmds, p.SetSize(m.rects[i].w, m.rects[i].h))
		}
	}
	return tea.Batch(cmds...)
}

// View draws the screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.screen())
	v.AltScreen = true
	v.WindowTitle = "rosterm"
	if m.mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
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
		for i := range m.panes {
			cols[i] = m.paneView(i)
		}
		body = lipgloss.JoinHorizontal(lipgloss.Top, cols...)
	} else {
		right := lipgloss.JoinVertical(lipgloss.Left, m.paneView(1), m.paneView(2))
		body = lipgloss.JoinHorizontal(lipgloss.Top, m.paneView(0), right)
	}
	screen := body + "\n" + m.statusLine()
	if n := len(m.dialogs); n > 0 {
		screen = m.overlay(screen, m.dialogs[n-1].View(m.width-4, m.height-2))
	}
	return screen
}

// paneView draws pane i in its box, or what to configure for it.
func (m Model) paneView(i int) string {
	r := m.rects[i]
	if m.configured(i) {
		return m.panes[i].View(r.w, r.h, i == m.focus)
	}
	th := m.ctx.Theme
	inner := max(r.w-3, 1) // a space on the left, the borders
	var body []string
	for _, para := range strings.Split(m.placeholder(i), "\n") {
		// Prose wraps; the YAML example keeps its indentation and is cut.
		if strings.HasPrefix(para, " ") {
			body = append(body, " "+th.Dim.Render(ansi.Truncate(para, inner, sanitize.Ellipsis)))
			continue
		}
		for _, line := range strings.Split(lipgloss.NewStyle().Width(inner).Render(para), "\n") {
			body = append(body, " "+th.Dim.Render(strings.TrimRight(line, " ")))
		}
	}
	return frame.Box(th, m.titles[i], "not configured", body, r.w, r.h, i == m.focus)
}

// placeholder says which profile settings pane i needs.
func (m Model) placeholder(i int) string {
	where := "a profile"
	if m.opts.Profile != "" {
		where = "profile " + strconv.Quote(sanitize.Line(m.opts.Profile, 30))
	}
	file := "~/.config/rosterm/config.yaml"
	if m.opts.ConfigPath != "" {
		file = sanitize.Line(m.opts.ConfigPath, 0)
	}
	var need, example string
	if m.names[i] == connections.Name {
		need = "Opigno"
		example = "  opigno:\n    endpoint: https://…/graphql\n    token_url: https://…/oauth/token\n    client_id: …\n    client_secret: {env: OPIGNO_SECRET}\n    acting_uuid: …"
	} else {
		need = "Scope or Vision"
		example = "  scope:\n    endpoint: https://…/graphql\n    token: {env: SCOPE_TOKEN}\n\nor a vision: section"
	}
	return fmt.Sprintf("%s needs %s. Add to %s in %s:\n\n%s\n\n`rosterm config init` writes a commented example; `rosterm config check --online` tries it.",
		m.titles[i], need, where, file, example)
}

// overlay draws box centred over screen.
func (m Model) overlay(screen, box string) string {
	w, h := lipgloss.Size(box)
	// One compositor for both layers: composing them onto the canvas one
	// by one draws the box over a blank screen.
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

// connectedTo says what rosterm works on: demo data or a profile,
// read-only, and who it acts as in Opigno.
func (m Model) connectedTo() string {
	th := m.ctx.Theme
	var parts []string
	switch {
	case m.ctx.Demo:
		parts = append(parts, th.Warn.Render("demo data"))
	case m.opts.Profile != "":
		parts = append(parts, th.Status.Render("profile ")+sanitize.Line(m.opts.Profile, 20))
	}
	if m.ctx.ReadOnly {
		parts = append(parts, th.Warn.Render("read-only"))
	}
	if m.acting != "" {
		parts = append(parts, th.Status.Render("acting as ")+sanitize.Line(m.acting, 32))
	}
	return strings.Join(parts, th.Status.Render(" · "))
}

func tooSmall(w, h int) string {
	msg := fmt.Sprintf("rosterm needs a terminal of at least %d×%d;\nthis one is %d×%d.\n\nEnlarge the window, or press q to quit.", MinWidth, MinHeight, w, h)
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, msg)
}

// helpScreen lists the keys of the focused pane, then the keys that work
// everywhere, with the bindings in effect, in as many columns as the
// height needs; then what mode rosterm is in.
func (m Model) helpScreen() string {
	th := m.ctx.Theme
	entries := m.helpEntries()
	footer := m.modeLines()
	if m.ctx.ReadOnly {
		footer = append([]string{th.Warn.Render("read-only mode: every change is disabled (--read-only, read_only:)")}, footer...)
	}
	// As many columns as the height needs, filled evenly.
	rows := max(m.height-3-len(footer), 1)
	ncols := (len(entries) + rows - 1) / rows
	rows = (len(entries) + ncols - 1) / ncols
	var cols []string
	for start := 0; start < len(entries); start += rows {
		block := slices.Clone(entries[start:min(start+rows, len(entries))])
		for i := range block {
			block[i] = frame.Pad(block[i], 38)
		}
		cols = append(cols, strings.Join(block, "\n"))
	}
	head := th.Title.Render("rosterm help") + "  " + th.Dim.Render("("+keymap.Keys(m.ctx.Keys.Help)+" or "+keymap.Keys(m.ctx.Keys.Back)+" closes)")
	body := lipgloss.JoinHorizontal(lipgloss.Top, cols...)
	lines := append([]string{head, ""}, strings.Split(body, "\n")...)
	lines = append(lines, "")
	lines = append(lines, footer...)
	for i := range lines {
		lines[i] = ansi.Truncate(lines[i], m.width, "")
	}
	return strings.Join(lines, "\n")
}

// helpEntries are help's lines: the focused pane's keys (every pane
// action when the pane does not list its own), then the keys that work
// everywhere.
func (m Model) helpEntries() []string {
	th := m.ctx.Theme
	var entries []string
	entry := func(b key.Binding) {
		line := frame.Pad(th.Key.Render(keymap.Keys(b)), 14) + b.Help().Desc
		if !b.Enabled() {
			line = th.Dim.Render(frame.Pad(keymap.Keys(b), 14) + b.Help().Desc + " (off)")
		}
		entries = append(entries, line)
	}
	entries = append(entries, th.Title.Render(m.titles[m.focus]+" pane"))
	switch keys := m.paneKeys(); {
	case !m.configured(m.focus):
		entries = append(entries, th.Dim.Render("not configured (see the pane)"))
	case keys == nil:
		entries = append(entries, th.Dim.Render("keys panes may have:"))
		for _, n := range m.ctx.Keys.All() {
			if !n.Root {
				entry(*n.Binding)
			}
		}
	default:
		for _, b := range keys {
			entry(b)
		}
	}
	entries = append(entries, "", th.Title.Render("Everywhere"))
	for _, n := range m.ctx.Keys.Root() {
		entry(*n.Binding)
	}
	return entries
}

// paneKeys are the focused pane's own keys, or nil when it does not list them.
func (m Model) paneKeys() []key.Binding {
	if h, ok := m.panes[m.focus].(common.Helper); ok {
		if keys := h.HelpKeys(); len(keys) > 0 {
			return keys
		}
	}
	return nil
}

// modeLines say what rosterm runs on and with which settings: the
// profile, the theme and the mouse, then the configuration file.
func (m Model) modeLines() []string {
	th := m.ctx.Theme
	var parts []string
	switch {
	case m.ctx.Demo:
		parts = append(parts, "demo data")
	case m.opts.Profile != "":
		parts = append(parts, "profile "+sanitize.Line(m.opts.Profile, 20))
	}
	themeName := "theme " + th.Name
	if m.opts.Theme == "" || m.opts.Theme == "auto" {
		themeName += " (auto)"
	}
	mouse := "mouse off"
	if m.mouse {
		mouse = "mouse on"
	}
	parts = append(parts, themeName, mouse+" ("+keymap.Keys(m.ctx.Keys.Mouse)+" toggles)")
	lines := []string{th.Dim.Render(strings.Join(parts, " · "))}
	if m.opts.ConfigPath != "" {
		lines = append(lines, th.Dim.Render("config "+sanitize.Line(m.opts.ConfigPath, 0)))
	}
	return lines
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
	lines := []string{th.Title.Render("Recent errors") + "  " + th.Dim.Render("("+keymap.Keys(m.ctx.Keys.Errors)+" or "+keymap.Keys(m.ctx.Keys.Back)+" closes)"), ""}
	if len(m.errLog) == 0 {
		lines = append(lines, th.Dim.Render("  none"))
	}
	for i := len(m.errLog) - 1; i >= 0 && len(lines) < m.height; i-- {
		lines = append(lines, "  "+sanitize.Line(errorText(m.errLog[i]), m.width-4))
	}
	return strings.Join(lines, "\n")
}
