package usercard

import (
	"context"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/faults"
	demovision "github.com/rosterm/rosterm/api/demo/vision"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/uitest"
)

// users is where the card sends edit and delete in these tests.
var users = common.Target{Pane: "users", List: "all"}

// find is the one user a search of the directory of source for text finds.
func find(t *testing.T, ctx *common.Context, source api.Source, text string) api.User {
	t.Helper()
	p, err := ctx.Directory(source).Users(text)(context.Background(), "", 10)
	if err != nil || len(p.Items) != 1 {
		t.Fatalf("searching %s for %q: %d users, %v", source, text, len(p.Items), err)
	}
	return p.Items[0]
}

// has fails unless text holds every one of want, and none of not.
func has(t *testing.T, what, text string, want []string, not ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
	for _, n := range not {
		if strings.Contains(text, n) {
			t.Errorf("%s shows %q:\n%s", what, n, text)
		}
	}
}

func TestEachUserShowsWhatTheirDirectoryHas(t *testing.T) {
	ctx, _ := uitest.DemoContext(t, demo.Options{})
	luke := find(t, ctx, api.Scope, "skywalker")
	has(t, "a Scope user", strings.Join(Lines(ctx, luke, 60), "\n"),
		[]string{"Luke Skywalker", "scope", "lskywalker", "luke@jedi.org", "Job title", "Licenses", "VIEWER", "Groups", "DEFAULT, JEDI, REBEL"},
		"Vision id")

	tech := find(t, ctx, api.Vision, "tech@example.com")
	has(t, "a Vision user", strings.Join(Lines(ctx, tech, 60), "\n"),
		[]string{tech.Name(), "vision", "tech@example.com", "Vision id", tech.Phone},
		"Licenses", "Groups", "Username", "Job title")

	// What a directory has but the user lacks shows as a dash; what it
	// may leave out (a job title, an origin group) is left out.
	bare := api.User{Source: api.Scope, ID: "u1", FirstName: "Rey"}
	lines := strings.Join(Lines(ctx, bare, 60), "\n")
	has(t, "a bare Scope user", lines, []string{"Rey", "Phone", "Licenses", "Groups", "—"}, "Job title", "Origin group", "Username")
}

func TestAVisionUserIsLookedUpAfresh(t *testing.T) {
	ctx, srv := uitest.DemoContext(t, demo.Options{})
	d := uitest.DrivePane(t, "", nil, 80, 30)
	lookups := func() int { return len(srv.Calls("getUser(")) }

	// A member row knows only the id: the card asks who it is.
	d.Run(Open(ctx, api.User{Source: api.Vision, ID: "tech@example.com"}, &users))
	tech := find(t, ctx, api.Vision, "tech@example.com")
	has(t, "the card", d.Dialog(), []string{tech.Name(), "tech@example.com", "Vision id", "y copy e-mail · esc close · Vision is read-only"},
		"looking up", "e edit")
	if lookups() != 1 {
		t.Fatalf("%d lookups", lookups())
	}
	d.Press("r")
	if lookups() != 2 || d.Dialog() == "" {
		t.Fatalf("r looks again, the card open: %d lookups", lookups())
	}
	d.Press("e", "x")
	if len(d.Elsewhere) != 0 || d.Dialog() == "" {
		t.Fatal("a Vision user can be neither edited nor deleted")
	}
	d.Press("esc")
	if d.Dialog() != "" {
		t.Fatal("esc closes the card")
	}
}

func TestAUserWhoNoLongerExistsSaysSo(t *testing.T) {
	ctx, _ := uitest.DemoContext(t, demo.Options{})
	d := uitest.DrivePane(t, "", nil, 80, 30)
	d.Run(Open(ctx, api.User{Source: api.Vision, ID: demovision.DepartedMemberID}, nil))
	card := d.Dialog()
	has(t, "the card", card, []string{demovision.DepartedMemberID, "Vision id", "This user no longer exists in Vision (id", demovision.DepartedMemberID + ")."},
		"E-mail", "Phone")
}

