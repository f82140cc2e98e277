package scope

import (
	"strings"
	"testing"
)

// viewer is a User, as Scope documents it: the signed-in user with its
// organization. An API token is not a user: its viewer has no user fields
// but the organization it acts in.
func TestViewerIsAUser(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	const doc = `{ viewer { __typename name email databaseId currentOrganization { id } organization { id } user { name } } }`
	type viewer struct {
		Typename            string  `json:"__typename"`
		Name                *string `json:"name"`
		Email               *string `json:"email"`
		DatabaseID          *string `json:"databaseId"`
		CurrentOrganization *struct{ ID string }
		Organization        *struct{ ID string }
		User                *struct{ Name string }
	}
	var admin struct{ Viewer viewer }
	query(t, srv, DemoToken, doc, nil, &admin)
	v := admin.Viewer
	if v.Typename != "User" || v.Name == nil || *v.Name != "Demo Admin" || v.DatabaseID == nil || *v.DatabaseID != "1" ||
		v.CurrentOrganization == nil || v.Organization == nil || v.CurrentOrganization.ID != v.Organization.ID ||
		v.User == nil || v.User.Name != "Demo Admin" {
		t.Errorf("the admin's viewer: %+v", v)
	}
	var token struct{ Viewer viewer }
	query(t, srv, DemoAPIToken, doc, nil, &token)
	v = token.Viewer
	if v.Name != nil || v.Email != nil || v.DatabaseID != nil || v.User != nil || v.CurrentOrganization == nil || v.CurrentOrganization.ID != admin.Viewer.CurrentOrganization.ID {
		t.Errorf("the API token's viewer: %+v", v)
	}

	var root struct {
		Organization struct {
			Members struct{ TotalCount int } `json:"members"`
			Groups  struct {
				Nodes []struct {
					Name       *string
					DatabaseID string `json:"databaseId"`
				}
			}
		}
	}
	query(t, srv, DemoToken, `{ organization { members(first: 1) { totalCount } groups { nodes { name databaseId } } } }`, nil, &root)
	if o := root.Organization; o.Members.TotalCount < 1000 || len(o.Groups.Nodes) == 0 || o.Groups.Nodes[0].DatabaseID == "" {
		t.Errorf("the root organization: %+v", o)
	}
	var lic struct {
		Viewer struct {
			Licenses struct {
				Nodes []struct{ LicenseType, Product, State string }
			}
		}
	}
	query(t, srv, DemoToken, `{ viewer { licenses { nodes { licenseType product state } } } }`, nil, &lic)
	if n := lic.Viewer.Licenses.Nodes; len(n) != 1 || n[0].LicenseType != "ADMIN" || n[0].Product == "" || n[0].State != "active" {
		t.Errorf("licenses: %+v", n)
	}
}

// The contract leaves the mutations' inputs nullable; what they need is
// checked when they run and reported in the payload's errors.
func TestNullableInputsAreCheckedWhenRun(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	luke := findUser(t, srv, "luke@jedi.org")

	got := updateUser(t, srv, DemoToken, map[string]any{"id": luke.ID, "requestedLicenses": []any{"WIZARD", nil}})
	if got.Success || !hasError(got.Errors, "requestedLicenses", `contains "WIZARD", which is not a license type`) ||
		!hasError(got.Errors, "requestedLicenses", "can't contain null") {
		t.Errorf("updateUser with a bad license: %+v", got.Errors)
	}
	if got := updateUser(t, srv, DemoToken, map[string]any{"user": map[string]any{"firstName": "X"}}); got.Success ||
		!hasError(got.Errors, "id", "does not match any user") {
		t.Errorf("updateUser without an id: %+v", got.Errors)
	}

	var del struct{ DeleteUsers deleteResult }
	query(t, srv, DemoToken, `mutation { deleteUsers(input: {}) { errors { path message fullMessage type } success } }`, nil, &del)
	if d := del.DeleteUsers; d.Success || !hasError(d.Errors, "ids", "can't be blank") {
		t.Errorf("deleteUsers without ids: %+v", d)
	}
	query(t, srv, DemoToken, deleteDoc, map[string]any{"ids": []any{nil}}, &del)
	if d := del.DeleteUsers; d.Success || len(d.Errors) != 1 || !strings.Contains(d.Errors[0].FullMessage, "not a valid user id") {
		t.Errorf("deleteUsers with a null id: %+v", d)
	}

	var created struct{ CreateUser createResult }
	query(t, srv, DemoToken, createDoc, map[string]any{"input": map[string]any{"user": map[string]any{
		"firstName": "Han", "lastName": "Solo", "email": "han@falcon.io", "credentials": map[string]any{"username": "hsolo"}}}}, &created)
	if c := created.CreateUser; c.User != nil || !hasError(c.Errors, "password", "too short") {
		t.Errorf("createUser without a password: %+v", c.Errors)
	}
	query(t, srv, DemoToken, `mutation { createUser(input: {}) { errors { path message fullMessage type } user { id } } }`, nil, &created)
	if c := created.CreateUser; c.User != nil || !hasError(c.Errors, "firstName", "can't be blank") || !hasError(c.Errors, "credentials", "can't be blank") {
		t.Errorf("createUser without a user: %+v", c.Errors)
	}
}

func hasError(errs []payloadError, field, text string) bool {
	for _, e := range errs {
		if len(e.Path) > 0 && e.Path[len(e.Path)-1] == field && strings.Contains(e.FullMessage, text) {
			return true
		}
	}
	return false
}
