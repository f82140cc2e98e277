package vision_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demovision "github.com/rosterm/rosterm/api/demo/vision"
	"github.com/rosterm/rosterm/api/vision"
)

func newClient(t *testing.T, url string, groups ...string) *vision.Client {
	t.Helper()
	c, err := vision.New(vision.Config{
		Endpoint: url + "/vision/graphql", TokenURL: url + "/vision/token",
		Key: demovision.DemoKey, Secret: demovision.DemoSecret, Groups: groups,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNextTokenWalk(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c := newClient(t, srv.URL)
	seen := map[string]bool{}
	next := ""
	for {
		p, err := c.Users(context.Background(), next, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range p.Items {
			if seen[u.ID] {
				t.Fatalf("%s twice", u.ID)
			}
			seen[u.ID] = true
		}
		if !p.More {
			if p.Next != "" {
				t.Fatalf("the end must come with an empty token, got %q", p.Next)
			}
			break
		}
		next = p.Next
	}
	if len(seen) != 1500 || !seen["a-user-id"] {
		t.Fatalf("walked %d users", len(seen))
	}
}

func TestGroupsKeepOmittedIDsAsMissing(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c := newClient(t, srv.URL)
	gs, err := c.Groups(context.Background(), []string{"your-org-a-group", "your-org-nonexistent-group"})
	if err != nil || len(gs) != 2 {
		t.Fatalf("%+v %v", gs, err)
	}
	if gs[0].Name != "A Group" || len(gs[0].Members) != 1 || gs[0].Members[0] != "tech@example.com" {
		t.Errorf("A Group: %+v", gs[0])
	}
	if !gs[1].Missing || gs[1].ID != "your-org-nonexistent-group" {
		t.Errorf("an omitted group must come back as missing: %+v", gs[1])
	}
}

// clock is a settable time for the server's token expiry.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func TestTokenIsRenewedAfterItExpires(t *testing.T) {
	clk := &clock{t: time.Now()}
	srv := demotest.Start(t, demo.Options{Now: clk.Now, VisionTokenTTL: time.Minute})
	c := newClient(t, srv.URL, "your-org-a-group")
	ctx := context.Background()
	if _, err := c.Users(ctx, "", 5); err != nil {
		t.Fatal(err)
	}
	clk.Add(2 * time.Minute) // the server now considers the client's token expired
	p, err := c.Users(ctx, "", 5)
	if err != nil || len(p.Items) != 5 {
		t.Fatalf("after expiry the client must renew and retry: %v", err)
	}
}
