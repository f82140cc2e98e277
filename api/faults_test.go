package api_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/demo/faults/faulttest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
)

// opignoClient acts as the demo administrator with the static token, so a
// 401 cannot be cured by renewing.
func opignoClient(t *testing.T, url string, retry api.Retry) *api.Client {
	t.Helper()
	c, err := api.NewClient(api.Endpoint{
		URL:     url + "/opigno/graphql",
		Auth:    api.Static{"Authorization": {"Bearer " + demoopigno.DemoToken}, "Opigno-Client-UUID": {demoopigno.AdminUUID}},
		Timeout: 30 * time.Second, // a hang moves the virtual clock past it
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c.WithRetry(retry)
}

const currentName = `{ getCurrentUserContext { displayName } }`

func displayName(t *testing.T, c *api.Client) string {
	t.Helper()
	var out struct {
		GetCurrentUserContext struct{ DisplayName string }
	}
	if err := c.Exec(context.Background(), currentName, &out, nil); err != nil {
		t.Fatal(err)
	}
	return out.GetCurrentUserContext.DisplayName
}

// TestEveryFaultOnAHandWrittenQuery runs the fault table through Exec, the
// path of documents built at run time.
func TestEveryFaultOnAHandWrittenQuery(t *testing.T) {
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	c := opignoClient(t, srv.URL, api.DefaultRetry())
	faulttest.CheckQuery(t, inj, "/opigno/graphql", false, func(ctx context.Context) error {
		var out struct {
			GetPossibleUserConnections struct{ TotalItems int }
		}
		return c.Exec(ctx, `{ getPossibleUserConnections(first: 20) { totalItems edges { node { userContext { id displayName } } } } }`, &out, nil)
	})
}

// mutation is one way of sending a mutation: the GraphQL client's structs
// (Mutate) or a hand-written document (ExecMutation).
type mutation func(ctx context.Context, c *api.Client, name string) error

func structMutation(ctx context.Context, c *api.Client, name string) error {
	var m struct {
		SetUserContext struct {
			Errors   []string
			Response struct{ DisplayName string }
		} `graphql:"setUserContext(uuid: $uuid, displayName: $name, scope: ADMINISTRATOR)"`
	}
	return c.Mutate(ctx, &m, map[string]any{"uuid": demoopigno.AdminUUID, "name": name})
}

func documentMutation(ctx context.Context, c *api.Client, name string) error {
	var out struct {
		SetUserContext struct {
			Errors   []string
			Response struct{ DisplayName string }
		}
	}
	return c.ExecMutation(ctx, `mutation ($uuid: String!, $name: String) {
  setUserContext(uuid: $uuid, displayName: $name, scope: ADMINISTRATOR) { errors response { displayName } }
}`, &out, map[string]any{"uuid": demoopigno.AdminUUID, "name": name})
}

// TestMutationsAreSentOnceAndAnUnknownOutcomeIsSaid: whatever the fault, a
// mutation is sent exactly once; when the server may have carried it out
// (and, for the faults that let the demo execute it first, really did),
// the error says the outcome is unknown rather than that it failed.
func TestMutationsAreSentOnceAndAnUnknownOutcomeIsSaid(t *testing.T) {
	cases := []struct {
		fault   faults.Fault
		kind    api.Kind
		applied bool // the demo server carried it out
		message string
	}{
		{faults.Unauthorized, api.KindAuth, false, "HTTP 401"},
		{faults.Forbidden, api.KindForbidden, false, "HTTP 403"},
		{faults.RateLimited, api.KindRateLimit, false, "HTTP 429"},
		{faults.ServerError, api.KindOutcomeUnknown, false, "the change may or may not have been applied: the server reported an error (HTTP 500)"},
		{faults.BadGateway, api.KindOutcomeUnknown, false, "Bad gateway"},
		{faults.Partial, api.KindOutcomeUnknown, true, "the change may have been applied, but the server reported: Internal error resolving"},
		{faults.Malformed, api.KindOutcomeUnknown, true, "could not be read"},
		{faults.Truncated, api.KindOutcomeUnknown, true, "closed before the whole answer arrived"},
		{faults.TooLarge, api.KindOutcomeUnknown, true, "larger than"},
		{faults.Hang, api.KindOutcomeUnknown, false, "did not answer in time"},
		{faults.Reset, api.KindOutcomeUnknown, false, "may or may not have been applied"},
	}
	for how, send := range map[string]mutation{"Mutate": structMutation, "ExecMutation": documentMutation} {
		t.Run(how, func(t *testing.T) {
			inj := faults.New()
			srv := demotest.Start(t, demo.Options{Faults: inj})
			c := opignoClient(t, srv.URL, api.DefaultRetry())
			// A hanging answer moves the clock past the client's timeout.
			clk := clock.NewVirtual(time.Now())
			inj.OnHang(func() { clk.Advance(time.Hour) })
			ctx := clock.With(context.Background(), clk)
			for i, tc := range cases {
				name := fmt.Sprintf("Renamed %s %d", how, i)
				inj.Next("opigno", tc.fault, 1)
				before := inj.Requests("/opigno/graphql")
				err := send(ctx, c, name)
				t.Logf("%s: %v", tc.fault, err)
				if api.KindOf(err) != tc.kind || !strings.Contains(fmt.Sprint(err), tc.message) {
					t.Errorf("%s: want kind %d saying %q, got %d: %v", tc.fault, tc.kind, tc.message, api.KindOf(err), err)
				}
				if n := inj.Requests("/opigno/graphql") - before; n != 1 {
					t.Errorf("%s: the mutation was sent %d times", tc.fault, n)
				}
				if got := displayName(t, c); (got == name) != tc.applied {
					t.Errorf("%s: applied=%v, want %v (the name is %q)", tc.fault, got == name, tc.applied, got)
				}
			}
			if err := send(context.Background(), c, "Demo Administrator"); err != nil {
				t.Fatalf("after the faults: %v", err)
			}
		})
	}
}

// TestRetryAfterBeyondTheCapIsNotWaitedFor: a server asking for a longer
// wait than the policy allows gets an error at once, saying so, rather
// than a frozen pane.
func TestRetryAfterBeyondTheCapIsNotWaitedFor(t *testing.T) {
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	c := opignoClient(t, srv.URL, api.Retry{Attempts: 3, Base: 10 * time.Millisecond, Max: 2 * time.Second})
	inj.Add(faults.Rule{Fault: faults.RateLimited, Path: "opigno", Times: 1, RetryAfter: 30 * time.Second})
	start := time.Now()
	var out struct{ GetCurrentUserContext struct{ DisplayName string } }
	err := c.Exec(context.Background(), currentName, &out, nil)
	var e *api.Error
	if api.KindOf(err) != api.KindRateLimit || !asError(err, &e) || e.RetryAfter != 30*time.Second {
		t.Fatalf("want a rate limit asking for 30s, got %v", err)
	}
	if inj.Requests("/opigno/graphql") != 1 || time.Since(start) > time.Second {
		t.Fatalf("%d requests in %s: the client waited or retried", inj.Requests("/opigno/graphql"), time.Since(start))
	}
}

// TestRetryWaitEndsWithTheContext: leaving a pane (its context cancelled)
// ends the wait between attempts at once.
func TestRetryWaitEndsWithTheContext(t *testing.T) {
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	c := opignoClient(t, srv.URL, api.Retry{Attempts: 3, Base: 10 * time.Second, Max: 30 * time.Second})
	inj.Next("opigno", faults.ServerError, 3)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	var out struct{ GetCurrentUserContext struct{ DisplayName string } }
	err := c.Exec(ctx, currentName, &out, nil)
	if api.KindOf(err) != api.KindServer || time.Since(start) > 2*time.Second {
		t.Fatalf("want the server error soon after the context ends, got %v after %s", err, time.Since(start))
	}
	if inj.Requests("/opigno/graphql") != 1 {
		t.Fatalf("%d requests", inj.Requests("/opigno/graphql"))
	}
}

func asError(err error, e **api.Error) bool { return errors.As(err, e) }
