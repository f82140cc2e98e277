package scope

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stripAnnotations removes the vendor pages' type annotations, the only
// change made to their examples before running them.
var stripAnnotations = strings.NewReplacer(
	"Array<LicenseType.ENUM>", "", "Array<STRING>", "", "<STRING>", "")

// TestDocExamplesAreVerbatim checks the copied examples against the vendor
// pages in shared/api-docs, when the checkout has them next to it.
func TestDocExamplesAreVerbatim(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "..", "..", "..", "shared", "api-docs")
	var docs strings.Builder
	for _, name := range []string{"scope-users-create-find-update-delete.txt", "scope-users-find-update-delete.txt"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Skipf("vendor pages not available: %v", err)
		}
		docs.Write(b)
	}
	for name, ex := range map[string]string{
		"createUser": docCreateUser, "FetchMembers": docFetchMembers,
		"FetchMembers variables": docFetchMembersVariables, "users": docUsers,
		"updateUser variables": docUpdateUserVariables, "deleteUsers variables": docDeleteUsersVariables,
		"FetchUsers": docFetchUsers, "updateUser": docUpdateUser, "deleteUsers": docDeleteUsers,
	} {
		if !strings.Contains(docs.String(), ex) {
			t.Errorf("%s example is not verbatim from the vendor pages", name)
		}
	}
}

// bothServers runs a test of the vendor's examples on the demo server and
// on the strict one, which serves only the documented schema.
func bothServers(t *testing.T, test func(t *testing.T, srv *httptest.Server, strict bool)) {
	t.Parallel()
	for _, strict := range []bool{false, true} {
		t.Run(fmt.Sprintf("strict=%v", strict), func(t *testing.T) {
			srv, _ := startServer(t, Options{Seed: 1, Strict: strict})
			test(t, srv, strict)
		})
	}
}

// userID finds the one user fullText matches with a documented query.
func userID(t *testing.T, srv *httptest.Server, fullText string) string {
	t.Helper()
	var data struct {
		Users struct{ Nodes []struct{ ID string } }
	}
	query(t, srv, DemoToken, `query($q: String) { users(fullText: $q, first: 2) { nodes { id } } }`, map[string]any{"q": fullText}, &data)
	if len(data.Users.Nodes) != 1 {
		t.Fatalf("fullText %q matches %d users, want 1", fullText, len(data.Users.Nodes))
	}
	return data.Users.Nodes[0].ID
}

// The createUser example as published lacks the "}" closing input:. Run
// verbatim it is a syntax error in the normal GraphQL error shape (the
// strict server's in graphql-ruby's words); with that one brace inserted
// it creates Luke.
func TestDocCreateUser(t *testing.T) {
	bothServers(t, testDocCreateUser)
}

func testDocCreateUser(t *testing.T, srv *httptest.Server, strict bool) {
	published := stripAnnotations.Replace(docCreateUser)

	status, res := postRaw(t, srv, "Token token="+DemoToken, published, nil)
	want := "syntax error"
	if strict {
		want = "Parse error on"
	}
	if status != 200 || len(res.Errors) == 0 || !strings.Contains(res.Errors[0].Message, want) {
		t.Fatalf("verbatim example: status %d, errors %+v; want 200 with %q", status, res.Errors, want)
	}

	fixed := strings.Replace(published, `"REBEL"]`+"\n      )", `"REBEL"]`+"\n      })", 1)
	if fixed == published {
		t.Fatal("could not insert the missing brace")
	}
	var data struct {
		CreateUser struct {
			Errors []payloadError `json:"errors"`
			User   struct{ ID, Username, Email string }
		} `json:"createUser"`
	}
	query(t, srv, DemoToken, fixed, nil, &data)
	got := data.CreateUser
	if len(got.Errors) != 0 || got.User.Username != "luke_skywalker" ||
		got.User.Email != "luke.skywalker@jedi.org" || got.User.ID == "" {
		t.Fatalf("createUser = %+v", got)
	}
}

// The find examples, with the documented variables, return Luke.
func TestDocFindExamples(t *testing.T) {
	bothServers(t, testDocFindExamples)
}

