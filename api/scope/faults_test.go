package scope_test

import (
	"context"
	"fmt"
	"testing"
	"time"

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
	c, err := scope.New(scope.Config{Endpoint: srv.URL + "/scope/graphql", Token: demoscope.DemoToken, Timeout: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	// Introspect first, so that every fault lands on the search itself.
	if _, err := c.Schema(context.Background()); err != nil {
		t.Fatal(err)
	}
	faulttest.CheckQuery(t, inj, "/scope/graphql", false, func(ctx context.Context) error {
		p, err := c.SearchUsers(ctx, "", "", 20)
		if err == nil && len(p.Items) != 20 {
			return fmt.Errorf("a page of %d users, want 20", len(p.Items))
		}
		return err
	})
}
