package vision

import (
	"context"
	"fmt"
	"strings"

	graphql "github.com/graph-gophers/graphql-go"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

// maxLimit bounds listUsers' limit. XOi does not document one; a
// third-party summary says 1 to 1000, which the demo enforces.
const maxLimit = 1000

// awsEmail is AppSync's AWSEmail scalar.
type awsEmail string

func (awsEmail) ImplementsGraphQLType(name string) bool { return name == "AWSEmail" }

func (e *awsEmail) UnmarshalGraphQL(input any) error {
	s, ok := input.(string)
	if !ok || !strings.Contains(s, "@") {
		return fmt.Errorf("AWSEmail must be an email address, got %v", input)
	}
	*e = awsEmail(s)
	return nil
}

// rootResolver is the root of Query. It holds nothing: each request
// carries the directory of its server (see gqlserve.Handler).
type rootResolver struct{}

// directoryOf is the directory of the server ctx's request is for.
func directoryOf(ctx context.Context) *directory { return gqlserve.From[directory](ctx) }

type userResolver struct{ u *visionUser }

func (r *userResolver) ID() graphql.ID      { return graphql.ID(r.u.id) }
func (r *userResolver) Email() awsEmail     { return awsEmail(r.u.email) }
func (r *userResolver) GivenName() string   { return r.u.given }
func (r *userResolver) FamilyName() string  { return r.u.family }
func (r *userResolver) PhoneNumber() string { return r.u.phone }

type groupResolver struct{ g *visionGroup }

func (r *groupResolver) ID() graphql.ID       { return graphql.ID(r.g.id) }
func (r *groupResolver) Name() string         { return r.g.name }
func (r *groupResolver) Description() *string { return r.g.description }
func (r *groupResolver) Members() []string    { return r.g.members }

type listUsersInput struct {
	Limit     int32
	NextToken *string
}

type listUsersResult struct{ conn *userConnection }

func (r *listUsersResult) UserConnection() *userConnection { return r.conn }

type userConnection struct {
	items     []*userResolver
	nextToken string
}

func (c *userConnection) Items() []*userResolver { return c.items }
func (c *userConnection) NextToken() *string     { return &c.nextToken }

// ListUsers pages in directory order. An empty or absent nextToken starts
// at the beginning; the last page's nextToken is "".
func (r *rootResolver) ListUsers(ctx context.Context, args struct{ Input listUsersInput }) (*listUsersResult, error) {
	dir := directoryOf(ctx)
	in := args.Input
	if in.Limit < 1 || in.Limit > maxLimit {
		return nil, fmt.Errorf("limit must be between 1 and %d (got %d)", maxLimit, in.Limit)
	}
	start := 0
	if in.NextToken != nil && *in.NextToken != "" {
		last, ok := decodeNextToken(*in.NextToken)
		i, known := dir.index[last]
		if !ok || !known {
			return nil, fmt.Errorf("invalid nextToken: pass \"\" for the first page, or a nextToken from a listUsers response")
		}
		start = i + 1
	}
	end := min(start+int(in.Limit), len(dir.users))
	conn := &userConnection{items: make([]*userResolver, 0, end-start)}
	for i := start; i < end; i++ {
		conn.items = append(conn.items, &userResolver{&dir.users[i]})
	}
	if end < len(dir.users) {
		conn.nextToken = encodeNextToken(dir.users[end-1].id)
	}
	return &listUsersResult{conn}, nil
}

type getUserResult struct{ user *userResolver }

func (r *getUserResult) User() *userResolver { return r.user }

// GetUser answers user: null for an id nobody has.
func (r *rootResolver) GetUser(ctx context.Context, args struct{ Input struct{ ID graphql.ID } }) *getUserResult {
	dir := directoryOf(ctx)
	if i, ok := dir.index[string(args.Input.ID)]; ok {
		return &getUserResult{&userResolver{&dir.users[i]}}
	}
	return &getUserResult{}
}

type usersByEmailResult struct{ users []*userResolver }

func (r *usersByEmailResult) Users() []*userResolver { return r.users }

// GetUsersByEmail matches the email field (not the id), ignoring case.
func (r *rootResolver) GetUsersByEmail(ctx context.Context, args struct{ Input struct{ Email string } }) *usersByEmailResult {
	dir := directoryOf(ctx)
	res := &usersByEmailResult{users: []*userResolver{}}
	for _, i := range dir.byEmail[strings.ToLower(args.Input.Email)] {
		res.users = append(res.users, &userResolver{&dir.users[i]})
	}
	return res
}

type groupsResult struct{ groups []*groupResolver }

func (r *groupsResult) Groups() []*groupResolver { return r.groups }

// GetGroups returns the groups that exist, in the order asked; the others
// are silently left out, as XOi documents.
func (r *rootResolver) GetGroups(ctx context.Context, args struct{ Input struct{ Ids []graphql.ID } }) *groupsResult {
	dir := directoryOf(ctx)
	res := &groupsResult{groups: []*groupResolver{}}
	seen := map[graphql.ID]bool{}
	for _, id := range args.Input.Ids {
		if g, ok := dir.groups[string(id)]; ok && !seen[id] {
			seen[id] = true
			res.groups = append(res.groups, &groupResolver{g})
		}
	}
	return res
}
