package opigno

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unique"

	"github.com/rosterm/rosterm/api"
)

// The documents the client sends are written out here, each as an
// api.Template, selecting only what Opigno documents (api/documented,
// copied from shared/vendor/opigno.graphqls). Cursors are declared as the
// documented Cursor scalar and ids as ID!; a server that types them
// otherwise says so in its validation error, and the template uses its
// type from then on. The four queries marked optional are not documented
// by Opigno (the demo server has them); they are tried, and dropped for
// the endpoint when the server's validation says it has no such field.

// Optional queries: not in Opigno's documentation, used where the server
// has them.
const (
	QueryCurrentUser          = "getCurrentUserContext"
	QuerySentInvitations      = "getSentUserInvitations"
	QueryUserCommunities      = "getUserCommunities"
	QueryCommunityInvitations = "getPendingCommunityInvitations"
)

// OptionalQueries lists the queries the client uses that Opigno does not
// document.
func OptionalQueries() []string {
	return []string{QueryCurrentUser, QuerySentInvitations, QueryUserCommunities, QueryCommunityInvitations}
}

const (
	contextFields = `id uuid displayName isActive scope`
	ctaFields     = `cta { actionId title arguments { key value } metadata { key value } }`
	pageFields    = `pageInfo { hasNextPage endCursor } totalItems`
	// communityFields are what the client reads of a community, all
	// documented (Community's field table).
	communityFields           = `id title description visibility created membersNumber ownerUserContext { ` + contextFields + ` } ` + ctaFields
	invitationFields          = `id initiatorUserContext { ` + contextFields + ` } inviteeUserContext { ` + contextFields + ` } isAccepted created status ` + ctaFields
	communityInvitationFields = `id initiatorUserContext { ` + contextFields + ` } inviteeUserContext { ` + contextFields + ` } community { ` + communityFields + ` } created ` + ctaFields
)

// listDoc is a paged list query: the documented paging arguments, plus
// extra ones (name, sortKey) as the field takes them.
func listDoc(name, field, extraVars, extraArgs, node string) *api.Template {
	return api.MustTemplate(name, `query `+name+`($first: Int, {{.Var "after" "Cursor"}}, $reverse: Boolean`+extraVars+`) {
  page: `+field+`(first: $first, after: $after, reverse: $reverse`+extraArgs+`) {
    edges { node { `+node+` } }
    `+pageFields+`
  }
}`)
}

// lastDoc is listDoc from the end: the last rows, or those before a
// cursor (Relay last/before, which Opigno documents on every list). It
// reads startCursor, the cursor to ask for the rows before these.
func lastDoc(name, field, extraVars, extraArgs, node string) *api.Template {
	return api.MustTemplate(name, `query `+name+`($last: Int, {{.Var "before" "Cursor"}}, $reverse: Boolean`+extraVars+`) {
  page: `+field+`(last: $last, before: $before, reverse: $reverse`+extraArgs+`) {
    edges { node { `+node+` } }
    pageInfo { startCursor } totalItems
  }
}`)
}

var (
	possibleLastDoc = lastDoc("RostermPossibleConnectionsLast", "getPossibleUserConnections", ", $name: String", ", name: $name",
		`userContext { `+contextFields+` } `+ctaFields)
	networkLastDoc = lastDoc("RostermNetworkLast", "getUserConnectionsNetwork", ", $name: String", ", name: $name",
		`userContext { `+contextFields+` } `+ctaFields)
	pendingLastDoc = lastDoc("RostermPendingInvitationsLast", "getPendingUserInvitations",
		`, {{.Var "sortKey" "InvitationSortKey"}}`, ", sortKey: $sortKey", invitationFields)
)

