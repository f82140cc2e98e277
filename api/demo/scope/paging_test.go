package scope

import (
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

type pageJSON struct {
	Errors []payloadError `json:"errors"`
	Nodes  []userJSON     `json:"nodes"`
	Edges  []struct {
		Cursor string   `json:"cursor"`
		Node   userJSON `json:"node"`
	} `json:"edges"`
	PageInfo struct {
		HasNextPage     bool    `json:"hasNextPage"`
		HasPreviousPage bool    `json:"hasPreviousPage"`
		StartCursor     *string `json:"startCursor"`
		EndCursor       *string `json:"endCursor"`
	} `json:"pageInfo"`
	TotalCount int `json:"totalCount"`
}

const pageFields = `errors { path message fullMessage type } nodes { id username } edges { cursor node { id } }
	pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount`

// usersPage runs Query.users with paging variables.
func usersPage(t *testing.T, srv *httptest.Server, vars map[string]any) pageJSON {
	t.Helper()
	var data struct{ Users pageJSON }
	query(t, srv, DemoToken, `query($first: Int, $after: String, $last: Int, $before: String, $q: String) {
		users(first: $first, after: $after, last: $last, before: $before, fullText: $q) { `+pageFields+` } }`,
		vars, &data)
	return data.Users
}

func ids(p pageJSON) []string {
	var out []string
	for _, n := range p.Nodes {
		out = append(out, n.ID)
	}
	return out
}

func TestWalkAllUsersForward(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	seen := map[string]bool{}
	var after any
	for pages := 0; ; pages++ {
		p := usersPage(t, srv, map[string]any{"first": 100, "after": after})
		if p.TotalCount != demoUsers || len(p.Errors) != 0 {
			t.Fatalf("totalCount %d, errors %+v", p.TotalCount, p.Errors)
		}
		if p.PageInfo.HasPreviousPage != (pages > 0) {
			t.Errorf("page %d: hasPreviousPage %v", pages, p.PageInfo.HasPreviousPage)
		}
		for i, n := range p.Nodes {
			if seen[n.ID] {
				t.Fatalf("%s seen twice", n.ID)
			}
			seen[n.ID] = true
			if p.Edges[i].Node.ID != n.ID {
				t.Fatalf("edges and nodes differ at %d", i)
			}
		}
		if *p.PageInfo.EndCursor != p.Edges[len(p.Edges)-1].Cursor || *p.PageInfo.StartCursor != p.Edges[0].Cursor {
			t.Fatal("pageInfo cursors do not match the edges")
		}
		if !p.PageInfo.HasNextPage {
			break
		}
		after = *p.PageInfo.EndCursor
	}
	if len(seen) != demoUsers {
		t.Errorf("visited %d users, want %d", len(seen), demoUsers)
	}
}

func TestWalkBackwardMatchesForward(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	var forward []string
	for _, u := range allMembers(t, srv) {
		forward = append(forward, u.ID)
	}
	var backward []string
	var before any
	for {
		p := usersPage(t, srv, map[string]any{"last": 100, "before": before})
		backward = append(ids(p), backward...)
		if !p.PageInfo.HasPreviousPage {
			break
		}
		before = *p.PageInfo.StartCursor
	}
	if !slices.Equal(forward, backward) {
		t.Error("paging backwards with last/before does not give the forward order")
	}
}

// Cursors carry the row's sort key, not an offset: deleting the row a
// cursor came from, or adding rows before it, does not shift the next page.
func TestCursorsSurviveChanges(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	first := usersPage(t, srv, map[string]any{"first": 10})
	cursor := *first.PageInfo.EndCursor
	next := ids(usersPage(t, srv, map[string]any{"first": 10, "after": cursor}))

	var del struct{ DeleteUsers struct{ Success bool } }
	query(t, srv, DemoToken, `mutation($ids: [String]) { deleteUsers(input: {ids: $ids}) { success } }`,
		map[string]any{"ids": ids(first)[5:]}, &del)
	var add struct {
		CreateUser struct{ Errors []payloadError }
	}
	query(t, srv, DemoToken, `mutation { createUser(input: {user: {firstName: "Aaron", lastName: "Aardvark",
		email: "aaron@aardvark.io", credentials: {username: "aardvark", password: "long enough"}}}) { errors { fullMessage } } }`, nil, &add)
	if !del.DeleteUsers.Success || len(add.CreateUser.Errors) != 0 {
		t.Fatalf("setup failed: %+v %+v", del, add)
	}

	again := usersPage(t, srv, map[string]any{"first": 10, "after": cursor})
	if !slices.Equal(ids(again), next) {
		t.Errorf("page after the cursor changed: %v, want %v", ids(again), next)
	}
	if again.TotalCount != demoUsers-5+1 {
		t.Errorf("totalCount %d", again.TotalCount)
	}
}

func TestPagingArgumentErrors(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	groupCursor := mustGroupCursor(t, srv)
	tests := []struct {
		name string
		vars map[string]any
		path string
	}{
		{"first too big", map[string]any{"first": 101}, "first"},
		{"first zero", map[string]any{"first": 0}, "first"},
		{"last negative", map[string]any{"last": -1}, "last"},
		{"garbled after", map[string]any{"first": 5, "after": "not a cursor"}, "after"},
		{"garbled before", map[string]any{"last": 5, "before": "bm9wZQ"}, "before"},
		{"another list's cursor", map[string]any{"first": 5, "after": groupCursor}, "after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// users reports it in its errors field, with a fullMessage.
			p := usersPage(t, srv, tt.vars)
			if len(p.Errors) != 1 || strings.Join(p.Errors[0].Path, ".") != tt.path || p.Errors[0].FullMessage == "" || len(p.Nodes) != 0 {
				t.Errorf("users errors %+v, want one on %q", p.Errors, tt.path)
			}
			// members reports it as a top-level error.
			status, res := postRaw(t, srv, "Token token="+DemoToken, `query($first: Int, $after: String, $last: Int, $before: String) {
				viewer { currentOrganization { members(first: $first, after: $after, last: $last, before: $before) { totalCount } } } }`, tt.vars)
			if status != 200 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "'"+tt.path+"'") {
				t.Errorf("members: status %d, errors %+v", status, res.Errors)
			}
		})
	}
}

