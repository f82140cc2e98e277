package vision

import (
	"encoding/base64"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const listDoc = `query($limit: Int!, $next: String) { listUsers(input: {limit: $limit, nextToken: $next}) {
	userConnection { items { id email given_name family_name phone_number } nextToken } } }`

type userJSON struct {
	ID          string `json:"id"`
	Email       string `json:"email"`
	GivenName   string `json:"given_name"`
	FamilyName  string `json:"family_name"`
	PhoneNumber string `json:"phone_number"`
}

type listJSON struct {
	ListUsers struct {
		UserConnection struct {
			Items     []userJSON `json:"items"`
			NextToken *string    `json:"nextToken"`
		} `json:"userConnection"`
	} `json:"listUsers"`
}

var e164Pattern = regexp.MustCompile(`^\+[1-9][0-9]{7,14}$`)

func TestListUsersWalk(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	seen := map[string]bool{}
	var next any = ""
	var pages int
	for ; ; pages++ {
		var data listJSON
		query(t, srv, listDoc, map[string]any{"limit": 100, "next": next}, &data)
		conn := data.ListUsers.UserConnection
		for _, u := range conn.Items {
			if seen[u.ID] {
				t.Fatalf("%s seen twice", u.ID)
			}
			seen[u.ID] = true
			if !e164Pattern.MatchString(u.PhoneNumber) || u.Email == "" || u.GivenName == "" {
				t.Errorf("user %+v", u)
			}
		}
		if conn.NextToken == nil {
			t.Fatal("nextToken is null")
		}
		if *conn.NextToken == "" {
			break
		}
		if !strings.HasPrefix(*conn.NextToken, "eyJvcmdJRCI6ICJYT2") {
			t.Errorf("nextToken %q does not look like the doc's", *conn.NextToken)
		}
		next = *conn.NextToken
	}
	if len(seen) != demoUsers || pages != demoUsers/100-1 {
		t.Errorf("visited %d users in %d pages, want %d in %d", len(seen), pages+1, demoUsers, demoUsers/100)
	}
	for _, id := range []string{"a-user-id", "someone@yourcompany.com", "tech@example.com"} {
		if !seen[id] {
			t.Errorf("no user %s", id)
		}
	}
}

// A null nextToken starts at the beginning, like "".
func TestListUsersNullToken(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	var data listJSON
	query(t, srv, listDoc, map[string]any{"limit": 2, "next": nil}, &data)
	items := data.ListUsers.UserConnection.Items
	if len(items) != 2 || items[0].ID != "a-user-id" {
		t.Errorf("items %+v", items)
	}
}

func TestListUsersErrors(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	tests := []struct {
		name    string
		limit   int
		next    string
		message string
	}{
		{"limit 0", 0, "", "limit must be between 1 and 1000"},
		{"limit 1001", 1001, "", "limit must be between 1 and 1000"},
		{"negative limit", -5, "", "limit must be between 1 and 1000"},
		{"garbled token", 10, "not base64!", "invalid nextToken"},
		{"token of no JSON", 10, b64("hello"), "invalid nextToken"},
		{"token of another org", 10, b64(`{"orgID": "XOother", "userID": "a-user-id"}`), "invalid nextToken"},
		{"token of an unknown user", 10, b64(`{"orgID": "XOorg-your-org", "userID": "nobody"}`), "invalid nextToken"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, res := postGraphQL(t, srv, getToken(t, srv), listDoc, map[string]any{"limit": tt.limit, "next": tt.next})
			if status != 200 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, tt.message) {
				t.Errorf("status %d, errors %+v; want %q", status, res.Errors, tt.message)
			}
		})
	}
	// The largest page is allowed and comes back whole.
	var data listJSON
	query(t, srv, listDoc, map[string]any{"limit": 1000, "next": ""}, &data)
	if n := len(data.ListUsers.UserConnection.Items); n != 1000 {
		t.Errorf("limit 1000 gave %d", n)
	}
}

