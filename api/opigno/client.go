// Package opigno is the client of the Opigno Enterprise API: possible
// connections, the network, user and community invitations, communities,
// and the CTA engine that turns every call to action into its mutation.
package opigno

import (
	"context"
	"errors"
	"net/http"
	"time"

	graphql "github.com/hasura/go-graphql-client"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/rosterm/rosterm/api"
)

// UUIDHeader names the acting user context on every request.
const UUIDHeader = "Opigno-Client-UUID"

// Config says where Opigno is and how to sign in: either a fixed bearer
// Token, or OAuth2 client credentials against TokenURL.
type Config struct {
	Endpoint     string
	Token        string
	TokenURL     string
	ClientID     string
	ClientSecret string
	ActingUUID   string
	Timeout      time.Duration
	Log          api.Logger
}

// Client talks to one Opigno endpoint on behalf of one user context.
type Client struct {
	gql    *api.Client
	acting string
	authAs func(uuid string) api.Auth
}

// New checks cfg and builds a client.
func New(cfg Config) (*Client, error) {
	if cfg.ActingUUID == "" {
		return nil, errors.New("opigno: the acting user context (acting_uuid) is not set")
	}
	authAs, err := authFor(cfg)
	if err != nil {
		return nil, err
	}
	gql, err := api.NewClient(api.Endpoint{URL: cfg.Endpoint, Auth: authAs(cfg.ActingUUID), Timeout: cfg.Timeout, Log: cfg.Log})
	if err != nil {
		return nil, err
	}
	return &Client{gql: gql, acting: cfg.ActingUUID, authAs: authAs}, nil
}

// authFor returns how to authenticate as a given user context; the client
// token is shared between contexts.
func authFor(cfg Config) (func(string) api.Auth, error) {
	uuidHeader := func(uuid string) http.Header { return http.Header{UUIDHeader: {uuid}} }
	switch {
	case cfg.Token != "":
		return func(uuid string) api.Auth {
			h := uuidHeader(uuid)
			h.Set("Authorization", "Bearer "+cfg.Token)
			return api.Static(h)
		}, nil
	case cfg.TokenURL != "" && cfg.ClientID != "":
		cc := clientcredentials.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, TokenURL: cfg.TokenURL}
		base := api.NewTokenAuth(fetchToken{cc: cc, http: &http.Client{Timeout: 30 * time.Second}}, func(t string) string { return "Bearer " + t }, nil)
		return func(uuid string) api.Auth { return base.With(uuidHeader(uuid)) }, nil
	}
	return nil, errors.New("opigno: set either a token or token_url with client_id and client_secret")
}

// fetchToken asks the token URL for a new token on every call, within the
// context of the request that needs it. TokenAuth does the reusing;
// cc.TokenSource would cache the token a second time, so a token the
// server refused could not be dropped.
type fetchToken struct {
	cc   clientcredentials.Config
	http *http.Client
}

func (f fetchToken) Token(ctx context.Context) (*oauth2.Token, error) {
	return f.cc.Token(context.WithValue(ctx, oauth2.HTTPClient, f.http))
}

// As returns a client acting as another user context, sharing this one's
// connections, token and schema cache.
func (c *Client) As(uuid string) *Client {
	return &Client{gql: c.gql.WithAuth(c.authAs(uuid)), acting: uuid, authAs: c.authAs}
}

// Acting is the uuid of the user context the client acts as.
func (c *Client) Acting() string { return c.acting }

// URL is the endpoint's address.
func (c *Client) URL() string { return c.gql.URL() }

// Schema returns the server's introspected schema (cached).
func (c *Client) Schema(ctx context.Context) (*api.Schema, error) { return c.gql.Schema(ctx) }

// Context is an Opigno user context: a person as Opigno knows them.
type Context struct {
	ID     string
	UUID   string
	Name   string
	Active bool
	Scope  string // AUTHENTICATED, ADMINISTRATOR, "" for anonymous; others tolerated
}

// Connection is a row of the possible-connections or network list.
type Connection struct {
	Context Context
	Actions []api.Action
}

// Invitation is a user invitation.
type Invitation struct {
	ID        string
	Initiator Context
	Invitee   Context
	Accepted  bool
	Created   time.Time
	Status    string
	Actions   []api.Action
}

// ListArgs selects one page of a list.
type ListArgs struct {
	After   string
	First   int
	Reverse bool
	Name    string // filter by name, where the list supports it
	SortKey string // invitations: CREATED or NAME
}

// Cursor is Opigno's opaque cursor scalar. The GraphQL client names a
// variable's type after its Go type, so the type's name matters.
type Cursor string

// InvitationSortKey is the sort order of invitation lists (named, as
// Cursor, for the variable type it produces).
type InvitationSortKey string

// The selections below are hasura/go-graphql-client structs; tests validate
// the documents they generate against the demo schema.

type contextSel struct {
	ID          graphql.ID
	UUID        string `graphql:"uuid"`
	DisplayName string
	IsActive    bool
	Scope       string
}

func (s contextSel) context() Context {
	return Context{ID: string(s.ID), UUID: s.UUID, Name: s.DisplayName, Active: s.IsActive, Scope: s.Scope}
}

type keyValueSel struct {
	Key   string
	Value string
}

