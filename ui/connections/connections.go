// Package connections is the Connections pane: Opigno's possible
// connections, network, invitations and communities, where every row's
// calls to action are its actions. Accepts and declines wait a moment
// before they are sent, so they can be taken back; a row with an action
// queued or in flight takes no other.
package connections

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/list"
	"github.com/rosterm/rosterm/ui/search"
)

// Name is the pane's address for routed messages.
const Name = "connections"

// DefaultUndoDelay is how long an accept or decline waits before it is
// sent when the context does not say.
const DefaultUndoDelay = 3 * time.Second

// Model is the Connections pane.
type Model struct {
	ctx     *common.Context
	tabs    [tabCount]*tab
	current tabID
	width   int
	height  int

	schema      *api.Schema // the server's schema, once learned
	schemaAsked bool
	schemaTried bool             // asked for at the first key in the pane
	deferred    []func() tea.Cmd // what keys asked for before the schema came

	me    opigno.Context   // the acting user, when the server says who
	known []opigno.Context // people acted as this session, for the switch menu
	actor int              // acting-user generation; older results touch no list
	// noMe: the server cannot say who the acting user is (no
	// getCurrentUserContext); said once, at the first key in the pane
	noMe, saidNoMe bool

	// communities are the ids the Communities tab lists where the server
	// cannot list the acting user's communities: the profile's, with
	// those added (n) and dropped (x) this session
	communities []string

	queue   *undoQueue        // accepts, declines and connects waiting out the undo window
	running map[int]*job      // jobs being sent, item by item
	busy    map[string]string // what is being done with a row, by its key: shown on it; a busy row takes no other action
	jobSeq  int

	picker    *picker
	pickerSeq int

	frame frame.Frame

	note  string // the outcome of the last action, until the next key
	now   func() time.Time
	after func(time.Duration, func(time.Time) tea.Msg) tea.Cmd // tea.Tick, on the context's clock
}

// New builds the pane.
func New(ctx *common.Context) *Model {
	m := &Model{ctx: ctx, running: map[int]*job{}, busy: map[string]string{}, now: ctx.Now, after: ctx.After}
	// The queue reads the pane's clock as it is when asked, so a test
	// that sets the pane's clock sets the queue's.
	m.queue = newUndoQueue(func() time.Time { return m.now() },
		func(d time.Duration, f func(time.Time) tea.Msg) tea.Cmd { return m.after(d, f) })
	if ctx.Opigno != nil {
		m.communities = ctx.Opigno.Communities()
	}
	for id := range tabCount {
		m.tabs[id] = m.newTab(id)
	}
	return m
}

// toPane addresses the pane's own messages.
type toPane struct{}

func (toPane) Address() common.Target { return common.Target{Pane: Name} }

// schemaMsg carries the server's schema, which plans every action.
type schemaMsg struct {
	toPane
	schema *api.Schema
	err    error
}

// meMsg says who the acting user is.
type meMsg struct {
	toPane
	actor int
	me    opigno.Context
	// unknown: the server has no query saying who (not an error)
	unknown bool
}

// Init loads the tab shown and learns who is acting. The other tabs load
// when first shown; the server's schema, which plans the rows' actions,
// is asked for at the first key in the pane (or the first action), not at
// start.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.whoAmI(), m.load(m.tab()))
}

// show loads the tab now shown if it has not loaded (or has gone stale).
func (m *Model) show() tea.Cmd {
	if t := m.tab(); !t.loaded {
		return tea.Batch(m.load(t), m.sizeTab(t))
	}
	return nil
}

// stale makes a tab load again when it is next shown: what it lists may
// have changed (another acting user, a person an action moved). The tab
// shown is not: it is updated in place, or loaded by the caller.
func (m *Model) stale(t *tab) {
	if t == m.tab() || !t.loaded {
		return
	}
	t.loaded = false
	if r, ok := t.list.Selected(); ok {
		t.keep = rowKey(r)
	}
	t.list.Cancel()
}

// learnOnce asks for the server's schema at the first key the pane takes:
// actions are near once the pane has the keyboard.
func (m *Model) learnOnce() tea.Cmd {
	if m.schemaTried {
		return nil
	}
	m.schemaTried = true
	return m.learnSchema()
}

