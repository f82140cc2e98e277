package connections

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/ui/common"
	uiform "github.com/rosterm/rosterm/ui/form"
)

// Opigno documents no query listing the acting user's communities. Where
// the server has one (getUserCommunities, as the demo does) the
// Communities tab lists them; elsewhere it lists the communities the
// profile names (communities: [id, …]), each looked up by id, and n adds
// one, x drops one, for this session: the profile is not changed.

// communityAddedMsg: a community the user added by id, as the server has it.
type communityAddedMsg struct {
	toPane
	community opigno.Community
}

// listsProfile reports whether the Communities tab lists the profile's
// communities: the server is known to have no query listing them.
func (m *Model) listsProfile() bool {
	return m.ctx.Opigno != nil && m.ctx.Opigno.Unavailable(opigno.QueryUserCommunities)
}

// sayEmpty words the empty tabs by what the server turned out to offer.
func (m *Model) sayEmpty() {
	oc := m.ctx.Opigno
	if oc == nil {
		return
	}
	inv := m.tabs[invitationsTab]
	inv.list.Empty = "No invitations waiting."
	if inv.sent {
		inv.list.Empty = "No invitations sent and waiting."
		if oc.Unavailable(opigno.QuerySentInvitations) {
			inv.list.Empty = noSent + " " + m.ctx.Keys.Source.Help().Key + " shows those received."
		}
	}
	c := m.tabs[communitiesTab]
	c.list.Empty = "No communities."
	if m.listsProfile() {
		c.list.Empty = "This Opigno server cannot list your communities (getUserCommunities is a demo-server addition): " +
			m.ctx.Keys.New.Help().Key + " adds one by id for this session, or name them in the profile (communities: [id, …])."
	}
}

// profileFetch lists the communities of ids (a snapshot), looked up in one
// request, filtered by title and ordered as the tab says; ids the server
// does not know stay, marked, so that they can be dropped.
func profileFetch(oc *opigno.Client, ids []string, filter string, reverse, found bool) func(context.Context) ([]opigno.Community, error) {
	return func(ctx context.Context) ([]opigno.Community, error) {
		cs, err := oc.CommunitiesByID(ctx, ids)
		if err != nil && !api.Partial(err) {
			return nil, err
		}
		var out []opigno.Community
		for _, c := range cs {
			switch {
			case c.Missing && found:
			case filter != "" && !strings.Contains(strings.ToLower(c.Title+" "+c.ID), strings.ToLower(filter)):
			default:
				out = append(out, c)
			}
		}
		if reverse {
			slices.Reverse(out)
		}
		return out, err
	}
}

// communitiesOr lists the acting user's communities where the server can,
// else falls back to the profile's, as one page.
func communitiesOr(oc *opigno.Client, a func(after string, n int) opigno.ListArgs, profile func(context.Context) ([]opigno.Community, error)) func(context.Context, string, int) (api.Page[opigno.Community], error) {
	return func(ctx context.Context, after string, n int) (api.Page[opigno.Community], error) {
		p, err := oc.UserCommunities(ctx, a(after, n))
		var u *opigno.Unsupported
		if !errors.As(err, &u) {
			return p, err
		}
		if after != "" {
			return api.Page[opigno.Community]{Total: -1}, nil
		}
		cs, err := profile(ctx)
		return api.Page[opigno.Community]{Items: cs, Total: len(cs)}, err
	}
}

// addCommunity asks for a community id to list, and checks it with the
// server before adding it.
func (m *Model) addCommunity() tea.Cmd {
	oc := m.ctx.Opigno
	if oc == nil {
		m.note = "Opigno is not configured."
		return nil
	}
	switch has, known := oc.Offers(opigno.QueryUserCommunities); {
	case !known:
		m.note = "Still finding out whether this Opigno server lists your communities; try again in a moment."
		return nil
	case has:
		m.note = "This Opigno server lists your communities itself."
		return nil
	}
	listed := slices.Clone(m.communities)
	check := func(id string) string {
		if slices.Contains(listed, strings.TrimSpace(id)) {
			return "is listed already"
		}
		return ""
	}
	fields := []uiform.Field{{Key: "id", Label: "Community id", Required: true, Hint: "the id Opigno gives the community", Check: check}}
	request := m.ctx.Request
	submit := func(v uiform.Values) uiform.Job {
		id := strings.TrimSpace(v.Text("id"))
		return func() uiform.ReplyMsg {
			ctx, cancel := request()
			defer cancel()
			cs, err := oc.CommunitiesByID(ctx, []string{id})
			if err != nil && !api.Partial(err) {
				return uiform.ReplyMsg{Err: err.Error()}
			}
			if len(cs) != 1 || cs[0].Missing {
				why := "Opigno has no community " + id + " you can see"
				if len(cs) == 1 && cs[0].Why != "" {
					why += ": " + cs[0].Why
				}
				return uiform.ReplyMsg{Errors: map[string]string{"id": why}}
			}
			return uiform.ReplyMsg{Done: communityAddedMsg{community: cs[0]}}
		}
	}
	f := uiform.New(m.ctx, "Add a community to this list (this session only)", "Add", fields, submit)
	return func() tea.Msg { return common.OpenDialogMsg{Dialog: f} }
}

// communityAdded lists a community the user added, at the top.
func (m *Model) communityAdded(c opigno.Community) tea.Cmd {
	if slices.Contains(m.communities, c.ID) {
		return nil
	}
	m.communities = append(m.communities, c.ID)
	t := m.tabs[communitiesTab]
	r := communityRowOf(c)
	t.list.Prepend(r)
	t.list.Focus(rowKey(r))
	m.note = "Listed " + c.Title + " for this session; keep it with communities: in the profile."
	m.sayEmpty()
	return nil
}

// dropCommunities takes the marked communities, or the one under the
// cursor, off this session's list; ok is false when the row is not a
// community (x then does what it does on other rows).
func (m *Model) dropCommunities(t *tab) (tea.Cmd, bool) {
	rows, bulk := m.targets(t)
	var drop []Row
	for _, r := range rows {
		if r.Kind == communityRow {
			drop = append(drop, r)
		}
	}
	if len(drop) == 0 || (!bulk && len(drop) != len(rows)) {
		return nil, false
	}
	for _, r := range drop {
		m.communities = slices.DeleteFunc(m.communities, func(id string) bool { return id == r.ID })
		t.list.Remove(rowKey(r))
	}
	if bulk {
		t.list.ClearMarks()
	}
	what, unchanged := drop[0].Community.Title, "the community is unchanged"
	if drop[0].Community.Missing || what == "" {
		what = "community #" + drop[0].ID
	}
	if len(drop) > 1 {
		what, unchanged = fmt.Sprintf("%d communities", len(drop)), "the communities are unchanged"
	}
	m.note = "Dropped " + what + " from this session's list; " + unchanged + "."
	m.sayEmpty()
	return nil, true
}