func TestGetUser(t *testing.T) {
	t.Parallel()
	srv, _ := startServer(t, Options{Seed: 1})
	tests := []struct {
		id    string
		found bool
	}{
		{"a-user-id", true},
		{"someone@yourcompany.com", true},
		{"tech@example.com", true},
		{"A-USER-ID", false}, // ids are exact
		{"nobody@yourcompany.com", false},
		{"", false},
	}
	for _, tt := range tests {
		var data struct{ GetUser struct{ User *userJSON } }
		query(t, srv, `query($id: ID!) { getUser(input: {id: $id}) { user { id } } }`, map[string]any{"id": tt.id}, &data)
		if (data.GetUser.User != nil) != tt.found || (tt.found && data.GetUser.User.ID != tt.id) {
			t.Errorf("getUser(%q) = %+v, found want %v", tt.id, data.GetUser.User, tt.found)
		}
	}
}

func TestGetUsersByEmail(t *testing.T) {
	t.Parallel()
	srv, s := startServer(t, Options{Seed: 1})
	var moved visionUser // a user whose email changed after creation
	for _, u := range s.dir.users {
		if u.id != u.email && u.id != "a-user-id" {
			moved = u
			break
		}
	}
	if moved.id == "" {
		t.Fatal("no user whose email changed")
	}
	tests := []struct {
		email string
		ids   []string
	}{
		{"someone@yourcompany.com", []string{"someone@yourcompany.com"}},
		{"Someone@yourcompany.com", []string{"someone@yourcompany.com"}},
		{"SomeOne@YourCompany.COM", []string{"someone@yourcompany.com"}},
		{"first.last@organization.com", []string{"a-user-id"}},
		{"someone@yourcompany", nil},
		{"someone", nil},
		{strings.ToUpper(moved.email), []string{moved.id}},
		{moved.id, nil}, // the old address is only the id now
	}
	for _, tt := range tests {
		var data struct{ GetUsersByEmail struct{ Users []userJSON } }
		query(t, srv, `query($e: String!) { getUsersByEmail(input: {email: $e}) { users { id email } } }`, map[string]any{"e": tt.email}, &data)
		var ids []string
		for _, u := range data.GetUsersByEmail.Users {
			ids = append(ids, u.ID)
		}
		if !slices.Equal(ids, tt.ids) {
			t.Errorf("getUsersByEmail(%q) = %v, want %v", tt.email, ids, tt.ids)
		}
	}
}

type groupJSON struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description *string  `json:"description"`
	Members     []string `json:"members"`
}

func TestGetGroups(t *testing.T) {
	t.Parallel()
	srv, s := startServer(t, Options{Seed: 1})
	var all []string
	for id := range s.dir.groups {
		all = append(all, id)
	}
	slices.Sort(all)
	tests := []struct {
		name string
		ask  []string
		want []string
	}{
		{"request order", []string{"your-org-night-shift", "your-org-a-group", "your-org-dispatch"},
			[]string{"your-org-night-shift", "your-org-a-group", "your-org-dispatch"}},
		{"missing ones omitted", []string{"your-org-gone", "your-org-beta-testers", "A Group"}, []string{"your-org-beta-testers"}},
		{"none exist", []string{"nope"}, nil},
		{"empty", []string{}, nil},
		{"all of them", all, all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var data struct{ GetGroups struct{ Groups []groupJSON } }
			query(t, srv, `query($ids: [ID!]!) { getGroups(input: {ids: $ids}) { groups { id name description members } } }`,
				map[string]any{"ids": tt.ask}, &data)
			var ids []string
			for _, g := range data.GetGroups.Groups {
				ids = append(ids, g.ID)
				checkGroup(t, s, g)
			}
			if !slices.Equal(ids, tt.want) {
				t.Errorf("groups %v, want %v", ids, tt.want)
			}
		})
	}
	if len(all) != 30 {
		t.Errorf("%d groups, want 30", len(all))
	}
}

// checkGroup: ids carry the org, members are user ids, and every group but
// the documented one has 3 to 120 members.
func checkGroup(t *testing.T, s *Server, g groupJSON) {
	t.Helper()
	if !strings.HasPrefix(g.ID, "your-org-") || g.Name == "" {
		t.Errorf("group %+v", g)
	}
	if g.ID != "your-org-a-group" && (len(g.Members) < 3 || len(g.Members) > 120) {
		t.Errorf("%s has %d members", g.ID, len(g.Members))
	}
	for _, m := range g.Members {
		if _, ok := s.dir.index[m]; !ok && m != DepartedMemberID {
			t.Errorf("%s: member %q is not a user id", g.ID, m)
		}
	}
}
