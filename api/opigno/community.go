package opigno

import (
	"context"
	"fmt"
	"time"

	graphql "github.com/hasura/go-graphql-client"

	"github.com/rosterm/rosterm/api"
)

// Community is an Opigno community as the acting user sees it.
type Community struct {
	ID          string
	Title       string
	Description string // may hold HTML
	Visibility  string // PUBLIC, PRIVATE; others tolerated
	Owner       Context
	Members     int // the owner is not counted, as Opigno documents
	Created     time.Time
	Actions     []api.Action
}

// CommunityInvitation is an invitation to join a community.
type CommunityInvitation struct {
	ID        string
	Initiator Context
	Invitee   Context
	Community Community
	Created   time.Time
	Actions   []api.Action
}

// Unsupported is the answer of a list the server does not have: several
// lists rosterm shows are demo-server additions a real Opigno may lack.
type Unsupported struct{ Query string }

func (e *Unsupported) Error() string {
	return fmt.Sprintf("this Opigno server has no %s query (a demo-server addition)", e.Query)
}

// Has reports whether the server has the query field name.
func (c *Client) Has(ctx context.Context, query string) (bool, error) {
	s, err := c.Schema(ctx)
	if err != nil {
		return false, err
	}
	_, ok := s.Query(query)
	return ok, nil
}

// need fails with Unsupported when the server lacks query.
func (c *Client) need(ctx context.Context, query string) error {
	ok, err := c.Has(ctx, query)
	if err == nil && !ok {
		err = &Unsupported{Query: query}
	}
	return err
}

type communitySel struct {
	ID               graphql.ID
	Title            string
	Description      string
	Visibility       string
	OwnerUserContext *contextSel
	MembersNumber    int
	Created          int64
	Cta              []ctaSel
}

func (s communitySel) community() Community {
	c := Community{
		ID: string(s.ID), Title: s.Title, Description: s.Description, Visibility: s.Visibility,
		Members: s.MembersNumber, Created: time.Unix(s.Created, 0), Actions: actions(s.Cta),
	}
	if s.OwnerUserContext != nil {
		c.Owner = s.OwnerUserContext.context()
	}
	return c
}

type communityPage struct {
	Edges []struct {
		Node communitySel
	}
	PageInfo   pageInfoSel
	TotalItems int
}

// UserCommunities lists the communities the acting user owns or belongs to,
// by title (getUserCommunities, a demo-server addition: Unsupported
// elsewhere).
func (c *Client) UserCommunities(ctx context.Context, a ListArgs) (api.Page[Community], error) {
	if err := c.need(ctx, "getUserCommunities"); err != nil {
		return api.Page[Community]{}, err
	}
	var q struct {
		Page communityPage `graphql:"getUserCommunities(first: $first, after: $after, reverse: $reverse, name: $name)"`
	}
	if err := c.gql.Query(ctx, &q, nameVar(listVars(a), a.Name)); err != nil {
		return api.Page[Community]{}, err
	}
	out := api.Page[Community]{Next: q.Page.PageInfo.EndCursor, More: q.Page.PageInfo.HasNextPage, Total: q.Page.TotalItems}
	out.Items = make([]Community, 0, len(q.Page.Edges))
	for _, e := range q.Page.Edges {
		out.Items = append(out.Items, e.Node.community())
	}
	return out, nil
}

type communityInvitationSel struct {
	ID                   graphql.ID
	InitiatorUserContext contextSel
	InviteeUserContext   contextSel
	Community            communitySel
	Created              int64
	Cta                  []ctaSel
}

// PendingCommunityInvitations lists the community invitations waiting for
// the acting user, newest first unless reversed
// (getPendingCommunityInvitations, a demo-server addition).
func (c *Client) PendingCommunityInvitations(ctx context.Context, a ListArgs) (api.Page[CommunityInvitation], error) {
	if err := c.need(ctx, "getPendingCommunityInvitations"); err != nil {
		return api.Page[CommunityInvitation]{}, err
	}
	var q struct {
		Page struct {
			Edges []struct {
				Node communityInvitationSel
			}
			PageInfo   pageInfoSel
			TotalItems int
		} `graphql:"getPendingCommunityInvitations(first: $first, after: $after, reverse: $reverse)"`
	}
	if err := c.gql.Query(ctx, &q, listVars(a)); err != nil {
		return api.Page[CommunityInvitation]{}, err
	}
	out := api.Page[CommunityInvitation]{Next: q.Page.PageInfo.EndCursor, More: q.Page.PageInfo.HasNextPage, Total: q.Page.TotalItems}
	out.Items = make([]CommunityInvitation, 0, len(q.Page.Edges))
	for _, e := range q.Page.Edges {
		n := e.Node
		out.Items = append(out.Items, CommunityInvitation{
			ID: string(n.ID), Initiator: n.InitiatorUserContext.context(), Invitee: n.InviteeUserContext.context(),
			Community: n.Community.community(), Created: time.Unix(n.Created, 0), Actions: actions(n.Cta),
		})
	}
	return out, nil
}

// SentInvitations lists the pending user invitations the acting user sent
// (getSentUserInvitations, a demo-server addition).
func (c *Client) SentInvitations(ctx context.Context, a ListArgs) (api.Page[Invitation], error) {
	if err := c.need(ctx, "getSentUserInvitations"); err != nil {
		return api.Page[Invitation]{}, err
	}
	var q struct {
		Page invitationPage `graphql:"getSentUserInvitations(first: $first, after: $after, reverse: $reverse, sortKey: $sortKey)"`
	}
	if err := c.gql.Query(ctx, &q, sortVars(a)); err != nil {
		return api.Page[Invitation]{}, err
	}
	return q.Page.page(), nil
}

// PossibleCommunityInvitees lists who the acting user may invite to the
// community, by name, optionally filtered by name.
func (c *Client) PossibleCommunityInvitees(ctx context.Context, communityID string, a ListArgs) (api.Page[Context], error) {
	var q struct {
		Page struct {
			Edges []struct {
				Node contextSel
			}
			PageInfo   pageInfoSel
			TotalItems int
		} `graphql:"getPossibleCommunityInvitees(communityId: $communityId, first: $first, after: $after, reverse: $reverse, name: $name)"`
	}
	v := nameVar(listVars(a), a.Name)
	v["communityId"] = graphql.ID(communityID)
	if err := c.gql.Query(ctx, &q, v); err != nil {
		return api.Page[Context]{}, err
	}
	out := api.Page[Context]{Next: q.Page.PageInfo.EndCursor, More: q.Page.PageInfo.HasNextPage, Total: q.Page.TotalItems}
	out.Items = make([]Context, 0, len(q.Page.Edges))
	for _, e := range q.Page.Edges {
		out.Items = append(out.Items, e.Node.context())
	}
	return out, nil
}
