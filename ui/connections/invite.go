package connections

import (
	"context"
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/list"
	"github.com/rosterm/rosterm/ui/row"
	"github.com/rosterm/rosterm/ui/sanitize"
	"github.com/rosterm/rosterm/ui/search"
)

// Inviting to a community takes two picks: the community, then the people
// (getPossibleCommunityInvitees). Starting from a person skips the second;
// starting from a community skips the first; a person from another pane
// (a Scope or Vision user) is found among the invitees by name.
type (
	inviteMsg struct {
		toPane
		person *opigno.Context // the person to invite, when known
		name   string          // else a name to look for among the invitees
	}
	communityPickedMsg struct {
		toPane
		community opigno.Community
		person    *opigno.Context
		name      string
	}
	inviteesPickedMsg struct {
		toPane
		community opigno.Community
		people    []opigno.Context
	}
)

func (m *Model) updatePicker(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case list.PageMsg[pickItem]:
		if p := m.picker; p != nil && msg.To.List == p.listName() {
			cmd, _ := p.list.Update(msg)
			return cmd, true
		}
		return nil, true
	case inviteMsg:
		return m.invitePerson(msg.person, msg.name), true
	case communityPickedMsg:
		return m.pickInvitees(msg), true
	case inviteesPickedMsg:
		return m.invite(msg.community, msg.people), true
	case actAsMsg:
		return m.actAs(msg.person), true
	case formMsg:
		return m.openForm(msg), true
	case formDoneMsg:
		return m.formSubmitted(msg), true
	}
	return nil, false
}

// invitePerson starts inviting a person (or whoever is named name) to a
// community: first, which community.
func (m *Model) invitePerson(person *opigno.Context, name string) tea.Cmd {
	if why := m.allowed(); why != "" {
		m.note = why
		return nil
	}
	oc := m.ctx.Opigno
	who := name
	if person != nil {
		who = personLabel(*person)
	}
	ids := slices.Clone(m.communities)
	p := m.newPicker("Invite to which community?", "Inviting "+who, false,
		func(filter string) list.Fetch[pickItem] {
			listed := communitiesOr(oc, func(after string, n int) opigno.ListArgs {
				return opigno.ListArgs{After: after, First: n, Name: filter}
			},
				profileFetch(oc, ids, filter, false, true))
			return func(ctx context.Context, after string, n int) (api.Page[pickItem], error) {
				pg, err := listed(ctx, after, n)
				out := api.Page[pickItem]{Next: pg.Next, More: pg.More, Total: pg.Total}
				for _, c := range pg.Items {
					out.Items = append(out.Items, pickItem{ID: c.ID, Label: c.Title, Detail: members(c), Community: c})
				}
				return out, err
			}
		},
		func(chosen []pickItem) tea.Cmd {
			c := chosen[0].Community
			return func() tea.Msg { return communityPickedMsg{community: c, person: person, name: name} }
		})
	p.list.Empty = "You belong to no community you could invite to."
	if m.listsProfile() {
		p.list.Empty = "This Opigno server cannot list your communities: add one on the Communities tab (" +
			m.ctx.Keys.New.Help().Key + "), or name them in the profile (communities: [id, …])."
	}
	return m.openPicker(p)
}

// pickInvitees goes on once the community is known: invite the person, or
// pick the people among those the server says may be invited.
func (m *Model) pickInvitees(c communityPickedMsg) tea.Cmd {
	if c.person != nil {
		return m.invite(c.community, []opigno.Context{*c.person})
	}
	oc, community := m.ctx.Opigno, c.community
	hint := "space selects several · / filters by name"
	if c.name != "" {
		hint = "Opigno user contexts named “" + c.name + "” · space selects several"
	}
	p := m.newPicker("Invite to "+community.Title, hint, true,
		func(filter string) list.Fetch[pickItem] {
			return func(ctx context.Context, after string, n int) (api.Page[pickItem], error) {
				pg, err := oc.PossibleCommunityInvitees(ctx, community.ID, opigno.ListArgs{After: after, First: n, Name: filter})
				out := api.Page[pickItem]{Next: pg.Next, More: pg.More, Total: pg.Total}
				for _, u := range pg.Items {
					out.Items = append(out.Items, pickItem{ID: u.ID, Label: u.Name, Detail: "#" + u.ID, Person: u})
				}
				return out, err
			}
		},
		func(chosen []pickItem) tea.Cmd {
			people := make([]opigno.Context, len(chosen))
			for i, it := range chosen {
				people[i] = it.Person
			}
			return func() tea.Msg { return inviteesPickedMsg{community: community, people: people} }
		})
	p.filter = c.name
	p.list.What = "people to invite"
	p.list.Empty = "Nobody left to invite to " + community.Title + "."
	if c.name != "" {
		p.list.Empty = "No Opigno user context named “" + c.name + "” can be invited to " + community.Title +
			" (none by that name, already a member, or not in your network)."
	}
	return m.openPicker(p)
}

// invite sends one community invitation per person, through the CTA
// engine like every other action.
func (m *Model) invite(c opigno.Community, people []opigno.Context) tea.Cmd {
	if why := m.allowed(); why != "" {
		m.note = why
		return nil
	}
	if m.schema == nil {
		return m.whenPlanned(func() tea.Cmd { return m.invite(c, people) })
	}
	j := &job{oc: m.ctx.Opigno, actor: m.actor, title: "Invite to " + c.Title, community: c.Title}
	invited := map[string]bool{}
	for _, p := range people {
		if invited[p.ID] {
			continue // a person the server listed twice is invited once
		}
		invited[p.ID] = true
		plan := opigno.PlanAction(m.schema, opigno.InviteToCommunity(c.ID, p.ID))
		if plan.Disabled != "" {
			m.note = "Cannot invite to a community: " + plan.Disabled
			return nil
		}
		j.items = append(j.items, jobItem{tab: noTab, row: Row{Person: p}, label: personLabel(p), plan: plan})
	}
	if len(j.items) == 0 {
		m.note = "Nobody chosen."
		return nil
	}
	return m.start(j)
}