type ctaSel struct {
	ActionID  string `graphql:"actionId"`
	Title     string
	Arguments []keyValueSel
	Metadata  []keyValueSel
}

func actions(sel []ctaSel) []api.Action {
	out := make([]api.Action, 0, len(sel))
	for _, c := range sel {
		a := api.Action{ID: c.ActionID, Title: c.Title}
		for _, kv := range c.Arguments {
			a.Args = append(a.Args, api.KeyValue{Key: kv.Key, Value: kv.Value})
		}
		for _, kv := range c.Metadata {
			a.Meta = append(a.Meta, api.KeyValue{Key: kv.Key, Value: kv.Value})
		}
		out = append(out, a)
	}
	return out
}

type pageInfoSel struct {
	HasNextPage bool
	EndCursor   string
}

// listSel selects one page of an Opigno list of N nodes.
type listSel[N any] struct {
	Edges []struct {
		Node N
	}
	PageInfo   pageInfoSel
	TotalItems int
}

// pageOf turns a selected page into the clients' page of T.
func pageOf[N, T any](p listSel[N], conv func(N) T) api.Page[T] {
	out := api.Page[T]{Next: p.PageInfo.EndCursor, More: p.PageInfo.HasNextPage, Total: p.TotalItems}
	out.Items = make([]T, 0, len(p.Edges))
	for _, e := range p.Edges {
		out.Items = append(out.Items, conv(e.Node))
	}
	return out
}

type connectionSel struct {
	UserContext contextSel
	Cta         []ctaSel
}

func (s connectionSel) connection() Connection {
	return Connection{Context: s.UserContext.context(), Actions: actions(s.Cta)}
}

// listVars are the variables every Opigno list takes.
func listVars(a ListArgs) map[string]any {
	v := map[string]any{"first": a.First, "reverse": a.Reverse, "after": (*Cursor)(nil)}
	if a.After != "" {
		c := Cursor(a.After)
		v["after"] = &c
	}
	return v
}

func nameVar(v map[string]any, name string) map[string]any {
	v["name"] = (*string)(nil)
	if name != "" {
		v["name"] = &name
	}
	return v
}

// PossibleConnections lists the people the acting user may invite.
func (c *Client) PossibleConnections(ctx context.Context, a ListArgs) (api.Page[Connection], error) {
	var q struct {
		Page listSel[connectionSel] `graphql:"getPossibleUserConnections(first: $first, after: $after, reverse: $reverse, name: $name)"`
	}
	err := c.gql.Query(ctx, &q, nameVar(listVars(a), a.Name))
	if err != nil && !api.Partial(err) {
		return api.Page[Connection]{}, err
	}
	return pageOf(q.Page, connectionSel.connection), err
}

// Network lists the acting user's connections.
func (c *Client) Network(ctx context.Context, a ListArgs) (api.Page[Connection], error) {
	var q struct {
		Page listSel[connectionSel] `graphql:"getUserConnectionsNetwork(first: $first, after: $after, reverse: $reverse, name: $name)"`
	}
	err := c.gql.Query(ctx, &q, nameVar(listVars(a), a.Name))
	if err != nil && !api.Partial(err) {
		return api.Page[Connection]{}, err
	}
	return pageOf(q.Page, connectionSel.connection), err
}

type invitationSel struct {
	ID                   graphql.ID
	InitiatorUserContext contextSel
	InviteeUserContext   contextSel
	IsAccepted           bool
	Created              int64
	Status               string
	Cta                  []ctaSel
}

func (s invitationSel) invitation() Invitation {
	return Invitation{
		ID: string(s.ID), Initiator: s.InitiatorUserContext.context(), Invitee: s.InviteeUserContext.context(),
		Accepted: s.IsAccepted, Created: time.Unix(s.Created, 0), Status: s.Status, Actions: actions(s.Cta),
	}
}

// PendingInvitations lists the invitations waiting for the acting user.
func (c *Client) PendingInvitations(ctx context.Context, a ListArgs) (api.Page[Invitation], error) {
	var q struct {
		Page listSel[invitationSel] `graphql:"getPendingUserInvitations(first: $first, after: $after, reverse: $reverse, sortKey: $sortKey)"`
	}
	err := c.gql.Query(ctx, &q, sortVars(a))
	if err != nil && !api.Partial(err) {
		return api.Page[Invitation]{}, err
	}
	return pageOf(q.Page, invitationSel.invitation), err
}

// sortVars are listVars with the invitation sort key (CREATED unless set).
func sortVars(a ListArgs) map[string]any {
	v := listVars(a)
	key := InvitationSortKey("CREATED")
	if a.SortKey != "" {
		key = InvitationSortKey(a.SortKey)
	}
	v["sortKey"] = key
	return v
}

// CurrentContext returns the acting user context where the server can say
// (a demo-only query); ok is false on servers without it.
func (c *Client) CurrentContext(ctx context.Context) (cur Context, ok bool, err error) {
	s, err := c.Schema(ctx)
	if err != nil {
		return Context{}, false, err
	}
	if _, has := s.Query("getCurrentUserContext"); !has {
		return Context{}, false, nil
	}
	var q struct {
		Me *contextSel `graphql:"getCurrentUserContext"`
	}
	if err := c.gql.Query(ctx, &q, nil); err != nil || q.Me == nil {
		return Context{}, false, err
	}
	return q.Me.context(), true, nil
}
