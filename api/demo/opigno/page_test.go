package opigno

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

const possibleQuery = `query($after: Cursor, $before: Cursor, $first: Int, $last: Int, $reverse: Boolean, $name: String) {
  getPossibleUserConnections(after: $after, before: $before, first: $first, last: $last, reverse: $reverse, name: $name) {
    edges { cursor node { userContext { id displayName } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalItems
  }
}`

type contextPage struct {
	Edges []struct {
		Cursor string `json:"cursor"`
		Node   struct {
			UserContext struct {
				ID          string `json:"id"`
				DisplayName string `json:"displayName"`
			} `json:"userContext"`
		} `json:"node"`
	} `json:"edges"`
	PageInfo struct {
		HasNextPage     bool   `json:"hasNextPage"`
		HasPreviousPage bool   `json:"hasPreviousPage"`
		StartCursor     string `json:"startCursor"`
		EndCursor       string `json:"endCursor"`
	} `json:"pageInfo"`
	TotalItems int `json:"totalItems"`
}

func (p contextPage) ids() []int {
	var out []int
	for _, e := range p.Edges {
		n, _ := strconv.Atoi(e.Node.UserContext.ID)
		out = append(out, n)
	}
	return out
}

// possiblePage fetches one page of the administrator's possible connections.
func (e *testEnv) possiblePage(vars map[string]any) contextPage {
	e.t.Helper()
	if _, ok := vars["reverse"]; !ok {
		vars["reverse"] = false
	}
	var data struct {
		P contextPage `json:"getPossibleUserConnections"`
	}
	e.query(AdminUUID, possibleQuery, vars, &data)
	return data.P
}

// expectedPossible computes, from the store, the administrator's possible
// connections in list order.
func (e *testEnv) expectedPossible() []int {
	var rows []keyRow
	e.inspect(func(d *data) {
		admin := d.context(adminID)
		for _, u := range d.contexts[1:] {
			if d.possibleConnection(admin, u) {
				rows = append(rows, nameRow(u.id, u.name))
			}
		}
	})
	slices.SortFunc(rows, compareRows)
	var ids []int
	for _, r := range rows {
		ids = append(ids, r.id)
	}
	return ids
}

func TestPaginationArgumentRules(t *testing.T) {
	e := newEnv(t)
	c := "any-cursor"
	for _, tc := range []struct {
		name string
		vars map[string]any
		want string
	}{
		{"after and before", map[string]any{"first": 2, "after": c, "before": c}, "after and before cannot be used together"},
		{"first and last", map[string]any{"first": 2, "last": 2}, "first and last cannot be used together"},
		{"first with before", map[string]any{"first": 2, "before": c}, "first cannot be used with before"},
		{"last with after", map[string]any{"last": 2, "after": c}, "last cannot be used with after"},
		{"neither first nor last", map[string]any{}, "either first or last is required"},
		{"after without first", map[string]any{"after": c}, "after requires first"},
		{"before without last", map[string]any{"before": c}, "before requires last"},
		{"first zero", map[string]any{"first": 0}, "first must be between 1 and 100"},
		{"first negative", map[string]any{"first": -1}, "first must be between 1 and 100"},
		{"first 101", map[string]any{"first": 101}, "first must be between 1 and 100"},
		{"last zero", map[string]any{"last": 0}, "last must be between 1 and 100"},
		{"last 101", map[string]any{"last": 101}, "last must be between 1 and 100"},
		{"garbled cursor", map[string]any{"first": 2, "after": "not a cursor"}, "invalid cursor"},
		{"garbled base64", map[string]any{"first": 2, "after": "aGVsbG8="}, "invalid cursor"},
		{"cursor of another list", map[string]any{"first": 2, "after": encodeCursor(cursor{
			backingType: "community", backingID: 1, sortKey: "title", sortValue: stringValue("x")})}, "invalid cursor"},
		{"cursor of another sort key", map[string]any{"last": 2, "before": encodeCursor(cursor{
			backingType: "opigno_context", backingID: 1, sortKey: "created", sortValue: intValue(1)})}, "invalid cursor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.vars["reverse"] = false
			e.with(t).queryError(AdminUUID, possibleQuery, tc.vars, tc.want)
		})
	}
	for _, n := range []int{1, 100} {
		if p := e.possiblePage(map[string]any{"first": n}); len(p.Edges) != n {
			t.Errorf("first %d gave %d edges", n, len(p.Edges))
		}
		if p := e.possiblePage(map[string]any{"last": n}); len(p.Edges) != n {
			t.Errorf("last %d gave %d edges", n, len(p.Edges))
		}
	}
}

