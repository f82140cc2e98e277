package directory_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoscope "github.com/rosterm/rosterm/api/demo/scope"
	demovision "github.com/rosterm/rosterm/api/demo/vision"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/api/scope"
	"github.com/rosterm/rosterm/api/vision"
)

// directories are the demo server's Scope and Vision as directories, in
// the order From gives them, Vision watching the demo's groups.
func directories(t *testing.T, o demo.Options) (*demotest.Server, *directory.Scope, *directory.Vision) {
	t.Helper()
	srv := demotest.Start(t, o)
	sc, err := scope.New(scope.Config{Endpoint: srv.URL + "/scope/graphql", Token: demoscope.DemoToken})
	if err != nil {
		t.Fatal(err)
	}
	vc, err := vision.New(vision.Config{Endpoint: srv.URL + "/vision/graphql", TokenURL: srv.URL + "/vision/token",
		Key: demovision.DemoKey, Secret: demovision.DemoSecret, Groups: demovision.GroupIDs()})
	if err != nil {
		t.Fatal(err)
	}
	ds := directory.From(sc, vc)
	if len(ds) != 2 {
		t.Fatalf("%d directories of two clients", len(ds))
	}
	s, ok1 := ds[0].(*directory.Scope)
	v, ok2 := ds[1].(*directory.Vision)
	if !ok1 || !ok2 {
		t.Fatalf("From gives %T, %T: Scope first", ds[0], ds[1])
	}
	return srv, s, v
}

// all reads every page of f, n rows a request.
func all[T any](t *testing.T, f api.PageFetch[T], n int) []T {
	t.Helper()
	var out []T
	after := ""
	for range 100 {
		p, err := f(context.Background(), after, n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p.Items...)
		if !p.More {
			return out
		}
		after = p.Next
	}
	t.Fatal("more than 100 pages")
	return nil
}

func TestFromFindAndOf(t *testing.T) {
	if ds := directory.From(nil, nil); len(ds) != 0 {
		t.Fatalf("no clients, no directories: %v", ds)
	}
	ds := directory.From(nil, &vision.Client{})
	if _, ok := directory.Find[directory.Editor](ds); ok {
		t.Error("Vision alone cannot change users")
	}
	ds = directory.From(&scope.Client{}, &vision.Client{})
	if ed, ok := directory.Find[directory.Editor](ds); !ok || ed.Source() != api.Scope {
		t.Error("Scope changes users")
	}
	if w, ok := directory.Find[directory.Watcher](ds); !ok || w.Source() != api.Vision {
		t.Error("Vision's groups are watched")
	}
	if directory.Of(ds, api.Vision).Name() != "Vision" || directory.Of(ds, api.Opigno) != nil {
		t.Error("Of finds a directory by its rows' source")
	}
}

func TestTheAbilitiesEachDirectoryHas(t *testing.T) {
	for _, c := range []struct {
		d                                      directory.Directory
		finds, edits, joins, watches, listsGrp bool
		fields                                 directory.Fields
	}{
		{directory.NewScope(nil), false, true, true, false, true, directory.FieldJobTitle | directory.FieldLicenses | directory.FieldGroups | directory.FieldOriginGroup},
		{directory.NewVision(nil), true, false, false, true, false, directory.FieldID},
	} {
		_, finds := c.d.(directory.Finder)
		_, edits := c.d.(directory.Editor)
		_, joins := c.d.(directory.Membership)
		_, watches := c.d.(directory.Watcher)
		if finds != c.finds || edits != c.edits || joins != c.joins || watches != c.watches || (c.d.Groups() != nil) != c.listsGrp {
			t.Errorf("%s: finds %v edits %v joins %v watches %v lists groups %v", c.d.Name(), finds, edits, joins, watches, c.d.Groups() != nil)
		}
		if c.d.Fields() != c.fields || !c.d.Fields().Has(c.fields) {
			t.Errorf("%s: fields %b", c.d.Name(), c.d.Fields())
		}
	}
}

