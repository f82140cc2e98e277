package scope

import (
	"strings"
	"testing"
)

func TestLegacyHasNoUsersField(t *testing.T) {
	t.Parallel()
	tests := []struct {
		legacy    bool
		usersWork bool
	}{{false, true}, {true, false}}
	for _, tt := range tests {
		srv, _ := startServer(t, Options{Seed: 1, Legacy: tt.legacy})
		status, res := postRaw(t, srv, "Token token="+DemoToken, docUsers, nil)
		if status != 200 || (len(res.Errors) == 0) != tt.usersWork {
			t.Errorf("legacy=%v: users query status %d, errors %+v", tt.legacy, status, res.Errors)
		}
		if !tt.usersWork && !strings.Contains(res.Errors[0].Message, `Cannot query field "users" on type "Query"`) {
			t.Errorf("legacy error %q", res.Errors[0].Message)
		}
		// members, the pre-2.28.1 way, works either way.
		var data struct {
			Viewer struct {
				CurrentOrganization struct {
					Members struct{ Nodes []map[string]string }
				}
			}
		}
		query(t, srv, DemoToken, docFetchMembers, map[string]any{"first": 1, "fullText": "luke@jedi.org"}, &data)
		if n := data.Viewer.CurrentOrganization.Members.Nodes; len(n) != 1 || n[0]["username"] != "lskywalker" {
			t.Errorf("legacy=%v: members %v", tt.legacy, n)
		}
	}
}

func TestWithoutUsersFieldRemovesOnlyIt(t *testing.T) {
	t.Parallel()
	legacy := withoutUsersField(`type Query {
  node(id: ID!): NodeInterface
  # a comment about users
  users(first: Int): UsersQueryResult
}
type X { users(first: Int): Int }`)
	want := `type Query {
  node(id: ID!): NodeInterface
}
type X { users(first: Int): Int }`
	if legacy != want {
		t.Errorf("got\n%s\nwant\n%s", legacy, want)
	}
}
