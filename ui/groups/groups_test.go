package groups

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demovision "github.com/rosterm/rosterm/api/demo/vision"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/api/vision"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/uitest"
)

// fixture is the pane on the demo server, with the server to count
// requests and the directories to look people up and check what changed.
type fixture struct {
	*uitest.PaneDriver
	t      *testing.T
	srv    *demotest.Server
	ctx    *common.Context
	scope  directory.Directory
	vision directory.Directory
}

// start drives the Groups pane at 64×30 on the demo's Scope and Vision
// (watching the demo's groups), with ctx changed by adjust first.
func start(t *testing.T, adjust func(f *fixture)) *fixture {
	t.Helper()
	ctx, srv := uitest.DemoContext(t, demo.Options{})
	f := &fixture{t: t, srv: srv, ctx: ctx, scope: ctx.Directories[0], vision: ctx.Directories[1]}
	if adjust != nil {
		adjust(f)
	}
	f.PaneDriver = uitest.DrivePane(t, Name, New(f.ctx), 64, 30)
	return f
}

// user finds the one user a search of d for text finds.
func (f *fixture) user(d directory.Directory, text string) api.User {
	f.t.Helper()
	p, err := d.Users(text)(context.Background(), "", 10)
	if err != nil || len(p.Items) != 1 {
		f.t.Fatalf("searching %s for %q: %d users, %v", d.Name(), text, len(p.Items), err)
	}
	return p.Items[0]
}

// selectUser is the Users pane selecting u.
func (f *fixture) selectUser(u api.User) { f.Send(common.UserSelectedMsg{User: u, OK: true}) }

// see fails unless the pane shows every one of texts.
func (f *fixture) see(texts ...string) {
	f.t.Helper()
	for _, s := range texts {
		if !strings.Contains(f.Screen(), s) {
			f.t.Fatalf("the pane does not show %q:\n%s", s, f.Screen())
		}
	}
}

// lineWith reports whether a line of the pane holds every one of parts.
func (f *fixture) lineWith(parts ...string) bool {
	for _, l := range strings.Split(f.Screen(), "\n") {
		if !slices.ContainsFunc(parts, func(p string) bool { return !strings.Contains(l, p) }) {
			return true
		}
	}
	return false
}

// status fails unless the latest status note is want.
func (f *fixture) status(want string) {
	f.t.Helper()
	if got := f.Status(); got != want {
		f.t.Fatalf("status %q, want %q", got, want)
	}
}

// selected is the row under the cursor.
func (f *fixture) selected() string {
	for _, l := range strings.Split(f.Screen(), "\n") {
		if strings.Contains(l, "▌") {
			return l
		}
	}
	return ""
}

// down moves the cursor until the row under it holds text.
func (f *fixture) down(text string) {
	f.t.Helper()
	for range 60 {
		if strings.Contains(f.selected(), text) {
			return
		}
		f.Press("j")
	}
	f.t.Fatalf("no row %q:\n%s", text, f.Screen())
}

func TestScopesGroupsAndTheWatchedVisionOnesInOneList(t *testing.T) {
	f := start(t, nil)
	if !f.lineWith("scope", "ASSEMBLY") || !strings.HasPrefix(strings.TrimLeft(strings.Split(f.Screen(), "\n")[1], "│ ▌"), "scope") {
		t.Fatalf("Scope's groups first, labelled:\n%s", f.Screen())
	}
	f.down("A Group")
	if !f.lineWith("vision", "A Group", "1") {
		t.Fatalf("then the watched Vision groups, with their member counts:\n%s", f.Screen())
	}
	f.Press("S")
	f.see("Groups · Scope only", "ASSEMBLY")
	if strings.Contains(f.Screen(), "vision") {
		t.Fatal("Scope alone shows no Vision group")
	}
	f.Press("S")
	f.see("Groups · Vision only", "A Group", "Field Technicians")
	if strings.Contains(f.Screen(), "ASSEMBLY") {
		t.Fatal("Vision alone shows no Scope group")
	}
	f.Press("S")
	f.see("ASSEMBLY")
	if strings.Contains(f.Screen(), " only") {
		t.Fatal("a third S shows both again")
	}
}