func (m *Model) learnSchema() tea.Cmd {
	oc := m.ctx.Opigno
	if oc == nil || m.schemaAsked {
		return nil
	}
	m.schemaAsked = true
	request := m.ctx.Request
	return func() tea.Msg {
		ctx, cancel := request()
		defer cancel()
		s, err := oc.Schema(ctx)
		return schemaMsg{schema: s, err: err}
	}
}

func (m *Model) whoAmI() tea.Cmd {
	oc := m.ctx.Opigno
	if oc == nil {
		return nil
	}
	request, actor := m.ctx.Request, m.actor
	return func() tea.Msg {
		ctx, cancel := request()
		defer cancel()
		me, ok, err := oc.CurrentContext(ctx)
		if err != nil || !ok {
			return meMsg{actor: actor, me: opigno.Context{UUID: oc.Acting()}, unknown: err == nil}
		}
		return meMsg{actor: actor, me: me}
	}
}

func (m *Model) tab() *tab { return m.tabs[m.current] }

// SetSize gives the pane its box.
func (m *Model) SetSize(w, h int) tea.Cmd {
	m.width, m.height = w, h
	var cmds []tea.Cmd
	for _, t := range m.tabs {
		cmds = append(cmds, m.sizeTab(t))
	}
	return tea.Batch(cmds...)
}

// sizeTab fits a tab's list below the tab bar and, while it is in
// effect, the filter line.
func (m *Model) sizeTab(t *tab) tea.Cmd {
	h := m.height - 3
	if t.search.Active() {
		h--
	}
	return t.list.SetSize(m.width-2, h)
}

// Typing reports whether a text field has the keyboard.
func (m *Model) Typing() bool { return m.tab().search.Typing() }

// Key handles a key press while the pane has focus.
func (m *Model) Key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	t := m.tab()
	if t.search.Typing() {
		cmd, _ := t.search.Key(k)
		if t.local() {
			// Filtered here, at once: the debounce is for the server.
			t.list.Filter(t.search.Value(), matchRow)
		}
		return tea.Batch(m.learnOnce(), cmd, m.sizeTab(t)), true
	}
	m.note = ""
	cmd, ok := m.key(t, k)
	if ok {
		cmd = tea.Batch(m.learnOnce(), cmd)
	}
	if m.noMe && !m.saidNoMe && m.note == "" {
		// Once: the status line shows the uuid, and why.
		m.saidNoMe = true
		m.note = "This server cannot name the user you act as (no getCurrentUserContext)."
	}
	return cmd, ok
}

func (m *Model) key(t *tab, k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := m.ctx.Keys
	switch {
	case key.Matches(k, keys.NextTab):
		m.current = (m.current + 1) % tabCount
		return m.show(), true
	case key.Matches(k, keys.PrevTab):
		m.current = (m.current + tabCount - 1) % tabCount
		return m.show(), true
	case key.Matches(k, keys.Search):
		return m.openSearch(t), true
	case key.Matches(k, keys.Sort):
		t.nextSort(m.sortKeys())
		return m.load(t), true
	case key.Matches(k, keys.Source) && t.id == invitationsTab:
		return m.toggleSent(t), true
	case key.Matches(k, keys.Menu):
		return m.openMenu(), true
	case key.Matches(k, keys.Select):
		t.list.ToggleMark()
		return t.list.Select(t.list.Cursor() + 1), true
	case key.Matches(k, keys.Back) && t.list.Seeking():
		return t.list.Update(k) // stops reading on to the end, and only that
	case key.Matches(k, keys.Back) && t.list.MarkCount() > 0:
		t.list.ClearMarks()
	case key.Matches(k, keys.Back) && t.search.Active():
		cmd, _ := t.search.Key(k) // clears the filter, as esc does in Users
		t.list.Filter("", nil)
		return tea.Batch(cmd, m.sizeTab(t)), true
	case key.Matches(k, keys.Accept):
		return m.triage("ACCEPT"), true
	case key.Matches(k, keys.Decline):
		return m.triage("DECLINE"), true
	case key.Matches(k, keys.New) && t.id == communitiesTab:
		return m.addCommunity(), true
	case key.Matches(k, keys.Delete) && t.id == communitiesTab && m.listsProfile():
		if cmd, ok := m.dropCommunities(t); ok {
			return cmd, true
		}
		return m.whenPlanned(m.removeSelected), true
	case key.Matches(k, keys.Delete):
		return m.whenPlanned(m.removeSelected), true
	case key.Matches(k, keys.Undo):
		m.undo()
	case key.Matches(k, keys.Copy):
		if r, ok := t.list.Selected(); ok && r.CopyText() != "" {
			text := r.CopyText()
			return func() tea.Msg { return common.CopyMsg{Text: text} }, true
		}
	case key.Matches(k, keys.SwitchUser):
		return m.switchMenu(), true
	case key.Matches(k, keys.Invite):
		return m.inviteSelected(t), true
	case key.Matches(k, keys.Refresh):
		return m.refresh(t, k), true
	default:
		return t.list.Update(k)
	}
	return nil, true
}

