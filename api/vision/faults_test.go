package vision_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/demo/faults/faulttest"
	demovision "github.com/rosterm/rosterm/api/demo/vision"
	"github.com/rosterm/rosterm/api/vision"
)

// TestEveryFaultOnAPage: Vision's tokens can be renewed, so a 401 is
// answered by fetching a new token and asking once more.
func TestEveryFaultOnAPage(t *testing.T) {
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	c, err := vision.New(vision.Config{
		Endpoint: srv.URL + "/vision/graphql", TokenURL: srv.URL + "/vision/token",
		Key: demovision.DemoKey, Secret: demovision.DemoSecret, Timeout: 30 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	faulttest.CheckPage(t, inj, "/vision/graphql", true, 20, func(ctx context.Context) (api.Page[api.User], error) {
		return c.Users(ctx, "", 20)
	})
}

// TestTokenEndpointFaults: a token endpoint that is busy, failing or
// unreachable is asked again, as the query is retried; one that refuses
// the key says to check it, and is not asked again.
func TestTokenEndpointFaults(t *testing.T) {
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	for _, tc := range []struct {
		fault    faults.Fault
		kind     api.Kind
		requests int
		message  string
	}{
		{faults.ServerError, api.KindUnknown, 2, ""},
		{faults.RateLimited, api.KindUnknown, 2, ""},
		{faults.Reset, api.KindUnknown, 2, ""},
		{faults.Unauthorized, api.KindAuth, 1, "check api_key and api_secret"},
		{faults.Forbidden, api.KindAuth, 1, "check api_key and api_secret"},
	} {
		c, err := vision.New(vision.Config{
			Endpoint: srv.URL + "/vision/graphql", TokenURL: srv.URL + "/vision/token",
			Key: demovision.DemoKey, Secret: demovision.DemoSecret, Timeout: 3 * time.Second,
		})
		if err != nil {
			t.Fatal(err)
		}
		inj.Next("/vision/token", tc.fault, 1)
		before := inj.Requests("/vision/token")
		// The retries' backoff passes on a virtual clock.
		_, err = c.Users(clock.With(context.Background(), clock.NewVirtual(time.Now())), "", 5)
		if api.KindOf(err) != tc.kind || (err != nil && !strings.Contains(err.Error(), tc.message)) {
			t.Errorf("%s: want kind %d saying %q, got %d: %v", tc.fault, tc.kind, tc.message, api.KindOf(err), err)
		}
		if n := inj.Requests("/vision/token") - before; n != tc.requests {
			t.Errorf("%s: %d token requests, want %d", tc.fault, n, tc.requests)
		}
	}
}

// TestAHungTokenEndpointEndsWithTheRequest: a token endpoint that never
// answers holds a query up until the query's deadline, not the token
// client's own 30 seconds; the next query asks for a token again.
func TestAHungTokenEndpointEndsWithTheRequest(t *testing.T) {
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	c, err := vision.New(vision.Config{
		Endpoint: srv.URL + "/vision/graphql", TokenURL: srv.URL + "/vision/token",
		Key: demovision.DemoKey, Secret: demovision.DemoSecret,
	})
	if err != nil {
		t.Fatal(err)
	}
	inj.Next("/vision/token", faults.Hang, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.Users(ctx, "", 5)
	if api.KindOf(err) != api.KindTimeout || time.Since(start) > 10*time.Second {
		t.Fatalf("want a timeout at the query's deadline, got %v (kind %d) after %s", err, api.KindOf(err), time.Since(start))
	}
	if p, err := c.Users(context.Background(), "", 5); err != nil || len(p.Items) != 5 {
		t.Fatalf("the next query should get a token and work: %v", err)
	}
}
