package users

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// detailLines describes a user, one field a line, in width cells. Fields
// a source does not have are left out rather than shown empty.
func detailLines(th *theme.Theme, u api.User, width int) []string {
	type kv struct{ k, v string }
	rows := []kv{{"Username", u.Username}, {"E-mail", u.Email}, {"Phone", u.Phone}, {"Job title", u.JobTitle}}
	if u.Source == api.Scope {
		rows = append(rows, kv{"Licenses", strings.Join(u.Licenses, ", ")}, kv{"Groups", strings.Join(u.Groups, ", ")})
		if u.OriginGroup != "" {
			rows = append(rows, kv{"Origin group", u.OriginGroup})
		}
	} else {
		rows = append(rows, kv{"Vision id", u.ID})
	}
	lines := []string{" " + th.Title.Render(sanitize.Line(u.Name(), width-10)) + "  " + th.Badge.Render(string(u.Source))}
	for _, r := range rows {
		if r.v == "" && (r.k == "Username" || r.k == "Job title") {
			continue
		}
		v := r.v
		if v == "" {
			v = "—"
		}
		lines = append(lines, " "+th.Dim.Render(frame.Pad(r.k, 13))+sanitize.Line(v, max(width-15, 1)))
	}
	return lines
}

// detailSection is the selected user's detail under the list.
func (m *Model) detailSection(width int) []string {
	th := m.ctx.Theme
	lines := []string{th.Border.Render(strings.Repeat("─", width))}
	u, ok := m.list.Selected()
	if !ok {
		return append(lines, th.Dim.Render(" No user selected."))
	}
	return append(lines, detailLines(th, u, width)...)
}

// cardAction is a key pressed in the detail dialog, for the pane to do.
type cardAction struct {
	to   common.Target
	kind int
	user api.User
}

func (c cardAction) Address() common.Target { return c.to }

const (
	actEdit = iota
	actDelete
)

// lookup is a Vision getUser answer for an open card.
type lookup struct {
	card  *card
	user  api.User
	found bool
	err   error
}

// card is the detail dialog enter opens: the user's fields and the keys
// that act on them. A Vision user is looked up afresh with getUser.
type card struct {
	ctx     *common.Context
	to      common.Target
	user    api.User
	note    string // "looking up…", "no longer exists", an error
	missing bool
}

// openCard shows u's card; for a Vision user it also asks getUser, so a
// user deleted since the list loaded is reported as gone.
func (m *Model) openCard(u api.User) tea.Cmd {
	c := &card{ctx: m.ctx, to: m.to, user: u}
	open := func() tea.Msg { return common.OpenDialog{Dialog: c} }
	vc := m.ctx.Vision
	if u.Source != api.Vision || vc == nil {
		return open
	}
	c.note = "looking up…"
	timeout := m.ctx.Timeout
	return tea.Sequence(open, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		fresh, found, err := vc.User(ctx, u.ID)
		return common.DialogMsg{Msg: lookup{card: c, user: fresh, found: found, err: err}}
	})
}

func (c *card) Key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := c.ctx.Keys
	act := func(kind int) tea.Cmd {
		a := cardAction{to: c.to, kind: kind, user: c.user}
		return func() tea.Msg { return a }
	}
	switch {
	case key.Matches(k, keys.Back, keys.Menu, keys.Quit):
		return nil, true
	case key.Matches(k, keys.Copy):
		return copyOf(c.user), true
	case key.Matches(k, keys.Edit) && c.user.Source == api.Scope:
		return act(actEdit), true
	case key.Matches(k, keys.Delete) && c.user.Source == api.Scope:
		return act(actDelete), true
	}
	return nil, false
}

func (c *card) Update(msg tea.Msg) tea.Cmd {
	l, ok := msg.(lookup)
	if !ok || l.card != c {
		return nil
	}
	switch {
	case l.err != nil:
		c.note = "could not look the user up: " + l.err.Error()
	case !l.found:
		c.note, c.missing = "This user no longer exists in Vision (id "+c.user.ID+").", true
	default:
		c.user, c.note = l.user, ""
	}
	return nil
}

func (c *card) View(maxW, maxH int) string {
	th := c.ctx.Theme
	w := min(maxW, 64)
	inner := w - 2
	lines := append([]string{""}, detailLines(th, c.user, inner)...)
	if c.note != "" {
		style := th.Dim
		if c.missing {
			style = th.Warn
		}
		lines = append(lines, "", " "+style.Render(sanitize.Line(c.note, inner-2)))
	}
	k := c.ctx.Keys
	hints := k.Copy.Help().Key + " copy e-mail · esc close"
	if c.user.Source == api.Scope {
		hints = k.Edit.Help().Key + " edit · " + k.Delete.Help().Key + " delete · " + hints
	} else {
		hints += " · Vision is read-only"
	}
	lines = append(lines, "", " "+th.Dim.Render(sanitize.Line(hints, inner-2)))
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = frame.Pad(l, inner)
	}
	return frame.Box(th, "User", "", out, w, min(len(out)+2, maxH), true)
}

// cardAction does what a key in the card asked.
func (m *Model) cardAction(a cardAction) tea.Cmd {
	switch a.kind {
	case actEdit:
		return m.startEdit(a.user)
	case actDelete:
		return m.confirmDelete([]api.User{a.user})
	}
	return nil
}