// refresh reloads the tab (or asks again for its page that failed), and
// asks again for what failed elsewhere in the pane: the other tabs' pages
// and the server's actions, so that r answers whichever error is shown.
func (m *Model) refresh(t *tab, k tea.KeyPressMsg) tea.Cmd {
	cmd, _ := t.list.Update(k)
	cmds := []tea.Cmd{cmd}
	for _, other := range m.tabs {
		if other != t && other.list.Err() != nil {
			cmds = append(cmds, other.list.Retry())
		}
	}
	if m.schema == nil {
		cmds = append(cmds, m.learnSchema())
	}
	return tea.Batch(cmds...)
}

// openSearch opens the tab's filter: the server's where its API filters
// by name, else one over the rows loaded (Invitations: Opigno cannot
// filter them), and the filter line says which.
func (m *Model) openSearch(t *tab) tea.Cmd {
	return tea.Batch(t.search.Open(), m.sizeTab(t))
}

// local reports whether the tab filters the rows loaded rather than ask
// the server: Opigno's invitation lists take no name.
func (t *tab) local() bool { return t.id == invitationsTab }

// matchRow is the local filter: the person's name or the community's
// title contains the text, whatever the case.
func matchRow(r Row, text string) bool {
	return strings.Contains(strings.ToLower(r.Name()), strings.ToLower(text))
}

// filterNote says how the tab's filter reaches its rows, in full and in
// short.
func (t *tab) filterNote() (string, string) {
	if t.local() {
		return fmt.Sprintf("filters the %d loaded", t.list.Loaded()), "loaded only"
	}
	return "server filter", "server"
}

// toggleSent switches Invitations between those received and those the
// acting user sent, where the server can list the latter.
func (m *Model) toggleSent(t *tab) tea.Cmd {
	if !t.sent && m.ctx.Opigno != nil && m.ctx.Opigno.Unavailable(opigno.QuerySentInvitations) {
		m.note = noSent
		return nil
	}
	t.sent = !t.sent
	return m.load(t)
}

// noSent says why S shows nothing on a server without sent invitations.
const noSent = "This Opigno server cannot list sent invitations (no getSentUserInvitations)."

// sortKeys are the invitation sort keys the server offers.
func (m *Model) sortKeys() []string {
	if m.schema != nil {
		if f, ok := m.schema.Query("getPendingUserInvitations"); ok {
			for _, a := range f.Args {
				if a.Name == "sortKey" {
					if vals := m.schema.Enum(a.Type.Named()); len(vals) > 0 {
						return vals
					}
				}
			}
		}
	}
	return []string{"CREATED", "NAME"}
}

// Update handles results addressed to the pane and broadcasts.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case list.PageMsg[Row]:
		if t := m.tabFor(msg.To); t != nil {
			cmd, _ := t.list.Update(msg)
			if t.keep != "" && msg.Gen == t.list.Generation() {
				// Loaded again after an action: the cursor stays on the
				// row it was on, if the first page has it.
				t.list.Focus(t.keep)
				t.keep = ""
			}
			m.sayEmpty()
			if t.sent && m.ctx.Opigno != nil && m.ctx.Opigno.Unavailable(opigno.QuerySentInvitations) {
				// Trying S taught that the server cannot: back to those
				// received, saying why.
				t.sent = false
				m.note = noSent
				return tea.Batch(cmd, m.load(t))
			}
			return cmd
		}
	case search.DueMsg:
		return m.searchDue(msg)
	case tea.PasteMsg:
		if t := m.tab(); t.search.Typing() {
			cmd, _ := t.search.Paste(msg)
			if t.local() {
				t.list.Filter(t.search.Value(), matchRow)
			}
			return cmd
		}
	case schemaMsg:
		return m.gotSchema(msg)
	case meMsg:
		if msg.actor == m.actor {
			m.me = msg.me
			m.noMe = msg.unknown
			m.remember(msg.me)
		}
	case communityAddedMsg:
		return m.communityAdded(msg.community)
	case common.ActorMsg:
		return m.actorChanged()
	case common.InvitePersonMsg:
		return m.invitePerson(nil, msg.Name)
	}
	if cmd, ok := m.leaving(msg); ok {
		return cmd
	}
	if cmd, ok := m.updateActions(msg); ok {
		return cmd
	}
	if cmd, ok := m.updatePicker(msg); ok {
		return cmd
	}
	return nil
}