func TestAFailedLookupSaysWhatToDo(t *testing.T) {
	inj := faults.New()
	ctx, _ := uitest.DemoContext(t, demo.Options{Faults: inj})
	t.Cleanup(inj.Close)
	d := uitest.DrivePane(t, "", nil, 80, 30)
	inj.Add(faults.Rule{Fault: faults.Forbidden, Path: "vision", Times: 1})
	d.Run(Open(ctx, api.User{Source: api.Vision, ID: "a-user-id", Email: "old@example.com"}, nil))
	has(t, "the card", d.Dialog(), []string{"could not look the user up", "not allowed (HTTP 403)", "old@example.com"})
	d.Press("r")
	has(t, "the card", d.Dialog(), []string{"First Last", "First.Last@organization.com"}, "could not look", "old@example.com")
}

func TestAScopeUsersCardEditsAndDeletesThroughThePane(t *testing.T) {
	ctx, srv := uitest.DemoContext(t, demo.Options{})
	luke := find(t, ctx, api.Scope, "skywalker")
	d := uitest.DrivePane(t, "", nil, 80, 30)
	d.Run(Open(ctx, luke, &users))
	has(t, "the card", d.Dialog(), []string{"Luke Skywalker", "e edit · x delete · y copy e-mail · esc close"}, "read-only", "looking up")
	d.Press("e")
	d.Run(Open(ctx, luke, &users))
	d.Press("x")
	if len(d.Elsewhere) != 2 {
		t.Fatalf("edit and delete go to the Users pane: %+v", d.Elsewhere)
	}
	for i, kind := range []Kind{Edit, Delete} {
		a, ok := d.Elsewhere[i].(ActionMsg)
		if !ok || a.Address() != users || a.Kind != kind || a.User.ID != luke.ID {
			t.Errorf("action %d: %+v", i, d.Elsewhere[i])
		}
	}
	if len(srv.Calls("getUser(")) != 0 || d.Dialog() != "" {
		t.Error("a Scope user is not looked up again, and acting closes the card")
	}

	// Opened from a group's members, the card only shows and copies.
	d.Run(Open(ctx, luke, nil))
	has(t, "a member's card", d.Dialog(), []string{"y copy e-mail · esc close"}, "e edit", "read-only")
	d.Press("e")
	if len(d.Elsewhere) != 2 || d.Dialog() == "" {
		t.Fatalf("e does nothing here: %+v", d.Elsewhere)
	}
	d.Press("y")
	if len(d.Copied) != 1 || d.Copied[0] != "luke@jedi.org" || d.Dialog() != "" {
		t.Fatalf("y copies the e-mail and closes the card: %v", d.Copied)
	}
	d.Run(Open(ctx, luke, nil))
	d.Press("i")
	if len(d.Broadcasts) != 1 || d.Broadcasts[0] != (common.InvitePersonMsg{Name: "Luke Skywalker"}) {
		t.Fatalf("i asks Connections to invite Luke by name: %+v", d.Broadcasts)
	}
}

func TestCopyAndInvite(t *testing.T) {
	d := uitest.DrivePane(t, "", nil, 80, 30)
	d.Run(Copy(api.User{ID: "a-user-id", Email: "First.Last@organization.com"}))
	d.Run(Copy(api.User{ID: demovision.DepartedMemberID}))
	if len(d.Copied) != 2 || d.Copied[0] != "First.Last@organization.com" || d.Copied[1] != demovision.DepartedMemberID {
		t.Fatalf("the e-mail, or the id without one: %v", d.Copied)
	}
	d.Run(Invite(&common.Context{}, api.User{FirstName: "Luke"}))
	if d.Status() != "Inviting to a community needs Opigno configured." || len(d.Broadcasts) != 0 {
		t.Fatalf("without Opigno: %q %v", d.Status(), d.Broadcasts)
	}
}
