package scope

import (
	"encoding/json"
	"net/http/httptest"
	"testing"
)

func TestNode(t *testing.T) {
	t.Parallel()
	srv, s := startServer(t, Options{Seed: 1})
	luke := findUser(t, srv, "luke@jedi.org")
	var foreignUser, foreignLicense int
	for _, u := range s.st.users {
		if u.org == foreignOrgID {
			foreignUser, foreignLicense = u.dbID, u.licenses[0].dbID
		}
	}
	lukeLicense := licenseIDOf(t, srv, luke.ID)
	tests := []struct {
		name     string
		id       string
		typename string // "" = null
		errorMsg string
	}{
		{"user", luke.ID, "User", ""},
		{"group", string(globalID(typeGroup, 1)), "Group", ""},
		{"license", lukeLicense, "License", ""},
		{"organization", string(globalID(typeOrganization, demoOrgID)), "Organization", ""},
		{"unknown user", string(globalID(typeUser, 99999)), "", ""},
		{"another company's user", string(globalID(typeUser, foreignUser)), "", "Not authorized to read object"},
		{"another company's license", string(globalID(typeLicense, foreignLicense)), "", "Not authorized to read object"},
		{"another company", string(globalID(typeOrganization, foreignOrgID)), "", "Not authorized to read object"},
		{"garbage", "garbage", "", `Invalid ID: "garbage" is not an id this server issued`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, res := postRaw(t, srv, "Token token="+DemoToken,
				`query($id: ID!) { node(id: $id) { id __typename } }`, map[string]any{"id": tt.id})
			var data struct {
				Node *struct {
					ID       string `json:"id"`
					Typename string `json:"__typename"`
				} `json:"node"`
			}
			if err := json.Unmarshal(res.Data, &data); err != nil || status != 200 {
				t.Fatalf("status %d, data %s", status, res.Data)
			}
			if tt.typename == "" {
				if data.Node != nil {
					t.Errorf("node %+v, want null", data.Node)
				}
			} else if data.Node == nil || data.Node.ID != tt.id || data.Node.Typename != tt.typename {
				t.Errorf("node %+v, want %s", data.Node, tt.id)
			}
			if tt.errorMsg == "" && len(res.Errors) != 0 {
				t.Errorf("errors %+v", res.Errors)
			}
			if tt.errorMsg != "" && (len(res.Errors) != 1 || res.Errors[0].Message != tt.errorMsg ||
				len(res.Errors[0].Path) != 1 || res.Errors[0].Path[0] != "node") {
				t.Errorf("errors %+v, want %q at [node]", res.Errors, tt.errorMsg)
			}
		})
	}
}

func licenseIDOf(t *testing.T, srv *httptest.Server, userID string) string {
	t.Helper()
	var data struct {
		Node struct {
			Licenses struct{ Nodes []struct{ ID string } }
		}
	}
	query(t, srv, DemoToken, `query($id: ID!) { node(id: $id) { ... on User { licenses { nodes { id } } } } }`,
		map[string]any{"id": userID}, &data)
	return data.Node.Licenses.Nodes[0].ID
}
