package scope_test

import (
	"context"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/demo/faults/faulttest"
	demoscope "github.com/rosterm/rosterm/api/demo/scope"
	"github.com/rosterm/rosterm/api/scope"
)

func TestEveryFaultOnASearch(t *testing.T) {
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	c, err := scope.New(scope.Config{Endpoint: srv.URL + "/scope/graphql", Token: demoscope.DemoToken, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	// Introspect first, so that every fault lands on the search itself.
	if _, err := c.Schema(context.Background()); err != nil {
		t.Fatal(err)
	}
	faulttest.CheckPage(t, inj, "/scope/graphql", false, 20, func(ctx context.Context) (api.Page[api.User], error) {
		return c.SearchUsers(ctx, "", "", 20)
	})
}

// TestAPartialAnswerKeepsWhatArrived: a search answered with GraphQL
// errors beside its data (a field that failed, nulled) returns the page
// that arrived with the error, so it can be shown with it.
func TestAPartialAnswerKeepsWhatArrived(t *testing.T) {
	inj := faults.New()
	srv := demotest.Start(t, demo.Options{Faults: inj})
	c, err := scope.New(scope.Config{Endpoint: srv.URL + "/scope/graphql", Token: demoscope.DemoToken, Timeout: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Schema(context.Background()); err != nil {
		t.Fatal(err)
	}
	inj.Next("scope", faults.Partial, 1)
	p, err := c.SearchUsers(context.Background(), "", "", 20)
	if !api.Partial(err) || len(p.Items) != 20 || p.Items[1].FirstName != "" || p.Items[0].FirstName == "" {
		t.Fatalf("want the 20 rows with the second's first name missing, and the error: %d rows, %v", len(p.Items), err)
	}
}
