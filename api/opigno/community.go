package opigno

import (
	"context"
	"errors"
	"fmt"
	"time"

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
	// Missing marks an id looked up (CommunitiesByID) that the server
	// does not know, or does not let the acting user see; Why is what it
	// said, when it said something.
	Missing bool
	Why     string
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
	return fmt.Sprintf("this Opigno server has no %s query (Opigno does not document it)", e.Query)
}

// Has reports whether the server is believed to have the query field
// name: what its schema says, when it answers introspection; otherwise
// anything not found missing yet is worth trying.
func (c *Client) Has(ctx context.Context, query string) (bool, error) {
	return c.gql.Has(ctx, "Query."+query)
}

// Offers says, without asking the server, what is known of an optional
// query (see OptionalQueries): known is false until the server's schema
// or an answer to trying the query told; has is whether it has it.
func (c *Client) Offers(query string) (has, known bool) {
	caps := c.gql.Capabilities()
	path := "Query." + query
	for _, p := range caps.Absent() {
		if p == path {
			return false, true
		}
	}
	if c.ep.isConfirmed(path) {
		return true, true
	}
	if introspected, refused := caps.Introspection(); introspected && refused == "" {
		// Known: answered from the cached schema, without a request.
		if s, err := c.gql.Schema(context.Background()); err == nil {
			return s.Resolves(path), true
		}
	}
	return false, false
}

// Unavailable reports, without asking the server, whether it is known to
// lack the optional query.
func (c *Client) Unavailable(query string) bool {
	has, known := c.Offers(query)
	return known && !has
}

// optionalList runs the list document of an optional query: Unsupported
// when the server lacks it.
func optionalList[N, T any](ctx context.Context, c *Client, query string, vars map[string]any, conv func(*N) T) (api.Page[T], error) {
	var p api.Page[T]
	ok, err := c.optional(ctx, query, func() error {
		var err error
		p, err = list(ctx, c, optionalDocs[query], vars, conv)
		return err
	})
	if !ok && err == nil {
		return api.Page[T]{}, &Unsupported{Query: query}
	}
	if err != nil && !api.Partial(err) {
		return api.Page[T]{}, err
	}
	return p, err
}

// UserCommunities lists the communities the acting user owns or belongs to,
// by title (getUserCommunities, a demo-server addition: Unsupported
// elsewhere).
func (c *Client) UserCommunities(ctx context.Context, a ListArgs) (api.Page[Community], error) {
	return optionalList(ctx, c, QueryUserCommunities, listVars(a), (*communitySel).community)
}

// PendingCommunityInvitations lists the community invitations waiting for
// the acting user, newest first unless reversed
// (getPendingCommunityInvitations, a demo-server addition).
func (c *Client) PendingCommunityInvitations(ctx context.Context, a ListArgs) (api.Page[CommunityInvitation], error) {
	return optionalList(ctx, c, QueryCommunityInvitations, listVars(a), (*communityInvitationSel).invitation)
}

// SentInvitations lists the pending user invitations the acting user sent
// (getSentUserInvitations, a demo-server addition).
func (c *Client) SentInvitations(ctx context.Context, a ListArgs) (api.Page[Invitation], error) {
	return optionalList(ctx, c, QuerySentInvitations, sortVars(a), (*invitationSel).invitation)
}

// PossibleCommunityInvitees lists who the acting user may invite to the
// community, by name, optionally filtered by name.
func (c *Client) PossibleCommunityInvitees(ctx context.Context, communityID string, a ListArgs) (api.Page[Context], error) {
	v := listVars(a)
	v["communityId"] = communityID
	return list(ctx, c, inviteesDoc, v, (*contextSel).context)
}

// ErrNoCommunityLookup means the server has no getCommunity query.
var ErrNoCommunityLookup = errors.New("this Opigno server has no getCommunity query to look communities up by id")