var (
	possibleDoc = listDoc("RostermPossibleConnections", "getPossibleUserConnections", ", $name: String", ", name: $name",
		`userContext { `+contextFields+` } `+ctaFields)
	networkDoc = listDoc("RostermNetwork", "getUserConnectionsNetwork", ", $name: String", ", name: $name",
		`userContext { `+contextFields+` } `+ctaFields)
	pendingDoc = listDoc("RostermPendingInvitations", "getPendingUserInvitations",
		`, {{.Var "sortKey" "InvitationSortKey"}}`, ", sortKey: $sortKey", invitationFields)
	inviteesDoc = listDoc("RostermCommunityInvitees", "getPossibleCommunityInvitees",
		`, $name: String, {{.Var "communityId" "ID!"}}`, ", name: $name, communityId: $communityId", contextFields)

	// Optional: see OptionalQueries.
	currentDoc = api.MustTemplate("RostermCurrentUser", `query RostermCurrentUser { me: `+QueryCurrentUser+` { `+contextFields+` } }`)
	sentDoc    = listDoc("RostermSentInvitations", QuerySentInvitations,
		`, {{.Var "sortKey" "InvitationSortKey"}}`, ", sortKey: $sortKey", invitationFields)
	userCommunitiesDoc      = listDoc("RostermUserCommunities", QueryUserCommunities, ", $name: String", ", name: $name", communityFields)
	communityInvitationsDoc = listDoc("RostermCommunityInvitations", QueryCommunityInvitations, "", "", communityInvitationFields)
)

// templates are every query template the client sends, for the test that
// validates each against the documented schema (or, for the optional
// ones, the demo's).
var templates = []*api.Template{possibleDoc, networkDoc, pendingDoc, inviteesDoc, currentDoc, sentDoc, userCommunitiesDoc, communityInvitationsDoc,
	possibleLastDoc, networkLastDoc, pendingLastDoc}

// optionalDocs are the documents of the optional queries, by query.
var optionalDocs = map[string]*api.Template{
	QueryCurrentUser:          currentDoc,
	QuerySentInvitations:      sentDoc,
	QueryUserCommunities:      userCommunitiesDoc,
	QueryCommunityInvitations: communityInvitationsDoc,
}

// Answers are read with encoding/json, tolerantly: fields a server adds
// are ignored, null objects and list entries are skipped, enum values
// nobody documented pass as text, and the few places where servers are
// known to differ (ids as numbers, a CTA alone where a list was expected)
// are read either way.

// flexID is an ID as a server writes it: text, or a number (PHP).
type flexID string

func (id *flexID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*id = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = flexID(s)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return err
		}
		*id = flexID(n.String())
	}
	return nil
}

// unixTime is a timestamp in seconds, as a number or as text.
type unixTime int64

func (t *unixTime) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	if s == "" || s == "null" {
		*t = 0
		return nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		*t = unixTime(n)
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil // a date rosterm cannot read is shown as none, not an error
	}
	*t = unixTime(int64(f))
	return nil
}

func (t unixTime) time() time.Time { return time.Unix(int64(t), 0) }

type contextSel struct {
	ID          flexID `json:"id"`
	UUID        string `json:"uuid"`
	DisplayName string `json:"displayName"`
	IsActive    bool   `json:"isActive"`
	Scope       string `json:"scope"`
}

func (s *contextSel) context() Context {
	if s == nil {
		return Context{}
	}
	return Context{ID: string(s.ID), UUID: s.UUID, Name: s.DisplayName, Active: s.IsActive, Scope: intern(s.Scope)}
}

type keyValueSel struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type ctaSel struct {
	ActionID  string         `json:"actionId"`
	Title     string         `json:"title"`
	Arguments []*keyValueSel `json:"arguments"`
	Metadata  []*keyValueSel `json:"metadata"`
}

// ctaList reads a CTA field whether the server sends a list of CTAs or
// one CTA alone (Opigno documents CommunityInvitation.cta as a single Cta,
// other types' cta as [Cta]). An entry it cannot read is skipped.
type ctaList []ctaSel

func (l *ctaList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*l = nil
	if len(b) == 0 {
		return nil
	}
	var raws []json.RawMessage
	switch b[0] {
	case '[':
		if err := json.Unmarshal(b, &raws); err != nil {
			return nil
		}
	case '{':
		raws = []json.RawMessage{b}
	default:
		return nil // null, or something that is no CTA
	}
	for _, raw := range raws {
		var c *ctaSel
		if json.Unmarshal(raw, &c) == nil && c != nil {
			*l = append(*l, *c)
		}
	}
	return nil
}

func actions(sel ctaList) []api.Action {
	if len(sel) == 0 {
		return nil
	}
	out := make([]api.Action, 0, len(sel))
	for _, c := range sel {
		a := api.Action{ID: intern(c.ActionID), Title: intern(c.Title)}
		for _, kv := range c.Arguments {
			if kv != nil {
				a.Args = append(a.Args, api.KeyValue{Key: intern(kv.Key), Value: kv.Value})
			}
		}
		for _, kv := range c.Metadata {
			if kv != nil {
				a.Meta = append(a.Meta, api.KeyValue{Key: intern(kv.Key), Value: kv.Value})
			}
		}
		out = append(out, a)
	}
	return out
}

