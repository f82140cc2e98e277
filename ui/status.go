package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// statusLine shows, by urgency, an error until it is dismissed, what a
// pane has under way (an undo countdown, progress), a transient note, or
// else what rosterm is connected to; and the main keys.
//
// What it is drawn from is compared with the last frame's: the same words
// in the same width are not styled and measured again.
func (m Model) statusLine() string {
	paneStatus, hints := m.paneStatus(), m.hints()
	key := statusKey{width: m.width, theme: m.ctx.Theme, focus: m.focus, draining: m.draining, quitting: m.quitting,
		err: m.err, held: m.held, paneStatus: paneStatus, status: m.status, acting: m.acting, hints: strings.Join(hints, "\x00")}
	if d := m.drawn; d.statusKey == key && d.status != "" {
		return d.status
	}
	line := m.drawStatus(paneStatus, hints)
	m.drawn.statusKey, m.drawn.status = key, line
	return line
}

// statusKey is what the status line is drawn from.
type statusKey struct {
	width              int
	theme              *theme.Theme
	focus              int
	draining, quitting bool
	err                *common.ErrorMsg
	held               string
	paneStatus, status string
	acting, hints      string
}

func (m Model) drawStatus(paneStatus string, hints []string) string {
	th := m.ctx.Theme
	var lefts []string // the words, then shorter words that leave room for a pane key
	switch {
	case m.draining:
		what := "server stopping: this session closes"
		if s := m.paneStatus(); s != "" {
			what = "server stopping, then this session closes · " + s
		}
		lefts = []string{th.Error.Render(sanitize.Line(what, m.width))}
	case m.quitting:
		what := "Sending what waits, then quitting"
		if s := m.paneStatus(); s != "" {
			what += " · " + s
		}
		lefts = []string{th.Warn.Render(sanitize.Line(what, m.width))}
	case m.err != nil:
		lefts = []string{th.Error.Render(m.errorLine(*m.err))}
	case m.held != "":
		// Before what a pane says: the key did nothing, and must say so.
		lefts = []string{th.Warn.Render(sanitize.Line(m.held, m.width))}
	case paneStatus != "":
		lefts = []string{th.Warn.Render(sanitize.Line(paneStatus, m.width))}
	case m.status != "":
		lefts = []string{sanitize.Line(m.status, m.width)}
	default:
		lefts = []string{m.connectedTo(false), m.connectedTo(true)}
	}
	for i, left := range lefts {
		for j, h := range hints {
			if j > 0 && j == len(hints)-1 && i < len(lefts)-1 {
				break // no pane key beside these words: try the shorter ones
			}
			if gap := m.width - lipgloss.Width(left) - lipgloss.Width(h); gap >= 2 {
				return left + strings.Repeat(" ", gap) + th.Status.Render(h)
			}
		}
	}
	return frame.Pad(lefts[len(lefts)-1], m.width)
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
	if len(m.dialogs) == 0 && m.fieldOpen() {
		// Typing into a filter or search: the pane's keys type letters
		// now, so only the field's own keys apply.
		paneKeys = []string{keymap.Keys(k.Menu) + " keep it", keymap.Keys(k.Back) + " clear it"}
	} else if h, ok := m.panes[m.focus].(common.Helper); ok {
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
// read-only, and who it acts as in Opigno; short, without "acting as",
// where a narrow terminal would otherwise show no pane key.
func (m Model) connectedTo(short bool) string {
	th := m.ctx.Theme
	var parts []string
	if m.opts.SignedIn != "" {
		as := th.Status.Render("signed in as ")
		if short {
			as = ""
		}
		parts = append(parts, as+sanitize.Line(m.opts.SignedIn, 24))
	}
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
		as := th.Status.Render("acting as ")
		if short {
			as = ""
		}
		parts = append(parts, as+sanitize.Line(m.acting, 32))
	}
	return strings.Join(parts, th.Status.Render(" · "))
}

func tooSmall(w, h int) string {
	msg := fmt.Sprintf("rosterm needs a terminal of at least %d×%d;\nthis one is %d×%d.\n\nEnlarge the window, or press q to quit.", MinWidth, MinHeight, w, h)
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, msg)
}

