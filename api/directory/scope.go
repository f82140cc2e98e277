package directory

import (
	"context"
	"errors"
	"slices"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/scope"
)

// Scope is Scope as a directory: it searches, lists groups and their
// members page by page, says a user's groups with the user, and changes
// users and their groups.
type Scope struct{ c *scope.Client }

// NewScope is the directory of a Scope client.
func NewScope(c *scope.Client) *Scope { return &Scope{c: c} }

// The abilities Scope has.
var (
	_ Editor     = (*Scope)(nil)
	_ Membership = (*Scope)(nil)
)

// Source is api.Scope.
func (*Scope) Source() api.Source { return api.Scope }

// Name is "Scope".
func (*Scope) Name() string { return "Scope" }

// Fields are a Scope user's job title, licenses, groups and origin group.
func (*Scope) Fields() Fields {
	return FieldJobTitle | FieldLicenses | FieldGroups | FieldOriginGroup
}

// Users is Scope's full-text search, page by page.
func (s *Scope) Users(text string) api.PageFetch[api.User] {
	return func(ctx context.Context, after string, n int) (api.Page[api.User], error) {
		return s.c.SearchUsers(ctx, text, after, n)
	}
}

// SearchNote is "": Scope searches itself.
func (*Scope) SearchNote(string) string { return "" }

// Groups pages through the organization's groups. A server that cannot
// list groups has none to show here; a user's groups still come with the
// user (GroupsOf).
func (s *Scope) Groups() api.PageFetch[api.Group] {
	return func(ctx context.Context, after string, n int) (api.Page[api.Group], error) {
		p, err := s.c.Groups(ctx, after, n)
		if errors.Is(err, scope.ErrNoGroupList) {
			return api.Page[api.Group]{Total: 0}, nil
		}
		return p, err
	}
}

// GroupsOf is the group names Scope gives with u.
func (*Scope) GroupsOf(u api.User) ([]string, bool) { return u.Groups, true }

// Members pages through g's members as Scope gives them.
func (s *Scope) Members(g api.Group, _ map[string]Member) api.PageFetch[Member] {
	return func(ctx context.Context, after string, n int) (api.Page[Member], error) {
		p, err := s.c.GroupMembers(ctx, g, after, n)
		out := api.Page[Member]{Next: p.Next, More: p.More, Total: p.Total, End: p.End}
		for _, u := range p.Items {
			out.Items = append(out.Items, Member{ID: u.ID, User: u, Found: true})
		}
		return out, err
	}
}

// Choices are the server's license types and group names (nil when it
// cannot list groups).
func (s *Scope) Choices(ctx context.Context) (licenses, groups []string, note string, err error) {
	licenses, err = s.c.LicenseTypes(ctx)
	if err != nil {
		return nil, nil, "", err
	}
	groups, note, err = s.c.GroupNames(ctx)
	if errors.Is(err, scope.ErrNoGroupList) {
		return licenses, nil, "", nil
	}
	return licenses, groups, note, err
}

// Mutation names Scope's mutation for op: joining and leaving a group
// are updates of the user's groups.
func (*Scope) Mutation(op Op) string {
	switch op {
	case Create:
		return "createUser"
	case Delete:
		return "deleteUsers"
	}
	return "updateUser"
}

// NeedsOriginGroup is Scope's rule: with an ADMIN or AUTHOR license.
func (*Scope) NeedsOriginGroup(licenses []string) bool { return scope.NeedsOriginGroup(licenses) }

// CreateUser is Scope's createUser.
func (s *Scope) CreateUser(ctx context.Context, nu NewUser) (api.User, []FieldError, error) {
	return s.c.CreateUser(ctx, nu)
}

// UpdateUser is Scope's updateUser.
func (s *Scope) UpdateUser(ctx context.Context, id string, ch Change) (api.User, []FieldError, error) {
	return s.c.UpdateUser(ctx, id, ch)
}

// DeleteUsers is Scope's deleteUsers.
func (s *Scope) DeleteUsers(ctx context.Context, ids []string) (DeleteResult, error) {
	return s.c.DeleteUsers(ctx, ids)
}

// Join sends u's groups and g with updateUser, which takes the whole new
// set: Scope changes membership so.
func (s *Scope) Join(ctx context.Context, u api.User, g api.Group) (api.User, []FieldError, error) {
	groups := append(slices.Clone(u.Groups), g.Name)
	return s.c.UpdateUser(ctx, u.ID, Change{Groups: &groups})
}

// Leave sends u's groups but g with updateUser.
func (s *Scope) Leave(ctx context.Context, u api.User, g api.Group) (api.User, []FieldError, error) {
	groups := slices.DeleteFunc(slices.Clone(u.Groups), func(n string) bool { return n == g.Name })
	return s.c.UpdateUser(ctx, u.ID, Change{Groups: &groups})
}