// pickItem is a choice in a picker: a community or a person.
type pickItem struct {
	ID        string
	Label     string
	Detail    string
	Community opigno.Community
	Person    opigno.Context
}

// picker is a dialog choosing from a server-side list, filtered by name on
// the server. The pane owns it and routes its list's pages to it.
type picker struct {
	ctx    *common.Context
	seq    int
	title  string
	hint   string
	multi  bool
	filter string
	list   *list.Model[pickItem]
	search *search.Model
	fetch  func(filter string) list.Fetch[pickItem]
	done   func([]pickItem) tea.Cmd
	closed bool
}

// Picker size: enough rows to choose from at a glance, small enough for
// an 80×24 terminal.
const (
	pickerWidth = 60
	pickerRows  = 10
)

func (m *Model) newPicker(title, hint string, multi bool, fetch func(string) list.Fetch[pickItem], done func([]pickItem) tea.Cmd) *picker {
	m.pickerSeq++
	p := &picker{ctx: m.ctx, seq: m.pickerSeq, title: title, hint: hint, multi: multi, fetch: fetch, done: done}
	p.list = list.New(m.ctx, common.Target{Pane: Name, List: p.listName()}, p.render, func(it pickItem) string { return it.ID })
	p.search = search.New(m.ctx, common.Target{Pane: Name, List: p.searchList()}, "filter by name")
	return p
}

func (m *Model) openPicker(p *picker) tea.Cmd {
	if m.picker != nil {
		m.picker.list.Stop()
	}
	m.picker = p
	return tea.Batch(p.list.SetSize(pickerWidth-4, pickerRows), p.list.Load(p.fetch(p.filter)),
		func() tea.Msg { return common.OpenDialogMsg{Dialog: p} })
}

func (p *picker) listName() string   { return fmt.Sprintf("picker-%d", p.seq) }
func (p *picker) searchList() string { return p.listName() + "-search" }

func (p *picker) render(it pickItem, width int) string {
	return row.Columns(width, row.Col{Text: it.Label, Min: 12, Weight: 1}, row.Col{Text: it.Detail, Min: 8, Style: &p.ctx.Theme.Dim})
}

// due applies a new filter once typing pauses.
func (p *picker) due(d search.DueMsg) tea.Cmd {
	if p.closed || !p.search.Current(d) {
		return nil
	}
	p.filter = p.search.Value()
	return p.list.Load(p.fetch(p.filter))
}

// Key moves, filters, selects (space, when several may be chosen), and
// chooses with enter; esc closes.
func (p *picker) Key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := p.ctx.Keys
	if p.search.Typing() {
		cmd, _ := p.search.Key(k)
		return cmd, false
	}
	switch {
	case key.Matches(k, keys.Back):
		p.close()
		return nil, true
	case key.Matches(k, keys.Search):
		return p.search.Open(), false
	case p.multi && key.Matches(k, keys.Select):
		p.list.ToggleMark()
		return p.list.Select(p.list.Cursor() + 1), false
	case key.Matches(k, keys.Menu):
		chosen := p.list.Marked()
		if len(chosen) == 0 {
			if it, ok := p.list.Selected(); ok {
				chosen = []pickItem{it}
			}
		}
		if len(chosen) == 0 {
			return nil, false
		}
		p.close()
		return p.done(chosen), true
	}
	cmd, _ := p.list.Update(k)
	return cmd, false
}

func (p *picker) close() {
	p.closed = true
	p.list.Stop()
}

// Update: the pane routes the picker's messages itself.
// TakesText: the picker's filter takes letters.
func (p *picker) TakesText() bool { return true }

func (p *picker) Update(tea.Msg) tea.Cmd { return nil }

// View draws the hint, the filter, the rows and the keys.
func (p *picker) View(maxW, maxH int) string {
	th := p.ctx.Theme
	w := min(pickerWidth, maxW)
	inner := w - 2
	body := []string{" " + th.Dim.Render(sanitize.Line(p.hint, inner-1))}
	if p.search.Active() {
		body = append(body, p.search.View(inner))
	}
	body = append(body, p.list.View(true)...)
	keys := "enter choose · / filter · esc cancel"
	if p.multi {
		keys = "space select · " + keys
	}
	body = append(body, "", " "+th.Dim.Render(keys))
	for i := range body {
		body[i] = frame.Pad(body[i], inner)
	}
	info := p.list.Counter()
	if n := p.list.MarkCount(); n > 0 {
		info = fmt.Sprintf("%d selected · %s", n, info)
	}
	h := min(len(body)+2, maxH)
	if h < len(body)+2 {
		body = body[:max(h-2, 0)]
	}
	return frame.Box(th, p.title, info, body, w, h, true)
}

// inviteSelected starts an invitation from the selected row: a person to
// a community, or people to the selected community.
func (m *Model) inviteSelected(t *tab) tea.Cmd {
	r, ok := t.list.Selected()
	if !ok {
		return nil
	}
	it, ok := m.inviteItem(r)
	if !ok {
		return nil
	}
	if it.Disabled != "" {
		m.note = it.Disabled
		return nil
	}
	return it.Run
}
