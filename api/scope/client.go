// Package scope is the client of the Scope GraphQL API: user search and
// detail, create, update and delete, groups and licenses.
//
// It sends what Scope documents (api/documented/scope.graphqls) and treats
// the rest as optional capabilities of the server (see api.Capabilities):
// cursors and pageInfo, a connection's first argument where the examples
// leave it out, a user's origin group. The documents are templates whose
// optional parts are left out once the server is known to lack them.
package scope

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/documented"
	"github.com/rosterm/rosterm/api/journal"
)

// Config says where Scope is and which API token to use.
type Config struct {
	Endpoint string
	Token    string
	Timeout  time.Duration
	Log      api.Logger
	Journal  *journal.Journal // records every change sent; nil records nothing
	// Secrets are the program's credentials, kept out of every error and
	// log line; this client's own are added to them. Nil: its own only.
	Secrets *api.Secrets
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
	if cfg.Secrets == nil {
		cfg.Secrets = api.NewSecrets()
	}
	cfg.Secrets.Add(cfg.Token)
	auth := api.Static(http.Header{"Authorization": {"Token token=" + cfg.Token}})
	gql, err := api.NewClient(api.Endpoint{URL: cfg.Endpoint, Auth: auth, Timeout: cfg.Timeout, Log: cfg.Log, API: "scope", Journal: cfg.Journal, Secrets: cfg.Secrets,
		Documented: api.MustParseSDL("scope", documented.Scope)})
	if err != nil {
		return nil, err
	}
	return &Client{gql: gql}, nil
}

// URL is the endpoint's address.
func (c *Client) URL() string { return c.gql.URL() }

// Schema returns the schema documents are planned with: the server's,
// else the documented one.
func (c *Client) Schema(ctx context.Context) (*api.Schema, error) { return c.gql.Schema(ctx) }

// Capabilities is what is known of the server's schema.
func (c *Client) Capabilities() *api.Capabilities { return c.gql.Capabilities() }

// userFields is the selection of a user, as Scope's examples write it
// (licenses and groups without first), with the origin group on servers
// that have it.
const userFields = `{{define "user"}}id firstName lastName username email phone jobTitle
      licenses { nodes { licenseType } }
      groups { nodes { name } }{{if .Has "User.originGroup"}}
      originGroup { name }{{end}}{{end}}`

// connectionFields selects the documented part of a page of a connection
// of users; each document adds the cursor parts where it may.
const connectionFields = `{{define "users"}}nodes { {{template "user" .}} } totalCount{{end}}`

// doc parses one of the client's documents with the user selection.
func doc(name, text string) *api.Template {
	return api.MustTemplate(name, userFields+connectionFields+text)
}

// licenseEnum is the documented name of the license enum.
const licenseEnum = "LicenseTypeEnum"

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

// userConnection is a page of users as "users" selects it, with the
// cursor parts when the server has them.
type userConnection struct {
	Nodes      []*userJSON   `json:"nodes"`
	PageInfo   *pageInfoJSON `json:"pageInfo"`
	TotalCount *int          `json:"totalCount"`
}

type pageInfoJSON struct {
	HasNextPage bool    `json:"hasNextPage"`
	EndCursor   *string `json:"endCursor"`
}

func users(nodes []*userJSON) []api.User {
	out := make([]api.User, 0, len(nodes))
	for _, n := range nodes {
		if n != nil {
			out = append(out, n.user())
		}
	}
	return out
}

// maxFirst is the most rows one connection gives: Scope's older
// Introduction page says every connection takes first or last, each from
// 1 to 100, and no page says the limit changed.
const maxFirst = 100

// offsetCursor marks the list positions rosterm makes up on servers that
// give no cursors: "offset:40" is after the first 40 rows.
const offsetCursor = "offset:"

// paging is one request for a page of a connection: with the server's
// cursors when it has them, else by asking for the first N rows and
// keeping those past the ones already shown, which Scope's documented
// connections allow up to maxFirst rows.
type paging struct {
	after  string // the server's cursor, "" for the first page
	n      int    // rows wanted
	offset int    // rows already shown, on a server without cursors
}

func newPaging(after string, n int) paging {
	p := paging{after: after, n: n}
	if rest, ok := strings.CutPrefix(after, offsetCursor); ok {
		p.offset, _ = strconv.Atoi(rest)
		p.after = ""
	}
	return p
}

