// Package ui is rosterm's root model: it lays out the panes, owns focus,
// routes every key to whoever owns the keyboard (overlay, then a text
// field, then the focused pane, then the global keys) and every
// asynchronous result to the pane that asked for it.
package ui

import (
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/sanitize"
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
	// View draws the pane in the box SetSize last gave it.
	View(focused bool) string
	// Typing reports whether a text field has the keyboard, so that no
	// global binding fires while the user types.
	Typing() bool
}

// Clicker is a pane that acts on a click of the mouse (selects the row
// under it, shows the tab): x and y are the cell in its box, 0, 0 being
// the top-left corner.
type Clicker interface {
	Click(x, y int) tea.Cmd
}

// The smallest terminal rosterm lays out in: one pane at a time (see
// layout.go), as narrow as a phone's SSH client held upright.
const (
	MinWidth  = 40
	MinHeight = 12
)

// Options are the root model's settings.
type Options struct {
	Theme      string // a theme name; "auto" follows the terminal's background
	Profile    string // the configuration profile in use, shown in the status line
	ConfigPath string // the configuration file, named where a pane is not configured
	Mouse      bool   // capture the mouse from the start
	Notice     string // said in the status line at start (no configuration, say)
	// SignedIn names the person a shared server (rosterm serve) signed
	// in, shown in the status line.
	SignedIn string
}

// DrainMsg tells the program its server is stopping: it ends once no change
// is waiting out its undo window or on its way (the person can still take
// one back), saying so in the status line meanwhile.
type DrainMsg struct{}

// Model is the root model.
type Model struct {
	ctx     *common.Context
	opts    Options
	specs   []paneSpec
	panes   []Pane
	focus   int
	rects   []rect
	width   int
	height  int
	help    bool
	dialogs []common.Dialog // open dialogs; the last one has the keyboard
	// openedAt is when the top dialog came on screen, for the grace
	// period (read from ctx.Clock).
	openedAt time.Time
	status   string
	err      *common.ErrorMsg  // shown until dismissed with esc
	errLog   []common.ErrorMsg // recent errors, newest last
	showLog  bool
	acting   string
	mouse    bool   // capturing the mouse
	zoom     bool   // one pane fills the screen, whatever its width
	helpTop  int    // the first line of help shown, when it is one scrolled column
	started  bool   // the panes were started (Init), once laid out
	drawn    *drawn // the panes' last drawings (shared by the model's copies)
	// draining: the server is stopping; quit once nothing is waiting
	draining bool
	// quitting: the person chose to send what waits and quit, once
	// nothing is waiting
	quitting bool
	// forceArmed: ctrl+c was pressed once with decisions waiting; the
	// next one quits whatever waits
	forceArmed bool
	// fieldAt is when a key last opened or closed a text field or a
	// dialog: change keys are held for the grace period after it
	fieldAt time.Time
	held    string // why the last key was held, until the next key
}

type rect struct{ x, y, w, h int }

// New builds the root model over ctx.
func New(ctx *common.Context, opts Options) Model {
	m := Model{ctx: ctx, opts: opts, specs: panes(), mouse: opts.Mouse, status: opts.Notice}
	m.drawn = newDrawn(len(m.specs))
	for _, s := range m.specs {
		m.panes = append(m.panes, s.build(ctx))
	}
	return m
}

// configured reports whether the API pane i needs is configured. The root
// draws a placeholder for a pane that is not, and sends it nothing.
func (m Model) configured(i int) bool { return m.specs[i].configured(m.ctx) }

// Init asks the terminal for its background colour, which the auto theme
// follows. The panes start loading once the terminal's size is known (the
// first layout), so that each list's first page is sized to its box.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.actingCmd()}
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
	oc, request := m.ctx.Opigno, m.ctx.Request
	if oc == nil {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := request()
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

// Update routes one message, then gives what panes announced to every
// pane (see common.Announcer). Once the server stops (DrainMsg), it quits as
// soon as no change is waiting.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(DrainMsg); ok {
		m.draining = true
	}
	m, cmd := m.update(msg)
	if said := m.relay(); said != nil {
		cmd = tea.Batch(cmd, said)
	}
	if (m.draining || m.quitting) && m.waiting() == 0 {
		return m, tea.Batch(cmd, tea.Quit)
	}
	return m, cmd
}

