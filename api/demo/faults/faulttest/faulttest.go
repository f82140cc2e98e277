// Package faulttest checks, in tests, what a client makes of each fault
// the demo server can inject: the kind of error and its words, how many
// requests it took (temporary faults are retried, others are not), and
// that the next request works again.
package faulttest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/demo/faults"
)

// Case is what one fault, hitting one request, should come to.
type Case struct {
	Fault    faults.Fault
	Kind     api.Kind // KindUnknown means the call succeeds (after a retry)
	Requests int      // requests the call makes
	Message  string   // part of the error's text
}

// QueryCases are the outcomes for a query hit once by each fault, with
// the default retry policy. A client whose credentials can be renewed
// (renews) sends the query again after a 401 with a fresh token.
func QueryCases(renews bool) []Case {
	auth := Case{faults.Unauthorized, api.KindAuth, 1, "not signed in (HTTP 401): The access token is invalid"}
	if renews {
		auth = Case{faults.Unauthorized, api.KindUnknown, 2, ""}
	}
	return []Case{
		auth,
		{faults.Forbidden, api.KindForbidden, 1, "not allowed (HTTP 403): Access denied"},
		{faults.RateLimited, api.KindUnknown, 2, ""},
		{faults.ServerError, api.KindUnknown, 2, ""},
		{faults.BadGateway, api.KindUnknown, 2, ""},
		{faults.Partial, api.KindGraphQL, 1, "the upstream service timed out"},
		{faults.Malformed, api.KindDecode, 1, "could not be read"},
		{faults.Truncated, api.KindUnknown, 2, ""},
		{faults.TooLarge, api.KindTooLarge, 1, "larger than"},
		{faults.Hang, api.KindTimeout, 1, "did not answer in time"},
		{faults.Reset, api.KindUnknown, 2, ""},
	}
}

// PersistentCases are the outcomes for a query whose every attempt (three
// with the default policy) meets a temporary fault.
func PersistentCases() []Case {
	return []Case{
		{faults.ServerError, api.KindServer, 3, "the server reported an error (HTTP 500)"},
		{faults.BadGateway, api.KindServer, 3, "HTTP 502): Bad gateway"},
		{faults.Truncated, api.KindNetwork, 3, "closed before the whole answer arrived"},
		{faults.Reset, api.KindNetwork, 3, "connection"},
	}
}

// Check plans c.Fault for the next times requests to path, runs call and
// checks the outcome; then it checks that call works again, at once.
func Check(t *testing.T, inj *faults.Injector, path string, c Case, times int, call func(context.Context) error) {
	t.Helper()
	inj.Add(faults.Rule{Fault: c.Fault, Path: path, Times: times, RetryAfter: time.Second})
	// The call's waits are on a virtual clock: the backoff and the
	// Retry-After pass at once and are measured in virtual time, and a
	// hanging answer moves the clock past the client's timeout.
	clk := clock.NewVirtual(time.Now())
	inj.OnHang(func() { clk.Advance(time.Hour) })
	defer inj.OnHang(nil)
	before := inj.Requests(path)
	start := clk.Now()
	err := call(clock.With(context.Background(), clk))
	took := clk.Now().Sub(start)
	t.Logf("%s ×%d: %v (%d requests, %s waited)", c.Fault, times, err, inj.Requests(path)-before, took.Round(time.Millisecond))
	if got := api.KindOf(err); got != c.Kind || (c.Kind == api.KindUnknown) != (err == nil) {
		t.Fatalf("%s: want kind %d, got %d: %v", c.Fault, c.Kind, got, err)
	}
	if err != nil && !strings.Contains(err.Error(), c.Message) {
		t.Errorf("%s: the message %q does not say %q", c.Fault, err, c.Message)
	}
	if n := inj.Requests(path) - before; n != c.Requests {
		t.Errorf("%s: %d requests, want %d", c.Fault, n, c.Requests)
	}
	if c.Requests > 1 && c.Fault != faults.Unauthorized && took == 0 {
		t.Errorf("%s: sent again at once, with no backoff", c.Fault)
	}
	if c.Fault == faults.RateLimited && err == nil && took < time.Second {
		t.Errorf("%s: retried after %s, before the server's Retry-After of 1s", c.Fault, took)
	}
	if inj.Pending() != 0 {
		t.Fatalf("%s: %d planned faults were not used", c.Fault, inj.Pending())
	}
	before = inj.Requests(path)
	if err := call(context.Background()); err != nil || inj.Requests(path)-before != 1 {
		t.Fatalf("%s: the next call should work at once: %v after %d requests", c.Fault, err, inj.Requests(path)-before)
	}
}

// CheckQuery runs every case of QueryCases and PersistentCases against
// query, a call of the client under test that sends one GraphQL request to
// path. One case is an answer that never comes: it moves the call's
// virtual clock past the client's timeout, whatever its length, so the
// timeout can be long enough for a loaded machine.
func CheckQuery(t *testing.T, inj *faults.Injector, path string, renews bool, query func(context.Context) error) {
	t.Helper()
	for _, c := range QueryCases(renews) {
		t.Run(string(c.Fault), func(t *testing.T) { Check(t, inj, path, c, 1, query) })
	}
	for _, c := range PersistentCases() {
		t.Run(string(c.Fault)+" every time", func(t *testing.T) { Check(t, inj, path, c, c.Requests, query) })
	}
}

// CheckPage is CheckQuery for a call that asks for a page of size rows:
// once the call works, the page must be whole, not what a fault left.
func CheckPage[T any](t *testing.T, inj *faults.Injector, path string, renews bool, size int, page func(context.Context) (api.Page[T], error)) {
	t.Helper()
	CheckQuery(t, inj, path, renews, func(ctx context.Context) error {
		p, err := page(ctx)
		if err == nil && len(p.Items) != size {
			return fmt.Errorf("a page of %d rows, want %d", len(p.Items), size)
		}
		return err
	})
}
