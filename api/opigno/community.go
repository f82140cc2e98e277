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

// UserCommunities lists the communities the acting user owns or belongs to,
// by title (getUserCommunities, a demo-server addition: Unsupported
// elsewhere).
func (c *Client) UserCommunities(ctx context.Context, a ListArgs) (api.Page[Community], error) {
	if err := c.need(ctx, "getUserCommunities"); err != nil {
		return api.Page[Community]{}, err
	}
	var q struct {
		Page listSel[communitySel] `graphql:"getUserCommunities(first: $first, after: $after, reverse: $reverse, name: $name)"`
	}
	err := c.gql.Query(ctx, &q, nameVar(listVars(a), a.Name))
	if err != nil && !api.Partial(err) {
		return api.Page[Community]{}, err
	}
	return pageOf(q.Page, communitySel.community), err
}

type communityInvitationSel struct {
	ID                   graphql.ID
	InitiatorUserContext contextSel
	InviteeUserContext   contextSel
	Community            communitySel
	Created              int64
	Cta                  []ctaSel
}

func (s communityInvitationSel) invitation() CommunityInvitation {
	return CommunityInvitation{
		ID: string(s.ID), Initiator: s.InitiatorUserContext.context(), Invitee: s.InviteeUserContext.context(),
		Community: s.Community.community(), Created: time.Unix(s.Created, 0), Actions: actions(s.Cta),
	}
}

// PendingCommunityInvitations lists the community invitations waiting for
// the acting user, newest first unless reversed
// (getPendingCommunityInvitations, a demo-server addition).
func (c *Client) PendingCommunityInvitations(ctx context.Context, a ListArgs) (api.Page[CommunityInvitation], error) {
	if err := c.need(ctx, "getPendingCommunityInvitations"); err != nil {
		return api.Page[CommunityInvitation]{}, err
	}
	var q struct {
		Page listSel[communityInvitationSel] `graphql:"getPendingCommunityInvitations(first: $first, after: $after, reverse: $reverse)"`
	}
	err := c.gql.Query(ctx, &q, listVars(a))
	if err != nil && !api.Partial(err) {
		return api.Page[CommunityInvitation]{}, err
	}
	return pageOf(q.Page, communityInvitationSel.invitation), err
}

// SentInvitations lists the pending user invitations the acting user sent
// (getSentUserInvitations, a demo-server addition).
func (c *Client) SentInvitations(ctx context.Context, a ListArgs) (api.Page[Invitation], error) {
	if err := c.need(ctx, "getSentUserInvitations"); err != nil {
		return api.Page[Invitation]{}, err
	}
	var q struct {
		Page listSel[invitationSel] `graphql:"getSentUserInvitations(first: $first, after: $after, reverse: $reverse, sortKey: $sortKey)"`
	}
	err := c.gql.Query(ctx, &q, sortVars(a))
	if err != nil && !api.Partial(err) {
		return api.Page[Invitation]{}, err
	}
	return pageOf(q.Page, invitationSel.invitation), err
}

// PossibleCommunityInvitees lists who the acting user may invite to the
// community, by name, optionally filtered by name.
func (c *Client) PossibleCommunityInvitees(ctx context.Context, communityID string, a ListArgs) (api.Page[Context], error) {
	var q struct {
		Page listSel[contextSel] `graphql:"getPossibleCommunityInvitees(communityId: $communityId, first: $first, after: $after, reverse: $reverse, name: $name)"`
	}
	v := nameVar(listVars(a), a.Name)
	v["communityId"] = graphql.ID(communityID)
	err := c.gql.Query(ctx, &q, v)
	if err != nil && !api.Partial(err) {
		return api.Page[Context]{}, err
	}
	return pageOf(q.Page, contextSel.context), err
}