func TestScopeSearchesItself(t *testing.T) {
	_, s, _ := directories(t, demo.Options{})
	p, err := s.Users("")(context.Background(), "", 50)
	if err != nil || len(p.Items) != 50 || p.Total != 1200 || !p.More {
		t.Fatalf("first page: %d users of %d, more %v, %v", len(p.Items), p.Total, p.More, err)
	}
	luke := all(t, s.Users("  skywalk "), 10)
	if len(luke) != 1 || luke[0].Email != "luke@jedi.org" || luke[0].Source != api.Scope {
		t.Fatalf("searching skywalk: %+v", luke)
	}
	if note := s.SearchNote("skywalk"); note != "" {
		t.Errorf("Scope searches itself, yet the note says %q", note)
	}
	if groups, ok := s.GroupsOf(luke[0]); !ok || !slices.Equal(groups, []string{"DEFAULT", "JEDI", "REBEL"}) {
		t.Errorf("Luke's groups come with him: %v %v", groups, ok)
	}
}

func TestVisionSearchIsFilteringOrAnEmailLookup(t *testing.T) {
	srv, _, v := directories(t, demo.Options{})
	everyone := all(t, v.Users(""), 500)
	if len(everyone) != 1500 || v.SearchNote("") != "" {
		t.Fatalf("everyone: %d users, note %q", len(everyone), v.SearchNote(""))
	}

	byEmail := all(t, v.Users("TECH@example.com"), 10)
	if len(byEmail) != 1 || byEmail[0].ID != "tech@example.com" {
		t.Fatalf("an e-mail address is looked up, ignoring case: %+v", byEmail)
	}
	if len(srv.Calls("getUsersByEmail")) != 1 {
		t.Error("the address was not looked up with getUsersByEmail")
	}
	if note := v.SearchNote("TECH@example.com"); note != "Vision: looked up by e-mail address" {
		t.Errorf("note %q", note)
	}

	filtered := all(t, v.Users("first LAST"), 20)
	if len(filtered) != 1 || filtered[0].ID != "a-user-id" {
		t.Fatalf("every term, in any case, in the names, e-mail or id: %+v", filtered)
	}
	if note := v.SearchNote("first LAST"); note != "Vision cannot search: its users are filtered here" {
		t.Errorf("note %q", note)
	}
	for _, c := range srv.Calls("listUsers")[1:] {
		if in, _ := c.Variables["input"].(map[string]any); in["limit"] != float64(500) {
			t.Fatalf("filtering reads 500 users a request, not %v", in["limit"])
		}
	}
}

func TestScopeGroupsAndTheirMembersPageByPage(t *testing.T) {
	_, s, _ := directories(t, demo.Options{})
	groups := all(t, s.Groups(), 5)
	i := slices.IndexFunc(groups, func(g api.Group) bool { return g.Name == "JEDI" })
	if len(groups) < 6 || i < 0 || groups[0].Source != api.Scope {
		t.Fatalf("groups: %+v", groups)
	}
	members := all(t, s.Members(groups[i], nil), 3)
	if !slices.ContainsFunc(members, func(m directory.Member) bool {
		return m.Found && m.ID == m.User.ID && m.User.Email == "luke@jedi.org"
	}) {
		t.Fatalf("JEDI's members lack Luke: %+v", members)
	}
	for _, m := range members {
		if names, _ := s.GroupsOf(m.User); !slices.Contains(names, "JEDI") {
			t.Errorf("%s is listed in JEDI but not in it: %v", m.User.Email, names)
		}
	}
}

func TestVisionResolvesMemberIDsReusingKnownPeople(t *testing.T) {
	srv, _, v := directories(t, demo.Options{})
	if groups, ok := v.GroupsOf(api.User{Source: api.Vision, ID: "tech@example.com"}); ok || groups != nil {
		t.Error("a Vision user does not say their groups")
	}
	gs, err := v.GroupsByID(context.Background(), []string{"your-org-field-technicians", "your-org-gone", "your-org-a-group"})
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 3 || gs[0].Name != "Field Technicians" || !gs[1].Missing || gs[1].ID != "your-org-gone" || gs[2].Name != "A Group" {
		t.Fatalf("groups by id, in order, the missing one kept: %+v", gs)
	}
	if !slices.Equal(v.Watched(), demovision.GroupIDs()) {
		t.Error("the watched ids are the configured ones")
	}

	ft := gs[0]
	lookups := func() int { return len(srv.Calls("getUser(")) }
	members := all(t, v.Members(ft, nil), 7)
	if len(members) != len(ft.Members) || lookups() != len(ft.Members) {
		t.Fatalf("%d members of %d ids, %d lookups", len(members), len(ft.Members), lookups())
	}
	known := map[string]directory.Member{}
	for i, m := range members {
		if m.ID != ft.Members[i] {
			t.Fatalf("member %d is %s, not %s: the group's order is kept", i, m.ID, ft.Members[i])
		}
		if m.Found != (m.ID != demovision.DepartedMemberID) {
			t.Errorf("%s found %v", m.ID, m.Found)
		}
		known[m.ID] = m
	}
	before := lookups()
	again := all(t, v.Members(ft, known), 7)
	if lookups() != before || len(again) != len(members) {
		t.Fatalf("known people were looked up again: %d more lookups", lookups()-before)
	}

	u, found, err := v.User(context.Background(), "a-user-id")
	if err != nil || !found || u.Email != "First.Last@organization.com" {
		t.Fatalf("getUser: %+v %v %v", u, found, err)
	}
	if _, found, err := v.User(context.Background(), demovision.DepartedMemberID); err != nil || found {
		t.Fatalf("a departed member is not found: %v %v", found, err)
	}
}

