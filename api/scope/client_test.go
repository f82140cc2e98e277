package scope_test

import (
	"context"
	"slices"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoscope "github.com/rosterm/rosterm/api/demo/scope"
	"github.com/rosterm/rosterm/api/scope"
)

func newClient(t *testing.T, url string) *scope.Client {
	t.Helper()
	c, err := scope.New(scope.Config{Endpoint: url + "/scope/graphql", Token: demoscope.DemoToken})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSearchFindsLukeWithGroupsAndLicenses(t *testing.T) {
	for _, legacy := range []bool{false, true} {
		srv := demotest.Start(t, demo.Options{ScopeLegacy: legacy})
		c := newClient(t, srv.URL)
		p, err := c.SearchUsers(context.Background(), "skywalker", "", 10)
		if err != nil {
			t.Fatalf("legacy=%v: %v", legacy, err)
		}
		if len(p.Items) != 1 {
			t.Fatalf("legacy=%v: want Luke alone, got %d users", legacy, len(p.Items))
		}
		luke := p.Items[0]
		if luke.Email != "luke@jedi.org" || !slices.Equal(luke.Groups, []string{"DEFAULT", "JEDI", "REBEL"}) || !slices.Contains(luke.Licenses, "VIEWER") {
			t.Errorf("legacy=%v: %+v", legacy, luke)
		}
	}
}

func TestSearchPagesThroughEveryone(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c := newClient(t, srv.URL)
	seen := map[string]bool{}
	after, total := "", 0
	for {
		p, err := c.SearchUsers(context.Background(), "", after, 100)
		if err != nil {
			t.Fatal(err)
		}
		total = p.Total
		for _, u := range p.Items {
			if seen[u.ID] {
				t.Fatalf("user %s twice", u.ID)
			}
			seen[u.ID] = true
		}
		if !p.More {
			break
		}
		after = p.Next
	}
	if len(seen) != total || total < 1200 {
		t.Fatalf("walked %d users, totalCount %d", len(seen), total)
	}
}

func TestGroupsAndAuth(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c := newClient(t, srv.URL)
	p, err := c.Groups(context.Background(), "", 100)
	if err != nil || p.Total != 25 || len(p.Items) != 25 {
		t.Fatalf("groups: %d of %d, %v", len(p.Items), p.Total, err)
	}
	bad, _ := scope.New(scope.Config{Endpoint: srv.URL + "/scope/graphql", Token: "nope"})
	if _, err := bad.SearchUsers(context.Background(), "", "", 5); api.KindOf(err) != api.KindAuth {
		t.Fatalf("wrong token: %v", err)
	}
}
