package scope

import (
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

const deleteDoc = `mutation($ids: [String]) { deleteUsers(input: {ids: $ids, clientMutationId: "d"}) {
	clientMutationId errors { path message fullMessage type } success undeletedItems { id name } } }`

type deleteResult struct {
	Errors         []payloadError `json:"errors"`
	Success        bool           `json:"success"`
	UndeletedItems []struct {
		ID   string  `json:"id"`
		Name *string `json:"name"`
	} `json:"undeletedItems"`
}

func deleteUsers(t *testing.T, srv *httptest.Server, token string, ids ...string) deleteResult {
	t.Helper()
	var data struct{ DeleteUsers deleteResult }
	query(t, srv, token, deleteDoc, map[string]any{"ids": ids}, &data)
	return data.DeleteUsers
}

// refusal is one id deleteUsers leaves alone: where, whose name, and why.
type refusal struct {
	index   string
	name    string // "" = null, "*" = the user's name
	reasons string
}

func TestDeleteUsersRefusals(t *testing.T) {
	t.Parallel()
	type ids func(f fixtures) []string
	tests := []struct {
		name     string
		token    string
		ids      ids
		refused  []refusal
		survives []string // emails that must still exist
		gone     []string
	}{
		{"yourself", DemoToken, func(f fixtures) []string { return []string{f.admin} },
			[]refusal{{"0", "Demo Admin", "cannot delete themselves"}}, []string{"demo.admin@acme.io"}, nil},
		{"invalid id", DemoToken, func(f fixtures) []string { return []string{"not-an-id"} },
			[]refusal{{"0", "", "not a valid user id"}}, nil, nil},
		{"a group's id", DemoToken, func(f fixtures) []string { return []string{string(globalID(typeGroup, 1))} },
			[]refusal{{"0", "", "not a valid user id"}}, nil, nil},
		{"unknown id", DemoToken, func(f fixtures) []string { return []string{string(globalID(typeUser, 99999))} },
			[]refusal{{"0", "", "no user has this id"}}, nil, nil},
		{"another company's user", DemoToken, func(f fixtures) []string { return []string{f.foreign} },
			[]refusal{{"0", "", "no user has this id"}}, nil, nil},
		{"support admin", DemoAPIToken, func(f fixtures) []string { return []string{f.support} },
			[]refusal{{"0", "Scope Support", "Scope support admins are never deleted"}}, []string{"support@scopear.com"}, nil},
		{"valid ids around invalid ones", DemoToken, func(f fixtures) []string { return []string{f.luke, "bad", f.support, f.other} },
			[]refusal{{"1", "", "not a valid user id"}, {"2", "Scope Support", "support admins"}},
			[]string{"support@scopear.com"}, []string{"luke@jedi.org"}},
		{"the same id twice", DemoToken, func(f fixtures) []string { return []string{f.luke, f.luke} },
			[]refusal{{"1", "", "no user has this id"}}, nil, []string{"luke@jedi.org"}},
		{"every company admin, with the API token", DemoAPIToken, func(f fixtures) []string { return f.admins },
			[]refusal{{"2", "*", "last company admin"}}, nil, nil},
		{"the other company admins, as Demo Admin", DemoToken, func(f fixtures) []string { return f.admins[1:] },
			nil, []string{"demo.admin@acme.io"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, s := startServer(t, Options{Seed: 1})
			f := fixturesOf(t, srv, s)
			got := deleteUsers(t, srv, tt.token, tt.ids(f)...)
			if got.Success != (len(tt.refused) == 0) || len(got.Errors) != len(tt.refused) || len(got.UndeletedItems) != len(tt.refused) {
				t.Fatalf("success %v, errors %+v, undeleted %+v; want %d refused", got.Success, got.Errors, got.UndeletedItems, len(tt.refused))
			}
			for i, r := range tt.refused {
				e, item := got.Errors[i], got.UndeletedItems[i]
				if strings.Join(e.Path, ".") != "ids."+r.index || !strings.Contains(e.FullMessage, r.reasons) {
					t.Errorf("error %d: %+v, want path ids.%s and %q", i, e, r.index, r.reasons)
				}
				if r.name == "" && item.Name != nil {
					t.Errorf("undeleted %d: name %q, want null", i, *item.Name)
				}
				if r.name != "" && (item.Name == nil || (r.name != "*" && *item.Name != r.name)) {
					t.Errorf("undeleted %d: name %v, want %q", i, item.Name, r.name)
				}
				if idx, _ := strconv.Atoi(r.index); item.ID != tt.ids(f)[idx] {
					t.Errorf("undeleted %d: id %q, want %q", i, item.ID, tt.ids(f)[idx])
				}
			}
			for _, email := range tt.survives {
				findUser(t, srv, email)
			}
			for _, email := range tt.gone {
				if n := len(s.st.members(email)); n != 0 {
					t.Errorf("%s was not deleted", email)
				}
			}
		})
	}
}

// fixtures are the ids the deletion tests need.
type fixtures struct {
	admin, support, luke, other, foreign string
	admins                               []string // Demo Admin first
}

func fixturesOf(t *testing.T, srv *httptest.Server, s *Server) fixtures {
	t.Helper()
	f := fixtures{
		admin:   findUser(t, srv, "demo.admin@acme.io").ID,
		support: findUser(t, srv, "support@scopear.com").ID,
		luke:    findUser(t, srv, "luke@jedi.org").ID,
	}
	// Read the store directly: walking every member in each case is slow.
	f.admins = []string{f.admin}
	for id := 1; id < s.st.nextUser; id++ {
		switch u := s.st.users[id]; {
		case u.companyAdmin() && u.dbID != s.st.adminID:
			f.admins = append(f.admins, string(globalID(typeUser, id)))
		case u.org == foreignOrgID:
			f.foreign = string(globalID(typeUser, id))
		}
	}
	if len(f.admins) != 3 {
		t.Fatalf("admins %v", f.admins)
	}
	f.other = f.admins[1]
	return f
}
