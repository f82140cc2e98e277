package scope

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/demo/gqltest"
)

// testNow is the fixed clock of the test servers.
var testNow = time.Date(2026, 5, 4, 12, 0, 0, 0, time.UTC)

// startServer serves a fresh demo company over real HTTP.
func startServer(t *testing.T, o Options) (*httptest.Server, *Server) {
	t.Helper()
	if o.Now == nil {
		o.Now = func() time.Time { return testNow }
	}
	s := New(o)
	return gqltest.Serve(t, s.Register), s
}

// postRaw sends a GraphQL request with the given Authorization header.
func postRaw(t *testing.T, srv *httptest.Server, auth, query string, vars any) (int, gqltest.Response) {
	t.Helper()
	return gqltest.Post(t, srv, "/scope/graphql", map[string]string{"Authorization": auth}, query, vars)
}

// query runs a document as token and decodes data into out, failing on any
// top-level error.
func query(t *testing.T, srv *httptest.Server, token, doc string, vars any, out any) {
	t.Helper()
	status, res := postRaw(t, srv, "Token token="+token, doc, vars)
	if status != http.StatusOK || len(res.Errors) > 0 {
		t.Fatalf("status %d, errors %+v", status, res.Errors)
	}
	if err := json.Unmarshal(res.Data, out); err != nil {
		t.Fatalf("data %s: %v", res.Data, err)
	}
}

// payloadError is Scope's Error type as a client sees it.
type payloadError struct {
	Path        []string `json:"path"`
	Message     string   `json:"message"`
	FullMessage string   `json:"fullMessage"`
	Type        *string  `json:"type"`
}

type userJSON struct {
	ID          string  `json:"id"`
	DatabaseID  int     `json:"databaseId,string"`
	FirstName   string  `json:"firstName"`
	LastName    string  `json:"lastName"`
	Username    string  `json:"username"`
	Email       string  `json:"email"`
	Phone       *string `json:"phone"`
	JobTitle    *string `json:"jobTitle"`
	OriginGroup *struct {
		Name string `json:"name"`
	} `json:"originGroup"`
	Licenses struct {
		Nodes []struct {
			LicenseType string `json:"licenseType"`
		} `json:"nodes"`
	} `json:"licenses"`
	Groups struct {
		Nodes []struct {
			Name string `json:"name"`
		} `json:"nodes"`
	} `json:"groups"`
}

func (u userJSON) licenseTypes() []string {
	var out []string
	for _, n := range u.Licenses.Nodes {
		out = append(out, n.LicenseType)
	}
	return out
}

func (u userJSON) groupNames() []string {
	var out []string
	for _, n := range u.Groups.Nodes {
		out = append(out, n.Name)
	}
	return out
}

const userFields = `id databaseId firstName lastName username email phone jobTitle
	originGroup { name } licenses { nodes { licenseType } } groups { nodes { name } }`

// findUser returns the only user matching fullText.
func findUser(t *testing.T, srv *httptest.Server, fullText string) userJSON {
	t.Helper()
	var data struct {
		Viewer struct {
			CurrentOrganization struct {
				Members struct {
					Nodes []userJSON `json:"nodes"`
				} `json:"members"`
			} `json:"currentOrganization"`
		} `json:"viewer"`
	}
	query(t, srv, DemoAPIToken, `query($q: String) { viewer { currentOrganization {
		members(fullText: $q, first: 2) { nodes { `+userFields+` } } } } }`,
		map[string]any{"q": fullText}, &data)
	nodes := data.Viewer.CurrentOrganization.Members.Nodes
	if len(nodes) != 1 {
		t.Fatalf("fullText %q matches %d users, want 1", fullText, len(nodes))
	}
	return nodes[0]
}

// allMembers walks viewer.currentOrganization.members a hundred at a time.
func allMembers(t *testing.T, srv *httptest.Server) []userJSON {
	t.Helper()
	var out []userJSON
	var after *string
	for {
		var data struct {
			Viewer struct {
				CurrentOrganization struct {
					Members struct {
						Nodes    []userJSON `json:"nodes"`
						PageInfo struct {
							HasNextPage bool    `json:"hasNextPage"`
							EndCursor   *string `json:"endCursor"`
						} `json:"pageInfo"`
					} `json:"members"`
				} `json:"currentOrganization"`
			} `json:"viewer"`
		}
		query(t, srv, DemoAPIToken, `query($after: String) { viewer { currentOrganization {
			members(first: 100, after: $after) { nodes { `+userFields+` } pageInfo { hasNextPage endCursor } } } } }`,
			map[string]any{"after": after}, &data)
		m := data.Viewer.CurrentOrganization.Members
		out = append(out, m.Nodes...)
		if !m.PageInfo.HasNextPage {
			return out
		}
		after = m.PageInfo.EndCursor
	}
}

// companyAdmins returns the demo company's ADMIN license holders, Scope
// support excluded, Demo Admin first.
func companyAdmins(t *testing.T, srv *httptest.Server) []userJSON {
	t.Helper()
	var admins []userJSON
	for _, u := range allMembers(t, srv) {
		if u.Email == "support@scopear.com" || !slices.Contains(u.licenseTypes(), "ADMIN") {
			continue
		}
		if u.FirstName == "Demo" && u.LastName == "Admin" {
			admins = append([]userJSON{u}, admins...)
		} else {
			admins = append(admins, u)
		}
	}
	if len(admins) != 3 {
		t.Fatalf("%d company admins, want 3", len(admins))
	}
	return admins
}