func TestTheSelectedUsersGroupsAreMarked(t *testing.T) {
	f := start(t, nil)
	f.selectUser(f.user(f.scope, "skywalker"))
	f.see("Luke Skywalker: DEFAULT, JEDI, REBEL")
	f.down("JEDI")
	if !f.lineWith("●", "JEDI") || f.lineWith("●", "ASSEMBLY") {
		t.Fatalf("Luke's groups marked, and only those:\n%s", f.Screen())
	}

	// A Vision user's groups are the watched groups that list them.
	f.Press("S", "S")
	tech := f.user(f.vision, "tech@example.com")
	f.selectUser(tech)
	if !f.lineWith("●", "A Group") || f.lineWith("●", "Field Technicians") {
		t.Fatalf("the Vision groups listing %s marked:\n%s", tech.ID, f.Screen())
	}
	f.see(tech.Name() + ": A Group")

	// Another: the marks follow the selection.
	f.selectUser(f.user(f.vision, "First.Last@organization.com"))
	f.see("First Last: Apprentices")
	if f.lineWith("●", "A Group") {
		t.Fatalf("A Group is no longer the selected user's:\n%s", f.Screen())
	}
	// A Scope user is in no Vision group.
	f.selectUser(f.user(f.scope, "skywalker"))
	if f.lineWith("●", "vision") {
		t.Fatalf("a Scope user is in no Vision group:\n%s", f.Screen())
	}
	f.Send(common.UserSelectedMsg{})
	if strings.Contains(f.Screen(), "First Last") || strings.Contains(f.Screen(), "●") {
		t.Fatalf("nothing selected, nothing marked:\n%s", f.Screen())
	}
}

func TestAddingAndRemovingTheSelectedScopeUser(t *testing.T) {
	f := start(t, nil)
	f.selectUser(f.user(f.scope, "skywalker"))
	f.down("ASSEMBLY")
	f.Press("e")
	f.status("Added Luke Skywalker to ASSEMBLY")
	if !f.lineWith("●", "ASSEMBLY") || !slices.Contains(f.user(f.scope, "skywalker").Groups, "ASSEMBLY") {
		t.Fatalf("Luke joined ASSEMBLY on the server and here:\n%s", f.Screen())
	}

	f.Press("e")
	dialog := f.Dialog()
	for _, want := range []string{"Remove from group?", "Remove from ASSEMBLY:", "Luke Skywalker <luke@jedi.org>", "groups after: DEFAULT, JEDI, REBEL"} {
		if !strings.Contains(dialog, want) {
			t.Fatalf("the confirmation lacks %q:\n%s", want, dialog)
		}
	}
	f.Press("y")
	f.status("Removed Luke Skywalker from ASSEMBLY")
	if f.lineWith("●", "ASSEMBLY") || slices.Contains(f.user(f.scope, "skywalker").Groups, "ASSEMBLY") {
		t.Fatalf("Luke left ASSEMBLY on the server and here:\n%s", f.Screen())
	}
	if len(f.Errors) != 0 {
		t.Fatalf("errors: %+v", f.Errors)
	}
}

func TestWhatCannotBeChangedSaysWhy(t *testing.T) {
	f := start(t, nil)
	f.Press("e")
	f.status("Select a user in the Users pane first.")

	tech := f.user(f.vision, "tech@example.com")
	f.selectUser(tech)
	f.Press("e")
	f.status(tech.Name() + " is a Vision user; only Scope users join Scope groups")
	f.down("A Group")
	f.Press("e")
	f.status("Vision groups cannot be changed: Vision's API has no mutations")

	f = start(t, func(f *fixture) { f.ctx.ReadOnly = true })
	f.selectUser(f.user(f.scope, "skywalker"))
	f.Press("e")
	f.status("Read-only mode: changing groups is turned off.")
	f.down("JEDI")
	f.Press("e")
	f.status("Read-only mode: changing groups is turned off.")
	if f.Dialog() != "" || len(f.srv.Calls("updateUser")) != 0 {
		t.Fatal("read-only mode asks nothing and sends nothing")
	}
}

