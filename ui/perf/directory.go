package perf

import (
	"context"
	"fmt"
	"strconv"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo/fake"
	"github.com/rosterm/rosterm/api/directory"
)

// Directory is a directory of n made-up users in 25 groups, held in
// memory and paged like a server's: the Users and Groups panes load it
// through their own page requests, as they load Scope. It stands in for a
// directory larger than the demo's, without a server's cost in the
// figures.
type Directory struct {
	users  []api.User
	groups []api.Group
}

var _ directory.Directory = (*Directory)(nil)

// groupNames are the groups users of a Directory are in.
func groupNames() []string {
	return []string{"DEFAULT", "FIELD_OPS", "DISPATCH", "NORTH", "SOUTH", "EAST", "WEST", "HVAC", "PLUMBING",
		"ELECTRICAL", "TRAINING", "SAFETY", "AUDIT", "SALES", "SUPPORT", "NIGHT_SHIFT", "DAY_SHIFT", "APPRENTICES",
		"LEADS", "MANAGERS", "CONTRACTORS", "FLEET", "WAREHOUSE", "QUALITY", "ONBOARDING"}
}

// NewDirectory makes a directory of n users, the same for the same n.
func NewDirectory(n int) *Directory {
	g := fake.New(uint64(n) + 7)
	d := &Directory{users: make([]api.User, n)}
	licenses, groupNames := []string{"VIEWER", "CREATOR", "ADMIN"}, groupNames()
	for i := range d.users {
		p := g.Person()
		groups := []string{groupNames[0], groupNames[1+g.Intn(len(groupNames)-1)]}
		d.users[i] = api.User{
			Source: api.Scope, ID: fmt.Sprintf("VXNlci8%07d", i+1),
			FirstName: p.First, LastName: p.Last, Username: g.Username(p), Email: g.Email(p, "example.com"),
			Phone: g.Phone(), JobTitle: g.JobTitle(), Licenses: []string{fake.Pick(g, licenses)}, Groups: groups,
		}
	}
	for i, name := range groupNames {
		d.groups = append(d.groups, api.Group{Source: api.Scope, ID: fmt.Sprintf("R3JvdXAv%03d", i+1), Name: name, MemberCount: -1})
	}
	return d
}

// Source is api.Scope: the rows look like Scope's.
func (*Directory) Source() api.Source { return api.Scope }

// Name is "Scope".
func (*Directory) Name() string { return "Scope" }

// Fields are Scope's.
func (*Directory) Fields() directory.Fields {
	return directory.FieldJobTitle | directory.FieldLicenses | directory.FieldGroups | directory.FieldID
}

// Users pages through every user; a search is not what is measured.
func (d *Directory) Users(string) api.PageFetch[api.User] { return pages(d.users) }

// SearchNote is "": the directory searches itself.
func (*Directory) SearchNote(string) string { return "" }

// Groups pages through the groups.
func (d *Directory) Groups() api.PageFetch[api.Group] { return pages(d.groups) }

// GroupsOf names u's groups, as Scope does.
func (*Directory) GroupsOf(u api.User) ([]string, bool) { return u.Groups, true }

// Members is empty: not what is measured.
func (*Directory) Members(api.Group, map[string]directory.Member) api.PageFetch[directory.Member] {
	return pages[directory.Member](nil)
}

// pages pages through items by offset.
func pages[T any](items []T) api.PageFetch[T] {
	return func(ctx context.Context, after string, n int) (api.Page[T], error) {
		if err := ctx.Err(); err != nil {
			return api.Page[T]{}, err
		}
		start, _ := strconv.Atoi(after)
		start = min(max(start, 0), len(items))
		end := min(start+n, len(items))
		p := api.Page[T]{Items: append([]T(nil), items[start:end]...), Total: len(items), More: end < len(items)}
		if p.More {
			p.Next = strconv.Itoa(end)
		}
		return p, nil
	}
}
