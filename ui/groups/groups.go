// Package groups is the Groups pane: the groups every directory lists
// (Scope's) and those watched by id where a directory cannot list them
// (Vision's), in one list labelled by source. It follows the Users pane's
// selection, marking the groups the selected user is in, and adds or
// removes that user where the directory can (Scope); enter lists a
// group's members.
package groups

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/list"
	"github.com/rosterm/rosterm/ui/row"
	"github.com/rosterm/rosterm/ui/sanitize"
	"github.com/rosterm/rosterm/ui/search"
	"github.com/rosterm/rosterm/ui/sources"
	"github.com/rosterm/rosterm/ui/usercard"
)

// Name is the pane's address for routed messages.
const Name = "groups"

// Model is the Groups pane.
type Model struct {
	ctx     *common.Context
	to      common.Target
	list    *list.Model[groupRow]
	members *list.Model[member]
	open    *api.Group // the group whose members are shown, if any
	src     sources.Filter
	watcher directory.Watcher // the directory whose groups are watched by id, if any
	watched []string          // its group ids: it cannot list groups
	people  map[string]member // members of groups that list member ids, already looked up, by id
	user    api.User          // the Users pane's selection
	hasUser bool
	w, h    int
	frame   frame.Frame
	// find filters the groups and findMembers the open group's members,
	// over the rows loaded: neither Scope nor Vision filters them by name.
	find, findMembers *search.Model
}

// New builds the pane.
func New(ctx *common.Context) *Model {
	m := &Model{ctx: ctx, to: common.Target{Pane: Name, List: "groups"}, src: sources.New(ctx), people: map[string]member{}}
	m.list = list.New(ctx, m.to, m.renderGroup, groupKey)
	m.list.What = "groups"
	m.members = list.New(ctx, common.Target{Pane: Name, List: "members"}, m.renderMember, memberKey)
	m.members.What = "members"
	m.members.Empty = "No members."
	m.find = search.New(ctx, common.Target{Pane: Name, List: "groups-search"}, "filter by name or id")
	m.findMembers = search.New(ctx, common.Target{Pane: Name, List: "members-search"}, "filter by name or e-mail")
	if w, ok := directory.Find[directory.Watcher](ctx.Directories); ok {
		m.watcher, m.watched = w, slices.Clone(w.Watched())
	}
	m.setEmpty()
	return m
}

func groupKey(g groupRow) string { return string(g.Source) + ":" + g.ID }

func memberKey(p member) string { return p.ID }

func (m *Model) setEmpty() {
	switch {
	case m.watcher != nil && len(m.watched) == 0 && m.src.Shows(m.watcher.Source()) && m.watcher.Groups() == nil:
		m.list.Empty = "No groups. " + m.watcher.Name() + " cannot list groups: press " + m.ctx.Keys.New.Help().Key + " to watch one by id."
	default:
		m.list.Empty = "No groups."
	}
}

func (m *Model) renderGroup(g groupRow, width int) string {
	th := m.ctx.Theme
	info := ""
	switch {
	case g.Missing:
		info = "not found"
	case g.MemberCount >= 0:
		info = fmt.Sprint(g.MemberCount)
	}
	mark, name := row.Col{Text: " ", Min: 1}, row.Col{Text: g.Name, Min: 10, Weight: 1}
	if g.member {
		mark = row.Col{Text: "●", Min: 1, Style: &th.Accent}
		name.Style = &th.Accent
	}
	cols := []row.Col{mark, name, {Text: info, Min: len(info), Style: &th.Dim}}
	if g.Missing {
		// "not found" before the id, so a narrow pane cuts the id, not it.
		cols = []row.Col{mark, {Text: info, Min: len(info), Style: &th.Warn}, {Text: g.ID, Min: 4, Weight: 1}}
	}
	if m.src.Many() {
		cols = append([]row.Col{{Text: string(g.Source), Min: 6, Style: &th.Badge}}, cols...)
	}
	return row.Columns(width, cols...)
}