// walk pages through the whole list with step as first (or last when
// backward) and returns the ids in the order visited.
func (e *testEnv) walk(step int, reverse, backward bool) []int {
	vars := map[string]any{"first": step, "reverse": reverse}
	if backward {
		vars = map[string]any{"last": step, "reverse": reverse}
	}
	var ids []int
	for pages := 0; ; pages++ {
		if pages > 100 {
			e.t.Fatal("walk does not end")
		}
		p := e.possiblePage(vars)
		if backward {
			ids = append(p.ids(), ids...)
			if !p.PageInfo.HasPreviousPage {
				return ids
			}
			vars["before"] = p.PageInfo.StartCursor
			continue
		}
		ids = append(ids, p.ids()...)
		if !p.PageInfo.HasNextPage {
			if p.TotalItems != len(ids) {
				e.t.Errorf("visited %d, totalItems %d", len(ids), p.TotalItems)
			}
			return ids
		}
		vars["after"] = p.PageInfo.EndCursor
	}
}

func TestForwardWalkVisitsEachOnce(t *testing.T) {
	e := newEnv(t)
	want := e.expectedPossible()
	got := e.walk(100, false, false)
	if !slices.Equal(got, want) {
		t.Fatalf("walk visited %d ids, want %d in name order", len(got), len(want))
	}
	seen := map[int]bool{}
	for _, id := range got {
		if seen[id] {
			t.Fatalf("id %d visited twice", id)
		}
		seen[id] = true
	}
}

func TestReverseAndBackwardWalks(t *testing.T) {
	e := newEnv(t)
	forward := e.walk(100, false, false)
	reversed := slices.Clone(forward)
	slices.Reverse(reversed)
	if got := e.walk(100, true, false); !slices.Equal(got, reversed) {
		t.Error("reverse: true is not the forward order reversed")
	}
	if got := e.walk(77, false, true); !slices.Equal(got, forward) {
		t.Error("walking backward with last/before does not give the forward order")
	}
	if got := e.walk(100, true, true); !slices.Equal(got, reversed) {
		t.Error("walking backward in reverse does not give the reverse order")
	}
}

func TestPageInfoAndEdgeCursors(t *testing.T) {
	e := newEnv(t)
	first := e.possiblePage(map[string]any{"first": 3})
	if first.PageInfo.HasPreviousPage || !first.PageInfo.HasNextPage {
		t.Errorf("first page pageInfo %+v", first.PageInfo)
	}
	if first.PageInfo.StartCursor != first.Edges[0].Cursor || first.PageInfo.EndCursor != first.Edges[2].Cursor {
		t.Error("start/end cursors are not the first/last edge cursors")
	}
	// Paging after the second edge's cursor starts at the third edge.
	next := e.possiblePage(map[string]any{"first": 1, "after": first.Edges[1].Cursor})
	if next.ids()[0] != first.ids()[2] || !next.PageInfo.HasPreviousPage {
		t.Errorf("after edge 2 got %v, want %d", next.ids(), first.ids()[2])
	}
	last := e.possiblePage(map[string]any{"last": 3})
	if !last.PageInfo.HasPreviousPage || last.PageInfo.HasNextPage {
		t.Errorf("last page pageInfo %+v", last.PageInfo)
	}
	empty := e.possiblePage(map[string]any{"first": 5, "name": "no such person zzz"})
	if len(empty.Edges) != 0 || empty.TotalItems != 0 || empty.PageInfo.StartCursor != "" || empty.PageInfo.HasNextPage {
		t.Errorf("empty page %+v", empty)
	}
}

