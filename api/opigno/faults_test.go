package opigno_test

import (
	"context"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/demo/faults/faulttest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/opigno"
)

func TestEveryFaultOnAList(t *testing.T) {
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	c, err := opigno.New(opigno.Config{Endpoint: srv.URL + "/opigno/graphql", Token: demoopigno.DemoToken,
		ActingUUID: demoopigno.AdminUUID, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	faulttest.CheckPage(t, inj, "/opigno/graphql", false, 20, func(ctx context.Context) (api.Page[opigno.Connection], error) {
		return c.PossibleConnections(ctx, opigno.ListArgs{First: 20})
	})
}

// TestTokenEndpointFaults: with OAuth client credentials, a failing token
// endpoint is asked again as the query is retried; a refusal is an
// authentication error (after the OAuth library has tried its two ways of
// sending the client secret), not asked again.
func TestTokenEndpointFaults(t *testing.T) {
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	for _, tc := range []struct {
		fault           faults.Fault
		times, requests int
		kind            api.Kind
	}{
		{faults.ServerError, 2, 3, api.KindUnknown},
		{faults.BadGateway, 2, 3, api.KindUnknown},
		{faults.Unauthorized, 2, 2, api.KindAuth},
	} {
		c, err := opigno.New(opigno.Config{
			Endpoint: srv.URL + "/opigno/graphql", TokenURL: srv.URL + "/opigno/oauth/token",
			ClientID: demoopigno.DemoClientID, ClientSecret: demoopigno.DemoClientSecret,
			ActingUUID: demoopigno.AdminUUID, Timeout: 3 * time.Second,
		})
		if err != nil {
			t.Fatal(err)
		}
		inj.Next("/opigno/oauth/token", tc.fault, tc.times)
		before := inj.Requests("/opigno/oauth/token")
		_, err = c.PossibleConnections(context.Background(), opigno.ListArgs{First: 5})
		if api.KindOf(err) != tc.kind {
			t.Errorf("%s: want kind %d, got %d: %v", tc.fault, tc.kind, api.KindOf(err), err)
		}
		if n := inj.Requests("/opigno/oauth/token") - before; n != tc.requests {
			t.Errorf("%s: %d token requests, want %d", tc.fault, n, tc.requests)
		}
	}
}

// TestAHungTokenEndpointEndsWithTheRequest: an OAuth token endpoint that
// never answers holds a query up until the query's deadline only.
func TestAHungTokenEndpointEndsWithTheRequest(t *testing.T) {
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	c, err := opigno.New(opigno.Config{Endpoint: srv.URL + "/opigno/graphql", TokenURL: srv.URL + "/opigno/oauth/token",
		ClientID: demoopigno.DemoClientID, ClientSecret: demoopigno.DemoClientSecret, ActingUUID: demoopigno.AdminUUID})
	if err != nil {
		t.Fatal(err)
	}
	inj.Next("/opigno/oauth/token", faults.Hang, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.PossibleConnections(ctx, opigno.ListArgs{First: 5})
	if api.KindOf(err) != api.KindTimeout || time.Since(start) > 10*time.Second {
		t.Fatalf("want a timeout at the query's deadline, got %v (kind %d) after %s", err, api.KindOf(err), time.Since(start))
	}
	if p, err := c.PossibleConnections(context.Background(), opigno.ListArgs{First: 5}); err != nil || len(p.Items) != 5 {
		t.Fatalf("the next query should get a token and work: %v", err)
	}
}

// TestAPartialAnswerKeepsWhatArrived: a list answered with GraphQL errors
// beside its data returns the rows that arrived with the error.
func TestAPartialAnswerKeepsWhatArrived(t *testing.T) {
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	c, err := opigno.New(opigno.Config{Endpoint: srv.URL + "/opigno/graphql", Token: demoopigno.DemoToken,
		ActingUUID: demoopigno.AdminUUID, Timeout: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Schema(context.Background()); err != nil {
		t.Fatal(err)
	}
	inj.Next("opigno", faults.Partial, 1)
	p, err := c.PossibleConnections(context.Background(), opigno.ListArgs{First: 20})
	if !api.Partial(err) || len(p.Items) != 20 || p.Items[1].Context.Name != "" || p.Items[0].Context.Name == "" {
		t.Fatalf("want the 20 rows with the second's name missing, and the error: %d rows, %v", len(p.Items), err)
	}
}