func TestScopeChangesUsersAndTheirGroups(t *testing.T) {
	_, s, _ := directories(t, demo.Options{})
	ctx := context.Background()
	licenses, groups, _, err := s.Choices(ctx)
	if err != nil || !slices.Contains(licenses, "VIEWER") || !slices.Contains(groups, "DEFAULT") {
		t.Fatalf("choices: %v %v %v", licenses, groups, err)
	}
	if !s.NeedsOriginGroup([]string{"VIEWER", "ADMIN"}) || s.NeedsOriginGroup([]string{"VIEWER"}) {
		t.Error("an ADMIN or AUTHOR license needs an origin group, VIEWER does not")
	}

	u, errs, err := s.CreateUser(ctx, directory.NewUser{FirstName: "Rey", LastName: "Palpatine", Username: "rey",
		Password: "scavenger77", Email: "rey@jakku.net", Licenses: []string{"VIEWER"}, Groups: []string{"DEFAULT"}})
	if err != nil || len(errs) > 0 || u.ID == "" {
		t.Fatalf("create: %+v %v %v", u, errs, err)
	}
	if _, errs, err := s.CreateUser(ctx, directory.NewUser{FirstName: "Rey", LastName: "Again", Username: "rey",
		Password: "scavenger77", Email: "rey2@jakku.net", Licenses: []string{"VIEWER"}}); err != nil || len(errs) == 0 {
		t.Fatalf("a taken username must be refused, so saving again is safe: %v %v", errs, err)
	}

	joined, errs, err := s.Join(ctx, u, api.Group{Source: api.Scope, Name: "JEDI"})
	if err != nil || len(errs) > 0 || !slices.Equal(joined.Groups, []string{"DEFAULT", "JEDI"}) {
		t.Fatalf("join JEDI: %v %v %v", joined.Groups, errs, err)
	}
	left, _, err := s.Leave(ctx, joined, api.Group{Source: api.Scope, Name: "DEFAULT"})
	if err != nil || !slices.Equal(left.Groups, []string{"JEDI"}) {
		t.Fatalf("leave DEFAULT: %v %v", left.Groups, err)
	}

	title := "Scavenger"
	changed, _, err := s.UpdateUser(ctx, u.ID, directory.Change{JobTitle: &title})
	if err != nil || changed.JobTitle != title || changed.LastName != "Palpatine" || !slices.Equal(changed.Groups, []string{"JEDI"}) {
		t.Fatalf("update sends only the job title: %+v %v", changed, err)
	}

	res, err := s.DeleteUsers(ctx, []string{u.ID})
	if err != nil || !slices.Equal(res.Deleted, []string{u.ID}) || !strings.Contains(res.String(), "1 deleted") {
		t.Fatalf("delete: %+v %v", res, err)
	}
	if found := all(t, s.Users("rey@jakku.net"), 10); len(found) != 0 {
		t.Errorf("Rey is still there: %+v", found)
	}
}

func TestIsEmail(t *testing.T) {
	for text, want := range map[string]bool{
		"luke@jedi.org": true, "TECH@example.com": true,
		"luke": false, "@jedi.org": false, "luke@jedi": false, "luke@jedi.": false,
		"luke @jedi.org": false, "a@b@c.org": false,
	} {
		if directory.IsEmail(text) != want {
			t.Errorf("IsEmail(%q) = %v", text, !want)
		}
	}
}