// waiting counts the changes the panes have not yet had answered.
func (m Model) waiting() int {
	n := 0
	for _, p := range m.panes {
		if w, ok := p.(common.Waiter); ok {
			n += w.Waiting()
		}
	}
	return n
}

// relay gives what the panes announced to every pane, now; what they
// announce in turn too, a few rounds at most.
func (m Model) relay() tea.Cmd {
	var cmds []tea.Cmd
	for range 4 {
		var said []common.Broadcast
		for i, p := range m.panes {
			if a, ok := p.(common.Announcer); ok && m.configured(i) {
				said = append(said, a.Announcements()...)
			}
		}
		if len(said) == 0 {
			break
		}
		for _, b := range said {
			cmds = append(cmds, m.broadcast(b))
		}
	}
	return tea.Batch(cmds...)
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m.layout()
	case tea.BackgroundColorMsg:
		if th, err := theme.New(m.opts.Theme, msg.IsDark()); err == nil {
			m.ctx.Theme = th
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	case paletteRunMsg:
		return m.route(msg.key)
	case tea.MouseClickMsg, tea.MouseWheelMsg:
		return m.mouseEvent(msg.(tea.MouseMsg))
	case tea.PasteMsg:
		if n := len(m.dialogs); n > 0 {
			return m, m.dialogs[n-1].Update(msg)
		}
		if p := m.panes[m.focus]; m.configured(m.focus) && p.Typing() {
			m.drawn.touch(m.focus)
			return m, p.Update(msg)
		}
		return m, nil
	case common.Addressed:
		if i := m.paneIndex(msg.Address().Pane); i >= 0 && m.configured(i) {
			m.drawn.touch(i)
			return m, m.panes[i].Update(msg)
		}
		return m, nil
	case common.Broadcast:
		return m, m.broadcast(msg)
	case common.OpenDialogMsg:
		return m.push(msg.Dialog), nil
	case common.CloseDialogMsg:
		if textual(msg.Dialog) {
			m.fieldAt = m.ctx.Now() // a form closed as it saved: change keys wait
		}
		m.dialogs = slices.DeleteFunc(m.dialogs, func(d common.Dialog) bool { return d == msg.Dialog })
		m.drawn.touchAll()
		return m, nil
	case common.DialogMsg:
		// Every open dialog hears it and each takes only its own reply: a
		// form's answer that arrives while a confirmation sits on top of
		// it must still reach the form, or the form waits forever.
		m.drawn.touchAll() // a dialog may act on the panes under it
		cmds := make([]tea.Cmd, 0, len(m.dialogs))
		for _, d := range m.dialogs {
			cmds = append(cmds, d.Update(msg.Msg))
		}
		return m, tea.Batch(cmds...)
	case quitMsg:
		return m.quit(msg)
	case common.SwitchActingMsg:
		return m.switchActing(msg.UUID)
	case common.CopyMsg:
		m.status = "Copied " + sanitize.Line(msg.Text, 40)
		return m, tea.SetClipboard(sanitize.Safe(msg.Text))
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

// Overlay is the dialog that owns the keyboard as it draws itself now, or
// "" when none is open: what the screen must show while keys go to it.
// Dialogs are the open dialogs, the one with the keyboard last: for
// tests of what a dialog holds (a form's typed values).
func (m Model) Dialogs() []common.Dialog { return slices.Clone(m.dialogs) }

func (m Model) Overlay() string {
	if n := len(m.dialogs); n > 0 {
		return m.dialogs[n-1].View(m.width-4, m.height-2)
	}
	return ""
}

func (m Model) paneIndex(name string) int {
	for i, s := range m.specs {
		if s.Name == name {
			return i
		}
	}
	return -1
}
