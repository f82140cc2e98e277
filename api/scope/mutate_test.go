package scope_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoscope "github.com/rosterm/rosterm/api/demo/scope"
	"github.com/rosterm/rosterm/api/scope"
)

var bg = context.Background()

// find returns the one user matching text, failing otherwise.
func find(t *testing.T, c *scope.Client, text string) api.User {
	t.Helper()
	p, err := c.SearchUsers(bg, text, "", 10)
	if err != nil || len(p.Items) != 1 {
		t.Fatalf("searching %q: %d users, %v", text, len(p.Items), err)
	}
	return p.Items[0]
}

func newUser(email string) scope.NewUser {
	return scope.NewUser{FirstName: "Rey", LastName: "Nobody", Username: "rey.nobody", Password: "jakku-scavenger",
		Email: email, Licenses: []string{"VIEWER"}, Groups: []string{"DEFAULT", "JEDI"}}
}

func TestCreateUserReportsFieldErrorsByPath(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c := newClient(t, srv.URL)
	nu := newUser("luke@jedi.org") // Luke's
	nu.Username = "lskywalker"     // Luke's too
	nu.Password = "short"
	_, errs, err := c.CreateUser(bg, nu)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range errs {
		got[e.Field()] = e.Text()
	}
	want := map[string]string{
		"email":    "Email is already in use",
		"username": "Username has already been taken",
		"password": "Password is too short (minimum is 8 characters)",
	}
	for f, msg := range want {
		if got[f] != msg {
			t.Errorf("field %s: got %q, want %q (all: %v)", f, got[f], msg, got)
		}
	}
	if p, _ := c.SearchUsers(bg, "rey.nobody", "", 5); len(p.Items) != 0 {
		t.Error("a refused create must not create anyone")
	}
}

func TestCreateUserNeedsOriginGroupOnlyForAdminOrAuthor(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c := newClient(t, srv.URL)
	nu := newUser("rey@jakku.net")
	nu.Licenses = []string{"AUTHOR"}
	_, errs, err := c.CreateUser(bg, nu)
	if err != nil || len(errs) != 1 || errs[0].Field() != "requestedOriginGroup" {
		t.Fatalf("an author without origin group: %+v %v", errs, err)
	}
	nu.OriginGroup = "JEDI"
	u, errs, err := c.CreateUser(bg, nu)
	if err != nil || len(errs) > 0 {
		t.Fatalf("%+v %v", errs, err)
	}
	if u.OriginGroup != "JEDI" || !slices.Equal(u.Licenses, []string{"AUTHOR"}) || u.Username != "rey.nobody" {
		t.Errorf("created %+v", u)
	}
	if found := find(t, c, "rey@jakku.net"); found.ID != u.ID || !slices.Equal(found.Groups, []string{"DEFAULT", "JEDI"}) {
		t.Errorf("search finds %+v", found)
	}
}

func TestLicenseTypesComeFromTheSchema(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c := newClient(t, srv.URL)
	types, err := c.LicenseTypes(bg)
	if err != nil || !slices.Contains(types, "VIEWER") || !slices.Contains(types, "TECH_PLUS") || len(types) != 7 {
		t.Fatalf("%v %v", types, err)
	}
	names, _, err := c.GroupNames(bg)
	if err != nil || len(names) != 25 || !slices.Contains(names, "JEDI") {
		t.Fatalf("group names %v %v", names, err)
	}
}

