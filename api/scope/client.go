// Package scope is the client of the Scope GraphQL API: user search and
// detail, create, update and delete, groups and licenses.
package scope

import (
	"context"
	"errors"
	"net/http"
	"time"

	graphql "github.com/hasura/go-graphql-client"

	"github.com/rosterm/rosterm/api"
)

// Config says where Scope is and which API token to use.
type Config struct {
	Endpoint string
	Token    string
	Timeout  time.Duration
	Log      api.Logger
}

// Client talks to one Scope endpoint.
type Client struct {
	gql *api.Client
}

// New checks cfg and builds a client.
func New(cfg Config) (*Client, error) {
	if cfg.Token == "" {
		return nil, errors.New("scope: no API token is set")
	}
	auth := api.Static(http.Header{"Authorization": {"Token token=" + cfg.Token}})
	gql, err := api.NewClient(api.Endpoint{URL: cfg.Endpoint, Auth: auth, Timeout: cfg.Timeout, Log: cfg.Log})
	if err != nil {
		return nil, err
	}
	return &Client{gql: gql}, nil
}

// URL is the endpoint's address.
func (c *Client) URL() string { return c.gql.URL() }

// Schema returns the server's introspected schema (cached).
func (c *Client) Schema(ctx context.Context) (*api.Schema, error) { return c.gql.Schema(ctx) }

type userSel struct {
	ID        graphql.ID
	FirstName string
	LastName  string
	Username  string
	Email     string
	Phone     string
	JobTitle  string
	Licenses  struct {
		Nodes []struct{ LicenseType string }
	} `graphql:"licenses(first: 50)"`
	Groups struct {
		Nodes []struct{ Name string }
	} `graphql:"groups(first: 100)"`
}

func (s userSel) user() api.User {
	u := api.User{
		Source: api.Scope, ID: string(s.ID), FirstName: s.FirstName, LastName: s.LastName,
		Username: s.Username, Email: s.Email, Phone: s.Phone, JobTitle: s.JobTitle,
	}
	for _, l := range s.Licenses.Nodes {
		u.Licenses = append(u.Licenses, l.LicenseType)
	}
	for _, g := range s.Groups.Nodes {
		u.Groups = append(u.Groups, g.Name)
	}
	return u
}

type pageInfoSel struct {
	HasNextPage bool
	EndCursor   string
}

type userPage struct {
	Nodes      []userSel
	PageInfo   pageInfoSel
	TotalCount int
}

func (p userPage) page() api.Page[api.User] {
	out := api.Page[api.User]{Next: p.PageInfo.EndCursor, More: p.PageInfo.HasNextPage, Total: p.TotalCount}
	out.Items = make([]api.User, 0, len(p.Nodes))
	for _, n := range p.Nodes {
		out.Items = append(out.Items, n.user())
	}
	return out
}

// payloadError is a validation failure in a Scope mutation payload or in
// the users query's errors field.
type payloadError struct {
	Path        []string
	Message     string
	FullMessage string
}

// pageVars are the variables of a Relay page request.
func pageVars(after string, first int) map[string]any {
	v := map[string]any{"first": first, "after": (*string)(nil)}
	if after != "" {
		v["after"] = &after
	}
	return v
}

// SearchUsers pages through the users matching text (everyone when empty).
// Servers from 2.28.1 have Query.users; older ones are searched through
// viewer.currentOrganization.members, chosen from the schema.
func (c *Client) SearchUsers(ctx context.Context, text, after string, first int) (api.Page[api.User], error) {
	s, err := c.Schema(ctx)
	if err != nil {
		return api.Page[api.User]{}, err
	}
	v := pageVars(after, first)
	v["fullText"] = (*string)(nil)
	if text != "" {
		v["fullText"] = &text
	}
	if _, ok := s.Query("users"); !ok {
		return c.searchMembers(ctx, v)
	}
	var q struct {
		Users struct {
			Errors []struct{ FullMessage string }
			userPage
		} `graphql:"users(fullText: $fullText, first: $first, after: $after)"`
	}
	if err := c.gql.Query(ctx, &q, v); err != nil {
		return api.Page[api.User]{}, err
	}
	if len(q.Users.Errors) > 0 {
		return api.Page[api.User]{}, &api.Error{Kind: api.KindGraphQL, Message: "the server refused the search: " + q.Users.Errors[0].FullMessage}
	}
	return q.Users.userPage.page(), nil
}

func (c *Client) searchMembers(ctx context.Context, v map[string]any) (api.Page[api.User], error) {
	var q struct {
		Viewer struct {
			CurrentOrganization struct {
				Members userPage `graphql:"members(fullText: $fullText, first: $first, after: $after)"`
			}
		}
	}
	if err := c.gql.Query(ctx, &q, v); err != nil {
		return api.Page[api.User]{}, err
	}
	return q.Viewer.CurrentOrganization.Members.page(), nil
}

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
	var q struct {
		Viewer struct {
			CurrentOrganization struct {
				Groups struct {
					Nodes []struct {
						ID   graphql.ID
						Name string
					}
					PageInfo   pageInfoSel
					TotalCount int
				} `graphql:"groups(first: $first, after: $after)"`
			}
		}
	}
	if err := c.gql.Query(ctx, &q, pageVars(after, first)); err != nil {
		return api.Page[api.Group]{}, err
	}
	g := q.Viewer.CurrentOrganization.Groups
	out := api.Page[api.Group]{Next: g.PageInfo.EndCursor, More: g.PageInfo.HasNextPage, Total: g.TotalCount}
	for _, n := range g.Nodes {
		out.Items = append(out.Items, api.Group{Source: api.Scope, ID: string(n.ID), Name: n.Name, MemberCount: -1})
	}
	return out, nil
}
