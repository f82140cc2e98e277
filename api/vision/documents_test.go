package vision_test

import (
	"context"
	"testing"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demovision "github.com/rosterm/rosterm/api/demo/vision"
)

// Vision documents every field the client uses: each of its four queries
// runs on a server that has only the documented schema and refuses
// introspection (demotest validates each document against that schema),
// without the client ever asking for the schema.
func TestEveryDocumentIsDocumented(t *testing.T) {
	srv := demotest.Start(t, demo.Options{Strict: true, NoIntrospection: true})
	groups := demovision.GroupIDs()
	c := newClient(t, srv.URL, groups[:2]...)
	ctx := context.Background()
	p, err := c.Users(ctx, "", 5)
	if err != nil || len(p.Items) != 5 || !p.More {
		t.Fatalf("listUsers: %d users, %v", len(p.Items), err)
	}
	if _, found, err := c.User(ctx, p.Items[0].ID); err != nil || !found {
		t.Errorf("getUser: %v %v", found, err)
	}
	if us, err := c.UsersByEmail(ctx, p.Items[0].Email); err != nil || len(us) != 1 {
		t.Errorf("getUsersByEmail: %d, %v", len(us), err)
	}
	if gs, err := c.Groups(ctx, groups[:2]); err != nil || len(gs) != 2 || gs[0].Missing {
		t.Errorf("getGroups: %+v, %v", gs, err)
	}
	if n := srv.Documents("vision"); n != 4 {
		t.Errorf("%d documents sent, want the four queries", n)
	}
	if r := srv.Refused(); len(r) > 0 {
		t.Errorf("refused: %v", r)
	}
	if known, _ := c.Capabilities().Introspection(); known {
		t.Error("the schema was asked for, though nothing is optional")
	}
}
