package scope

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rosterm/rosterm/api/demo/hostile"
)

func TestHostileModeSeedsUsersAndGroupsOnTheFirstScreen(t *testing.T) {
	srv, _ := startServer(t, Options{Seed: 1, Hostile: true})
	var out struct {
		Users struct {
			Nodes []struct {
				LastName, Email, JobTitle string
				Groups                    struct{ Nodes []struct{ Name string } }
			}
			TotalCount int
		}
		Viewer struct {
			CurrentOrganization struct {
				Groups struct {
					Nodes      []struct{ Name string }
					TotalCount int
				}
			}
		}
	}
	query(t, srv, DemoToken, `{
  users(fullText: "mallory", first: 50) { nodes { lastName email jobTitle groups(first: 5) { nodes { name } } } totalCount }
  viewer { currentOrganization { groups(first: 5) { nodes { name } totalCount } } }
}`, nil, &out)

	payloads := hostile.Payloads()
	if out.Users.TotalCount != len(payloads)+1 {
		t.Fatalf("%d hostile users, want one per payload and a long name", out.Users.TotalCount)
	}
	last := map[string]bool{}
	for _, u := range out.Users.Nodes {
		last[u.LastName] = true
		if !(hostile.Contains(u.Email) || u.Email == "mallory.long@pwned.example") || !hostile.Contains(u.JobTitle) ||
			!hostile.Contains(u.Groups.Nodes[0].Name+u.Groups.Nodes[1].Name) {
			t.Errorf("user %.40q: e-mail %.40q, job %.40q, groups %v should all carry payloads", u.LastName, u.Email, u.JobTitle, u.Groups.Nodes)
		}
	}
	for _, p := range payloads {
		if !last[p.Text] {
			t.Errorf("no user's last name is the %s payload", p.Name)
		}
	}
	if !last[hostile.LongName(hostileLongName)] || utf8.RuneCountInString(hostile.LongName(hostileLongName)) != 10_000 {
		t.Error("no 10,000-character last name")
	}
	g := out.Viewer.CurrentOrganization.Groups
	if g.TotalCount != len(groupNames)+4+3 || !hostile.Contains(g.Nodes[0].Name) {
		t.Errorf("groups %d, first %q: the hostile groups (and three named with hostile.Widths) should be added, the hostile ones first", g.TotalCount, g.Nodes[0].Name)
	}

	// Names whose width terminals disagree on, one user each.
	var wide struct {
		Users struct {
			Nodes []struct{ LastName, JobTitle string }
		}
	}
	query(t, srv, DemoToken, `{ users(fullText: "widths.example", first: 50) { nodes { lastName jobTitle } } }`, nil, &wide)
	if n := len(wide.Users.Nodes); n != len(hostile.Widths()) {
		t.Fatalf("%d users named with hostile.Widths, want %d", n, len(hostile.Widths()))
	}
	for i, w := range hostile.Widths() {
		if u := wide.Users.Nodes[i]; !strings.HasSuffix(u.LastName, w.Text) || !strings.HasPrefix(u.JobTitle, w.Text) {
			t.Errorf("%s: user %q, %q", w.Name, u.LastName, u.JobTitle)
		}
	}

	// Luke, whom the vendor's examples use, is as he was.
	var luke struct {
		Users struct {
			Nodes []struct{ Email, JobTitle string }
		}
	}
	query(t, srv, DemoToken, `{ users(fullText: "skywalker", first: 5) { nodes { email jobTitle } } }`, nil, &luke)
	if len(luke.Users.Nodes) != 1 || luke.Users.Nodes[0].Email != "luke@jedi.org" {
		t.Errorf("Luke: %+v", luke.Users.Nodes)
	}
}
