package vision_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/hostile"
	demovision "github.com/rosterm/rosterm/api/demo/vision"
)

// TestHostileTextArrivesRaw: names, e-mails and group names come as the
// server sent them, except for bytes that are not UTF-8 (U+FFFD).
func TestHostileTextArrivesRaw(t *testing.T) {
	srv := demotest.Start(t, demo.Options{Hostile: true})
	c := newClient(t, srv.URL)
	p, err := c.Users(context.Background(), "", 30)
	if err != nil {
		t.Fatal(err)
	}
	family := map[string]bool{}
	for _, u := range p.Items {
		family[u.LastName] = true
	}
	for _, pl := range hostile.Payloads() {
		if want := string([]rune(hostile.Wire(pl.Text))); !family[want] {
			t.Errorf("%s: no user named %q on the first page", pl.Name, want)
		}
	}
	if !strings.Contains(p.Items[3].Email, "\x1b") {
		t.Errorf("the e-mail should arrive raw: %q", p.Items[3].Email)
	}
	gs, err := c.Groups(context.Background(), demovision.GroupIDs())
	if err != nil {
		t.Fatal(err)
	}
	hostileGroups := 0
	for _, g := range gs {
		if hostile.Contains(g.Name) {
			hostileGroups++
		}
	}
	if hostileGroups != 3 {
		t.Errorf("%d hostile group names", hostileGroups)
	}
}
