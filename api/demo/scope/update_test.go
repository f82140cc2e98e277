package scope

import (
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

const updateDoc = `mutation($input: UpdateUserMutationInput!) { updateUser(input: $input) {
	clientMutationId errors { path message fullMessage type } success user { ` + userFields + ` } } }`

type updateResult struct {
	Errors  []payloadError `json:"errors"`
	Success bool           `json:"success"`
	User    *userJSON      `json:"user"`
}

func updateUser(t *testing.T, srv *httptest.Server, token string, input map[string]any) updateResult {
	t.Helper()
	var data struct{ UpdateUser updateResult }
	query(t, srv, token, updateDoc, map[string]any{"input": input}, &data)
	return data.UpdateUser
}

func TestUpdateUserRefusals(t *testing.T) {
	t.Parallel()
	srv, s := startServer(t, Options{Seed: 1})
	luke := findUser(t, srv, "luke@jedi.org")
	var foreign int
	for _, u := range s.st.users {
		if u.org == foreignOrgID {
			foreign = u.dbID
		}
	}
	tests := []struct {
		name    string
		input   map[string]any
		path    string
		message string
		typ     string
	}{
		{"unknown id", map[string]any{"id": string(globalID(typeUser, 99999))}, "id", "does not match any user", "not_found"},
		{"garbled id", map[string]any{"id": "!!"}, "id", "does not match any user", "not_found"},
		{"group id", map[string]any{"id": string(globalID(typeGroup, 1))}, "id", "does not match any user", "not_found"},
		{"another company's user", map[string]any{"id": string(globalID(typeUser, foreign))}, "id", "does not match any user", "not_found"},
		{"blank first name", map[string]any{"id": luke.ID, "user": map[string]any{"firstName": ""}}, "user.firstName", "can't be blank", "blank"},
		{"email in use", map[string]any{"id": luke.ID, "user": map[string]any{"email": "Support@ScopeAR.com"}}, "user.email", "is already in use", "taken"},
		{"bad email", map[string]any{"id": luke.ID, "user": map[string]any{"email": "luke@"}}, "user.email", "is invalid", "invalid"},
		{"username taken", map[string]any{"id": luke.ID, "user": map[string]any{"credentials": map[string]any{"username": "demo.admin", "password": "long enough"}}}, "user.credentials.username", "has already been taken", "taken"},
		{"unknown group", map[string]any{"id": luke.ID, "requestedGroups": []string{"JEDI", "SITH"}}, "requestedGroups", `contains "SITH", which is not an existing group`, "not_found"},
		{"author needs an origin group", map[string]any{"id": luke.ID, "requestedLicenses": []string{"AUTHOR"}}, "requestedOriginGroup", "can't be blank when an ADMIN or AUTHOR license is requested", "blank"},
		{"bad origin group", map[string]any{"id": luke.ID, "requestedLicenses": []string{"ADMIN"}, "requestedOriginGroup": "Jedi"}, "requestedOriginGroup", `is "Jedi", which is not an UPPERCASE group name`, "invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := updateUser(t, srv, DemoToken, tt.input)
			if got.Success || len(got.Errors) != 1 {
				t.Fatalf("success %v, errors %+v", got.Success, got.Errors)
			}
			e := got.Errors[0]
			if strings.Join(e.Path, ".") != tt.path || e.Message != tt.message || deref(e.Type) != tt.typ || e.FullMessage == "" {
				t.Errorf("error %+v (type %s), want %s %q %s", e, deref(e.Type), tt.path, tt.message, tt.typ)
			}
		})
	}
	if after := findUser(t, srv, "luke@jedi.org"); !sameUser(after, luke) {
		t.Errorf("refused updates changed Luke: %+v", after)
	}
}

func sameUser(a, b userJSON) bool {
	return a.ID == b.ID && a.Email == b.Email && a.FirstName == b.FirstName && a.Username == b.Username &&
		slices.Equal(a.licenseTypes(), b.licenseTypes()) && slices.Equal(a.groupNames(), b.groupNames())
}

