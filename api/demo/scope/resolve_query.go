package scope

import (
	"context"
	"fmt"

	graphql "github.com/graph-gophers/graphql-go"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

// rootResolver is the root of Query and Mutation. It holds nothing: each
// request carries the store of its server (see gqlserve.Handler).
type rootResolver struct{}

// storeOf is the store of the server ctx's request is for.
func storeOf(ctx context.Context) *store { return gqlserve.From[store](ctx) }

// Viewer is the signed-in user. The API token is not a user: it gets a
// stand-in whose user fields are null but for the organization it acts in.
func (r *rootResolver) Viewer(ctx context.Context) *userResolver {
	st := storeOf(ctx)
	if u, ok := st.user(viewerOf(ctx).userID); ok {
		return &userResolver{u: u, st: st}
	}
	return &userResolver{u: user{org: demoOrgID}, st: st, token: true}
}

// Organization is the demo company, the one the demo's tokens act in.
func (r *rootResolver) Organization(ctx context.Context) *orgResolver {
	return &orgResolver{demoOrgID, storeOf(ctx)}
}

// nodeResolver is NodeInterface: exactly one of its fields is set.
type nodeResolver struct {
	user    *userResolver
	group   *groupResolver
	license *licenseResolver
	org     *orgResolver
}

func (n *nodeResolver) ID() graphql.ID {
	switch {
	case n.user != nil:
		return n.user.ID()
	case n.group != nil:
		return n.group.ID()
	case n.license != nil:
		return n.license.ID()
	}
	return n.org.ID()
}

func (n *nodeResolver) ToUser() (*userResolver, bool)       { return n.user, n.user != nil }
func (n *nodeResolver) ToGroup() (*groupResolver, bool)     { return n.group, n.group != nil }
func (n *nodeResolver) ToLicense() (*licenseResolver, bool) { return n.license, n.license != nil }
func (n *nodeResolver) ToOrganization() (*orgResolver, bool) {
	return n.org, n.org != nil
}

// Node resolves a global id. An unknown id is null; an object of another
// company is null with "Not authorized to read object", as Scope documents.
func (r *rootResolver) Node(ctx context.Context, args struct{ ID graphql.ID }) (*nodeResolver, error) {
	st := storeOf(ctx)
	typ, id, ok := parseID(args.ID)
	if !ok {
		return nil, fmt.Errorf("Invalid ID: %q is not an id this server issued", args.ID)
	}
	switch typ {
	case typeUser:
		u, ok := st.user(id)
		return readable(ok, u.org, &nodeResolver{user: &userResolver{u: u, st: st}})
	case typeLicense:
		l, holder, ok := st.license(id)
		return readable(ok, holder.org, &nodeResolver{license: &licenseResolver{l}})
	case typeGroup:
		g, ok := st.groups[id]
		return readable(ok, demoOrgID, &nodeResolver{group: &groupResolver{g, st}})
	}
	exists := id == demoOrgID || id == foreignOrgID
	return readable(exists, id, &nodeResolver{org: &orgResolver{id, st}})
}

func readable(exists bool, org int, n *nodeResolver) (*nodeResolver, error) {
	switch {
	case !exists:
		return nil, nil
	case org != demoOrgID:
		return nil, errNotAuthorized
	}
	return n, nil
}

// usersResult is UsersQueryResult: a page of users, or errors saying which
// argument broke a rule, the way Scope's users field reports them.
type usersResult struct {
	page *connection[*userResolver]
	errs []*fieldError
}

func (r *rootResolver) Users(ctx context.Context, args membersArgs) *usersResult {
	st := storeOf(ctx)
	page, perr := paginate(kindUsers, st.members(deref(args.FullText)),
		func(u user) sortKey { return u.key() }, args.page(),
		func(u user) *userResolver { return &userResolver{u: u, st: st} })
	if perr != nil {
		return &usersResult{errs: []*fieldError{invalid(pathOf(perr.arg), humanize(perr.arg), perr.message, "invalid")}}
	}
	return &usersResult{page: page, errs: []*fieldError{}}
}

func (r *usersResult) Errors() *[]*fieldError { return &r.errs }

func (r *usersResult) Nodes() *[]*userResolver {
	if r.page == nil {
		return nil
	}
	return r.page.Nodes()
}

func (r *usersResult) Edges() *[]*edge[*userResolver] {
	if r.page == nil {
		return nil
	}
	return r.page.Edges()
}

func (r *usersResult) PageInfo() *pageInfo {
	if r.page == nil {
		return nil
	}
	return r.page.PageInfo()
}

func (r *usersResult) TotalCount() *int32 {
	if r.page == nil {
		return nil
	}
	return r.page.TotalCount()
}
