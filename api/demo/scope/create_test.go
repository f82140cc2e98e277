package scope

import (
	"slices"
	"strings"
	"testing"
)

const createDoc = `mutation($input: CreateUserMutationInput!) { createUser(input: $input) {
	clientMutationId errors { path message fullMessage type } user { ` + userFields + ` } } }`

type createResult struct {
	ClientMutationID *string        `json:"clientMutationId"`
	Errors           []payloadError `json:"errors"`
	User             *userJSON      `json:"user"`
}

// newUserInput is a valid createUser input; tests change one thing.
func newUserInput(change func(in, user, creds map[string]any)) map[string]any {
	creds := map[string]any{"username": "hsolo", "password": "falcon-1977"}
	user := map[string]any{"firstName": "Han", "lastName": "Solo", "email": "han@falcon.io", "credentials": creds}
	in := map[string]any{"user": user, "clientMutationId": "m1"}
	if change != nil {
		change(in, user, creds)
	}
	return in
}

func TestCreateUserValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		change   func(in, user, creds map[string]any)
		path     string
		message  string
		fullHas  string
		typ      string
		alsoPath string // a second expected error, if any
	}{
		{"no first name", func(_, u, _ map[string]any) { delete(u, "firstName") }, "user.firstName", "can't be blank", "First name can't be blank", "blank", ""},
		{"blank last name", func(_, u, _ map[string]any) { u["lastName"] = "  " }, "user.lastName", "can't be blank", "Last name can't be blank", "blank", ""},
		{"no email", func(_, u, _ map[string]any) { delete(u, "email") }, "user.email", "can't be blank", "Email can't be blank", "blank", ""},
		{"bad email", func(_, u, _ map[string]any) { u["email"] = "han at falcon" }, "user.email", "is invalid", "Email is invalid", "invalid", ""},
		{"email in use", func(_, u, _ map[string]any) { u["email"] = "LUKE@Jedi.org" }, "user.email", "is already in use", "Email is already in use", "taken", ""},
		{"no credentials", func(_, u, _ map[string]any) { delete(u, "credentials") }, "user.credentials", "can't be blank", "Credentials can't be blank", "blank", ""},
		{"username taken", func(_, _, c map[string]any) { c["username"] = "LSkywalker" }, "user.credentials.username", "has already been taken", "Username has already been taken", "taken", ""},
		{"blank username", func(_, _, c map[string]any) { c["username"] = "" }, "user.credentials.username", "can't be blank", "Username can't be blank", "blank", ""},
		{"short password", func(_, _, c map[string]any) { c["password"] = "1234567" }, "user.credentials.password", "is too short (minimum is 8 characters)", "Password is too short", "too_short", ""},
		{"lowercase group", func(in, _, _ map[string]any) { in["requestedGroups"] = []string{"DEFAULT", "jedi"} }, "requestedGroups", `contains "jedi", which is not an UPPERCASE group name`, `Requested groups contains "jedi"`, "invalid", ""},
		{"unknown group", func(in, _, _ map[string]any) { in["requestedGroups"] = []string{"SITH"} }, "requestedGroups", `contains "SITH", which is not an existing group`, `Requested groups contains "SITH"`, "not_found", ""},
		{"author without origin group", func(in, _, _ map[string]any) { in["requestedLicenses"] = []string{"AUTHOR"} }, "requestedOriginGroup", "can't be blank when an ADMIN or AUTHOR license is requested", "Requested origin group can't be blank", "blank", ""},
		{"admin with lowercase origin group", func(in, _, _ map[string]any) {
			in["requestedLicenses"], in["requestedOriginGroup"] = []string{"ADMIN"}, "jedi"
		}, "requestedOriginGroup", `is "jedi", which is not an UPPERCASE group name`, `Requested origin group is "jedi"`, "invalid", ""},
		{"author with unknown origin group", func(in, _, _ map[string]any) {
			in["requestedLicenses"], in["requestedOriginGroup"] = []string{"AUTHOR", "TECH"}, "SITH"
		}, "requestedOriginGroup", `is "SITH", which is not an existing group`, `Requested origin group is "SITH"`, "not_found", ""},
		{"several at once", func(_, u, c map[string]any) { delete(u, "firstName"); c["password"] = "x" }, "user.firstName", "can't be blank", "First name", "blank", "user.credentials.password"},
	}
	srv, _ := startServer(t, Options{Seed: 1})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var data struct{ CreateUser createResult }
			query(t, srv, DemoToken, createDoc, map[string]any{"input": newUserInput(tt.change)}, &data)
			got := data.CreateUser
			want := 1
			if tt.alsoPath != "" {
				want = 2
			}
			if got.User != nil || len(got.Errors) != want {
				t.Fatalf("user %v, errors %+v; want %d error(s) and no user", got.User, got.Errors, want)
			}
			e := got.Errors[0]
			if strings.Join(e.Path, ".") != tt.path || e.Message != tt.message ||
				!strings.Contains(e.FullMessage, tt.fullHas) || e.Type == nil || *e.Type != tt.typ {
				t.Errorf("error %+v (type %v), want path %s, message %q, type %s", e, deref(e.Type), tt.path, tt.message, tt.typ)
			}
			if tt.alsoPath != "" && strings.Join(got.Errors[1].Path, ".") != tt.alsoPath {
				t.Errorf("second error %+v, want path %s", got.Errors[1], tt.alsoPath)
			}
			if *got.ClientMutationID != "m1" {
				t.Errorf("clientMutationId %v", got.ClientMutationID)
			}
		})
	}
}

