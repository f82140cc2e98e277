package api

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"time"

	graphql "github.com/hasura/go-graphql-client"
)

// Client runs GraphQL documents against one endpoint. Queries are retried
// with capped, context-aware backoff that honours Retry-After; mutations are
// never retried, and one whose answer is lost is reported as of unknown
// outcome rather than as failed.
type Client struct {
	t      *Transport
	gql    *graphql.Client
	retry  Retry
	schema *schemaCache
}

// NewClient builds a client for ep. The GraphQL client's debug mode stays
// off: it copies request headers, credentials included, into error text.
func NewClient(ep Endpoint) (*Client, error) {
	t, err := NewTransport(ep)
	if err != nil {
		return nil, err
	}
	return &Client{t: t, gql: graphql.NewClient(ep.URL, t), retry: DefaultRetry(), schema: &schemaCache{}}, nil
}

// WithAuth returns a client for the same endpoint, sharing its connections
// and schema cache, that authenticates with auth instead.
func (c *Client) WithAuth(auth Auth) *Client {
	t := *c.t
	t.ep.Auth = auth
	n := *c
	n.t = &t
	n.gql = graphql.NewClient(t.ep.URL, &t)
	return &n
}

// WithRetry returns a client that retries queries by r.
func (c *Client) WithRetry(r Retry) *Client {
	n := *c
	n.retry = r
	return &n
}

// URL is the endpoint's address.
func (c *Client) URL() string { return c.t.URL() }

// Close drops idle connections.
func (c *Client) Close() { c.t.Close() }

// Query fills q (a struct describing the selection, as the GraphQL client
// expects) from the server, retrying temporary failures.
func (c *Client) Query(ctx context.Context, q any, vars map[string]any) error {
	return c.retry.do(ctx, func() error { return classify(c.gql.Query(ctx, q, vars)) })
}

// Mutate runs the mutation m once.
func (c *Client) Mutate(ctx context.Context, m any, vars map[string]any) error {
	return mutationError(c.gql.Mutate(ctx, m, vars))
}

// Exec runs a query document written out by hand and decodes its data into
// out with encoding/json (so fields the server adds are ignored), retrying
// temporary failures. For documents built at run time.
func (c *Client) Exec(ctx context.Context, doc string, out any, vars map[string]any) error {
	return c.retry.do(ctx, func() error { return classify(c.execRaw(ctx, doc, out, vars)) })
}

// ExecMutation runs a mutation document written out by hand, once.
func (c *Client) ExecMutation(ctx context.Context, doc string, out any, vars map[string]any) error {
	return mutationError(c.execRaw(ctx, doc, out, vars))
}

// execRaw decodes whatever data came back, even beside errors, so partial
// answers are not thrown away.
func (c *Client) execRaw(ctx context.Context, doc string, out any, vars map[string]any) error {
	data, err := c.gql.ExecRaw(ctx, doc, vars)
	if len(data) > 0 && string(data) != "null" {
		if derr := json.Unmarshal(data, out); derr != nil && err == nil {
			return &Error{Kind: KindDecode, Message: "the server's answer could not be read: " + derr.Error(), Err: derr}
		}
	}
	return err
}

func mutationError(err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	errors.As(classify(err), &e)
	return outcomeUnknown(e)
}

// Retry is the policy for retrying queries.
type Retry struct {
	Attempts int           // total tries, at least 1
	Base     time.Duration // first backoff; doubles each time
	Max      time.Duration // no single wait is longer; a longer Retry-After gives up
}

// DefaultRetry tries a query three times over about a second, and waits out
// a Retry-After of up to 30 seconds.
func DefaultRetry() Retry {
	return Retry{Attempts: 3, Base: 300 * time.Millisecond, Max: 30 * time.Second}
}

func (r Retry) do(ctx context.Context, try func() error) error {
	wait := r.Base
	for attempt := 1; ; attempt++ {
		err := try()
		var e *Error
		if err == nil || attempt >= r.Attempts || !errors.As(err, &e) || !e.Temporary() {
			return err
		}
		d := min(wait, r.Max)
		if e.RetryAfter > 0 {
			if e.RetryAfter > r.Max {
				return err
			}
			d = e.RetryAfter
		}
		if waitContext(ctx, d) != nil {
			return err
		}
		wait *= 2
	}
}

// schemaCache remembers an endpoint's introspected schema.
type schemaCache struct {
	mu     sync.Mutex
	schema *Schema
}
