package vision_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/clock"
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

func TestTokenIsRenewedAfterItExpires(t *testing.T) {
	// The server's clock: it expires the client's token when moved on.
	clk := clock.NewVirtual(time.Now())
	srv := demotest.Start(t, demo.Options{Now: clk.Now, VisionTokenTTL: time.Minute})
	c := newClient(t, srv.URL, "your-org-a-group")
	ctx := context.Background()
	if _, err := c.Users(ctx, "", 5); err != nil {
		t.Fatal(err)
	}
	clk.Advance(2 * time.Minute) // the server now considers the client's token expired
	p, err := c.Users(ctx, "", 5)
	if err != nil || len(p.Items) != 5 {
		t.Fatalf("after expiry the client must renew and retry: %v", err)
	}
}

func TestEmailLookupIgnoresCaseAndUnknownIDsAreNotFound(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c := newClient(t, srv.URL)
	ctx := context.Background()
	us, err := c.UsersByEmail(ctx, "SomeOne@YourCompany.com")
	if err != nil || len(us) != 1 || us[0].ID != "someone@yourcompany.com" {
		t.Fatalf("%+v %v", us, err)
	}
	if us, err := c.UsersByEmail(ctx, "nobody@nowhere.example"); err != nil || len(us) != 0 {
		t.Fatalf("an unknown address: %+v %v", us, err)
	}
	u, found, err := c.User(ctx, "a-user-id")
	if err != nil || !found || u.Email != "First.Last@organization.com" || u.Name() != "First Last" {
		t.Fatalf("%+v %v %v", u, found, err)
	}
	if _, found, err := c.User(ctx, demovision.DepartedMemberID); err != nil || found {
		t.Fatalf("an id nobody has must be not found: %v %v", found, err)
	}
}

func TestTokensByGetWithBasicAuth(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c, err := vision.New(vision.Config{
		Endpoint: srv.URL + "/vision/graphql", TokenURL: srv.URL + "/vision/token", TokenMethod: "GET",
		Key: demovision.DemoKey, Secret: demovision.DemoSecret,
	})
	if err != nil {
		t.Fatal(err)
	}
	if p, err := c.Users(context.Background(), "", 3); err != nil || len(p.Items) != 3 {
		t.Fatalf("%v", err)
	}
	bad, _ := vision.New(vision.Config{
		Endpoint: srv.URL + "/vision/graphql", TokenURL: srv.URL + "/vision/token", TokenMethod: "GET",
		Key: demovision.DemoKey, Secret: "wrong",
	})
	_, err = bad.Users(context.Background(), "", 3)
	if err == nil || strings.Contains(err.Error(), "wrong") {
		t.Fatalf("a wrong secret must fail without showing it: %v", err)
	}
	if _, err := vision.New(vision.Config{Endpoint: srv.URL, TokenURL: srv.URL, Key: "k", TokenMethod: "PUT"}); err == nil {
		t.Fatal("an unknown token method must be refused")
	}
}