func (m *Model) renderMember(p member, width int) string {
	th := m.ctx.Theme
	if !p.Found {
		return row.Columns(width,
			row.Col{Text: "no longer exists", Min: 16, Style: &th.Warn},
			row.Col{Text: p.ID, Min: 4, Weight: 1})
	}
	// The name first, as in every list of people; the e-mail, which
	// tells two of the same name apart, takes what is left (cut with …).
	name := row.Col{Text: p.User.Name(), Min: 12, Weight: 3}
	email := row.Col{Text: p.User.Email, Min: 8, Weight: 4, Style: &th.Dim}
	return row.Columns(width, name, email)
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.reload() }

func (m *Model) reload() tea.Cmd {
	m.setEmpty()
	return m.list.Load(groupsFetch(m.src, m.watcher, m.watched))
}

// SetSize gives the pane its box.
func (m *Model) SetSize(w, h int) tea.Cmd {
	m.w, m.h = w, h
	rows := max(h-2-m.headerRows(), 1)
	members := rows
	if m.find.Active() {
		rows = max(rows-1, 1)
	}
	if m.findMembers.Active() {
		members = max(members-1, 1)
	}
	return tea.Batch(m.list.SetSize(w-2, rows), m.members.SetSize(w-2, members))
}

// Typing reports whether a text field has the keyboard.
func (m *Model) Typing() bool { return m.finder().Typing() }

// finder is the filter of the list shown: the groups', or the open
// group's members'.
func (m *Model) finder() *search.Model {
	if m.open != nil {
		return m.findMembers
	}
	return m.find
}

// refilter applies the filter's text to the list shown, at once: it runs
// over the rows loaded and sends nothing.
func (m *Model) refilter() {
	if m.open != nil {
		m.members.Filter(m.findMembers.Value(), matchMember)
		return
	}
	m.list.Filter(m.find.Value(), matchGroup)
}

func matchGroup(g groupRow, text string) bool {
	return contains(g.Name, text) || contains(g.ID, text)
}

func matchMember(p member, text string) bool {
	return contains(p.User.Name(), text) || contains(p.User.Email, text) || contains(p.ID, text)
}

func contains(s, sub string) bool { return strings.Contains(strings.ToLower(s), strings.ToLower(sub)) }

// filterKey gives a key to the open filter field, or opens or clears it;
// ok is false for keys that are not the filter's.
func (m *Model) filterKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys, f := m.ctx.Keys, m.finder()
	switch {
	case f.Typing():
		// The field's own debounce is for servers: the filter is local.
		f.Key(k)
	case key.Matches(k, keys.Search):
		f.Open()
	case key.Matches(k, keys.Back) && f.Active():
		f.Key(k) // clears it
	default:
		return nil, false
	}
	m.refilter()
	return m.SetSize(m.w, m.h), true
}

// Key handles a key press while the pane has focus.
func (m *Model) Key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	if cmd, ok := m.filterKey(k); ok {
		return cmd, true
	}
	if m.open != nil {
		return m.memberKey(k)
	}
	keys := m.ctx.Keys
	g, selected := m.list.Selected()
	switch {
	case key.Matches(k, keys.Menu) && selected:
		return m.openMembers(g.Group), true
	case key.Matches(k, keys.Edit) && selected:
		return m.toggleMembership(g.Group), true
	case key.Matches(k, keys.New):
		return m.startWatch(), true
	case key.Matches(k, keys.Delete) && selected:
		return m.unwatch(g.Group), true
	case key.Matches(k, keys.Copy) && selected:
		id := g.ID
		return func() tea.Msg { return common.CopyMsg{Text: id} }, true
	case key.Matches(k, keys.Source):
		m.src.Next()
		return m.reload(), true
	}
	return m.list.Update(k)
}

