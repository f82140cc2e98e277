package scope

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestSearch(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	tests := []struct {
		fullText string
		want     []string // usernames, in order; nil = only count
		count    int
	}{
		{"luke@jedi.org", []string{"lskywalker"}, 1},
		{"LUKE skyWALKER", []string{"lskywalker"}, 1},
		{"skywalker luke", []string{"lskywalker"}, 1},
		{"lskywalker", []string{"lskywalker"}, 1},
		{"jedi.org", []string{"lskywalker"}, 1},
		{"scopear.com", []string{"scope.support"}, 1},
		{"demo admin", []string{"demo.admin"}, 1},
		{"luke nobody", []string{}, 0},
		{"zzzzqqq", []string{}, 0},
		{"", nil, demoUsers},
		{"   ", nil, demoUsers},
	}
	for _, tt := range tests {
		t.Run(tt.fullText, func(t *testing.T) {
			var data struct {
				Users struct {
					Nodes      []userJSON
					TotalCount int
				}
			}
			query(t, srv, DemoToken, `query($q: String) { users(fullText: $q, first: 100) {
				nodes { username } totalCount } }`, map[string]any{"q": tt.fullText}, &data)
			if data.Users.TotalCount != tt.count {
				t.Errorf("totalCount %d, want %d", data.Users.TotalCount, tt.count)
			}
			if tt.want == nil {
				return
			}
			got := []string{}
			for _, n := range data.Users.Nodes {
				got = append(got, n.Username)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("users %v, want %v", got, tt.want)
			}
		})
	}
}

// Every term must match some field, case-insensitively, as a substring.
func TestSearchMatchesEveryTerm(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	all := allMembers(t, srv)
	terms := []string{"ar", "KOW"}
	var want []string
	for _, u := range all {
		if matchesAll(u, terms) {
			want = append(want, u.ID)
		}
	}
	var data struct {
		Users struct{ Nodes []userJSON }
	}
	query(t, srv, DemoToken, `{ users(fullText: "ar KOW", first: 100) { nodes { id } } }`, nil, &data)
	var got []string
	for _, n := range data.Users.Nodes {
		got = append(got, n.ID)
	}
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func matchesAll(u userJSON, terms []string) bool {
	for _, term := range terms {
		term = strings.ToLower(term)
		found := false
		for _, f := range []string{u.FirstName, u.LastName, u.Username, u.Email} {
			found = found || strings.Contains(strings.ToLower(f), term)
		}
		if !found {
			return false
		}
	}
	return true
}

func TestMembersSortedByLastFirstID(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	all := allMembers(t, srv)
	if len(all) != demoUsers {
		t.Fatalf("%d members, want %d", len(all), demoUsers)
	}
	sorted := slices.IsSortedFunc(all, func(a, b userJSON) int {
		return strings.Compare(
			strings.ToLower(a.LastName)+"\x00"+strings.ToLower(a.FirstName)+"\x00"+pad(a.DatabaseID),
			strings.ToLower(b.LastName)+"\x00"+strings.ToLower(b.FirstName)+"\x00"+pad(b.DatabaseID))
	})
	if !sorted {
		t.Error("members are not sorted by last name, first name, id")
	}
}

func pad(n int) string { return fmt.Sprintf("%010d", n) }
