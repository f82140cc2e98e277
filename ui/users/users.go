// Package users is the Users pane: people from every directory (Scope,
// Vision) in one paged list, with search, the selected user's detail, and
// create, edit and delete where a directory can (an Editor). The selection
// is broadcast, so the Groups pane follows.
package users

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/list"
	"github.com/rosterm/rosterm/ui/row"
	"github.com/rosterm/rosterm/ui/search"
	"github.com/rosterm/rosterm/ui/sources"
	"github.com/rosterm/rosterm/ui/usercard"
)

// Name is the pane's address for routed messages.
const Name = "users"

// detailRows is the height of the detail section under the list; it is
// shown when the list keeps at least minListRows beside it, otherwise enter
// shows the detail in a dialog only.
const (
	detailRows  = 10
	minListRows = 14
)

// Model is the Users pane.
type Model struct {
	ctx    *common.Context
	to     common.Target
	list   *list.Model[api.User]
	search *search.Model
	src    sources.Filter
	w, h   int
	detail bool // the detail section fits under the list
	frame  frame.Frame

	firstTotal int                        // the first shown directory's total for the query, while others' rows follow; -1 unknown
	announced  string                     // the selection last broadcast, so each change is sent once
	said       []common.Broadcast         // what to tell every pane, for the root to take (Announcements)
	options    map[api.Source]formOptions // licenses and groups for a directory's forms, once loaded
	pending    *pendingAction             // a form waiting for its options
}

// New builds the pane.
func New(ctx *common.Context) *Model {
	to := common.Target{Pane: Name, List: "all"}
	m := &Model{ctx: ctx, to: to, src: sources.New(ctx)}
	m.list = list.New(ctx, to, m.renderUser, userKey)
	m.list.What = "users"
	m.search = search.New(ctx, to, "name, username or e-mail")
	m.setEmpty()
	return m
}

func userKey(u api.User) string { return string(u.Source) + ":" + u.ID }

func (m *Model) renderUser(u api.User, width int) string {
	th := m.ctx.Theme
	cols := []row.Col{
		{Text: u.Name(), Min: 16, Weight: 3}, // a name whole before more of the e-mail
		{Text: u.Email, Min: 10, Weight: 4, Style: &th.Dim},
	}
	if m.src.Many() {
		cols = append([]row.Col{{Text: string(u.Source), Min: 6, Style: &th.Badge}}, cols...)
	}
	return row.Columns(width, cols...)
}

func (m *Model) setEmpty() {
	switch {
	case m.search.Value() != "":
		m.list.Empty = "No user matches."
	default:
		m.list.Empty = "No users."
	}
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.reload() }

// reload starts the query for the current search and sources.
func (m *Model) reload() tea.Cmd {
	m.setEmpty()
	m.firstTotal = -1
	return m.list.Load(fetch(m.src, m.search.Value()))
}

// SetSize gives the pane its box.
func (m *Model) SetSize(w, h int) tea.Cmd {
	m.w, m.h = w, h
	return m.layout()
}

// layout shares the box between the search line, its note, the list and
// the detail section.
func (m *Model) layout() tea.Cmd {
	inner := m.h - 2
	rows := inner - len(m.header())
	m.detail = rows-detailRows >= minListRows
	if m.detail {
		rows -= detailRows
	}
	return m.list.SetSize(m.w-2, max(rows, 1))
}

// Click selects the user on the row clicked; x and y are the cell in the
// pane's box (the list is below the top edge and the search line).
func (m *Model) Click(x, y int) tea.Cmd {
	cmd, ok := m.list.Click(y - 1 - len(m.header()))
	if !ok {
		return nil
	}
	m.announce(false)
	return tea.Batch(cmd, m.layout())
}

// Typing reports whether the search field has the keyboard.
func (m *Model) Typing() bool { return m.search.Typing() }

// Key handles a key press while the pane has focus.
func (m *Model) Key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	cmd, ok := m.key(k)
	if !ok {
		return nil, false // the root drops the command of a key it takes back
	}
	m.announce(false)
	return tea.Batch(cmd, m.layout()), true
}

func (m *Model) key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := m.ctx.Keys
	if m.search.Typing() {
		cmd, changed := m.search.Key(k)
		if changed {
			m.list.Cancel() // the old query's answer is of no use now
		}
		return cmd, true
	}
	u, selected := m.list.Selected()
	switch {
	case key.Matches(k, keys.Back) && m.list.Seeking():
		return m.list.Update(k) // stops reading on to the end, and only that
	case key.Matches(k, keys.Search):
		return tea.Batch(m.search.Open(), m.prepare()), true
	case key.Matches(k, keys.Refresh):
		// What the directories that filter here read for searches is
		// read again too.
		for _, d := range m.src.Shown() {
			if sc, ok := d.(directory.Scanner); ok {
				sc.Forget()
			}
		}
		return m.list.Update(k)
	case key.Matches(k, keys.Back) && m.search.Active():
		m.search.Key(k) // clears it
		return m.reload(), true
	case key.Matches(k, keys.Source):
		m.src.Next()
		return m.reload(), true
	case key.Matches(k, keys.Select):
		m.list.ToggleMark()
		return nil, true
	case key.Matches(k, keys.Menu) && selected:
		return usercard.Open(m.ctx, u, &m.to), true
	case key.Matches(k, keys.Copy) && selected:
		return usercard.Copy(u), true
	case key.Matches(k, keys.Invite) && selected:
		return usercard.Invite(m.ctx, u), true
	case key.Matches(k, keys.New):
		return m.startCreate(), true
	case key.Matches(k, keys.Edit) && selected:
		return m.startEdit(u), true
	case key.Matches(k, keys.Delete):
		return m.confirmDelete(m.deleteTargets()), true
	}
	return m.list.Update(k)
}