func (m *Model) memberKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := m.ctx.Keys
	p, selected := m.members.Selected()
	switch {
	case key.Matches(k, keys.Back) && m.members.Seeking():
		return m.members.Update(k) // stops reading on to the end, and only that
	case key.Matches(k, keys.Back):
		m.open = nil
		m.members.Stop()
		return m.SetSize(m.w, m.h), true // the summary comes back
	case key.Matches(k, keys.Menu) && selected:
		u := p.User
		if !p.Found {
			u = api.User{Source: m.open.Source, ID: p.ID}
		}
		return usercard.Open(m.ctx, u, nil), true
	case key.Matches(k, keys.Copy) && selected:
		if !p.Found {
			id := p.ID
			return func() tea.Msg { return common.CopyMsg{Text: id} }, true
		}
		return usercard.Copy(p.User), true
	case key.Matches(k, keys.Delete) && selected && p.Found:
		return m.confirmRemove(p.User, *m.open), true
	}
	return m.members.Update(k)
}

// openMembers lists g's members in place of the groups; esc goes back.
func (m *Model) openMembers(g api.Group) tea.Cmd {
	d := m.ctx.Directory(g.Source)
	switch {
	case g.Missing:
		return status(m.ctx.DirectoryName(g.Source) + " has no group " + g.ID + " (it may have been removed)")
	case d == nil:
		return nil
	}
	m.open = &g
	m.findMembers = search.New(m.ctx, common.Target{Pane: Name, List: "members-search"}, "filter by name or e-mail")
	m.members.Filter("", nil)
	resize := m.SetSize(m.w, m.h) // the summary makes way for members
	known := map[string]member{}
	for _, id := range g.Members {
		if p, ok := m.people[id]; ok {
			known[id] = p
		}
	}
	return tea.Batch(resize, m.members.Load(d.Members(g, known)))
}

// Update handles results addressed to the pane and broadcasts.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.UserSelectedMsg:
		m.user, m.hasUser = msg.User, msg.OK
		m.remark()
		return m.SetSize(m.w, m.h)
	case common.UserChangedMsg:
		if m.hasUser && msg.User.Source == m.user.Source && msg.User.ID == m.user.ID {
			m.user = msg.User
			m.remark()
		}
		return m.updateMember(msg.User)
	case list.PageMsg[groupRow]:
		for i := range msg.Page.Items {
			msg.Page.Items[i].member = m.isMember(msg.Page.Items[i].Group)
		}
		cmd, _ := m.list.Update(msg)
		return cmd
	case list.PageMsg[member]:
		if m.open != nil && m.open.Members != nil && msg.Gen == m.members.Generation() {
			for _, p := range msg.Page.Items {
				m.people[p.ID] = p // looked up by id: openMembers reuses them
			}
		}
		cmd, _ := m.members.Update(msg)
		return cmd
	case membershipMsg:
		return m.membershipDone(msg)
	case watchMsg:
		return m.watch(msg.group)
	case tea.PasteMsg:
		if f := m.finder(); f.Typing() {
			f.Paste(msg)
			m.refilter()
		}
	}
	return nil
}

// isMember reports whether the selected user is in g: by group name where
// the directory says a user's groups with the user (Scope), else by user
// id among the group's members (Vision).
func (m *Model) isMember(g api.Group) bool {
	return m.hasUser && g.Source == m.user.Source && !g.Missing && m.isIn(m.user, g)
}

// groupsOf names u's groups when their directory says them with the user.
func (m *Model) groupsOf(u api.User) ([]string, bool) {
	if d := m.ctx.Directory(u.Source); d != nil {
		return d.GroupsOf(u)
	}
	return nil, false
}

// remark updates each loaded row's membership mark.
func (m *Model) remark() {
	for i := range m.list.Len() {
		r := m.list.Item(i)
		if in := m.isMember(r.Group); in != r.member {
			r.member = in
			m.list.Set(r)
		}
	}
}

// updateMember shows a changed person in the open member list, and drops
// them from it when they left the group.
func (m *Model) updateMember(u api.User) tea.Cmd {
	if m.open == nil || m.open.Source != u.Source {
		return nil
	}
	if names, ok := m.groupsOf(u); ok && !slices.Contains(names, m.open.Name) {
		m.members.Remove(u.ID)
		return nil
	}
	m.members.Set(member{ID: u.ID, User: u, Found: true})
	return nil
}

