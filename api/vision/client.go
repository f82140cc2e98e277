// Package vision is the client of the XOi Vision users API: users paged by
// nextToken, lookups by id and e-mail, groups by id, and the token exchange.
package vision

import (
	"context"
	"errors"
	"time"

	graphql "github.com/hasura/go-graphql-client"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/documented"
	"github.com/rosterm/rosterm/api/journal"
)

// Config says where Vision is and how to get tokens: an API key and secret
// exchanged at TokenURL (or, for tests, a fixed Token).
type Config struct {
	Endpoint string
	TokenURL string
	Key      string
	Secret   string
	// TokenMethod is how the key and secret are sent: "POST" (JSON body,
	// the default) or "GET" (HTTP Basic auth); XOi documents both.
	TokenMethod string
	Token       string
	Groups      []string // group ids to watch: Vision cannot list groups
	Timeout     time.Duration
	Log         api.Logger
	Journal     *journal.Journal // records every change sent; nil records nothing
	// Secrets are the program's credentials, kept out of every error and
	// log line; this client's own are added to them. Nil: its own only.
	Secrets *api.Secrets
}

// Client talks to one Vision endpoint.
type Client struct {
	gql    *api.Client
	groups []string
}

// New checks cfg and builds a client.
func New(cfg Config) (*Client, error) {
	if cfg.Secrets == nil {
		cfg.Secrets = api.NewSecrets()
	}
	var auth api.Auth
	switch {
	case cfg.Token != "":
		cfg.Secrets.Add(cfg.Token)
		auth = api.Static{"Authorization": {cfg.Token}}
	case cfg.TokenURL != "" && cfg.Key != "":
		src, err := NewTokenSource(api.Endpoint{URL: cfg.TokenURL, Timeout: cfg.Timeout, Secrets: cfg.Secrets}, cfg.Key, cfg.Secret, cfg.TokenMethod)
		if err != nil {
			return nil, err
		}
		auth = api.NewTokenAuth(src, bare, nil)
	default:
		return nil, errors.New("vision: set token_url with api_key and api_secret")
	}
	// Vision's schema reference documents every field rosterm uses: nothing
	// here is optional, so the client never needs to ask for the schema.
	gql, err := api.NewClient(api.Endpoint{URL: cfg.Endpoint, Auth: auth, Timeout: cfg.Timeout, Log: cfg.Log, API: "vision", Journal: cfg.Journal, Secrets: cfg.Secrets,
		Documented: api.MustParseSDL("vision", documented.Vision)})
	if err != nil {
		return nil, err
	}
	return &Client{gql: gql, groups: cfg.Groups}, nil
}

// bare formats a Vision token: the whole header value, no "Bearer".
func bare(token string) string { return token }

// URL is the endpoint's address.
func (c *Client) URL() string { return c.gql.URL() }

// WatchedGroups are the group ids configured to watch.
func (c *Client) WatchedGroups() []string { return c.groups }

type userSel struct {
	ID          graphql.ID
	Email       string
	GivenName   string `graphql:"given_name"`
	FamilyName  string `graphql:"family_name"`
	PhoneNumber string `graphql:"phone_number"`
}

func (s userSel) user() api.User {
	return api.User{Source: api.Vision, ID: string(s.ID), Email: s.Email, FirstName: s.GivenName, LastName: s.FamilyName, Phone: s.PhoneNumber}
}

// ListUsersInput is Vision's listUsers argument.
type ListUsersInput struct {
	Limit     int    `json:"limit"`
	NextToken string `json:"nextToken"`
}

// Users returns one page of users: next is "" for the first page, and the
// page's Next is "" at the end.
func (c *Client) Users(ctx context.Context, next string, limit int) (api.Page[api.User], error) {
	var q struct {
		ListUsers struct {
			UserConnection *struct {
				Items     []userSel
				NextToken string
			}
		} `graphql:"listUsers(input: $input)"`
	}
	err := c.gql.Query(ctx, &q, map[string]any{"input": ListUsersInput{Limit: limit, NextToken: next}})
	if err != nil && !api.Partial(err) {
		return api.Page[api.User]{}, err
	}
	out := api.Page[api.User]{Total: -1}
	if uc := q.ListUsers.UserConnection; uc != nil {
		out.Next, out.More = uc.NextToken, uc.NextToken != ""
		for _, u := range uc.Items {
			out.Items = append(out.Items, u.user())
		}
	}
	return out, err
}

