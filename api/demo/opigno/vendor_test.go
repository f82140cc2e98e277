package opigno

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// The two vendor examples from shared/api-docs, copied verbatim.

const vendorPossibleConnections = `  query getPossibleUserConnections {
    getPossibleUserConnections(first: 2, after: "TzozMzoiRHJ1cGFsXG9waWdub19hcGlcV3JhcHBlcnNcQ3Vyc29yIjo0OntzOjE0OiIAKgBiYWNraW5nVHlwZSI7czoxNDoib3BpZ25vX2NvbnRleHQiO3M6MTI6IgAqAGJhY2tpbmdJZCI7aToxNjA2O3M6MTA6IgAqAHNvcnRLZXkiO3M6NToibGFiZWwiO3M6MTI6IgAqAHNvcnRWYWx1ZSI7czoyMDoiYWxpbmFfdGVzdF8xIG9waWdubzQiO30=") {
      edges {
        node {
          userContext {
            id
            uuid
          }
          cta {
            actionId
            title
            arguments {
              key
              value
            }
            metadata {
              key
              value
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        startCursor
        endCursor
      }
      totalItems
    }
  }`

const vendorCreateCommunityInvitation = `mutation createCommunityInvitation {
createCommunityInvitation(communityId: 2, inviteeUserContextId: 345) {
errors
response {
id,
community {
id
},
created,
cta {
actionId
arguments {
key
value
}
}
}
}
}`

func TestVendorExamplesAreVerbatim(t *testing.T) {
	for file, example := range map[string]string{
		"opigno-possible-user-connections.txt": vendorPossibleConnections,
		"opigno-community-invitations.txt":     vendorCreateCommunityInvitation,
	} {
		doc, err := os.ReadFile("../../../../shared/api-docs/" + file)
		if err != nil {
			t.Skipf("shared/api-docs not available: %v", err)
		}
		if !strings.Contains(string(doc), example) {
			t.Errorf("%s no longer contains the example the test runs", file)
		}
	}
}

// The vendor's examples run on the demo server and on the strict one,
// which serves only the documented schema.
func TestVendorPossibleUserConnections(t *testing.T) {
	for _, strict := range []bool{false, true} {
		t.Run(fmt.Sprintf("strict=%v", strict), func(t *testing.T) {
			vendorPossibleUserConnections(t, newEnvWith(t, Options{Strict: strict}))
		})
	}
}

func vendorPossibleUserConnections(t *testing.T, e *testEnv) {
	var data struct {
		GetPossibleUserConnections struct {
			Edges []struct {
				Node struct {
					UserContext struct {
						ID   string `json:"id"`
						UUID string `json:"uuid"`
					} `json:"userContext"`
					Cta []struct {
						ActionID  string `json:"actionId"`
						Title     string `json:"title"`
						Arguments []struct {
							Key   string `json:"key"`
							Value string `json:"value"`
						} `json:"arguments"`
						Metadata []json.RawMessage `json:"metadata"`
					} `json:"cta"`
				} `json:"node"`
			} `json:"edges"`
			PageInfo struct {
				HasNextPage bool   `json:"hasNextPage"`
				StartCursor string `json:"startCursor"`
				EndCursor   string `json:"endCursor"`
			} `json:"pageInfo"`
			TotalItems int `json:"totalItems"`
		} `json:"getPossibleUserConnections"`
	}
	e.query(AdminUUID, vendorPossibleConnections, nil, &data)
	got := data.GetPossibleUserConnections
	if len(got.Edges) != 2 || !got.PageInfo.HasNextPage || got.TotalItems < 2000 {
		t.Fatalf("got %d edges, hasNextPage %v, totalItems %d", len(got.Edges), got.PageInfo.HasNextPage, got.TotalItems)
	}
	for _, edge := range got.Edges {
		n := edge.Node
		if n.UserContext.ID == "" || !isUUID(n.UserContext.UUID) {
			t.Errorf("userContext %+v", n.UserContext)
		}
		if len(n.Cta) != 1 || n.Cta[0].ActionID != "CREATE_USER_INVITATION" || n.Cta[0].Title == "" ||
			len(n.Cta[0].Arguments) != 1 || n.Cta[0].Arguments[0].Key != "inviteeUserContextId" ||
			n.Cta[0].Arguments[0].Value != n.UserContext.ID || n.Cta[0].Metadata == nil {
			t.Errorf("cta %+v for %s", n.Cta, n.UserContext.ID)
		}
	}
	if got.PageInfo.StartCursor == "" || got.PageInfo.EndCursor == "" {
		t.Errorf("pageInfo %+v", got.PageInfo)
	}
}

// The demo answers CommunityInvitation.cta with a list, as Community.cta;
// the strict server as the vendor's table types it, one Cta, whose
// argument it names by an alias.
func TestVendorCreateCommunityInvitation(t *testing.T) {
	type cta struct {
		ActionID  string `json:"actionId"`
		Arguments []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"arguments"`
	}
	for _, strict := range []bool{false, true} {
		t.Run(fmt.Sprintf("strict=%v", strict), func(t *testing.T) {
			e := newEnvWith(t, Options{Strict: strict})
			var data struct {
				CreateCommunityInvitation struct {
					Errors   []string `json:"errors"`
					Response *struct {
						ID        string `json:"id"`
						Community struct {
							ID string `json:"id"`
						} `json:"community"`
						Created int64           `json:"created"`
						Cta     json.RawMessage `json:"cta"`
					} `json:"response"`
				} `json:"createCommunityInvitation"`
			}
			e.query(AdminUUID, vendorCreateCommunityInvitation, nil, &data)
			got := data.CreateCommunityInvitation
			if got.Errors == nil || len(got.Errors) != 0 || got.Response == nil {
				t.Fatalf("errors %q, response %+v", got.Errors, got.Response)
			}
			r := got.Response
			if r.ID == "" || r.Community.ID != "2" || r.Created != e.clock.Now().Unix() {
				t.Errorf("response %+v", r)
			}
			var one cta
			key := "invitationId"
			if strict {
				key = "id"
				if err := json.Unmarshal(r.Cta, &one); err != nil {
					t.Fatalf("cta %s, want one object: %v", r.Cta, err)
				}
			} else {
				var list []cta
				if err := json.Unmarshal(r.Cta, &list); err != nil || len(list) != 1 {
					t.Fatalf("cta %s, want a list of one: %v", r.Cta, err)
				}
				one = list[0]
			}
			if one.ActionID != "CANCEL_COMMUNITY_INVITATION" || len(one.Arguments) != 1 ||
				one.Arguments[0].Key != key || one.Arguments[0].Value != r.ID {
				t.Errorf("cta %s", r.Cta)
			}
		})
	}
}