func mustGroupCursor(t *testing.T, srv *httptest.Server) string {
	var data struct {
		Viewer struct {
			CurrentOrganization struct {
				Groups struct {
					PageInfo struct{ EndCursor string }
				}
			}
		}
	}
	query(t, srv, DemoToken, `{ viewer { currentOrganization { groups(first: 2) { pageInfo { endCursor } } } } }`, nil, &data)
	return data.Viewer.CurrentOrganization.Groups.PageInfo.EndCursor
}

func TestGroupsAndGroupMembers(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	var names []string
	var after any
	for {
		var data struct {
			Viewer struct {
				CurrentOrganization struct {
					Groups struct {
						Nodes []struct {
							Name    string
							Members struct{ TotalCount int }
						}
						PageInfo struct {
							HasNextPage bool
							EndCursor   string
						}
						TotalCount int
					}
				}
			}
		}
		query(t, srv, DemoToken, `query($after: String) { viewer { currentOrganization { groups(first: 10, after: $after) {
			nodes { name members(first: 1) { totalCount } } pageInfo { hasNextPage endCursor } totalCount } } } }`,
			map[string]any{"after": after}, &data)
		g := data.Viewer.CurrentOrganization.Groups
		if g.TotalCount != len(groupNames) {
			t.Fatalf("totalCount %d", g.TotalCount)
		}
		for _, n := range g.Nodes {
			names = append(names, n.Name)
			if n.Members.TotalCount == 0 {
				t.Errorf("group %s has no members", n.Name)
			}
			if n.Name != strings.ToUpper(n.Name) {
				t.Errorf("group %s is not UPPERCASE", n.Name)
			}
		}
		if !g.PageInfo.HasNextPage {
			break
		}
		after = g.PageInfo.EndCursor
	}
	if len(names) != len(groupNames) || !slices.IsSorted(names) {
		t.Errorf("groups %v, want all %d by name", names, len(groupNames))
	}
	for _, want := range []string{"DEFAULT", "JEDI", "REBEL"} {
		if !slices.Contains(names, want) {
			t.Errorf("no group %s", want)
		}
	}
}

// Walking a group's members a page at a time visits each member once.
func TestGroupMembersPaging(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	jedi := 0
	for _, u := range allMembers(t, srv) {
		if slices.Contains(u.groupNames(), "JEDI") {
			jedi++
		}
	}
	luke := findUser(t, srv, "luke@jedi.org")
	var groupID string
	var gq struct {
		Node struct {
			Groups struct {
				Nodes []struct{ ID, Name string }
			}
		}
	}
	query(t, srv, DemoToken, `query($id: ID!) { node(id: $id) { ... on User { groups { nodes { id name } } } } }`,
		map[string]any{"id": luke.ID}, &gq)
	for _, g := range gq.Node.Groups.Nodes {
		if g.Name == "JEDI" {
			groupID = g.ID
		}
	}
	seen := map[string]bool{}
	var after any
	for {
		var data struct {
			Node struct {
				Members pageJSON
			}
		}
		query(t, srv, DemoToken, `query($id: ID!, $after: String) { node(id: $id) { ... on Group {
			members(first: 7, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } totalCount } } } }`,
			map[string]any{"id": groupID, "after": after}, &data)
		m := data.Node.Members
		for _, id := range ids(m) {
			if seen[id] {
				t.Fatalf("%s twice", id)
			}
			seen[id] = true
		}
		if m.TotalCount != jedi {
			t.Fatalf("totalCount %d, want %d", m.TotalCount, jedi)
		}
		if !m.PageInfo.HasNextPage {
			break
		}
		after = *m.PageInfo.EndCursor
	}
	if len(seen) != jedi || !seen[luke.ID] {
		t.Errorf("visited %d JEDI members (Luke: %v), want %d", len(seen), seen[luke.ID], jedi)
	}
}