// prepare has the shown directories that cannot search read what a
// search filters, while the search is typed: the search then sends them
// nothing. Their failure is the search's to report.
func (m *Model) prepare() tea.Cmd {
	var cmds []tea.Cmd
	for _, d := range m.src.Shown() {
		if sc, ok := d.(directory.Scanner); ok {
			request := m.ctx.Request
			cmds = append(cmds, func() tea.Msg {
				ctx, cancel := request()
				defer cancel()
				_ = sc.Prepare(ctx)
				return nil
			})
		}
	}
	return tea.Batch(cmds...)
}

// Update handles results addressed to the pane and broadcasts.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	cmd := m.update(msg)
	m.announce(false)
	return cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case search.DueMsg:
		if m.search.Current(msg) {
			return m.reload()
		}
		return nil
	case tea.PasteMsg:
		cmd, changed := m.search.Paste(msg)
		if changed {
			m.list.Cancel()
		}
		return cmd
	case optionsMsg:
		return m.optionsLoaded(msg)
	case usercard.ActionMsg:
		return m.cardAction(msg)
	case createdMsg:
		return m.created(msg.User)
	case list.PageMsg[api.User]:
		if msg.Gen == m.list.Generation() && len(msg.Page.Items) > 0 && m.counted(msg.Page.Items[0].Source) && m.src.Many() {
			m.firstTotal = msg.Page.PartTotal
		}
	case common.UserChangedMsg:
		m.list.Set(msg.User)
		m.announce(true)
		return nil
	case deletedMsg:
		return m.deleted(msg)
	}
	cmd, _ := m.list.Update(msg)
	return cmd
}

// announce tells every pane the selected user when it changed (or
// always, when force: the selected user itself was changed). The root
// takes it (Announcements) and gives it to every pane in the same update,
// so a key that moves the selection is drawn once.
func (m *Model) announce(force bool) {
	u, ok := m.list.Selected()
	k := ""
	if ok {
		k = userKey(u)
	}
	if k == m.announced && !force {
		return
	}
	m.announced = k
	m.said = append(m.said, common.UserSelectedMsg{User: u, OK: ok})
}

// Announcements are what the pane has to tell every pane since it was
// last asked: the selection, when it changed.
func (m *Model) Announcements() []common.Broadcast {
	said := m.said
	m.said = nil
	return said
}

// Unaffected reports that the selection the pane itself announced changes
// nothing it draws.
func (m *Model) Unaffected(msg tea.Msg) bool {
	_, ok := msg.(common.UserSelectedMsg)
	return ok
}

// header is the search line and its note, when a search is in effect.
func (m *Model) header() []string {
	if !m.search.Active() {
		return nil
	}
	m.search.SetNote("searches the server", "server")
	lines := []string{m.search.View(m.w - 2)}
	if note := searchNote(m.src, m.search.Value()); note != "" {
		lines = append(lines, m.ctx.Theme.Dim.Render(frame.Pad(" "+note, m.w-2)))
	}
	return lines
}

// View draws the pane in its box.
func (m *Model) View(focused bool) string {
	body := append(m.header(), m.list.View(focused)...)
	if m.detail {
		body = padTo(body, m.h-2-detailRows, m.w-2)
		body = append(body, frame.Fit(m.detailSection(m.w-2), m.w-2)...)
	}
	return m.frame.Draw(m.ctx.Theme, "Users"+m.src.Title(), m.counter(), body, m.w, m.h, focused)
}

// counter is loaded/total; while several directories are listed and the
// total is not known yet (Vision does not count), it adds the first one's
// own total ("· Scope 1200").
func (m *Model) counter() string {
	if shown := m.src.Shown(); m.firstTotal >= 0 && m.list.Total() < 0 && len(shown) > 1 {
		return fmt.Sprintf("%s · %s %d", m.list.Counter(), shown[0].Name(), m.firstTotal)
	}
	return m.list.Counter()
}

// counted reports whether rows from s are the first shown directory's,
// whose total the counter adds.
func (m *Model) counted(s api.Source) bool {
	shown := m.src.Shown()
	return len(shown) > 0 && shown[0].Source() == s
}

// padTo fills lines with blank lines w cells wide up to n, so the detail
// section stays put.
func padTo(lines []string, n, w int) []string {
	if len(lines) >= n {
		return lines
	}
	blank := strings.Repeat(" ", w)
	for len(lines) < n {
		lines = append(lines, blank)
	}
	return lines
}

// Selected returns the user under the cursor.
func (m *Model) Selected() (api.User, bool) { return m.list.Selected() }

// HelpKeys lists the pane's keys for the help bar.
func (m *Model) HelpKeys() []key.Binding {
	k := m.ctx.Keys
	with := func(b key.Binding, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
	}
	// Changes are off in read-only mode: help shows them off, the hints
	// leave them out.
	change := func(b key.Binding, desc string) key.Binding {
		b = with(b, desc)
		b.SetEnabled(!m.ctx.ReadOnly)
		return b
	}
	return []key.Binding{with(k.Search, "search"), with(k.Menu, "open"), change(k.New, "new user"), change(k.Edit, "edit"),
		change(k.Delete, "delete"), with(k.Select, "mark"), with(k.Copy, "copy e-mail / id"), change(k.Invite, "invite to a community"),
		with(k.Source, "show one source / all"), with(k.Refresh, "refresh / retry")}
}

// Status says how many users are marked, while any are.
func (m *Model) Status() string {
	if n := m.list.MarkCount(); n > 0 {
		return markedStatus(n, m.ctx.Keys.Delete.Help().Key)
	}
	return ""
}