// Unaffected reports the broadcasts the pane does not hear: the Users
// pane's selection and changes to its users.
func (m *Model) Unaffected(msg tea.Msg) bool {
	switch msg.(type) {
	case common.UserSelectedMsg, common.UserChangedMsg:
		return true
	}
	return false
}

// tabFor finds the tab a list result is addressed to.
func (m *Model) tabFor(to common.Target) *tab {
	for _, t := range m.tabs {
		if strings.ToLower(tabNames[t.id]) == to.List {
			return t
		}
	}
	return nil
}

func (m *Model) searchDue(d search.DueMsg) tea.Cmd {
	for _, t := range m.tabs {
		if strings.ToLower(tabNames[t.id])+"-search" == d.To.List {
			if t.local() || !t.search.Current(d) || t.search.Value() == t.filter {
				return nil
			}
			t.filter = t.search.Value()
			return tea.Batch(m.load(t), m.sizeTab(t))
		}
	}
	if p := m.picker; p != nil && d.To.List == p.searchList() {
		return p.due(d)
	}
	return nil
}

func (m *Model) gotSchema(msg schemaMsg) tea.Cmd {
	m.schemaAsked = false
	deferred := m.deferred
	m.deferred = nil
	if msg.err != nil {
		return func() tea.Msg {
			return common.ErrorMsg{Where: "learning the Opigno server's actions", Err: msg.err, Pane: Name}
		}
	}
	m.schema = msg.schema
	m.sayEmpty()
	cmds := make([]tea.Cmd, 0, len(deferred))
	for _, f := range deferred {
		cmds = append(cmds, f())
	}
	return tea.Batch(cmds...)
}

// whenPlanned runs f now if the schema is known, else once it arrives:
// a key pressed while rosterm is still learning the server is not lost.
func (m *Model) whenPlanned(f func() tea.Cmd) tea.Cmd {
	if m.schema != nil {
		return f()
	}
	m.deferred = append(m.deferred, f)
	m.note = "Learning the server's actions…"
	return m.learnSchema()
}

// actorChanged reloads everything for the new acting user. Accepts and
// declines still waiting are sent now, as the user who asked for them.
func (m *Model) actorChanged() tea.Cmd {
	m.actor++
	m.me = opigno.Context{}
	for _, t := range m.tabs {
		m.stale(t)
	}
	return tea.Batch(m.whoAmI(), m.flush(), m.load(m.tab()))
}

// remember adds a person to those the switch menu offers.
func (m *Model) remember(c opigno.Context) {
	if c.UUID == "" {
		return
	}
	out := []opigno.Context{c}
	for _, k := range m.known {
		if k.UUID != c.UUID && len(out) < 6 {
			out = append(out, k)
		}
	}
	m.known = out
}

// View draws the pane in its box.
func (m *Model) View(focused bool) string {
	t := m.tab()
	inner := m.width - 2
	body := []string{frame.Pad(m.tabBar(inner), inner)}
	if t.search.Active() {
		t.search.SetNote(t.filterNote())
		body = append(body, t.search.View(inner))
	}
	body = append(body, t.list.View(focused)...)
	info := t.list.Counter() + " · " + t.sortLabel()
	return m.frame.Draw(m.ctx.Theme, "Connections", info, body, m.width, m.height, focused)
}