func TestVendorCursorPagesFromAlina(t *testing.T) {
	e := newEnv(t)
	p := e.possiblePage(map[string]any{"first": 5, "after": vendorCursor})
	all := e.expectedPossible()
	at := nameRow(vendorCursorContext, "alina_test_1 opigno4")
	var want []int
	e.inspect(func(d *data) {
		for _, id := range all {
			if compareRows(nameRow(id, d.context(id).name), at) > 0 {
				want = append(want, id)
			}
		}
	})
	if !slices.Equal(p.ids(), want[:5]) || p.TotalItems != len(all) {
		t.Fatalf("after the vendor cursor got %v (total %d), want %v (total %d)", p.ids(), p.TotalItems, want[:5], len(all))
	}
	for _, edge := range p.Edges {
		if strings.ToLower(edge.Node.UserContext.DisplayName) <= "alina_test_1 opigno4" {
			t.Errorf("%q sorts before the cursor", edge.Node.UserContext.DisplayName)
		}
	}
}

func TestNameFilter(t *testing.T) {
	e := newEnv(t)
	p := e.possiblePage(map[string]any{"first": 100, "name": "ALINA_test"})
	if p.TotalItems != 1 || p.ids()[0] != vendorCursorContext {
		t.Fatalf("name filter ALINA_test gave %v (total %d)", p.ids(), p.TotalItems)
	}
	p = e.possiblePage(map[string]any{"first": 100, "name": "chen"})
	if p.TotalItems == 0 || p.TotalItems == len(e.expectedPossible()) {
		t.Fatalf("name filter chen gave total %d", p.TotalItems)
	}
	for _, edge := range p.Edges {
		if !strings.Contains(strings.ToLower(edge.Node.UserContext.DisplayName), "chen") {
			t.Errorf("%q does not match chen", edge.Node.UserContext.DisplayName)
		}
	}
}

// TestCursorOutlivesItsRow: after the row a cursor points at leaves the
// list, paging from the cursor continues from its position.
func TestCursorOutlivesItsRow(t *testing.T) {
	e := newEnv(t)
	p := e.possiblePage(map[string]any{"first": 3})
	gone := p.Edges[1]
	e.mustSucceed(AdminUUID, `mutation($id: ID!) { createUserInvitation(inviteeUserContextId: $id) { errors response { id } } }`,
		map[string]any{"id": gone.Node.UserContext.ID}, nil)
	after := e.possiblePage(map[string]any{"first": 1, "after": gone.Cursor})
	if after.ids()[0] != p.ids()[2] {
		t.Errorf("after a removed row got %v, want %d", after.ids(), p.ids()[2])
	}
	before := e.possiblePage(map[string]any{"last": 1, "before": gone.Cursor})
	if before.ids()[0] != p.ids()[0] {
		t.Errorf("before a removed row got %v, want %d", before.ids(), p.ids()[0])
	}
}

const pendingQuery = `query($first: Int, $after: Cursor, $reverse: Boolean, $sortKey: InvitationSortKey) {
  getPendingUserInvitations(first: $first, after: $after, reverse: $reverse, sortKey: $sortKey) {
    edges { cursor node { id created status isAccepted initiatorUserContext { id displayName } inviteeUserContext { id }
      cta { actionId title arguments { key value } } } }
    pageInfo { hasNextPage endCursor }
    totalItems
  }
}`