// first is the number of rows to ask for.
func (p paging) first() int {
	if p.after != "" {
		return min(p.n, maxFirst)
	}
	return min(p.offset+p.n, maxFirst)
}

// vars are the page variables; a document without cursors leaves after
// out, and first is then enough.
func (p paging) vars() map[string]any {
	v := map[string]any{"first": p.first(), "after": nil}
	if p.after != "" {
		v["after"] = p.after
	}
	return v
}

// paged is how a connection's answer can be read: whether first was sent,
// and whether the cursor parts were.
type paged struct{ first, cursors bool }

// pageOf reads one answer of a connection. With cursors, the server says
// what follows; without them, the rows past the offset are new, and the
// list ends where the server stops or at maxFirst, which End then says.
func pageOf[T any](p paging, mode paged, rows []T, total *int, info *pageInfoJSON, what string) api.Page[T] {
	out := api.Page[T]{Total: -1}
	if total != nil {
		out.Total = *total
	}
	switch {
	case mode.cursors && info != nil:
		out.Items = rows
		out.Next, out.More = str(info.EndCursor), info.HasNextPage
		return out
	case !mode.first:
		out.Items = rows // all the server gives, in one answer
		return out
	}
	if p.offset < len(rows) {
		out.Items = rows[p.offset:]
	}
	shown := p.offset + len(out.Items)
	out.Next = offsetCursor + strconv.Itoa(shown)
	full, rest := len(rows) >= p.first(), out.Total < 0 || shown < out.Total
	out.More = full && rest && p.first() < maxFirst
	if full && rest && p.first() >= maxFirst {
		out.End = endNote(shown, out.Total, what)
	}
	return out
}

// endNote says honestly why a list stops before its end.
func endNote(shown, total int, what string) string {
	of := ""
	if total >= 0 {
		of = fmt.Sprintf(" of %d", total)
	}
	return fmt.Sprintf("first %d%s %s: this Scope server cannot page further; search to find the others", shown, of, what)
}

// HasUsersQuery reports whether the server has Query.users (Scope 2.28.1
// and later); older servers are searched through the organization's
// members. Without introspection, the first search finds out.
func (c *Client) HasUsersQuery(ctx context.Context) (bool, error) {
	return c.gql.Has(ctx, "Query.users")
}

var usersDoc = doc("RostermUsers", `query RostermUsers($fullText: String, $first: Int{{if .Has "Query.users(after)"}}, $after: String{{end}}) {
  users(fullText: $fullText, first: $first{{if .Has "Query.users(after)"}}, after: $after{{end}}) {
    errors { fullMessage }
    {{template "users" .}}{{if .Has "Query.users.pageInfo"}}
    pageInfo { hasNextPage endCursor }{{end}}
  }
}`)

// orgMembers is how Scope servers before 2.28.1 are searched.
const orgMembers = "Query.viewer.currentOrganization.members"

var membersDoc = doc("RostermMembers", `query RostermMembers($fullText: String, $first: Int!{{if .Has "`+orgMembers+`(after)"}}, $after: String{{end}}) {
  viewer { currentOrganization {
    members(fullText: $fullText, first: $first{{if .Has "`+orgMembers+`(after)"}}, after: $after{{end}}) {
      {{template "users" .}}{{if .Has "`+orgMembers+`.pageInfo"}}
      pageInfo { hasNextPage endCursor }{{end}}
    }
  } }
}`)

// SearchUsers pages through the users matching text (everyone when empty).
// Servers from 2.28.1 have Query.users; older ones are searched through
// viewer.currentOrganization.members, as Scope documents for them.
func (c *Client) SearchUsers(ctx context.Context, text, after string, first int) (api.Page[api.User], error) {
	p := newPaging(after, first)
	v := p.vars()
	v["fullText"] = nil
	if text = strings.TrimSpace(text); text != "" {
		v["fullText"] = text
	}
	var page api.Page[api.User]
	ok, err := c.gql.Optional(ctx, "Query.users", func() error {
		var err error
		page, err = c.searchUsers(ctx, p, v)
		return err
	})
	if !ok && err == nil {
		return c.searchMembers(ctx, p, v)
	}
	return page, err
}

