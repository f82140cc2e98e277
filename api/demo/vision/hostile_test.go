package vision

import (
	"testing"

	"github.com/rosterm/rosterm/api/demo/hostile"
)

func TestHostileModeSeedsTheFirstPageAndWatchedGroups(t *testing.T) {
	srv, _ := startServer(t, Options{Seed: 1, Hostile: true})
	var out struct {
		ListUsers struct {
			UserConnection struct {
				Items []struct{ ID, Email, Family_name string }
			}
		}
		GetGroups struct {
			Groups []struct {
				ID, Name, Description string
				Members               []string
			}
		}
	}
	query(t, srv, `query($ids: [ID!]!) {
  listUsers(input: {limit: 30}) { userConnection { items { id email family_name } } }
  getGroups(input: {ids: $ids}) { groups { id name description members } }
}`, map[string]any{"ids": GroupIDs()}, &out)

	items := out.ListUsers.UserConnection.Items
	if items[0].ID != "a-user-id" || items[2].ID != "tech@example.com" {
		t.Fatalf("the vendor's users must stay first: %v", items[:3])
	}
	family := map[string]bool{}
	for _, u := range items[3 : 3+len(hostile.Payloads())+1] {
		family[u.Family_name] = true
		if !hostile.Contains(u.Email) && u.Email != "mallory.long@pwned.example" {
			t.Errorf("user %q: e-mail %q", u.Family_name, u.Email)
		}
	}
	for _, p := range hostile.Payloads() {
		if !family[p.Text] {
			t.Errorf("no family name is the %s payload on the first page", p.Name)
		}
	}
	if !family[hostile.LongName(10_000)] {
		t.Error("no 10,000-character family name")
	}
	renamed := 0
	for _, g := range out.GetGroups.Groups {
		if hostile.Contains(g.Name) && hostile.Contains(g.Description) && len(g.Members) > len(hostile.Payloads()) {
			renamed++
		}
	}
	if len(out.GetGroups.Groups) != len(GroupIDs()) || renamed != 3 {
		t.Errorf("%d groups, %d hostile: want every watched group, three hostile", len(out.GetGroups.Groups), renamed)
	}
}