type invitationNode struct {
	ID                   string `json:"id"`
	Created              int64  `json:"created"`
	Status               string `json:"status"`
	IsAccepted           bool   `json:"isAccepted"`
	InitiatorUserContext struct {
		ID          string `json:"id"`
		DisplayName string `json:"displayName"`
	} `json:"initiatorUserContext"`
	InviteeUserContext struct {
		ID string `json:"id"`
	} `json:"inviteeUserContext"`
	Cta []ctaJSON `json:"cta"`
}

type keyValueJSON struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type ctaJSON struct {
	ActionID  string         `json:"actionId"`
	Title     string         `json:"title"`
	Arguments []keyValueJSON `json:"arguments"`
	Metadata  []keyValueJSON `json:"metadata"`
}

// pendingInvitations walks all of uuid's received invitations.
func (e *testEnv) pendingInvitations(uuid string, reverse bool, sortKey string) []invitationNode {
	vars := map[string]any{"first": 7, "reverse": reverse, "sortKey": sortKey}
	var out []invitationNode
	for {
		var data struct {
			P struct {
				Edges []struct {
					Node invitationNode `json:"node"`
				} `json:"edges"`
				PageInfo struct {
					HasNextPage bool   `json:"hasNextPage"`
					EndCursor   string `json:"endCursor"`
				} `json:"pageInfo"`
				TotalItems int `json:"totalItems"`
			} `json:"getPendingUserInvitations"`
		}
		e.query(uuid, pendingQuery, vars, &data)
		for _, edge := range data.P.Edges {
			out = append(out, edge.Node)
		}
		if !data.P.PageInfo.HasNextPage {
			if len(out) != data.P.TotalItems {
				e.t.Errorf("walked %d invitations, totalItems %d", len(out), data.P.TotalItems)
			}
			return out
		}
		vars["after"] = data.P.PageInfo.EndCursor
	}
}

func TestPendingInvitationOrders(t *testing.T) {
	e := newEnv(t)
	oldest := e.pendingInvitations(AdminUUID, false, "CREATED")
	if len(oldest) < 30 {
		t.Fatalf("administrator has %d pending invitations", len(oldest))
	}
	if !slices.IsSortedFunc(oldest, func(a, b invitationNode) int { return int(a.Created - b.Created) }) {
		t.Error("CREATED is not oldest first")
	}
	newest := e.pendingInvitations(AdminUUID, true, "CREATED")
	slices.Reverse(newest)
	if !slices.EqualFunc(oldest, newest, func(a, b invitationNode) bool { return a.ID == b.ID }) {
		t.Error("reverse is not the CREATED order reversed")
	}
	byName := e.pendingInvitations(AdminUUID, false, "NAME")
	if !slices.IsSortedFunc(byName, func(a, b invitationNode) int {
		return strings.Compare(strings.ToLower(a.InitiatorUserContext.DisplayName), strings.ToLower(b.InitiatorUserContext.DisplayName))
	}) {
		t.Error("NAME is not by initiator name")
	}
	for _, inv := range oldest {
		if inv.InviteeUserContext.ID != "1" || inv.IsAccepted || inv.Status != statusPending ||
			len(inv.Cta) != 2 || inv.Cta[0].ActionID != actionAcceptUserInvitation || inv.Cta[1].ActionID != actionDeclineUserInvitation ||
			inv.Cta[0].Arguments[0].Key != "invitationId" || inv.Cta[0].Arguments[0].Value != inv.ID {
			t.Fatalf("invitation %+v", inv)
		}
	}
	// A created-order cursor is not valid for the name order.
	var data struct {
		P struct {
			PageInfo struct{ EndCursor string } `json:"pageInfo"`
		} `json:"getPendingUserInvitations"`
	}
	e.query(AdminUUID, pendingQuery, map[string]any{"first": 2, "reverse": false, "sortKey": "CREATED"}, &data)
	e.queryError(AdminUUID, pendingQuery, map[string]any{"first": 2, "reverse": false, "sortKey": "NAME", "after": data.P.PageInfo.EndCursor}, "invalid cursor")
}
