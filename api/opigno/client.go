// Package opigno is the client of the Opigno Enterprise API: possible
// connections, the network, user and community invitations, communities,
// and the CTA engine that turns every call to action into its mutation.
//
// It starts from what Opigno documents (api/documented): every document
// it sends is valid against that schema, except the optional queries
// (OptionalQueries), which are used where the server has them: its
// introspection says so, or trying one does. What a server's validation
// errors teach (a query it lacks, a mutation argument it names otherwise,
// a type it calls otherwise) is remembered for the endpoint, shared by
// every client made from this one with As.
package opigno

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/documented"
	"github.com/rosterm/rosterm/api/journal"
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
	Journal      *journal.Journal // records every change sent; nil records nothing
	// Secrets are the program's credentials, kept out of every error and
	// log line; this client's own are added to them. Nil: its own only.
	Secrets *api.Secrets
	// Communities are the ids of communities to show (the profile's
	// `communities: [id, …]`): Opigno documents no query listing the
	// caller's communities, so on a server without one (getUserCommunities
	// is a demo-server addition) these are what the Communities tab lists
	// and what invitations to a community choose from.
	Communities []string
}

// Client talks to one Opigno endpoint on behalf of one user context.
type Client struct {
	gql         *api.Client
	acting      string
	authAs      func(uuid string) api.Auth
	ep          *endpoint // what the endpoint's answers taught, shared with As
	communities []string
	me          *current // the acting user, once the server said (not shared with As)
}

// New checks cfg and builds a client.
func New(cfg Config) (*Client, error) {
	if cfg.ActingUUID == "" {
		return nil, errors.New("opigno: the acting user context (acting_uuid) is not set")
	}
	if cfg.Secrets == nil {
		cfg.Secrets = api.NewSecrets()
	}
	authAs, err := authFor(cfg)
	if err != nil {
		return nil, err
	}
	gql, err := api.NewClient(api.Endpoint{URL: cfg.Endpoint, Auth: authAs(cfg.ActingUUID), Timeout: cfg.Timeout, Log: cfg.Log, API: "opigno", Journal: cfg.Journal, Secrets: cfg.Secrets,
		Documented: api.MustParseSDL("opigno", documented.Opigno)})
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, id := range cfg.Communities {
		if id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return &Client{gql: gql, acting: cfg.ActingUUID, authAs: authAs, ep: newEndpoint(), communities: ids, me: &current{}}, nil
}

// authFor returns how to authenticate as a given user context; the client
// token is shared between contexts. The credentials join cfg.Secrets.
func authFor(cfg Config) (func(string) api.Auth, error) {
	uuidHeader := func(uuid string) http.Header { return http.Header{UUIDHeader: {uuid}} }
	switch {
	case cfg.Token != "":
		cfg.Secrets.Add(cfg.Token)
		return func(uuid string) api.Auth {
			h := uuidHeader(uuid)
			h.Set("Authorization", "Bearer "+cfg.Token)
			return api.Static(h)
		}, nil
	case cfg.TokenURL != "" && cfg.ClientID != "":
		cfg.Secrets.AddBasic(cfg.ClientID, cfg.ClientSecret)
		// The token request carries the client secret: it goes under the
		// same policy as the GraphQL requests (no redirects, this origin
		// only, the same timeouts and size cap).
		hc, err := api.NewHTTPClient(api.Endpoint{URL: cfg.TokenURL, Timeout: cfg.Timeout, Secrets: cfg.Secrets})
		if err != nil {
			return nil, fmt.Errorf("opigno: token_url: %w", err)
		}
		cc := clientcredentials.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, TokenURL: cfg.TokenURL}
		base := api.NewTokenAuth(fetchToken{cc: cc, http: hc, secrets: cfg.Secrets}, func(t string) string { return "Bearer " + t }, nil)
		return func(uuid string) api.Auth { return base.With(uuidHeader(uuid)) }, nil
	}
	return nil, errors.New("opigno: set either a token or token_url with client_id and client_secret")
}

// fetchToken asks the token URL for a new token on every call, within the
// context of the request that needs it. TokenAuth does the reusing;
// cc.TokenSource would cache the token a second time, so a token the
// server refused could not be dropped. Each token issued joins the
// secrets; an error has none of them.
type fetchToken struct {
	cc      clientcredentials.Config
	http    *http.Client
	secrets *api.Secrets
}