// Absent fields stay as they were; given ones replace.
func TestUpdateUserPatches(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	luke := findUser(t, srv, "luke@jedi.org")
	steps := []struct {
		name  string
		input map[string]any
		check func(u userJSON) bool
	}{
		{"job title only", map[string]any{"user": map[string]any{"jobTitle": "Farm Boy"}}, func(u userJSON) bool {
			return *u.JobTitle == "Farm Boy" && u.Email == "luke@jedi.org" && u.FirstName == "Luke" && *u.Phone == *luke.Phone &&
				slices.Equal(u.licenseTypes(), []string{"VIEWER"}) && slices.Equal(u.groupNames(), []string{"DEFAULT", "JEDI", "REBEL"})
		}},
		{"own email in another case", map[string]any{"user": map[string]any{"email": "Luke@Jedi.org"}}, func(u userJSON) bool {
			return u.Email == "Luke@Jedi.org"
		}},
		{"clear phone", map[string]any{"user": map[string]any{"phone": ""}}, func(u userJSON) bool { return u.Phone == nil }},
		{"replace groups", map[string]any{"requestedGroups": []string{"REBEL"}}, func(u userJSON) bool {
			return slices.Equal(u.groupNames(), []string{"REBEL"}) && slices.Equal(u.licenseTypes(), []string{"VIEWER"})
		}},
		{"replace licenses, origin ignored", map[string]any{"requestedLicenses": []string{"TECH", "EXPERT"}, "requestedOriginGroup": "nope"}, func(u userJSON) bool {
			return slices.Equal(u.licenseTypes(), []string{"TECH", "EXPERT"}) && u.OriginGroup == nil
		}},
		{"become author", map[string]any{"requestedLicenses": []string{"AUTHOR"}, "requestedOriginGroup": "JEDI"}, func(u userJSON) bool {
			return slices.Equal(u.licenseTypes(), []string{"AUTHOR"}) && u.OriginGroup != nil && u.OriginGroup.Name == "JEDI"
		}},
		{"author keeps origin group", map[string]any{"requestedLicenses": []string{"AUTHOR", "VIEWER"}}, func(u userJSON) bool {
			return u.OriginGroup != nil && u.OriginGroup.Name == "JEDI"
		}},
		{"new username", map[string]any{"user": map[string]any{"credentials": map[string]any{"username": "jedi.luke", "password": "new password"}}}, func(u userJSON) bool {
			return u.Username == "jedi.luke"
		}},
	}
	for _, st := range steps {
		st.input["id"] = luke.ID
		got := updateUser(t, srv, DemoToken, st.input)
		if !got.Success || len(got.Errors) != 0 || got.User == nil || !st.check(*got.User) {
			t.Errorf("%s: success %v, errors %+v, user %+v", st.name, got.Success, got.Errors, got.User)
		}
	}
}

// ADMIN can be taken from company admins until only one is left.
func TestUpdateUserKeepsLastCompanyAdmin(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	admins := companyAdmins(t, srv)
	for i, a := range admins {
		got := updateUser(t, srv, DemoAPIToken, map[string]any{"id": a.ID, "requestedLicenses": []string{"VIEWER"}})
		last := i == len(admins)-1
		if got.Success == last {
			t.Fatalf("admin %d: success %v, errors %+v", i, got.Success, got.Errors)
		}
		if last && (len(got.Errors) != 1 || strings.Join(got.Errors[0].Path, ".") != "requestedLicenses" ||
			!strings.Contains(got.Errors[0].FullMessage, "last company admin")) {
			t.Errorf("errors %+v", got.Errors)
		}
	}
	// Keeping ADMIN while changing other licenses is fine.
	last := admins[len(admins)-1]
	if got := updateUser(t, srv, DemoAPIToken, map[string]any{"id": last.ID, "requestedLicenses": []string{"ADMIN", "AUTHOR"}}); !got.Success {
		t.Errorf("errors %+v", got.Errors)
	}
}
