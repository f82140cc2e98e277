// Package usercard shows one person: the detail lines the Users pane shows
// under its list, and the card dialog enter opens (on a user, or on a
// group's member). The card looks a user up afresh where the directory can
// (Vision's getUser), so an id that no longer exists says so.
package usercard

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// Lines describes a user, one field a line, in width cells. Fields the
// user's directory does not have are left out rather than shown empty.
func Lines(ctx *common.Context, u api.User, width int) []string { return lines(ctx, u, width, false) }

// Detail is Lines as the detail under a list shows it: every field the
// user's directory has, "—" where the user has none, so that each field
// keeps its line as the selection moves from user to user (only what
// differs is drawn again).
func Detail(ctx *common.Context, u api.User, width int) []string { return lines(ctx, u, width, true) }

func lines(ctx *common.Context, u api.User, width int, stable bool) []string {
	th := ctx.Theme
	type kv struct{ k, v string }
	var rows []kv
	if u.Username != "" || stable {
		rows = append(rows, kv{"Username", u.Username})
	}
	rows = append(rows, kv{"E-mail", u.Email}, kv{"Phone", u.Phone})
	var fields directory.Fields
	if d := ctx.Directory(u.Source); d != nil {
		fields = d.Fields()
	}
	if fields.Has(directory.FieldJobTitle) && (u.JobTitle != "" || stable) {
		rows = append(rows, kv{"Job title", u.JobTitle})
	}
	if fields.Has(directory.FieldLicenses) {
		rows = append(rows, kv{"Licenses", strings.Join(u.Licenses, ", ")})
	}
	if fields.Has(directory.FieldGroups) {
		rows = append(rows, kv{"Groups", strings.Join(u.Groups, ", ")})
	}
	if fields.Has(directory.FieldOriginGroup) && (u.OriginGroup != "" || stable) {
		rows = append(rows, kv{"Origin group", u.OriginGroup})
	}
	if fields.Has(directory.FieldID) {
		rows = append(rows, kv{ctx.DirectoryName(u.Source) + " id", u.ID})
	}
	name := u.Name()
	if name == "" {
		name = u.ID
	}
	lines := []string{" " + th.Title.Render(sanitize.Line(name, max(width-10, 1))) + "  " + th.Badge.Render(string(u.Source))}
	for _, r := range rows {
		v := r.v
		if v == "" {
			v = "—"
		}
		lines = append(lines, " "+th.Dim.Render(frame.Pad(r.k, 13))+sanitize.Line(v, max(width-15, 1)))
	}
	return lines
}

// Kind is what a key in the card asks the Users pane to do.
type Kind int

// The card's actions on a Scope user.
const (
	Edit Kind = iota
	Delete
)

// ActionMsg is a key pressed in the card, addressed to the pane that acts.
type ActionMsg struct {
	To   common.Target
	Kind Kind
	User api.User
}

// Address routes the action.
func (a ActionMsg) Address() common.Target { return a.To }

// lookupMsg is a directory's answer for an open card's user.
type lookupMsg struct {
	card  *card
	user  api.User
	found bool
	err   error
}

// card is the detail dialog.
type card struct {
	ctx     *common.Context
	actions *common.Target // where edit and delete go; nil offers neither
	user    api.User
	note    string // "looking up…", "no longer exists", an error
	missing bool
}

// Open shows u's card. Edit and delete, where u's directory can, are sent
// to actions (nil: the card only shows and copies). A user is looked up
// again where the directory can (a directory.Finder).
func Open(ctx *common.Context, u api.User, actions *common.Target) tea.Cmd {
	c := &card{ctx: ctx, actions: actions, user: u}
	open := func() tea.Msg { return common.OpenDialogMsg{Dialog: c} }
	if !c.looksUp() {
		return open
	}
	return tea.Sequence(open, c.lookUp())
}

// finder is the user's directory when it looks users up.
func (c *card) finder() (directory.Finder, bool) {
	f, ok := c.ctx.Directory(c.user.Source).(directory.Finder)
	return f, ok
}

// looksUp reports whether the card asks the directory for the user afresh.
func (c *card) looksUp() bool {
	_, ok := c.finder()
	return ok
}