func (f fetchToken) Token(ctx context.Context) (*oauth2.Token, error) {
	tok, err := f.cc.Token(context.WithValue(ctx, oauth2.HTTPClient, f.http))
	if err != nil {
		return nil, f.secrets.Error(tokenError(err))
	}
	f.secrets.Add(tok.AccessToken, tok.RefreshToken)
	return tok, nil
}

// tokenError words a failed token request. An answer that is not a token
// is an *api.Error of the kind its status says: a busy or failing endpoint
// (429, 5xx) is worth asking again; any other refuses the client
// credentials, with the OAuth error the endpoint gave.
func tokenError(err error) error {
	var refused *oauth2.RetrieveError
	var typed *api.Error
	switch {
	case errors.As(err, &refused) && refused.Response != nil:
		e := api.StatusError(&http.Response{StatusCode: refused.Response.StatusCode, Header: refused.Response.Header,
			Body: io.NopCloser(bytes.NewReader(refused.Body))})
		if e.Temporary() {
			e.Message = "opigno token: " + e.Message
			return e
		}
		e.Kind = api.KindAuth
		e.Message = fmt.Sprintf("opigno token: the token endpoint refused the client credentials (HTTP %d)", e.Status)
		if refused.ErrorCode != "" {
			e.Message += ": " + refused.ErrorCode
			if refused.ErrorDescription != "" {
				e.Message += " (" + refused.ErrorDescription + ")"
			}
		}
		e.Message += "; check client_id and client_secret"
		return e
	case errors.As(err, &typed):
		c := *typed
		c.Message = "opigno token: " + typed.Message
		return &c
	}
	return fmt.Errorf("opigno token: %w", err)
}

// As returns a client acting as another user context, sharing this one's
// connections, token, schema and what the server taught.
func (c *Client) As(uuid string) *Client {
	n := *c
	n.gql, n.acting, n.me = c.gql.WithAuth(c.authAs(uuid)), uuid, &current{}
	return &n
}

// Acting is the uuid of the user context the client acts as.
func (c *Client) Acting() string { return c.acting }

// URL is the endpoint's address.
func (c *Client) URL() string { return c.gql.URL() }

// Communities are the community ids the profile names, in its order.
func (c *Client) Communities() []string { return slices.Clone(c.communities) }

// Capabilities is what is known of the endpoint's schema.
func (c *Client) Capabilities() *api.Capabilities { return c.gql.Capabilities() }

// Schema is the schema actions are planned with: the server's own where it
// answers introspection, else the one Opigno documents, either with what
// the server's validation errors taught about its mutations since (asked
// once per endpoint). It fails only when the server cannot be reached.
func (c *Client) Schema(ctx context.Context) (*api.Schema, error) {
	s, err := c.gql.Schema(ctx)
	if err != nil {
		return nil, err
	}
	return c.ep.effective(s), nil
}

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
	Before  string // from the end (the ...Last methods): the rows before this cursor, "" for the last ones
	Last    int
	Reverse bool
	Name    string // filter by name, where the list supports it
	SortKey string // invitations: CREATED or NAME
}

// listVars are the variables every Opigno list takes; a template keeps
// those its document declares.
func listVars(a ListArgs) map[string]any {
	v := map[string]any{"first": a.First, "reverse": a.Reverse, "after": nil, "name": nil, "last": a.Last, "before": nil}
	if a.After != "" {
		v["after"] = a.After
	}
	if a.Before != "" {
		v["before"] = a.Before
	}
	if a.Name != "" {
		v["name"] = a.Name
	}
	return v
}

// sortVars are listVars with the invitation sort key (CREATED unless set).
func sortVars(a ListArgs) map[string]any {
	v := listVars(a)
	v["sortKey"] = "CREATED"
	if a.SortKey != "" {
		v["sortKey"] = a.SortKey
	}
	return v
}

// list runs a list document and converts its page; an answer with errors
// beside its data gives the rows that came with the error.
func list[N, T any](ctx context.Context, c *Client, t *api.Template, vars map[string]any, conv func(*N) T) (api.Page[T], error) {
	var out struct {
		Page *listSel[N] `json:"page"`
	}
	_, err := c.gql.QueryDoc(ctx, t, &out, vars)
	if err != nil && !api.Partial(err) {
		return api.Page[T]{}, err
	}
	return pageOf(out.Page, conv), err
}

