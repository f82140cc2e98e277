package opigno

import graphql "github.com/graph-gophers/graphql-go"

// The view types are what resolvers hand to graph-gophers: plain values
// built under the store lock, so field resolution never touches the store.
// Field names match the schema (UseFieldResolvers); nullable fields are
// pointers, as graph-gophers requires.

type keyValueView struct {
	Key   string
	Value *string
}

type ctaView struct {
	ActionID  string
	Title     *string
	Arguments *[]*keyValueView
	Metadata  *[]*keyValueView
}

type userContextView struct {
	ID          graphql.ID
	UUID        string
	DisplayName *string
	IsActive    *bool
	Scope       *string
}

type userConnectionView struct {
	UserContext *userContextView
	Cta         *[]*ctaView
}

type userInvitationView struct {
	ID                   graphql.ID
	InitiatorUserContext *userContextView
	InviteeUserContext   *userContextView
	IsAccepted           bool
	Created              int32
	Status               *string
	Cta                  *[]*ctaView
}

type mediaImageView struct {
	URL *string
}

type communityView struct {
	ID                      graphql.ID
	OwnerUserContext        *userContextView
	Title                   string
	Description             string
	Visibility              string
	Created                 int32
	MembersNumber           int32
	PostNotificationEnabled *bool
	Image                   *mediaImageView
	Cta                     *[]*ctaView
	LastPostTime            *int32
}

type communityInvitationView struct {
	ID                   graphql.ID
	InitiatorUserContext *userContextView
	InviteeUserContext   *userContextView
	Community            *communityView
	Created              int32
	Cta                  *[]*ctaView
}

type pageInfoView struct {
	HasNextPage     bool
	HasPreviousPage *bool
	StartCursor     *cursorScalar
	EndCursor       *cursorScalar
}

type edge[N any] struct {
	Cursor *cursorScalar
	Node   N
}

type connection[N any] struct {
	Edges      []*edge[N]
	PageInfo   *pageInfoView
	TotalItems int32
}

// response is every mutation's {errors, response} envelope.
type response[T any] struct {
	Errors   *[]*violation
	Response T
}

// Invitation statuses; Opigno does not document the values.
const (
	statusPending  = "PENDING"
	statusAccepted = "ACCEPTED"
)

func (d *data) userContextView(u *userContext) *userContextView {
	v := &userContextView{ID: gqlID(u.id), UUID: u.uuid, IsActive: ptr(u.active)}
	if u.name != "" {
		v.DisplayName = ptr(u.name)
	}
	if u.scope != "" {
		v.Scope = ptr(u.scope)
	}
	return v
}

func (d *data) userInvitationView(inv *userInvitation, viewer *userContext) *userInvitationView {
	status := statusPending
	if inv.accepted {
		status = statusAccepted
	}
	return &userInvitationView{
		ID:                   gqlID(inv.id),
		InitiatorUserContext: d.userContextView(d.context(inv.from)),
		InviteeUserContext:   d.userContextView(d.context(inv.to)),
		IsAccepted:           inv.accepted,
		Created:              int32(inv.created),
		Status:               ptr(status),
		Cta:                  d.userInvitationCTAs(inv, viewer),
	}
}

func (d *data) communityView(c *community, viewer *userContext) *communityView {
	v := &communityView{
		ID:                      gqlID(c.id),
		OwnerUserContext:        d.userContextView(d.context(c.owner)),
		Title:                   c.title,
		Description:             c.description,
		Visibility:              c.visibility,
		Created:                 int32(c.created),
		MembersNumber:           int32(d.membersNumber(c)),
		PostNotificationEnabled: ptr(c.postNotifications),
		Cta:                     communityCTAs(c, viewer),
	}
	if c.imageURL != "" {
		v.Image = &mediaImageView{URL: ptr(c.imageURL)}
	}
	if c.lastPostTime != 0 {
		v.LastPostTime = ptr(int32(c.lastPostTime))
	}
	return v
}

func (d *data) communityInvitationView(inv *communityInvitation, viewer *userContext) *communityInvitationView {
	c := d.communities[inv.community]
	return &communityInvitationView{
		ID:                   gqlID(inv.id),
		InitiatorUserContext: d.userContextView(d.context(inv.from)),
		InviteeUserContext:   d.userContextView(d.context(inv.to)),
		Community:            d.communityView(c, viewer),
		Created:              int32(inv.created),
		Cta:                  d.communityInvitationCTAs(inv, c, viewer),
	}
}

// connectionOf pages rows as spec and args say and turns the page into
// the GraphQL connection, building a node only for the rows on the page.
func connectionOf[N any](rows []keyRow, spec listSpec, args pageArgs, node func(id int) N) (*connection[N], error) {
	p, err := paginate(rows, spec, args)
	if err != nil {
		return nil, err
	}
	conn := &connection[N]{
		Edges:      []*edge[N]{},
		PageInfo:   &pageInfoView{HasNextPage: p.hasNext, HasPreviousPage: ptr(p.hasPrevious)},
		TotalItems: int32(p.total),
	}
	for i, r := range p.rows {
		conn.Edges = append(conn.Edges, &edge[N]{Cursor: &p.cursors[i], Node: node(r.id)})
	}
	if n := len(p.cursors); n > 0 {
		conn.PageInfo.StartCursor = &p.cursors[0]
		conn.PageInfo.EndCursor = &p.cursors[n-1]
	}
	return conn, nil
}
