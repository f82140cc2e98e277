// Package scope is the client of the Scope GraphQL API: user search and
// detail, create, update and delete, groups and licenses.
//
// The documents are written out here rather than derived from structs,
// because what they select depends on the server: fields the reference
// infers or the demo adds are asked for only when introspection shows them.
package scope

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

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

// userFields is the selection of a user, with the origin group on servers
// that expose it.
func userFields(s *api.Schema) string {
	f := `id firstName lastName username email phone jobTitle
      licenses(first: 50) { nodes { licenseType } }
      groups(first: 100) { nodes { name } }`
	if s.HasField("User", "originGroup") {
		f += ` originGroup { name }`
	}
	return f
}

// userJSON is a user as the documents above select it.
type userJSON struct {
	ID        string  `json:"id"`
	FirstName *string `json:"firstName"`
	LastName  *string `json:"lastName"`
	Username  *string `json:"username"`
	Email     *string `json:"email"`
	Phone     *string `json:"phone"`
	JobTitle  *string `json:"jobTitle"`
	Licenses  *struct {
		Nodes []*struct {
			LicenseType string `json:"licenseType"`
		} `json:"nodes"`
	} `json:"licenses"`
	Groups *struct {
		Nodes []*struct {
			Name string `json:"name"`
		} `json:"nodes"`
	} `json:"groups"`
	OriginGroup *struct {
		Name string `json:"name"`
	} `json:"originGroup"`
}

func (j userJSON) user() api.User {
	u := api.User{
		Source: api.Scope, ID: j.ID, FirstName: str(j.FirstName), LastName: str(j.LastName),
		Username: str(j.Username), Email: str(j.Email), Phone: str(j.Phone), JobTitle: str(j.JobTitle),
	}
	if j.Licenses != nil {
		for _, l := range j.Licenses.Nodes {
			if l != nil {
				u.Licenses = append(u.Licenses, l.LicenseType)
			}
		}
	}
	if j.Groups != nil {
		for _, g := range j.Groups.Nodes {
			if g != nil {
				u.Groups = append(u.Groups, g.Name)
			}
		}
	}
	if j.OriginGroup != nil {
		u.OriginGroup = j.OriginGroup.Name
	}
	return u
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// connectionFields selects a page of a Relay connection of users.
func connectionFields(s *api.Schema) string {
	return `nodes { ` + userFields(s) + ` } pageInfo { hasNextPage endCursor } totalCount`
}

// userConnection is a page of users as connectionFields selects it.
type userConnection struct {
	Nodes    []*userJSON `json:"nodes"`
	PageInfo *struct {
		HasNextPage bool    `json:"hasNextPage"`
		EndCursor   *string `json:"endCursor"`
	} `json:"pageInfo"`
	TotalCount *int `json:"totalCount"`
}

func (p userConnection) page() api.Page[api.User] {
	out := api.Page[api.User]{Total: -1, Items: make([]api.User, 0, len(p.Nodes))}
	if p.PageInfo != nil {
		out.Next, out.More = str(p.PageInfo.EndCursor), p.PageInfo.HasNextPage
	}
	if p.TotalCount != nil {
		out.Total = *p.TotalCount
	}
	for _, n := range p.Nodes {
		if n != nil {
			out.Items = append(out.Items, n.user())
		}
	}
	return out
}

// pageVars are the variables of a Relay page request.
func pageVars(after string, first int) map[string]any {
	v := map[string]any{"first": first, "after": nil}
	if after != "" {
		v["after"] = after
	}
	return v
}

// HasUsersQuery reports whether the server has Query.users (Scope 2.28.1
// and later); older servers are searched through the organization's members.
func (c *Client) HasUsersQuery(ctx context.Context) (bool, error) {
	s, err := c.Schema(ctx)
	if err != nil {
		return false, err
	}
	_, ok := s.Query("users")
	return ok, nil
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
	v["fullText"] = nil
	if text = strings.TrimSpace(text); text != "" {
		v["fullText"] = text
	}
	if _, ok := s.Query("users"); !ok {
		return c.searchMembers(ctx, s, v)
	}
	doc := `query RostermUsers($fullText: String, $first: Int, $after: String) {
  users(fullText: $fullText, first: $first, after: $after) { errors { fullMessage } ` + connectionFields(s) + ` }
}`
	var out struct {
		Users *struct {
			Errors []struct {
				FullMessage string `json:"fullMessage"`
			} `json:"errors"`
			userConnection
		} `json:"users"`
	}
	err = c.gql.Exec(ctx, doc, &out, v)
	if err != nil && !api.Partial(err) {
		return api.Page[api.User]{}, err
	}
	if out.Users == nil {
		return api.Page[api.User]{Total: 0}, err
	}
	if len(out.Users.Errors) > 0 {
		return api.Page[api.User]{}, &api.Error{Kind: api.KindGraphQL, Message: "the server refused the search: " + out.Users.Errors[0].FullMessage}
	}
	return out.Users.page(), err
}

func (c *Client) searchMembers(ctx context.Context, s *api.Schema, v map[string]any) (api.Page[api.User], error) {
	doc := `query RostermMembers($fullText: String, $first: Int, $after: String) {
  viewer { currentOrganization { members(fullText: $fullText, first: $first, after: $after) { ` + connectionFields(s) + ` } } }
}`
	var out struct {
		Viewer *struct {
			CurrentOrganization *struct {
				Members *userConnection `json:"members"`
			} `json:"currentOrganization"`
		} `json:"viewer"`
	}
	err := c.gql.Exec(ctx, doc, &out, v)
	if err != nil && !api.Partial(err) {
		return api.Page[api.User]{}, err
	}
	if out.Viewer == nil || out.Viewer.CurrentOrganization == nil || out.Viewer.CurrentOrganization.Members == nil {
		return api.Page[api.User]{Total: 0}, err
	}
	return out.Viewer.CurrentOrganization.Members.page(), err
}

// LicenseTypes are the values of the license enum, read from the schema
// (the type that createUser's requestedLicenses takes), so licenses a
// server adds appear without a new release.
func (c *Client) LicenseTypes(ctx context.Context) ([]string, error) {
	s, err := c.Schema(ctx)
	if err != nil {
		return nil, err
	}
	name := "LicenseTypeEnum"
	if t := s.Types[inputTypeName(s, "createUser")]; t != nil {
		for _, f := range t.InputFields {
			if f.Name == "requestedLicenses" {
				name = f.Type.Named()
			}
		}
	}
	return s.Enum(name), nil
}

// inputTypeName is the named type of mutation's input argument.
func inputTypeName(s *api.Schema, mutation string) string {
	if f, ok := s.Mutation(mutation); ok {
		for _, a := range f.Args {
			if a.Name == "input" {
				return a.Type.Named()
			}
		}
	}
	return ""
}