// header is the summary of the selected user's groups, on two lines
// (headerRows).
func (m *Model) header() []string {
	if !m.hasUser || m.open != nil {
		return nil
	}
	th := m.ctx.Theme
	names := m.userGroups()
	text := m.user.Name() + ": " + strings.Join(names, ", ")
	if len(names) == 0 {
		text = m.user.Name() + " is in no group shown here"
	}
	// Two lines at most, so a narrow pane still shows most of the names.
	width := max(m.w-5, 8)
	lines := strings.Split(ansi.Wordwrap(sanitize.Text(text), width, ","), "\n")
	if len(lines) > 2 {
		lines = []string{lines[0], lines[1] + " " + strings.Join(lines[2:], " ")}
	}
	out := []string{th.Accent.Render(" ● " + sanitize.Line(lines[0], width)), ""}
	if len(lines) > 1 {
		out[1] = th.Accent.Render("   " + sanitize.Line(strings.TrimSpace(lines[1]), width))
	}
	return out
}

// headerRows is the summary's height: two lines whoever is selected, so
// that the groups under it stay put as the selection moves.
func (m *Model) headerRows() int {
	if !m.hasUser || m.open != nil {
		return 0
	}
	return 2
}

// userGroups names the selected user's groups: as the directory says them
// with the user (Scope), else the loaded groups that list the user (the
// watched Vision groups).
func (m *Model) userGroups() []string {
	if names, ok := m.groupsOf(m.user); ok {
		return names
	}
	var names []string
	for i := range m.list.Len() {
		if r := m.list.Item(i); r.member {
			names = append(names, r.Name)
		}
	}
	return names
}

// View draws the pane in its box.
func (m *Model) View(focused bool) string {
	if m.open != nil {
		title := "Groups › " + m.open.Name
		// The frame takes lines fitted to its width: the list's rows are,
		// the summary and the filter line are fitted here.
		body := append(frame.Fit(m.filterLine(m.findMembers, m.members.Loaded()), m.w-2), m.members.View(focused)...)
		return m.frame.Draw(m.ctx.Theme, title, m.members.Counter(), body, m.w, m.h, focused)
	}
	body := append(frame.Fit(m.header(), m.w-2), frame.Fit(m.filterLine(m.find, m.list.Loaded()), m.w-2)...)
	body = append(body, m.list.View(focused)...)
	return m.frame.Draw(m.ctx.Theme, "Groups"+m.src.Title(), m.list.Counter(), body, m.w, m.h, focused)
}

// Click selects the group, or the member, on the row clicked; x and y are
// the cell in the pane's box (the groups are below the selected user's
// summary and the filter line).
func (m *Model) Click(x, y int) tea.Cmd {
	if m.open != nil {
		cmd, _ := m.members.Click(y - 1 - len(m.filterLine(m.findMembers, m.members.Loaded())))
		return cmd
	}
	cmd, _ := m.list.Click(y - 1 - len(m.header()) - len(m.filterLine(m.find, m.list.Loaded())))
	return cmd
}

// filterLine is the filter field while a filter is in effect, saying it
// filters the rows loaded.
func (m *Model) filterLine(f *search.Model, loaded int) []string {
	if !f.Active() {
		return nil
	}
	f.SetNote(fmt.Sprintf("filters the %d loaded", loaded), "loaded only")
	return []string{f.View(m.w - 2)}
}

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
	if m.open != nil {
		return []key.Binding{with(k.Back, "back to groups"), with(k.Menu, "open"), with(k.Search, "filter"), with(k.Copy, "copy e-mail"),
			change(k.Delete, "remove from group"), with(k.Refresh, "refresh / retry")}
	}
	who := "user"
	if m.hasUser {
		who = sanitize.Line(m.user.FirstName, 16)
	}
	out := []key.Binding{with(k.Menu, "members"), change(k.Edit, "add/remove "+who), with(k.Search, "filter")}
	if m.watcher != nil {
		out = append(out, with(k.New, "watch "+m.watcher.Name()+" group"), with(k.Delete, "stop watching"))
	}
	return append(out, with(k.Copy, "copy id"), with(k.Source, "show one source / all"), with(k.Refresh, "refresh / retry"))
}

func status(text string) tea.Cmd {
	return func() tea.Msg { return common.StatusMsg{Text: text} }
}
