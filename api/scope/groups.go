package scope

import (
	"context"
	"errors"
	"slices"

	"github.com/rosterm/rosterm/api"
)

// ErrNoGroupList means the server has no query that lists groups.
var ErrNoGroupList = errors.New("this Scope server has no query listing groups")

// Groups pages through the organization's groups, on servers that list
// them (viewer.currentOrganization.groups).
func (c *Client) Groups(ctx context.Context, after string, first int) (api.Page[api.Group], error) {
	s, err := c.Schema(ctx)
	if err != nil {
		return api.Page[api.Group]{}, err
	}
	if !s.HasField("Organization", "groups") {
		return api.Page[api.Group]{}, ErrNoGroupList
	}
	doc := `query RostermGroups($first: Int, $after: String) {
  viewer { currentOrganization { groups(first: $first, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } totalCount } } }
}`
	var out struct {
		Viewer *struct {
			CurrentOrganization *struct {
				Groups *struct {
					Nodes []*struct {
						ID   string `json:"id"`
						Name string `json:"name"`
					} `json:"nodes"`
					PageInfo *struct {
						HasNextPage bool    `json:"hasNextPage"`
						EndCursor   *string `json:"endCursor"`
					} `json:"pageInfo"`
					TotalCount *int `json:"totalCount"`
				} `json:"groups"`
			} `json:"currentOrganization"`
		} `json:"viewer"`
	}
	err = c.gql.Exec(ctx, doc, &out, pageVars(after, first))
	if err != nil && !api.Partial(err) {
		return api.Page[api.Group]{}, err
	}
	page := api.Page[api.Group]{Total: 0}
	if out.Viewer == nil || out.Viewer.CurrentOrganization == nil || out.Viewer.CurrentOrganization.Groups == nil {
		return page, err
	}
	g := out.Viewer.CurrentOrganization.Groups
	page.Total = -1
	if g.TotalCount != nil {
		page.Total = *g.TotalCount
	}
	if g.PageInfo != nil {
		page.Next, page.More = str(g.PageInfo.EndCursor), g.PageInfo.HasNextPage
	}
	for _, n := range g.Nodes {
		if n != nil {
			page.Items = append(page.Items, api.Group{Source: api.Scope, ID: n.ID, Name: n.Name, MemberCount: -1})
		}
	}
	return page, err
}

// GroupNames lists every group's name, for choosing groups in a form. A
// server that cannot list groups answers ErrNoGroupList.
func (c *Client) GroupNames(ctx context.Context) ([]string, error) {
	var names []string
	after := ""
	for {
		p, err := c.Groups(ctx, after, 100)
		if err != nil {
			return nil, err
		}
		for _, g := range p.Items {
			names = append(names, g.Name)
		}
		if !p.More || len(p.Items) == 0 {
			break
		}
		after = p.Next
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// GroupMembers pages through a group's members. Servers whose groups list
// their members are asked directly; on others the organization's users
// are walked and those in the group kept, which is slower but complete.
func (c *Client) GroupMembers(ctx context.Context, g api.Group, after string, first int) (api.Page[api.User], error) {
	s, err := c.Schema(ctx)
	if err != nil {
		return api.Page[api.User]{}, err
	}
	if !s.HasField("Group", "members") || g.ID == "" {
		inGroup := func(u api.User) bool { return slices.Contains(u.Groups, g.Name) }
		everyone := func(ctx context.Context, after string, n int) (api.Page[api.User], error) {
			return c.SearchUsers(ctx, "", after, n)
		}
		return api.FilterPages(everyone, inGroup)(ctx, after, first)
	}
	doc := `query RostermGroupMembers($id: ID!, $first: Int, $after: String) {
  node(id: $id) { ... on Group { members(first: $first, after: $after) { ` + connectionFields(s) + ` } } }
}`
	v := pageVars(after, first)
	v["id"] = g.ID
	var out struct {
		Node *struct {
			Members *userConnection `json:"members"`
		} `json:"node"`
	}
	err = c.gql.Exec(ctx, doc, &out, v)
	if err != nil && !api.Partial(err) {
		return api.Page[api.User]{}, err
	}
	if out.Node == nil || out.Node.Members == nil {
		return api.Page[api.User]{Total: 0}, err
	}
	return out.Node.Members.page(), err
}
