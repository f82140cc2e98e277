package connections

import (
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/ui/row"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// kind is what a row is about.
type kind uint8

const (
	personRow              kind = iota // a possible connection or one in the network
	invitationRow                      // a user invitation, received or sent
	communityRow                       // a community the acting user belongs to
	communityInvitationRow             // an invitation to a community
)

// Row is one line of any tab, so every tab's rows are acted on alike: the
// server's actions, the person or community it names, and what rosterm is
// doing with it.
//
// A Row is kept for every loaded row of a list, a hundred thousand of them
// at times: what only some rows have is behind a pointer (the community),
// and the words every row repeats (a scope, a CTA's id and title) are
// shared (opigno interns them).
type Row struct {
	Kind      kind
	Sent      bool              // an invitation the acting user sent
	ID        string            // the object's id: context, invitation or community
	Person    opigno.Context    // the person the row is about (an invitation's other side)
	Community *opigno.Community // for communities and community invitations; nil otherwise
	Created   time.Time
	Actions   api.Actions // packed: a list may hold a hundred thousand rows
}

// community is the row's community; the zero one for rows about people.
func (r Row) community() opigno.Community {
	if r.Community == nil {
		return opigno.Community{}
	}
	return *r.Community
}

var kindPrefix = map[kind]string{personRow: "p:", invitationRow: "i:", communityRow: "c:", communityInvitationRow: "ci:"}

// rowKey identifies a row within its list.
func rowKey(r Row) string { return kindPrefix[r.Kind] + r.ID }

// Label names the row's subject for confirmations and reports: who or
// which community, and its id. Raw: sanitized where shown.
func (r Row) Label() string {
	switch r.Kind {
	case invitationRow:
		if r.Sent {
			return "invitation to " + personLabel(r.Person)
		}
		return "invitation from " + personLabel(r.Person)
	case communityRow:
		return "community " + communityLabel(r.community())
	case communityInvitationRow:
		return "invitation to " + communityLabel(r.community()) + " from " + personLabel(r.Person)
	}
	return personLabel(r.Person)
}

// Short names the row's subject alone, for a menu's title.
func (r Row) Short() string {
	if r.Kind == communityRow || r.Kind == communityInvitationRow {
		return communityLabel(r.community())
	}
	return personLabel(r.Person)
}

func personLabel(c opigno.Context) string {
	name := c.Name
	if name == "" {
		name = "user context"
	}
	return name + " (#" + c.ID + ")"
}

func communityLabel(c opigno.Community) string {
	if c.Title == "" {
		return "community #" + c.ID
	}
	return c.Title + " (#" + c.ID + ")"
}

// Name is what the filter matches: the person's name or the community's
// title.
func (r Row) Name() string {
	if r.Kind == communityRow || r.Kind == communityInvitationRow {
		return r.community().Title
	}
	return r.Person.Name
}

// CopyText is what y copies: the person's uuid, or the community's id.
func (r Row) CopyText() string {
	if r.Kind == communityRow || r.Kind == communityInvitationRow {
		return r.community().ID
	}
	return r.Person.UUID
}

// Action returns the row's action whose verb is verb.
func (r Row) Action(verb string) (api.Action, bool) {
	for _, a := range r.Actions.List() {
		if opigno.Verb(a.ID) == verb {
			return a, true
		}
	}
	return api.Action{}, false
}

// ActionByID returns the row's action with actionId id.
func (r Row) ActionByID(id string) (api.Action, bool) {
	for _, a := range r.Actions.List() {
		if a.ID == id {
			return a, true
		}
	}
	return api.Action{}, false
}

func connectionRow(c opigno.Connection) Row {
	return Row{Kind: personRow, ID: c.Context.ID, Person: c.Context, Actions: api.PackActions(c.Actions)}
}

func invitationRowOf(inv opigno.Invitation, sent bool) Row {
	other := inv.Initiator
	if sent {
		other = inv.Invitee
	}
	return Row{Kind: invitationRow, ID: inv.ID, Person: other, Sent: sent, Created: inv.Created, Actions: api.PackActions(inv.Actions)}
}

func communityRowOf(c opigno.Community) Row {
	return Row{Kind: communityRow, ID: c.ID, Community: &c, Person: c.Owner, Created: c.Created, Actions: api.PackActions(c.Actions)}
}

func communityInvitationRowOf(inv opigno.CommunityInvitation) Row {
	return Row{Kind: communityInvitationRow, ID: inv.ID, Person: inv.Initiator, Community: &inv.Community,
		Created: inv.Created, Actions: api.PackActions(inv.Actions)}
}

// render draws a row: what it is about, a detail, then its actions (or
// what is being done with it).
func (m *Model) render(r Row, width int) string {
	th := m.ctx.Theme
	name, detail, detailW := r.Person.Name, "#"+r.Person.ID, 6
	if name == "" {
		name = "(no name)"
	}
	switch r.Kind {
	case invitationRow:
		arrow := "← "
		if r.Sent {
			arrow = "→ "
		}
		name, detail, detailW = arrow+name, r.Created.Format("2006-01-02"), 10
	case communityRow:
		c := r.community()
		if c.Missing {
			// An id the profile names that the server does not know.
			return row.Columns(width,
				row.Col{Text: "#" + r.ID, Min: 19, Weight: 3},
				row.Col{Text: "not found", Min: 10, Weight: 1, Style: &th.Warn},
				row.Col{Text: c.Why, Min: 9, Weight: 1, Style: &th.Dim})
		}
		name, detail, detailW = c.Title, members(c), 10
	case communityInvitationRow:
		name, detail, detailW = "✉ "+r.community().Title, "from "+r.Person.Name, 10
	}
	if state := m.busy[rowKey(r)]; state != "" {
		// What is being done with the row matters more than its detail.
		return row.Columns(width,
			row.Col{Text: name, Min: 12, Weight: 3},
			row.Col{Text: state, Min: min(lipgloss.Width(state), 14), Weight: 1, Style: &th.Warn})
	}
	tail := actionTitles(r.Actions.List())
	// The actions are what the row is for: their column is as wide as the
	// row kind's usual actions ("[Remove connection]", "[Accept][Decline]")
	// and the name and detail share what is left. The widths do not depend
	// on the row, so a tab's columns stay aligned whatever a server sends.
	// Where even the name's least width does not fit, the actions are
	// dropped (enter lists them).
	actionsW, nameW := len("[Accept][Decline]"), 17 // an invitation's: "← " and the name
	switch r.Kind {
	case personRow:
		actionsW, nameW = len("[Connect]"), 19 // a possible connection's
		for _, a := range r.Actions.List() {
			if a.ID != "CREATE_USER_INVITATION" {
				actionsW = len("[Remove connection]") // a connection's
			}
		}
	case communityRow:
		// Many (view, edit, delete…), and listed whole by enter: beside
		// a pane's width of title and members, they would show cut.
		actionsW, nameW = len("[View members]"), 19
		if width < 70 {
			return row.Columns(width,
				row.Col{Text: name, Min: nameW, Weight: 3},
				row.Col{Text: detail, Min: detailW, Weight: 1, Style: &th.Dim})
		}
	}
	return row.Columns(width,
		row.Col{Text: name, Min: nameW, Weight: 3},
		row.Col{Text: detail, Min: detailW, Weight: 1, Style: &th.Dim},
		row.Col{Text: tail, Min: actionsW, Weight: 1, Style: &th.Accent})
}

func members(c opigno.Community) string {
	vis := strings.ToLower(c.Visibility)
	if c.Members == 1 {
		return vis + " · 1 member"
	}
	return vis + " · " + strconv.Itoa(c.Members) + " members"
}

// maxActionTitle is the most cells one CTA title takes in a row, so that
// a long (or hostile) title leaves room for the row's other actions.
const maxActionTitle = 18

// actionTitles lists a row's CTA titles: "[Accept][Decline]", each made
// safe and cut to maxActionTitle.
func actionTitles(as []api.Action) string {
	var b strings.Builder
	for _, a := range as {
		b.WriteString("[" + sanitize.Line(actionTitle(a), maxActionTitle) + "]")
	}
	return b.String()
}

// actionTitle is the CTA's title, or its actionId when it has none.
func actionTitle(a api.Action) string {
	if t := strings.TrimSpace(a.Title); t != "" {
		return t
	}
	return a.ID
}