// GetGroupsInput is Vision's getGroups argument.
type GetGroupsInput struct {
	IDs []string `json:"ids"`
}

// Groups looks up groups by id. Vision silently omits groups that do not
// exist; they come back here marked Missing, in the order asked, so a
// watched group never just vanishes.
func (c *Client) Groups(ctx context.Context, ids []string) ([]api.Group, error) {
	var q struct {
		GetGroups struct {
			Groups []struct {
				ID          graphql.ID
				Name        string
				Description string
				Members     []string
			}
		} `graphql:"getGroups(input: $input)"`
	}
	if err := c.gql.Query(ctx, &q, map[string]any{"input": GetGroupsInput{IDs: ids}}); err != nil {
		return nil, err
	}
	found := map[string]api.Group{}
	for _, g := range q.GetGroups.Groups {
		members := unique(g.Members)
		found[string(g.ID)] = api.Group{Source: api.Vision, ID: string(g.ID), Name: g.Name,
			Description: g.Description, Members: members, MemberCount: len(members)}
	}
	out := make([]api.Group, 0, len(ids))
	for _, id := range ids {
		g, ok := found[id]
		if !ok {
			g = api.Group{Source: api.Vision, ID: id, Name: id, Missing: true, MemberCount: -1}
		}
		out = append(out, g)
	}
	return out, nil
}

// unique is ids with each id once, in order: a group that lists a member
// twice has them once, counted and looked up once.
func unique(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// User looks a user up by id. found is false when no user has the id any
// more (getUser answers null).
func (c *Client) User(ctx context.Context, id string) (u api.User, found bool, err error) {
	var q struct {
		GetUser struct {
			User *userSel
		} `graphql:"getUser(input: $input)"`
	}
	if err := c.gql.Query(ctx, &q, map[string]any{"input": GetUserInput{ID: id}}); err != nil {
		return api.User{}, false, err
	}
	if q.GetUser.User == nil {
		return api.User{}, false, nil
	}
	return q.GetUser.User.user(), true, nil
}

// GetUserInput is Vision's getUser argument.
type GetUserInput struct {
	ID string `json:"id"`
}

// GetUsersByEmailInput is Vision's getUsersByEmail argument.
type GetUsersByEmailInput struct {
	Email string `json:"email"`
}

// UsersByEmail finds the users with an e-mail address, ignoring case (the
// server's rule). Today that is at most one; XOi says it may become more.
func (c *Client) UsersByEmail(ctx context.Context, email string) ([]api.User, error) {
	var q struct {
		GetUsersByEmail struct {
			Users []userSel
		} `graphql:"getUsersByEmail(input: $input)"`
	}
	if err := c.gql.Query(ctx, &q, map[string]any{"input": GetUsersByEmailInput{Email: email}}); err != nil {
		return nil, err
	}
	out := make([]api.User, 0, len(q.GetUsersByEmail.Users))
	for _, u := range q.GetUsersByEmail.Users {
		out = append(out, u.user())
	}
	return out, nil
}

// Capabilities is what is known of the server's schema; Vision documents
// everything the client uses, so nothing is ever asked of it.
func (c *Client) Capabilities() *api.Capabilities { return c.gql.Capabilities() }

// Probes are the smallest requests that tell what a server answers, for
// `rosterm config check --online`: every query the client uses.
func (c *Client) Probes() []api.Probe {
	var first api.User
	return []api.Probe{
		{Path: "Query.listUsers", Documented: true, Run: func(ctx context.Context) error {
			p, err := c.Users(ctx, "", 1)
			if len(p.Items) > 0 {
				first = p.Items[0]
			}
			return err
		}},
		{Path: "Query.getUser", Documented: true, Run: func(ctx context.Context) error {
			if first.ID == "" {
				return errors.New("no user to look up")
			}
			_, _, err := c.User(ctx, first.ID)
			return err
		}},
		{Path: "Query.getUsersByEmail", Documented: true, Run: func(ctx context.Context) error {
			if first.Email == "" {
				return errors.New("no e-mail address to look up")
			}
			_, err := c.UsersByEmail(ctx, first.Email)
			return err
		}},
		{Path: "Query.getGroups", Documented: true, Run: func(ctx context.Context) error {
			_, err := c.Groups(ctx, c.WatchedGroups())
			return err
		}},
	}
}

// Close drops the client's idle connections.
func (c *Client) Close() { c.gql.Close() }