// maxErrLog is how many errors the error log keeps.
const maxErrLog = 50

// errorText is an error in words: where, what, and what to do, naming
// the keys in effect and, when it is not the focused one, the pane whose
// refresh key retries.
func (m Model) errorText(e common.ErrorMsg) string {
	what, advice := m.errorParts(e)
	if advice != "" {
		what += " — " + advice
	}
	return what
}

// errorParts are what an error line says, with every credential the
// program knows removed, whatever the error quotes.
func (m Model) errorParts(e common.ErrorMsg) (what, advice string) {
	if e.Err == nil {
		return m.ctx.Secrets.Redact(e.Where), ""
	}
	return m.ctx.Secrets.Redact(e.Where + ": " + e.Err.Error()), common.Advice(e.Err, m.retryWords(e), m.refreshWords(e))
}

// errorLine is the error line: when it is too long, what happened is cut
// rather than what to do about it (the error log has it whole), and on a
// narrow terminal the reminder that esc dismisses goes first.
func (m Model) errorLine(e common.ErrorMsg) string {
	what, advice := m.errorParts(e)
	dismiss := " · " + keymap.Keys(m.ctx.Keys.Back) + " dismiss"
	if advice != "" {
		advice = " — " + advice
	}
	for _, tail := range []string{advice + dismiss, advice} {
		tail = sanitize.Text(tail)
		if room := m.width - lipgloss.Width(tail); room >= 24 {
			return sanitize.Line("! "+what, room) + tail
		}
	}
	return sanitize.Line("! "+what+advice, m.width)
}

// retryWords say how to try again what e reports: the refresh key of the
// pane that failed, for a query; asking again, for a change the server
// refused (whose own words say why, so nothing is added for a GraphQL
// error), or sending it again, for one refused before it acted.
func (m Model) retryWords(e common.ErrorMsg) string {
	switch {
	case e.Change && api.KindOf(e.Err) == api.KindGraphQL:
		return ""
	case e.Change && api.KindOf(e.Err) == api.KindNotApplied:
		return "send it again"
	case e.Change || e.Pane == "":
		return "try again"
	}
	return "press " + keymap.Keys(m.ctx.Keys.Refresh) + m.inPane(e.Pane) + " to retry"
}

// refreshWords say how to see what the server now has.
func (m Model) refreshWords(e common.ErrorMsg) string {
	if e.Pane == "" {
		return "refresh"
	}
	return "press " + keymap.Keys(m.ctx.Keys.Refresh) + m.inPane(e.Pane) + " to refresh"
}

// inPane names pane when it is not the focused one: " in Groups".
func (m Model) inPane(pane string) string {
	if i := m.paneIndex(pane); i >= 0 && i != m.focus {
		return " in " + m.specs[i].title
	}
	return ""
}

// errorLogScreen lists recent errors, newest first.
func (m Model) errorLogScreen() string {
	th := m.ctx.Theme
	lines := []string{th.Title.Render("Recent errors") + "  " + th.Dim.Render("("+keymap.Keys(m.ctx.Keys.Errors)+" or "+keymap.Keys(m.ctx.Keys.Back)+" closes)"), ""}
	if len(m.errLog) == 0 {
		lines = append(lines, th.Dim.Render("  none"))
	}
	// Each error whole where it fits: wrapped, three lines at most.
	for i := len(m.errLog) - 1; i >= 0 && len(lines) < m.height; i-- {
		wrapped := strings.Split(ansi.Wordwrap(sanitize.Text(m.errorText(m.errLog[i])), max(m.width-6, 10), ""), "\n")
		for j, l := range wrapped[:min(len(wrapped), 3)] {
			mark := "• "
			if j > 0 {
				mark = "  "
			}
			if j == 2 && len(wrapped) > 3 {
				l += " " + strings.Join(wrapped[3:], " ")
			}
			lines = append(lines, "  "+mark+sanitize.Line(l, m.width-6))
		}
	}
	return strings.Join(lines[:min(len(lines), m.height)], "\n")
}