// PossibleConnections lists the people the acting user may invite.
func (c *Client) PossibleConnections(ctx context.Context, a ListArgs) (api.Page[Connection], error) {
	return list(ctx, c, possibleDoc, listVars(a), (*connectionSel).connection)
}

// Network lists the acting user's connections.
func (c *Client) Network(ctx context.Context, a ListArgs) (api.Page[Connection], error) {
	return list(ctx, c, networkDoc, listVars(a), (*connectionSel).connection)
}

// PendingInvitations lists the invitations waiting for the acting user.
func (c *Client) PendingInvitations(ctx context.Context, a ListArgs) (api.Page[Invitation], error) {
	return list(ctx, c, pendingDoc, sortVars(a), (*invitationSel).invitation)
}

// lastList runs a list document from the end (Relay last/before): the
// page's rows in the list's order, Next the cursor of the rows before them
// and More whether there may be some. Opigno documents last and before,
// but they remain a capability of the server: one whose validation says
// it lacks them is not asked again, and the answer is api.ErrNoLast.
func lastList[N, T any](ctx context.Context, c *Client, t *api.Template, field string, vars map[string]any, conv func(*N) T) (api.Page[T], error) {
	var out struct {
		Page *listSel[N] `json:"page"`
	}
	ok, err := c.gql.Optional(ctx, "Query."+field+"(last)", func() error {
		_, err := c.gql.QueryDoc(ctx, t, &out, vars)
		return err
	})
	if !ok && err == nil {
		return api.Page[T]{}, api.ErrNoLast
	}
	if err != nil && !api.Partial(err) {
		return api.Page[T]{}, err
	}
	p := pageOf(out.Page, conv)
	p.Next, p.More = "", false
	if out.Page != nil && out.Page.PageInfo != nil && out.Page.PageInfo.StartCursor != nil {
		p.Next = *out.Page.PageInfo.StartCursor
	}
	// hasPreviousPage is not documented: a full page may have rows before
	// it, a short one is the start of the list.
	last, _ := vars["last"].(int)
	p.More = p.Next != "" && len(p.Items) >= last && (p.Total < 0 || p.Total > len(p.Items))
	return p, err
}

// PossibleConnectionsLast is PossibleConnections from the end: a.Last rows
// before a.Before (the last ones when it is "").
func (c *Client) PossibleConnectionsLast(ctx context.Context, a ListArgs) (api.Page[Connection], error) {
	return lastList(ctx, c, possibleLastDoc, "getPossibleUserConnections", listVars(a), (*connectionSel).connection)
}

// NetworkLast is Network from the end.
func (c *Client) NetworkLast(ctx context.Context, a ListArgs) (api.Page[Connection], error) {
	return lastList(ctx, c, networkLastDoc, "getUserConnectionsNetwork", listVars(a), (*connectionSel).connection)
}

// PendingInvitationsLast is PendingInvitations from the end.
func (c *Client) PendingInvitationsLast(ctx context.Context, a ListArgs) (api.Page[Invitation], error) {
	return lastList(ctx, c, pendingLastDoc, "getPendingUserInvitations", sortVars(a), (*invitationSel).invitation)
}

// CurrentContext returns the acting user context where the server can say
// (getCurrentUserContext, a demo-server addition); ok is false on servers
// without it, which are asked at most once.
//
// The answer is kept: every caller of this client (of this acting user)
// asking, at once or later, shares one request. It is tried without
// asking the server for its schema first (it is asked at start, where
// that would cost a request more). A failure is not kept.
func (c *Client) CurrentContext(ctx context.Context) (cur Context, ok bool, err error) {
	me := c.me
	me.mu.Lock()
	defer me.mu.Unlock()
	if me.known {
		return me.cur, me.ok, nil
	}
	var out struct {
		Me *contextSel `json:"me"`
	}
	ok, err = c.tryOptional(ctx, QueryCurrentUser, func() error {
		_, err := c.gql.QueryDoc(ctx, currentDoc, &out, nil)
		return err
	})
	if err != nil {
		return Context{}, false, err
	}
	me.known, me.ok = true, ok && out.Me != nil
	if me.ok {
		me.cur = out.Me.context()
	}
	return me.cur, me.ok, nil
}

// current is the acting user as the server named them, once asked.
type current struct {
	mu    sync.Mutex // held while asking: callers at once share the answer
	known bool
	ok    bool
	cur   Context
}

// Close drops the client's idle connections.
func (c *Client) Close() { c.gql.Close() }