func testDocFindExamples(t *testing.T, srv *httptest.Server, _ bool) {
	var vars map[string]any
	if err := json.Unmarshal([]byte(docFetchMembersVariables), &vars); err != nil {
		t.Fatal(err)
	}
	luke := map[string]string{"firstName": "Luke", "lastName": "Skywalker", "username": "lskywalker", "email": "luke@jedi.org"}
	for _, doc := range []string{docFetchMembers, docFetchUsers} {
		var data struct {
			Viewer struct {
				CurrentOrganization struct {
					Members struct{ Nodes []map[string]string } `json:"members"`
				} `json:"currentOrganization"`
			} `json:"viewer"`
		}
		query(t, srv, DemoToken, doc, vars, &data)
		nodes := data.Viewer.CurrentOrganization.Members.Nodes
		if len(nodes) != 1 || !sameFields(nodes[0], luke) {
			t.Errorf("members = %v, want [%v]", nodes, luke)
		}
	}

	var data struct {
		Users struct {
			Errors     []payloadError
			Nodes      []map[string]string
			TotalCount int
		}
	}
	query(t, srv, DemoToken, docUsers, nil, &data)
	u := data.Users
	if len(u.Errors) != 0 || u.TotalCount != 1 || len(u.Nodes) != 1 || !sameFields(u.Nodes[0], luke) || u.Nodes[0]["id"] == "" {
		t.Errorf("users = %+v", u)
	}
}

func sameFields(got, want map[string]string) bool {
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

// The updateUser document, with real values for the documented variables.
func TestDocUpdateUser(t *testing.T) {
	bothServers(t, testDocUpdateUser)
}

func testDocUpdateUser(t *testing.T, srv *httptest.Server, _ bool) {
	vars := map[string]any{"input": map[string]any{
		"id":                   userID(t, srv, "luke@jedi.org"),
		"requestedGroups":      []string{"DEFAULT", "JEDI"},
		"requestedLicenses":    []string{"TECH"},
		"requestedOriginGroup": "JEDI",
		"user": map[string]any{
			"email": "luke@rebellion.org", "firstName": "Luke", "lastName": "Skywalker",
			"phone": "+1 415-555-0177", "jobTitle": "Jedi Master",
		},
	}}
	var data struct {
		UpdateUser struct {
			User    userJSON
			Errors  []payloadError
			Success bool
		} `json:"updateUser"`
	}
	query(t, srv, DemoToken, docUpdateUser, vars, &data)
	got := data.UpdateUser
	if !got.Success || len(got.Errors) != 0 {
		t.Fatalf("updateUser = %+v", got)
	}
	u := got.User
	if u.Email != "luke@rebellion.org" || *u.Phone != "+1 415-555-0177" || *u.JobTitle != "Jedi Master" ||
		strings.Join(u.licenseTypes(), ",") != "TECH" || strings.Join(u.groupNames(), ",") != "DEFAULT,JEDI" {
		t.Errorf("updated user = %+v", u)
	}
}

// The deleteUsers document, with real ids.
func TestDocDeleteUsers(t *testing.T) {
	bothServers(t, testDocDeleteUsers)
}

func testDocDeleteUsers(t *testing.T, srv *httptest.Server, _ bool) {
	luke := userID(t, srv, "luke@jedi.org")
	var data struct {
		DeleteUsers struct {
			Errors         []payloadError
			Success        bool
			UndeletedItems []struct{ ID, Name *string }
		} `json:"deleteUsers"`
	}
	query(t, srv, DemoToken, docDeleteUsers, map[string]any{"input": map[string]any{"ids": []string{luke}}}, &data)
	if d := data.DeleteUsers; !d.Success || len(d.Errors) != 0 || len(d.UndeletedItems) != 0 {
		t.Fatalf("deleteUsers = %+v", d)
	}
	var after struct{ Users struct{ TotalCount int } }
	query(t, srv, DemoToken, `{ users(fullText: "luke@jedi.org") { totalCount } }`, nil, &after)
	if after.Users.TotalCount != 0 {
		t.Errorf("Luke is still there")
	}
}
