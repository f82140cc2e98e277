package connections

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/list"
	"github.com/rosterm/rosterm/ui/sanitize"
	"github.com/rosterm/rosterm/ui/search"
)

// tabID names the pane's tabs, in the order [ and ] move through them.
type tabID int

const (
	possibleTab tabID = iota
	networkTab
	invitationsTab
	communitiesTab
	tabCount
)

var tabNames = [tabCount]string{"Possible", "Network", "Invitations", "Communities"}

// tab is one list of the pane with its own filter and order.
type tab struct {
	id      tabID
	list    *list.Model[Row]
	search  *search.Model
	filter  string // the name filter in effect
	reverse bool
	sortKey string // invitations: the server's InvitationSortKey
	sent    bool   // invitations: those the acting user sent, not received
	loaded  bool   // its query started: a tab loads when first shown
	// keep is the row the cursor was on when the tab went stale: when the
	// tab loads again, its first page puts the cursor back on it.
	keep string
}

func (m *Model) newTab(id tabID) *tab {
	to := common.Target{Pane: Name, List: strings.ToLower(tabNames[id])}
	t := &tab{id: id, list: list.New(m.ctx, to, m.render, rowKey)}
	t.search = search.New(m.ctx, common.Target{Pane: Name, List: to.List + "-search"}, "filter by name")
	t.list.What = strings.ToLower(tabNames[id])
	t.list.Empty = [tabCount]string{
		"Nobody left to invite.", "Nobody in your network yet.", "No invitations waiting.", "No communities.",
	}[id]
	if id == invitationsTab {
		t.sortKey = "CREATED"
	}
	return t
}

// load starts the tab's query afresh: a new filter, order or acting user.
func (m *Model) load(t *tab) tea.Cmd {
	t.loaded = true
	return t.list.LoadEnds(m.fetch(t), m.fetchLast(t))
}

// fetchLast reads the tab's list from its end (Relay last/before, which
// Opigno documents), so that the bottom key goes to the last row at once;
// nil for the lists that are not one Opigno list (communities), and for
// sent invitations, a list of the demo server's: those read on instead.
func (m *Model) fetchLast(t *tab) list.Fetch[Row] {
	oc := m.ctx.Opigno
	if oc == nil {
		return nil
	}
	args := t.pageArgs(true)
	switch {
	case t.id == possibleTab:
		return read(oc.PossibleConnectionsLast, args, connectionRow)
	case t.id == networkTab:
		return read(oc.NetworkLast, args, connectionRow)
	case t.id == invitationsTab && !t.sent:
		return read(oc.PendingInvitationsLast, args, invitationRows(false))
	}
	return nil
}

// fetch builds the tab's query from a snapshot of its settings and client.
func (m *Model) fetch(t *tab) list.Fetch[Row] {
	oc := m.ctx.Opigno
	if oc == nil {
		return nil
	}
	args := t.pageArgs(false)
	switch {
	case t.id == possibleTab:
		return read(oc.PossibleConnections, args, connectionRow)
	case t.id == networkTab:
		return read(oc.Network, args, connectionRow)
	case t.id == invitationsTab && t.sent:
		return tolerant(read(oc.SentInvitations, args, invitationRows(true)))
	case t.id == invitationsTab:
		return read(oc.PendingInvitations, args, invitationRows(false))
	}
	listed := communitiesOr(oc, args, profileFetch(oc, slices.Clone(m.communities), t.filter, t.reverse, false))
	communities := tolerant(rows(listed, communityRowOf))
	if t.filter != "" {
		// Community invitations cannot be filtered on the server.
		return communities
	}
	return list.Chain(tolerant(read(oc.PendingCommunityInvitations, args, communityInvitationRowOf)), communities)
}

// pageArgs snapshots the tab's filter and order for its list's queries,
// which add the cursor and page size: from the start (after, first) or,
// fromEnd, from the end (before, last).
func (t *tab) pageArgs(fromEnd bool) func(cursor string, n int) opigno.ListArgs {
	base := opigno.ListArgs{Reverse: t.reverse, Name: t.filter, SortKey: t.sortKey}
	return func(cursor string, n int) opigno.ListArgs {
		a := base
		if fromEnd {
			a.Before, a.Last = cursor, n
		} else {
			a.After, a.First = cursor, n
		}
		return a
	}
}

// read is an Opigno list call as a tab's list pages through it: each page
// asked for with args, each item made a Row.
func read[A any](call func(context.Context, opigno.ListArgs) (api.Page[A], error), args func(string, int) opigno.ListArgs, row func(A) Row) list.Fetch[Row] {
	return rows(func(ctx context.Context, cursor string, n int) (api.Page[A], error) {
		return call(ctx, args(cursor, n))
	}, row)
}

// rows is fetch with each item made a Row.
func rows[A any](fetch list.Fetch[A], row func(A) Row) list.Fetch[Row] {
	return func(ctx context.Context, cursor string, n int) (api.Page[Row], error) {
		p, err := fetch(ctx, cursor, n)
		return mapPage(p, row), err
	}
}

// invitationRows makes invitations rows, sent by the acting user or not.
func invitationRows(sent bool) func(opigno.Invitation) Row {
	return func(inv opigno.Invitation) Row { return invitationRowOf(inv, sent) }
}

