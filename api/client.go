package api

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	graphql "github.com/hasura/go-graphql-client"
	"github.com/hasura/go-graphql-client/pkg/jsonutil"

	"github.com/rosterm/rosterm/api/clock"
)

// Client runs GraphQL documents against one endpoint. Queries are retried
// with capped, context-aware backoff that honours Retry-After; mutations are
// never retried, and one whose answer is lost is reported as of unknown
// outcome rather than as failed.
type Client struct {
	t     *Transport
	gql   *graphql.Client
	retry Retry
	caps  *Capabilities
}

// NewClient builds a client for ep. The GraphQL client's debug mode stays
// off: it copies request headers, credentials included, into error text.
func NewClient(ep Endpoint) (*Client, error) {
	t, err := NewTransport(ep)
	if err != nil {
		return nil, err
	}
	return &Client{t: t, gql: graphql.NewClient(ep.URL, t), retry: DefaultRetry(), caps: newCapabilities(ep.Documented)}, nil
}

// WithAuth returns a client for the same endpoint, sharing its connections
// and what is known of its schema, that authenticates with auth instead.
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

// Secrets are the credentials kept out of the client's errors and log.
func (c *Client) Secrets() *Secrets { return c.t.Secrets() }

// clean removes every credential from an error the client returns,
// whatever it quotes (a server's messages may echo what it received).
func (c *Client) clean(err error) error { return c.t.Secrets().Error(err) }

// Query fills q (a struct describing the selection, as the GraphQL client
// expects) from the server, retrying temporary failures.
func (c *Client) Query(ctx context.Context, q any, vars map[string]any) error {
	return c.clean(c.retry.do(ctx, func() error { return classify(c.gql.Query(ctx, q, vars)) }))
}

// mutationKey marks the context of a mutation's request, so that the
// transport never sends it twice.
type mutationKey struct{}

// asMutation marks ctx as a mutation's.
func asMutation(ctx context.Context) context.Context {
	return context.WithValue(ctx, mutationKey{}, true)
}

// isMutation reports whether a request's context is a mutation's.
func isMutation(ctx context.Context) bool { return ctx.Value(mutationKey{}) != nil }

// Mutate runs the mutation m once: not at all in a read-only context.
// It is recorded in the endpoint's journal with its outcome.
func (c *Client) Mutate(ctx context.Context, m any, vars map[string]any) error {
	ch, err := c.beginChange(ctx, mutationDoc(m, vars), vars)
	if err != nil {
		return err
	}
	data, err := c.gql.MutateRaw(asMutation(ctx), m, vars)
	if present(data) {
		if derr := jsonutil.UnmarshalGraphQL(data, m); derr != nil && err == nil {
			err = decodeError(derr)
		}
	}
	err = c.clean(mutationError(err, data))
	ch.end(ctx, data, err)
	return err
}

// Exec runs a query document written out by hand and decodes its data into
// out with encoding/json (so fields the server adds are ignored), retrying
// temporary failures. For documents built at run time.
func (c *Client) Exec(ctx context.Context, doc string, out any, vars map[string]any) error {
	return c.clean(c.retry.do(ctx, func() error {
		_, err := c.execRaw(ctx, doc, out, vars)
		return classify(err)
	}))
}

// ExecMutation runs a mutation document written out by hand, once: not
// at all in a read-only context. It is recorded in the endpoint's journal
// with its outcome.
func (c *Client) ExecMutation(ctx context.Context, doc string, out any, vars map[string]any) error {
	ch, err := c.beginChange(ctx, doc, vars)
	if err != nil {
		return err
	}
	data, err := c.execRaw(asMutation(ctx), doc, out, vars)
	err = c.clean(mutationError(err, data))
	ch.end(ctx, data, err)
	return err
}

// execRaw decodes whatever data came back, even beside errors, so partial
// answers are not thrown away.
func (c *Client) execRaw(ctx context.Context, doc string, out any, vars map[string]any) (json.RawMessage, error) {
	data, err := c.gql.ExecRaw(ctx, doc, vars)
	if present(data) {
		if derr := json.Unmarshal(data, out); derr != nil && err == nil {
			return data, decodeError(derr)
		}
	}
	return data, err
}

func present(data []byte) bool { return len(data) > 0 && string(data) != "null" }

func decodeError(err error) *Error {
	return &Error{Kind: KindDecode, Message: "the server's answer could not be read: " + err.Error(), Err: err}
}

// mutationError words a mutation's failure. GraphQL errors beside a
// mutation field that has a value mean the field resolved, so the change
// ran, even though the server reports an error with it: that is not a
// refusal.
func mutationError(err error, data json.RawMessage) error {
	if err == nil {
		return nil
	}
	var e *Error
	errors.As(classify(err), &e)
	if e.Kind == KindGraphQL && resolved(data) {
		return &Error{Kind: KindOutcomeUnknown, Messages: e.Messages, Err: e,
			Message: "the change may have been applied, but the server reported: " + strings.Join(e.Messages, "; ")}
	}
	return outcomeUnknown(e)
}

// resolved reports whether data has a non-null value for some field.
func resolved(data json.RawMessage) bool {
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil {
		return false
	}
	for _, v := range fields {
		if present(v) {
			return true
		}
	}
	return false
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
		// A timeout is not retried: it has already cost the whole wait,
		// and the user can ask again (the error's hint says how).
		if err == nil || attempt >= r.Attempts || !errors.As(err, &e) || !e.Temporary() || e.Kind == KindTimeout {
			return err
		}
		d := min(wait, r.Max)
		if e.RetryAfter > 0 {
			// A wait longer than the policy allows, or than the request
			// has left, is not begun: the server's answer is the query's.
			if dl, ok := ctx.Deadline(); e.RetryAfter > r.Max || (ok && time.Until(dl) < e.RetryAfter) {
				return err
			}
			d = e.RetryAfter
		}
		// The wait is on the context's clock: a test's virtual one passes
		// it at once and can still tell how long the client waited.
		if clock.Sleep(ctx, d) != nil {
			return err
		}
		wait *= 2
	}
}
