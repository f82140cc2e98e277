package scope

import (
	"slices"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo/schema"
	"github.com/rosterm/rosterm/api/documented"
)

// optionalCapabilities are what the client uses beyond Scope's
// documentation where a server has it. The README lists them.
var optionalCapabilities = []string{
	"Query.users(after)", "User.originGroup", "Query.users.pageInfo",
	"Query.viewer.currentOrganization.members(after)", "Query.viewer.currentOrganization.members.pageInfo",
	"Query.viewer.currentOrganization.groups(first)", "Query.viewer.currentOrganization.groups(after)",
	"Query.viewer.currentOrganization.groups.pageInfo", "Query.viewer.currentOrganization.groups.totalCount",
	"Group.members(after)", "Group.members.pageInfo",
}

func load(t *testing.T, name, sdl string) *ast.Schema {
	t.Helper()
	s, err := gqlparser.LoadSchema(&ast.Source{Name: name, Input: sdl})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Every document the client can send is valid against the schema Scope
// documents when it leaves its optional parts out, which is how it starts
// on a server that does not describe itself; with every optional part it
// is valid against a server that has them (the demo's, with extensions).
// None of the optional capabilities is documented: each is one indeed.
func TestEveryDocumentIsValidAgainstTheDocumentedSchema(t *testing.T) {
	docSchema, rich := load(t, "documented", documented.Scope), load(t, "demo", schema.Scope)
	for _, tmpl := range []interface {
		Name() string
		Build(func(string) bool) (string, []string)
	}{usersDoc, membersDoc, groupsDoc, groupMembersDoc, createUserDoc, updateUserDoc, deleteUsersDoc} {
		none, _ := tmpl.Build(func(string) bool { return false })
		if _, errs := gqlparser.LoadQuery(docSchema, none); len(errs) > 0 {
			t.Errorf("%s without its optional parts is not documented: %v\n%s", tmpl.Name(), errs, none)
		}
		all, _ := tmpl.Build(func(string) bool { return true })
		if _, errs := gqlparser.LoadQuery(rich, all); len(errs) > 0 {
			t.Errorf("%s with every optional part is not valid on a server that has them: %v\n%s", tmpl.Name(), errs, all)
		}
	}
	if got := Optional(); !slices.Equal(got, optionalCapabilities) {
		t.Errorf("optional capabilities %q, want %q (and the README's list)", got, optionalCapabilities)
	}
	documentedSchema := documentedScope(t)
	for _, p := range optionalCapabilities {
		if documentedSchema.Resolves(p) {
			t.Errorf("%s is documented: it is no optional capability", p)
		}
	}
}

func documentedScope(t *testing.T) *api.Schema {
	t.Helper()
	return api.MustParseSDL("scope", documented.Scope)
}
