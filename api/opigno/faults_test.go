package opigno_test

import (
	"context"
	"fmt"
	"testing"
	"time"

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
		ActingUUID: demoopigno.AdminUUID, Timeout: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	faulttest.CheckQuery(t, inj, "/opigno/graphql", false, func(ctx context.Context) error {
		p, err := c.PossibleConnections(ctx, opigno.ListArgs{First: 20})
		if err == nil && len(p.Items) != 20 {
			return fmt.Errorf("a page of %d connections, want 20", len(p.Items))
		}
		return err
	})
}