func TestMembersOfAGroup(t *testing.T) {
	f := start(t, nil)
	f.down("JEDI")
	f.Press("enter")
	f.see("Groups › JEDI", "Luke Skywalker", "luke@jedi.org")

	// x on a member asks before taking them out of the group.
	f.down("Luke Skywalker")
	f.Press("x")
	if d := f.Dialog(); !strings.Contains(d, "Remove from JEDI:") || !strings.Contains(d, "groups after: DEFAULT, REBEL") {
		t.Fatalf("confirmation:\n%s", d)
	}
	f.Press("esc", "y")
	if len(f.Copied) != 1 || f.Copied[0] != "luke@jedi.org" {
		t.Fatalf("y copies the member's e-mail: %v", f.Copied)
	}
	f.Press("esc")
	f.see("ASSEMBLY")
	if strings.Contains(f.Screen(), "Groups ›") {
		t.Fatal("esc goes back to the groups")
	}
}

func TestVisionMembersAreLookedUpOnce(t *testing.T) {
	f := start(t, nil)
	f.Press("S", "S")
	f.down("Field Technicians")
	lookups := func() int { return len(f.srv.Calls("getUser(")) }
	f.Press("enter")
	f.see("Groups › Field Technicians")
	first := lookups()
	if first == 0 {
		t.Fatal("the member ids were not looked up")
	}
	f.Press("G")
	if !f.lineWith("no longer exists", demovision.DepartedMemberID) {
		t.Fatalf("an id nobody has says so:\n%s", f.Screen())
	}
	f.Press("g", "x")
	f.status("Vision groups cannot be changed: Vision's API has no mutations")
	opened := lookups()

	f.Press("esc", "enter")
	f.see("Groups › Field Technicians")
	if lookups() != opened {
		t.Fatalf("opening the group again looked %d people up again", lookups()-opened)
	}
}

func TestWatchingAGroupByID(t *testing.T) {
	f := start(t, nil)
	f.Press("n")
	if !strings.Contains(f.Dialog(), "Watch a Vision group") {
		t.Fatalf("n opens the watch form:\n%s", f.Dialog())
	}
	f.Type("your-org-a-group")
	f.Press("enter", "enter")
	if !strings.Contains(f.Dialog(), "is already watched") {
		t.Fatalf("a watched id is refused:\n%s", f.Dialog())
	}
	f.Press("ctrl+u")
	f.Type("your-org-retired")
	f.Press("enter", "enter")
	f.status("Watching your-org-retired: Vision has no such group (yet)")
	if f.Dialog() != "" || !strings.Contains(f.selected(), "not found") {
		t.Fatalf("the unknown group, selected, at the top:\n%s", f.Screen())
	}
	f.Press("enter")
	f.status("Vision has no group your-org-retired (it may have been removed)")
	f.Press("x")
	f.status("Stopped watching your-org-retired")
	if strings.Contains(f.Screen(), "not found") {
		t.Fatalf("no longer watched:\n%s", f.Screen())
	}
	f.Press("x")
	f.status("Only watched Vision groups can be removed from this list.")

	// Watched while Vision's groups are not shown: listed when they are.
	f.Press("S", "n")
	f.Type("your-org-retired")
	f.Press("enter", "enter")
	f.status("Watching your-org-retired (showing Scope only)")
}

func TestWithoutGroupsToWatch(t *testing.T) {
	// Vision configured with no group to watch: the pane says what to do.
	f := start(t, func(f *fixture) {
		vc, err := vision.New(vision.Config{Endpoint: f.srv.URL + "/vision/graphql", TokenURL: f.srv.URL + "/vision/token",
			Key: demovision.DemoKey, Secret: demovision.DemoSecret})
		if err != nil {
			t.Fatal(err)
		}
		f.ctx.Directories = directory.From(nil, vc)
	})
	f.see("No groups. Vision cannot list groups: press n to watch one", "by id.")

	// Scope alone: nothing to watch.
	f = start(t, func(f *fixture) { f.ctx.Directories = f.ctx.Directories[:1] })
	f.Press("n")
	f.status("Watching groups needs Vision to be configured.")
	if strings.Contains(f.Screen(), "scope ") {
		t.Fatalf("one source needs no labels:\n%s", f.Screen())
	}
}
