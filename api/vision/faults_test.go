package vision_test

import (
	"context"
	"fmt"
	"testing"
	"time"

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
		Key: demovision.DemoKey, Secret: demovision.DemoSecret, Timeout: 3 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	faulttest.CheckQuery(t, inj, "/vision/graphql", true, func(ctx context.Context) error {
		p, err := c.Users(ctx, "", 20)
		if err == nil && len(p.Items) != 20 {
			return fmt.Errorf("a page of %d users, want 20", len(p.Items))
		}
		return err
	})
}