// tolerant is fetch reading a list the server does not have as empty.
func tolerant(fetch list.Fetch[Row]) list.Fetch[Row] {
	return func(ctx context.Context, cursor string, n int) (api.Page[Row], error) {
		return tolerate(fetch(ctx, cursor, n))
	}
}

func mapPage[A any](p api.Page[A], f func(A) Row) api.Page[Row] {
	out := api.Page[Row]{Next: p.Next, More: p.More, Total: p.Total, Items: make([]Row, 0, len(p.Items))}
	for _, it := range p.Items {
		out.Items = append(out.Items, f(it))
	}
	return out
}

// tolerate makes a list the server does not have (a demo-server addition)
// an empty one; the tab says why once that is known.
func tolerate(p api.Page[Row], err error) (api.Page[Row], error) {
	var u *opigno.Unsupported
	if errors.As(err, &u) {
		return api.Page[Row]{Total: 0}, nil
	}
	return p, err
}

// name is the tab's name in the tab bar.
func (t *tab) name() string {
	if t.sent {
		return "Invitations sent"
	}
	return tabNames[t.id]
}

// sortLabel says how the tab is ordered.
func (t *tab) sortLabel() string {
	if t.id == invitationsTab {
		switch t.sortKey {
		case "CREATED":
			if t.reverse {
				return "new→old"
			}
			return "old→new"
		case "NAME":
		default:
			if t.reverse {
				return strings.ToLower(t.sortKey) + " ↓"
			}
			return strings.ToLower(t.sortKey) + " ↑"
		}
	}
	if t.reverse {
		return "Z→A"
	}
	return "A→Z"
}

// nextSort moves the tab to its next order: reversed, and on Invitations
// through each sort key the server offers, each both ways.
func (t *tab) nextSort(keys []string) {
	if t.id != invitationsTab || len(keys) == 0 {
		t.reverse = !t.reverse
		return
	}
	if !t.reverse {
		t.reverse = true
		return
	}
	t.reverse = false
	i := 0
	for j, k := range keys {
		if k == t.sortKey {
			i = j + 1
		}
	}
	t.sortKey = keys[i%len(keys)]
}

// tabBar draws the tab names, the current one marked and highlighted; it
// drops counts, then shortens names, to fit width.
func (m *Model) tabBar(width int) string {
	bar, _ := m.tabSpans(width)
	return bar
}

// tabSpans is tabBar with the cells [from, to) each tab's name takes, for
// the mouse.
func (m *Model) tabSpans(width int) (string, [][2]int) {
	th := m.ctx.Theme
	variants := []func(t *tab) string{
		func(t *tab) string {
			if !t.loaded {
				return t.name() // not loaded yet: no count
			}
			return t.name() + " " + total(t)
		},
		func(t *tab) string { return t.name() },
		// Cut names end with …, so that none reads as a whole word.
		func(t *tab) string { return tabNames[t.id][:3] + sanitize.Ellipsis },
		func(t *tab) string { return tabNames[t.id][:1] + sanitize.Ellipsis },
	}
	for i, v := range variants {
		var parts []string
		var spans [][2]int
		x := 0
		for _, t := range m.tabs {
			label := v(t)
			if t.id == m.current && i > 1 {
				label = t.name() // the current tab keeps its name
			}
			w := 1 + lipgloss.Width(label)
			spans = append(spans, [2]int{x, x + w})
			x += w + 1
			if t.id == m.current {
				label = th.Accent.Render("▸" + label)
			} else {
				label = th.Dim.Render(" " + label)
			}
			parts = append(parts, label)
		}
		bar := strings.Join(parts, " ")
		if lipgloss.Width(bar) <= width || i == len(variants)-1 {
			return bar, spans
		}
	}
	return "", nil
}

// total is the tab's row count for the tab bar: the server's total, or
// what is loaded so far.
func total(t *tab) string {
	if n := t.list.Total(); n >= 0 {
		return strconv.Itoa(n)
	}
	return strconv.Itoa(t.list.Len()) + "+"
}

// before reports whether a comes before b in the tab's order, the server's
// order as the demo and Opigno sort: by name or title case-folded (or by
// creation, for invitations so sorted), then by id, reversed when the tab
// is; community invitations come before the communities they are listed
// with.
func (t *tab) before(a, b Row) bool {
	if a.Kind != b.Kind && (a.Kind == communityInvitationRow || b.Kind == communityInvitationRow) {
		return a.Kind == communityInvitationRow
	}
	c := 0
	if t.id == invitationsTab && t.sortKey == "CREATED" || a.Kind == communityInvitationRow {
		c = a.Created.Compare(b.Created)
		if a.Kind == communityInvitationRow {
			c = -c // newest first
		}
	} else {
		c = strings.Compare(strings.ToLower(a.Name()), strings.ToLower(b.Name()))
	}
	if c == 0 {
		ai, _ := strconv.Atoi(a.ID)
		bi, _ := strconv.Atoi(b.ID)
		c = ai - bi
	}
	if t.reverse {
		c = -c
	}
	return c < 0
}