// intern shares one copy of a string every row repeats (a scope, a CTA's
// id, title and argument names): a list may hold a hundred thousand rows,
// and each decoded its own copy.
func intern(s string) string { return unique.Make(s).Value() }

// listSel is one page of an Opigno list of N nodes.
type listSel[N any] struct {
	Edges []*struct {
		Node *N `json:"node"`
	} `json:"edges"`
	PageInfo *struct {
		HasNextPage bool    `json:"hasNextPage"`
		EndCursor   *string `json:"endCursor"`
		StartCursor *string `json:"startCursor"`
	} `json:"pageInfo"`
	TotalItems *int `json:"totalItems"`
}

// pageOf turns a page as read into the clients' page of T.
func pageOf[N, T any](p *listSel[N], conv func(*N) T) api.Page[T] {
	out := api.Page[T]{Total: -1}
	if p == nil {
		out.Total = 0
		return out
	}
	if p.PageInfo != nil {
		out.More = p.PageInfo.HasNextPage
		if p.PageInfo.EndCursor != nil {
			out.Next = *p.PageInfo.EndCursor
		}
	}
	if p.TotalItems != nil {
		out.Total = *p.TotalItems
	}
	out.Items = make([]T, 0, len(p.Edges))
	for _, e := range p.Edges {
		if e != nil && e.Node != nil {
			out.Items = append(out.Items, conv(e.Node))
		}
	}
	if out.More && out.Next == "" {
		out.More = false // no cursor to go on with
	}
	return out
}

type connectionSel struct {
	UserContext *contextSel `json:"userContext"`
	Cta         ctaList     `json:"cta"`
}

func (s *connectionSel) connection() Connection {
	return Connection{Context: s.UserContext.context(), Actions: actions(s.Cta)}
}

type invitationSel struct {
	ID                   flexID      `json:"id"`
	InitiatorUserContext *contextSel `json:"initiatorUserContext"`
	InviteeUserContext   *contextSel `json:"inviteeUserContext"`
	IsAccepted           bool        `json:"isAccepted"`
	Created              unixTime    `json:"created"`
	Status               string      `json:"status"`
	Cta                  ctaList     `json:"cta"`
}

func (s *invitationSel) invitation() Invitation {
	return Invitation{
		ID: string(s.ID), Initiator: s.InitiatorUserContext.context(), Invitee: s.InviteeUserContext.context(),
		Accepted: s.IsAccepted, Created: s.Created.time(), Status: s.Status, Actions: actions(s.Cta),
	}
}

type communitySel struct {
	ID               flexID      `json:"id"`
	Title            string      `json:"title"`
	Description      string      `json:"description"`
	Visibility       string      `json:"visibility"`
	OwnerUserContext *contextSel `json:"ownerUserContext"`
	MembersNumber    int         `json:"membersNumber"`
	Created          unixTime    `json:"created"`
	Cta              ctaList     `json:"cta"`
}

func (s *communitySel) community() Community {
	return Community{
		ID: string(s.ID), Title: s.Title, Description: s.Description, Visibility: s.Visibility,
		Members: s.MembersNumber, Created: s.Created.time(), Actions: actions(s.Cta), Owner: s.OwnerUserContext.context(),
	}
}

type communityInvitationSel struct {
	ID                   flexID        `json:"id"`
	InitiatorUserContext *contextSel   `json:"initiatorUserContext"`
	InviteeUserContext   *contextSel   `json:"inviteeUserContext"`
	Community            *communitySel `json:"community"`
	Created              unixTime      `json:"created"`
	Cta                  ctaList       `json:"cta"`
}

func (s *communityInvitationSel) invitation() CommunityInvitation {
	inv := CommunityInvitation{
		ID: string(s.ID), Initiator: s.InitiatorUserContext.context(), Invitee: s.InviteeUserContext.context(),
		Created: s.Created.time(), Actions: actions(s.Cta),
	}
	if s.Community != nil {
		inv.Community = s.Community.community()
	}
	return inv
}