// editable reports whether the user's directory can change its users.
func (c *card) editable() bool {
	_, ok := c.ctx.Directory(c.user.Source).(directory.Editor)
	return ok
}

// lookUp asks the directory for the user, from a snapshot of the card's id.
func (c *card) lookUp() tea.Cmd {
	c.note = "looking up…"
	f, _ := c.finder()
	id, request := c.user.ID, c.ctx.Request
	return func() tea.Msg {
		ctx, cancel := request()
		defer cancel()
		fresh, found, err := f.User(ctx, id)
		return common.DialogMsg{Msg: lookupMsg{card: c, user: fresh, found: found, err: err}}
	}
}

// Copy copies a user's e-mail, or their id when they have none.
func Copy(u api.User) tea.Cmd {
	text := u.Email
	if text == "" {
		text = u.ID
	}
	return func() tea.Msg { return common.CopyMsg{Text: text} }
}

// Invite asks the Connections pane to invite u to an Opigno community:
// Opigno knows people by name, so it looks u up by theirs.
func Invite(ctx *common.Context, u api.User) tea.Cmd {
	if ctx.Opigno == nil {
		return func() tea.Msg { return common.StatusMsg{Text: "Inviting to a community needs Opigno configured."} }
	}
	name := u.Name()
	return func() tea.Msg { return common.InvitePersonMsg{Name: name} }
}

func (c *card) acts() bool { return c.actions != nil && c.editable() && !c.missing }

func (c *card) Key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := c.ctx.Keys
	act := func(kind Kind) tea.Cmd {
		a := ActionMsg{To: *c.actions, Kind: kind, User: c.user}
		return func() tea.Msg { return a }
	}
	switch {
	case key.Matches(k, keys.Back, keys.Menu, keys.Quit):
		return nil, true
	case key.Matches(k, keys.Copy):
		return Copy(c.user), true
	case key.Matches(k, keys.Invite):
		return Invite(c.ctx, c.user), true
	case key.Matches(k, keys.Edit) && c.acts():
		return act(Edit), true
	case key.Matches(k, keys.Delete) && c.acts():
		return act(Delete), true
	case key.Matches(k, keys.Refresh) && c.looksUp():
		return c.lookUp(), false
	}
	return nil, false
}

func (c *card) Update(msg tea.Msg) tea.Cmd {
	l, ok := msg.(lookupMsg)
	if !ok || l.card != c {
		return nil
	}
	switch {
	case l.err != nil:
		c.note = "could not look the user up: " + l.err.Error()
		if advice := common.Advice(l.err, "press "+keymap.Keys(c.ctx.Keys.Refresh)+" to retry", ""); advice != "" {
			c.note += " — " + advice
		}
	case !l.found:
		c.note, c.missing = "This user no longer exists in "+c.ctx.DirectoryName(c.user.Source)+" (id "+c.user.ID+").", true
	default:
		c.user, c.note = l.user, ""
	}
	return nil
}

func (c *card) View(maxW, maxH int) string {
	th := c.ctx.Theme
	w := min(maxW, 64)
	inner := w - 2
	lines := append([]string{""}, Lines(c.ctx, c.user, inner)...)
	if c.missing {
		// The name (the id, as nothing else is known) and, where the
		// directory shows ids, the id line, last.
		lines = []string{"", lines[1], lines[len(lines)-1]}
	}
	if c.note != "" {
		style := th.Dim
		if c.missing {
			style = th.Warn
		}
		lines = append(lines, "")
		for _, l := range strings.Split(ansi.Wordwrap(sanitize.Text(c.note), inner-2, ""), "\n") {
			lines = append(lines, " "+style.Render(sanitize.Line(l, inner-2)))
		}
	}
	k := c.ctx.Keys
	hints := k.Copy.Help().Key + " copy e-mail · esc close"
	switch {
	case c.acts():
		hints = k.Edit.Help().Key + " edit · " + k.Delete.Help().Key + " delete · " + hints
	case !c.editable():
		hints += " · " + c.ctx.DirectoryName(c.user.Source) + " is read-only"
	}
	lines = append(lines, "", " "+th.Dim.Render(sanitize.Line(hints, inner-2)))
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = frame.Pad(l, inner)
	}
	return frame.Box(th, "User", "", out, w, min(len(out)+2, maxH), true)
}