func TestCreateUserSuccess(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		change   func(in, user, creds map[string]any)
		licenses []string
		groups   []string
		origin   string
	}{
		{"defaults", nil, []string{"VIEWER"}, []string{"DEFAULT"}, ""},
		{"origin group ignored without admin or author", func(in, _, _ map[string]any) {
			in["requestedLicenses"], in["requestedOriginGroup"] = []string{"TECH"}, "not a group"
		}, []string{"TECH"}, []string{"DEFAULT"}, ""},
		{"author with origin group", func(in, u, _ map[string]any) {
			in["requestedLicenses"], in["requestedOriginGroup"] = []string{"AUTHOR", "AUTHOR", "EXPERT"}, "REBEL"
			in["requestedGroups"] = []string{"REBEL", "FIELD_OPS"}
			u["phone"], u["jobTitle"] = "+1 555-555-0100", "Smuggler"
		}, []string{"AUTHOR", "EXPERT"}, []string{"FIELD_OPS", "REBEL"}, "REBEL"},
		{"no groups", func(in, _, _ map[string]any) { in["requestedGroups"] = []string{} }, []string{"VIEWER"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := startServer(t, Options{Seed: 1})
			var data struct{ CreateUser createResult }
			query(t, srv, DemoToken, createDoc, map[string]any{"input": newUserInput(tt.change)}, &data)
			got := data.CreateUser
			if len(got.Errors) != 0 || got.User == nil {
				t.Fatalf("errors %+v", got.Errors)
			}
			u := *got.User
			origin := ""
			if u.OriginGroup != nil {
				origin = u.OriginGroup.Name
			}
			if u.Username != "hsolo" || u.Email != "han@falcon.io" || !slices.Equal(u.licenseTypes(), tt.licenses) ||
				!slices.Equal(u.groupNames(), tt.groups) || origin != tt.origin {
				t.Errorf("user %+v", u)
			}
			if found := findUser(t, srv, "han@falcon.io"); found.ID != u.ID {
				t.Errorf("created user not found by search")
			}
		})
	}
}

// A second user with the same email or username is refused.
func TestCreateUserTwice(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	for i, wantErrors := range []int{0, 2} {
		var data struct{ CreateUser createResult }
		query(t, srv, DemoToken, createDoc, map[string]any{"input": newUserInput(nil)}, &data)
		if len(data.CreateUser.Errors) != wantErrors {
			t.Errorf("attempt %d: errors %+v, want %d", i, data.CreateUser.Errors, wantErrors)
		}
	}
}