func (c *Client) searchUsers(ctx context.Context, p paging, v map[string]any) (api.Page[api.User], error) {
	var out struct {
		Users *struct {
			Errors []struct {
				FullMessage string `json:"fullMessage"`
			} `json:"errors"`
			userConnection
		} `json:"users"`
	}
	in, err := c.gql.QueryDoc(ctx, usersDoc, &out, v)
	if err != nil && !api.Partial(err) {
		return api.Page[api.User]{}, err
	}
	if out.Users == nil {
		return api.Page[api.User]{Total: 0}, err
	}
	if len(out.Users.Errors) > 0 {
		return api.Page[api.User]{}, &api.Error{Kind: api.KindGraphQL, Message: "the server refused the search: " + out.Users.Errors[0].FullMessage}
	}
	u := out.Users
	c.observe(u.Nodes)
	mode := paged{first: true, cursors: in.Has("Query.users(after)") && in.Has("Query.users.pageInfo")}
	return pageOf(p, mode, users(u.Nodes), u.TotalCount, u.PageInfo, "users"), err
}

func (c *Client) searchMembers(ctx context.Context, p paging, v map[string]any) (api.Page[api.User], error) {
	var out struct {
		Viewer *struct {
			CurrentOrganization *struct {
				Members *userConnection `json:"members"`
			} `json:"currentOrganization"`
		} `json:"viewer"`
	}
	in, err := c.gql.QueryDoc(ctx, membersDoc, &out, v)
	if err != nil && !api.Partial(err) {
		return api.Page[api.User]{}, err
	}
	if out.Viewer == nil || out.Viewer.CurrentOrganization == nil || out.Viewer.CurrentOrganization.Members == nil {
		return api.Page[api.User]{Total: 0}, err
	}
	m := out.Viewer.CurrentOrganization.Members
	c.observe(m.Nodes)
	mode := paged{first: true, cursors: in.Has(orgMembers+"(after)") && in.Has(orgMembers+".pageInfo")}
	return pageOf(p, mode, users(m.Nodes), m.TotalCount, m.PageInfo, "users"), err
}

// observe notes the license types users have: a server that does not
// describe itself shows its license enum only this way.
func (c *Client) observe(users []*userJSON) {
	caps := c.gql.Capabilities()
	for _, u := range users {
		if u != nil && u.Licenses != nil {
			for _, l := range u.Licenses.Nodes {
				if l != nil {
					caps.Observe(licenseEnum, l.LicenseType)
				}
			}
		}
	}
}

// LicenseTypes are the values of the license enum the create form offers:
// the server's own (so licenses a server adds appear without a new
// release), or, when it does not describe itself, the documented ones
// with those seen on users.
func (c *Client) LicenseTypes(ctx context.Context) ([]string, error) {
	s, err := c.Schema(ctx)
	if err != nil {
		return nil, err
	}
	name := licenseEnum
	if t := s.Types[inputTypeName(s, "createUser")]; t != nil {
		for _, f := range t.InputFields {
			if f.Name == "requestedLicenses" && s.Kind(f.Type.Named()) == "ENUM" {
				name = f.Type.Named()
			}
		}
	}
	return c.gql.Capabilities().EnumValues(name), nil
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

// Optional lists every capability beyond Scope's documentation that the
// client uses where a server has it.
func Optional() []string {
	var out []string
	for _, t := range []*api.Template{usersDoc, membersDoc, groupsDoc, groupMembersDoc, createUserDoc, updateUserDoc, deleteUsersDoc} {
		for _, p := range t.Optional() {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// Probes are the smallest requests that tell what a server answers, for
// `rosterm config check --online`: a user, a group, a group's members.
// Mutations are not tried: they would change the directory.
func (c *Client) Probes() []api.Probe {
	var group api.Group
	return []api.Probe{
		{Path: "Query.users", Documented: true, Run: func(ctx context.Context) error {
			_, err := c.SearchUsers(ctx, "", "", 1)
			return err
		}},
		{Path: orgGroups, Documented: true, Run: func(ctx context.Context) error {
			p, err := c.Groups(ctx, "", 1)
			if len(p.Items) > 0 {
				group = p.Items[0]
			}
			return err
		}},
		{Path: "Group.members", Documented: true, Run: func(ctx context.Context) error {
			if group.ID == "" {
				return errors.New("no group to ask for its members")
			}
			_, err := c.GroupMembers(ctx, group, "", 1)
			return err
		}},
	}
}

// Close drops the client's idle connections.
func (c *Client) Close() { c.gql.Close() }