// Click shows the tab clicked in the tab bar, or selects the row clicked;
// x and y are the cell in the pane's box.
func (m *Model) Click(x, y int) tea.Cmd {
	t := m.tab()
	if y == 1 {
		_, spans := m.tabSpans(m.width - 2)
		for i, s := range spans {
			if x-1 >= s[0] && x-1 < s[1] && tabID(i) != m.current {
				m.current = tabID(i)
				return tea.Batch(m.learnOnce(), m.show())
			}
		}
		return nil
	}
	top := 2 // the top edge, the tab bar
	if t.search.Active() {
		top++
	}
	cmd, _ := t.list.Click(y - top)
	return cmd
}

// HelpKeys are the pane's keys in effect, the current tab's most used
// first: only those that apply (no accept or decline on sent invitations,
// no act-as off the demo server), and the changes marked off in read-only
// mode, so that help shows them off and the hints leave them out.
func (m *Model) HelpKeys() []key.Binding {
	k := m.ctx.Keys
	with := func(b key.Binding, desc string) key.Binding {
		b.SetHelp(b.Help().Key, desc)
		return b
	}
	change := func(b key.Binding, desc string) key.Binding {
		b = with(b, desc)
		b.SetEnabled(!m.ctx.ReadOnly)
		return b
	}
	t := m.tab()
	triage := []key.Binding{change(k.Accept, "accept"), change(k.Decline, "decline"), change(k.Undo, "undo"), with(k.Menu, "actions")}
	browse := []key.Binding{with(k.Menu, "actions"), with(k.NextTab, "next tab"), with(k.Search, "filter"), with(k.Sort, "sort")}
	var tail []key.Binding
	if m.ctx.Demo {
		tail = append(tail, with(k.SwitchUser, "act as…"))
	}
	tail = append(tail, with(k.Refresh, "refresh / retry"))
	rest := append([]key.Binding{with(k.Select, "select"), with(k.PrevTab, "previous tab"), change(k.Delete, "remove / cancel / delete"),
		with(k.Copy, "copy uuid/id"), change(k.Invite, "invite to a community")}, tail...)
	switch m.current {
	case invitationsTab:
		if t.sent {
			// Sent invitations can only be cancelled.
			return append([]key.Binding{change(k.Delete, "cancel invitation"), with(k.Menu, "actions"), with(k.Source, "sent / received"),
				with(k.NextTab, "next tab"), with(k.Search, "filter"), with(k.Sort, "sort"), with(k.Select, "select"),
				with(k.PrevTab, "previous tab"), with(k.Copy, "copy uuid/id")}, tail...)
		}
		return append(append(triage, with(k.Source, "sent / received"), with(k.NextTab, "next tab"), with(k.Search, "filter"), with(k.Sort, "sort")), rest...)
	case communitiesTab:
		if m.listsProfile() {
			// This session's list of the profile's communities: n and x
			// keep it (x cancels a community invitation, as elsewhere).
			return append([]key.Binding{with(k.Menu, "actions"), with(k.New, "add a community by id"), with(k.Delete, "drop from this list / cancel"),
				with(k.NextTab, "next tab"), with(k.Search, "filter"), with(k.Sort, "sort"),
				change(k.Accept, "accept"), change(k.Decline, "decline"), change(k.Undo, "undo"),
				with(k.Select, "select"), with(k.PrevTab, "previous tab"), with(k.Copy, "copy uuid/id")}, rest[4:]...)
		}
		return append(append(browse, change(k.Accept, "accept"), change(k.Decline, "decline"), change(k.Undo, "undo")), rest...)
	}
	return append(append(browse, change(k.Undo, "undo")), rest...)
}

// Status is the outcome of the last key, then the countdown of the last
// queued action or the progress of one being sent.
func (m *Model) Status() string {
	var parts []string
	if m.note != "" {
		parts = append(parts, m.note)
	}
	if n := m.tab().list.MarkCount(); n > 0 {
		parts = append(parts, fmt.Sprintf("%d selected", n))
	}
	if j, ok := m.queue.Last(); ok {
		s := fmt.Sprintf("%s in %ds · %s undo", capital(j.doing()), m.queue.Left(j), m.ctx.Keys.Undo.Help().Key)
		if n := m.queue.Len(); n > 1 {
			s += fmt.Sprintf(" · %d queued", n)
		}
		parts = append(parts, s)
	}
	for _, j := range m.running {
		if len(j.items) > 1 {
			parts = append(parts, fmt.Sprintf("%s: %d/%d…", capital(j.doing()), j.next+1, len(j.items)))
		}
	}
	return strings.Join(parts, " · ")
}
