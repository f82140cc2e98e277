package opigno

import (
	"slices"
	"testing"
)

// getMobileAppSettings, which the vendor documents, answers the logo.
func TestMobileAppSettings(t *testing.T) {
	e := newEnv(t)
	var data struct {
		S struct{ LogoURL string } `json:"getMobileAppSettings"`
	}
	e.query(MemberUUID, `{ getMobileAppSettings { logoUrl } }`, nil, &data)
	if data.S.LogoURL != demoLogoURL {
		t.Errorf("logoUrl %q", data.S.LogoURL)
	}
}

// AdminCommunityIDs names the communities the administrator owns or
// belongs to, which the demo lists and a strict server cannot.
func TestAdminCommunityIDs(t *testing.T) {
	e := newEnv(t)
	var listed []string
	for after := any(nil); ; {
		var data struct {
			Page struct {
				Edges []struct {
					Node struct{ ID string } `json:"node"`
				} `json:"edges"`
				PageInfo struct {
					HasNextPage bool   `json:"hasNextPage"`
					EndCursor   string `json:"endCursor"`
				} `json:"pageInfo"`
			} `json:"getUserCommunities"`
		}
		e.query(AdminUUID, userCommunities, map[string]any{"after": after}, &data)
		for _, edge := range data.Page.Edges {
			listed = append(listed, edge.Node.ID)
		}
		if !data.Page.PageInfo.HasNextPage {
			break
		}
		after = data.Page.PageInfo.EndCursor
	}
	ids := AdminCommunityIDs(1)
	slices.Sort(listed)
	want := slices.Clone(ids)
	slices.Sort(want)
	if len(ids) < 3 || !slices.Equal(want, listed) {
		t.Fatalf("AdminCommunityIDs %v, the administrator's communities %v", ids, listed)
	}
	strict := newEnvWith(t, Options{Strict: true})
	for _, id := range ids {
		if c := strict.community(AdminUUID, id); c.ID != id {
			t.Errorf("community %s: %+v", id, c)
		}
	}
}
