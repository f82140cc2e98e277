package scope

import (
	"context"
	"errors"
	"slices"

	"github.com/rosterm/rosterm/api"
)

// ErrNoGroupList means the server has no query that lists groups.
var ErrNoGroupList = errors.New("this Scope server has no query listing groups")

// The organization's groups, as Scope's Global Node IDs page shows them
// (viewer…groups { nodes { id name } }, no arguments); paging arguments,
// pageInfo and totalCount where the server has them.
const orgGroups = "Query.viewer.currentOrganization.groups"

var groupsDoc = doc("RostermGroups", `query RostermGroups{{if .Has "`+orgGroups+`(first)"}}($first: Int{{if .Has "`+orgGroups+`(after)"}}, $after: String{{end}}){{end}} {
  viewer { currentOrganization {
    groups{{if .Has "`+orgGroups+`(first)"}}(first: $first{{if .Has "`+orgGroups+`(after)"}}, after: $after{{end}}){{end}} {
      nodes { id name }{{if .Has "`+orgGroups+`.pageInfo"}}
      pageInfo { hasNextPage endCursor }{{end}}{{if .Has "`+orgGroups+`.totalCount"}}
      totalCount{{end}}
    }
  } }
}`)

// Groups pages through the organization's groups: by cursor where the
// server has cursors, by growing first where it has only that, else all
// the server gives in one answer.
func (c *Client) Groups(ctx context.Context, after string, first int) (api.Page[api.Group], error) {
	p := newPaging(after, first)
	var out struct {
		Viewer *struct {
			CurrentOrganization *struct {
				Groups *struct {
					Nodes []*struct {
						ID   string `json:"id"`
						Name string `json:"name"`
					} `json:"nodes"`
					PageInfo   *pageInfoJSON `json:"pageInfo"`
					TotalCount *int          `json:"totalCount"`
				} `json:"groups"`
			} `json:"currentOrganization"`
		} `json:"viewer"`
	}
	var in api.Included
	ok, err := c.gql.Optional(ctx, orgGroups, func() error {
		var err error
		in, err = c.gql.QueryDoc(ctx, groupsDoc, &out, p.vars())
		return err
	})
	switch {
	case !ok && err == nil:
		return api.Page[api.Group]{}, ErrNoGroupList
	case err != nil && !api.Partial(err):
		return api.Page[api.Group]{}, err
	}
	if out.Viewer == nil || out.Viewer.CurrentOrganization == nil || out.Viewer.CurrentOrganization.Groups == nil {
		return api.Page[api.Group]{Total: 0}, err
	}
	g := out.Viewer.CurrentOrganization.Groups
	var groups []api.Group
	for _, n := range g.Nodes {
		if n != nil {
			groups = append(groups, api.Group{Source: api.Scope, ID: n.ID, Name: n.Name, MemberCount: -1})
		}
	}
	mode := paged{
		first:   in.Has(orgGroups + "(first)"),
		cursors: in.Has(orgGroups+"(after)") && in.Has(orgGroups+".pageInfo"),
	}
	return pageOf(p, mode, groups, g.TotalCount, g.PageInfo, "groups"), err
}

// groupNamesBudget bounds the walk through every group: a server that
// keeps saying there is more stops being believed after 50 pages (5,000
// groups), or 1 MB of groups, far more than a form can offer.
var groupNamesBudget = api.Budget{Pages: 50, Bytes: 1 << 20}

// GroupNames lists every group's name, for choosing groups in a form. A
// server that cannot list groups answers ErrNoGroupList. A walk the server
// does not end (the same page again, pages in a cycle, more promised but
// nothing sent, or beyond the budget) stops, keeping the names that came,
// and end says why; it is "" when the server's list ended.
func (c *Client) GroupNames(ctx context.Context) (names []string, end string, err error) {
	w := api.NewWalk(groupNamesBudget, "group names")
	for after := ""; ; {
		w.Ask(after)
		p, err := c.Groups(ctx, after, maxFirst)
		if err != nil {
			return nil, "", err
		}
		for _, g := range p.Items {
			names = append(names, g.Name)
		}
		if end = w.Got(len(p.Items), api.PageFootprint(p.Items), p.More, p.Next); end != "" || !p.More {
			break
		}
		after = p.Next
	}
	slices.Sort(names)
	return slices.Compact(names), end, nil
}

var groupMembersDoc = doc("RostermGroupMembers", `query RostermGroupMembers($id: ID!, $first: Int{{if .Has "Group.members(after)"}}, $after: String{{end}}) {
  node(id: $id) { ... on Group {
    members(first: $first{{if .Has "Group.members(after)"}}, after: $after{{end}}) {
      {{template "users" .}}{{if .Has "Group.members.pageInfo"}}
      pageInfo { hasNextPage endCursor }{{end}}
    }
  } }
}`)

// GroupMembers pages through a group's members. Servers whose groups list
// their members (Scope's Introduction shows group members(first:)) are
// asked directly; on others the organization's users are walked and those
// in the group kept, which is slower.
func (c *Client) GroupMembers(ctx context.Context, g api.Group, after string, first int) (api.Page[api.User], error) {
	p := newPaging(after, first)
	v := p.vars()
	v["id"] = g.ID
	var out struct {
		Node *struct {
			Members *userConnection `json:"members"`
		} `json:"node"`
	}
	var in api.Included
	ok, err := false, error(nil)
	if g.ID != "" {
		ok, err = c.gql.Optional(ctx, "Group.members", func() error {
			var err error
			in, err = c.gql.QueryDoc(ctx, groupMembersDoc, &out, v)
			return err
		})
	}
	if !ok && err == nil {
		inGroup := func(u api.User) bool { return slices.Contains(u.Groups, g.Name) }
		everyone := func(ctx context.Context, after string, n int) (api.Page[api.User], error) {
			return c.SearchUsers(ctx, "", after, n)
		}
		return api.FilterPages(everyone, inGroup)(ctx, after, first)
	}
	if err != nil && !api.Partial(err) {
		return api.Page[api.User]{}, err
	}
	if out.Node == nil || out.Node.Members == nil {
		return api.Page[api.User]{Total: 0}, err
	}
	m := out.Node.Members
	c.observe(m.Nodes)
	mode := paged{first: true, cursors: in.Has("Group.members(after)") && in.Has("Group.members.pageInfo")}
	return pageOf(p, mode, users(m.Nodes), m.TotalCount, m.PageInfo, "members"), err
}