func TestUpdateUserPatchesAndReplacesGroups(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c := newClient(t, srv.URL)
	luke := find(t, c, "luke@jedi.org")
	title, groups := "Jedi Master", []string{"JEDI", "TRAINING"}
	u, errs, err := c.UpdateUser(bg, luke.ID, scope.Change{JobTitle: &title, Groups: &groups})
	if err != nil || len(errs) > 0 {
		t.Fatalf("%+v %v", errs, err)
	}
	if u.JobTitle != title || !slices.Equal(u.Groups, []string{"JEDI", "TRAINING"}) || u.Email != "luke@jedi.org" {
		t.Errorf("updated %+v", u)
	}
	taken := "demo.admin@acme.io"
	_, errs, err = c.UpdateUser(bg, luke.ID, scope.Change{Email: &taken})
	if err != nil || len(errs) != 1 || errs[0].Field() != "email" || errs[0].Text() != "Email is already in use" {
		t.Fatalf("a taken e-mail: %+v %v", errs, err)
	}
	if again := find(t, c, "skywalker"); again.Email != "luke@jedi.org" {
		t.Error("a refused update must change nothing")
	}
}

func TestDeleteReportsEveryDocumentedRefusal(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c := newClient(t, srv.URL)
	self := find(t, c, "demo.admin")
	support := find(t, c, "support@scopear.com")
	luke := find(t, c, "luke@jedi.org")
	res, err := c.DeleteUsers(bg, []string{luke.ID, self.ID, support.ID, "not-an-id"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Deleted, []string{luke.ID}) || len(res.Undeleted) != 3 {
		t.Fatalf("%+v", res)
	}
	reasons := map[string]string{}
	for _, u := range res.Undeleted {
		reasons[u.ID] = u.Reason
	}
	for id, want := range map[string]string{self.ID: "cannot delete themselves", support.ID: "support admins",
		"not-an-id": "not a valid user id"} {
		if !strings.Contains(reasons[id], want) {
			t.Errorf("%s: reason %q should mention %q", id, reasons[id], want)
		}
	}
	if p, _ := c.SearchUsers(bg, "luke@jedi.org", "", 5); len(p.Items) != 0 {
		t.Error("Luke must be gone")
	}
}

func TestDeleteKeepsTheLastCompanyAdmin(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	// The API token is not a user, so only the last-admin rule can stop it.
	c, err := scope.New(scope.Config{Endpoint: srv.URL + "/scope/graphql", Token: demoscope.DemoAPIToken})
	if err != nil {
		t.Fatal(err)
	}
	var admins []string
	for after := ""; ; {
		p, err := c.SearchUsers(bg, "", after, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range p.Items {
			if slices.Contains(u.Licenses, "ADMIN") && u.Email != "support@scopear.com" {
				admins = append(admins, u.ID)
			}
		}
		if !p.More {
			break
		}
		after = p.Next
	}
	if len(admins) != 3 {
		t.Fatalf("the demo has three company admins, found %d", len(admins))
	}
	res, err := c.DeleteUsers(bg, admins)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Deleted) != 2 || len(res.Undeleted) != 1 || !strings.Contains(res.Undeleted[0].Reason, "last company admin") {
		t.Fatalf("%+v", res)
	}
}

func TestGroupMembers(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c := newClient(t, srv.URL)
	groups, err := c.Groups(bg, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(groups.Items, func(g api.Group) bool { return g.Name == "JEDI" })
	p, err := c.GroupMembers(bg, groups.Items[i], "", 100)
	if err != nil || !slices.ContainsFunc(p.Items, func(u api.User) bool { return u.Email == "luke@jedi.org" }) {
		t.Fatalf("JEDI members: %d, %v", len(p.Items), err)
	}
	for _, u := range p.Items {
		if !slices.Contains(u.Groups, "JEDI") {
			t.Errorf("%s is listed but not in JEDI", u.Name())
		}
	}
	// Without the group's id (as on a server whose groups do not list
	// their members) the users are walked and those in the group kept.
	var all []api.User
	for after := ""; ; {
		p, err := c.GroupMembers(bg, api.Group{Source: api.Scope, Name: "JEDI"}, after, 100)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, p.Items...)
		if !p.More {
			break
		}
		after = p.Next
	}
	if len(all) != p.Total {
		t.Errorf("walking the users found %d JEDI members, the group lists %d", len(all), p.Total)
	}
}
