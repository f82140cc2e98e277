package opigno

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

const (
	communityFields = `id title description visibility created membersNumber postNotificationEnabled lastPostTime
  ownerUserContext { id } image { url } cta { actionId title arguments { key value } }`
	getCommunity        = `query($id: ID!) { getCommunity(communityId: $id) { errors response { ` + communityFields + ` } } }`
	createCommunity     = `mutation($data: CommunityInput!) { createCommunity(data: $data) { errors response { ` + communityFields + ` } } }`
	editCommunity       = `mutation($id: ID!, $data: EditCommunityInput!) { editCommunity(communityId: $id, data: $data) { errors response { ` + communityFields + ` } } }`
	deleteCommunity     = `mutation($id: ID!) { deleteCommunity(communityId: $id) { errors response } }`
	removeMember        = `mutation($id: ID!, $u: ID!) { removeCommunityMember(communityId: $id, userContextUuid: $u) { errors response } }`
	inviteToCommunity   = `mutation($id: ID!, $invitee: ID!) { createCommunityInvitation(communityId: $id, inviteeUserContextId: $invitee) { errors response { id created community { id } initiatorUserContext { id } inviteeUserContext { id } cta { actionId title arguments { key value } } } } }`
	acceptCommunityInv  = `mutation($id: ID!) { acceptCommunityInvitation(invitationId: $id) { errors response { ` + communityFields + ` } } }`
	declineCommunityInv = `mutation($id: ID!) { declineCommunityInvitation(invitationId: $id) { errors response } }`
	cancelCommunityInv  = `mutation($id: ID!) { cancelCommunityInvitation(invitationId: $id) { errors response } }`
	userCommunities     = `query($name: String, $after: Cursor) { getUserCommunities(first: 3, after: $after, name: $name) { totalItems edges { node { id title visibility cta { actionId } } } pageInfo { hasNextPage endCursor } } }`
	pendingCommunityInv = `query($reverse: Boolean) { getPendingCommunityInvitations(first: 100, reverse: $reverse) { totalItems edges { node { id created inviteeUserContext { id } community { id } cta { actionId title arguments { key value } } } } } }`
	possibleInvitees    = `query($id: ID!, $after: Cursor, $name: String) { getPossibleCommunityInvitees(communityId: $id, first: 100, after: $after, name: $name) { totalItems edges { node { id displayName } } pageInfo { hasNextPage endCursor } } }`
)

type communityJSON struct {
	ID                      string `json:"id"`
	Title                   string `json:"title"`
	Description             string `json:"description"`
	Visibility              string `json:"visibility"`
	Created                 int64  `json:"created"`
	MembersNumber           int    `json:"membersNumber"`
	PostNotificationEnabled bool   `json:"postNotificationEnabled"`
	LastPostTime            *int64 `json:"lastPostTime"`
	OwnerUserContext        struct{ ID string }
	Image                   *struct{ URL string }
	Cta                     []ctaJSON `json:"cta"`
}

func (c communityJSON) actions() []string {
	var out []string
	for _, cta := range c.Cta {
		out = append(out, cta.ActionID)
	}
	return out
}

type communityInvitationJSON struct {
	ID                   string `json:"id"`
	Created              int64  `json:"created"`
	Community            struct{ ID string }
	InitiatorUserContext struct{ ID string }
	InviteeUserContext   struct{ ID string }
	Cta                  []ctaJSON `json:"cta"`
}

// communityWhere returns the first community ok accepts.
func (e *testEnv) communityWhere(ok func(d *data, c *community) bool) int {
	e.t.Helper()
	found := 0
	e.inspect(func(d *data) {
		for id := 1; id <= len(d.communities)+10 && found == 0; id++ {
			if c := d.communities[id]; c != nil && ok(d, c) {
				found = id
			}
		}
	})
	if found == 0 {
		e.t.Fatal("no community matches")
	}
	return found
}

func memberOf(vis string) func(d *data, c *community) bool {
	return func(d *data, c *community) bool { return c.members[memberID] && c.visibility == vis }
}

func outsider(vis string) func(d *data, c *community) bool {
	return func(d *data, c *community) bool {
		return !c.belongs(memberID) && c.visibility == vis && d.pendingCommunityInvitation(c, memberID) == nil
	}
}

func ownedBy(user int) func(d *data, c *community) bool {
	return func(d *data, c *community) bool { return c.owner == user }
}

func (e *testEnv) community(uuid string, id string) communityJSON {
	e.t.Helper()
	var c communityJSON
	e.mustSucceed(uuid, getCommunity, map[string]any{"id": id}, &c)
	return c
}

// networkOutside returns one of user's connections who could be invited
// to community c (not belonging, not invited).
func (e *testEnv) networkOutside(user, c int) int {
	found := 0
	e.inspect(func(d *data) {
		com := d.communities[c]
		invited := d.pendingInvitees(com)
		for id := 3; id < len(d.contexts) && found == 0; id++ {
			if d.connected(user, id) && !invited[id] && d.possibleInvitee(com, d.context(user), d.context(id)) {
				found = id
			}
		}
	})
	if found == 0 {
		e.t.Fatal("no invitable connection")
	}
	return found
}

func TestCommunityCTAsByRole(t *testing.T) {
	e := newEnv(t)
	owned := e.communityWhere(ownedBy(memberID))
	public := e.communityWhere(memberOf(visibilityPublic))
	private := e.communityWhere(memberOf(visibilityPrivate))
	outPublic := e.communityWhere(outsider(visibilityPublic))
	outPrivate := e.communityWhere(outsider(visibilityPrivate))
	manage := []string{actionViewMembers, actionEditCommunity, actionDeleteCommunity}
	for _, tc := range []struct {
		name string
		uuid string
		id   int
		want []string
	}{
		{"owner", MemberUUID, owned, manage},
		{"administrator", AdminUUID, owned, manage},
		{"administrator on a private one", AdminUUID, outPrivate, manage},
		{"member of a public one", MemberUUID, public, []string{actionViewMembers}},
		{"member of a private one", MemberUUID, private, []string{actionViewMembers}},
		{"outsider of a public one", MemberUUID, outPublic, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := e.with(t).community(tc.uuid, strconv.Itoa(tc.id))
			if !slices.Equal(c.actions(), tc.want) {
				t.Fatalf("actions %v, want %v", c.actions(), tc.want)
			}
			for _, cta := range c.Cta {
				if len(cta.Arguments) != 1 || cta.Arguments[0].Key != "communityId" || cta.Arguments[0].Value != c.ID || cta.Title == "" {
					t.Errorf("cta %+v", cta)
				}
			}
		})
	}
	e.mustFail(MemberUUID, getCommunity, map[string]any{"id": strconv.Itoa(outPrivate)}, "is private")
	e.mustFail(MemberUUID, getCommunity, map[string]any{"id": "999"}, "does not exist")
	e.mustFail(MemberUUID, getCommunity, map[string]any{"id": "x"}, "is not valid")
	// An invitee may see the private community it is invited to.
	e.mustSucceed(AdminUUID, inviteToCommunity, map[string]any{"id": strconv.Itoa(outPrivate), "invitee": "2"}, nil)
	if c := e.community(MemberUUID, strconv.Itoa(outPrivate)); c.ID != strconv.Itoa(outPrivate) || len(c.Cta) != 0 {
		t.Errorf("invitee sees %+v", c)
	}
}

func TestSeededCommunityShape(t *testing.T) {
	e := newEnv(t)
	c := e.community(AdminUUID, strconv.Itoa(vendorCommunity))
	e.inspect(func(d *data) {
		com := d.communities[vendorCommunity]
		active := 0
		for id := range com.members {
			if d.context(id).active {
				active++
			}
		}
		if c.MembersNumber != active || c.OwnerUserContext.ID != strconv.Itoa(com.owner) || c.Title != com.title || c.Created >= seedBase {
			t.Errorf("community 2 %+v", c)
		}
	})
}

func TestUserCommunities(t *testing.T) {
	e := newEnv(t)
	var titles []string
	visibilities := map[string]bool{}
	vars := map[string]any{}
	for {
		var data struct {
			U struct {
				TotalItems int
				Edges      []struct {
					Node communityJSON
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			} `json:"getUserCommunities"`
		}
		e.query(MemberUUID, userCommunities, vars, &data)
		for _, edge := range data.U.Edges {
			titles = append(titles, edge.Node.Title)
			visibilities[edge.Node.Visibility] = true
		}
		if !data.U.PageInfo.HasNextPage {
			if data.U.TotalItems != len(titles) {
				t.Errorf("walked %d, totalItems %d", len(titles), data.U.TotalItems)
			}
			break
		}
		vars["after"] = data.U.PageInfo.EndCursor
	}
	if len(titles) < 4 || !visibilities[visibilityPublic] || !visibilities[visibilityPrivate] {
		t.Fatalf("member's communities %v %v", titles, visibilities)
	}
	if !slices.IsSortedFunc(titles, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }) {
		t.Errorf("not sorted by title: %v", titles)
	}
	word := strings.Fields(titles[0])[1]
	var data struct {
		U struct {
			TotalItems int
			Edges      []struct{ Node communityJSON }
		} `json:"getUserCommunities"`
	}
	e.query(MemberUUID, userCommunities, map[string]any{"name": strings.ToUpper(word)}, &data)
	if data.U.TotalItems == 0 || !strings.Contains(data.U.Edges[0].Node.Title, word) {
		t.Errorf("title filter %q gave %+v", word, data.U)
	}
}

// tinyPNG is a 1x1 PNG.
const tinyPNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

func TestCreateCommunity(t *testing.T) {
	e := newEnv(t)
	var c communityJSON
	e.mustSucceed(MemberUUID, createCommunity, map[string]any{"data": map[string]any{
		"title":       "  Weekend Readers ",
		"description": `<p onclick="x()">Hi <script>alert(1)</script><b>bold</b> <a href="javascript:alert(1)">x</a> <a href='https://opigno.example/a?b=1&amp;c=2' target=_blank>ok</a></p><ol start="3" type="a"><li>one</li></ol><h1>Big</h1><!-- note --><h2>Small</h2> 1 < 2`,
		"visibility":  "PRIVATE",
		"imageBase64": map[string]any{"filename": "cover.png", "contentBase64": tinyPNG},
	}}, &c)
	wantDesc := `<p>Hi bold <a>x</a> <a href="https://opigno.example/a?b=1&amp;c=2">ok</a></p><ol start="3"><li>one</li></ol>Big<h2>Small</h2> 1 &lt; 2`
	if c.Title != "Weekend Readers" || c.Description != wantDesc || c.Visibility != visibilityPrivate ||
		c.OwnerUserContext.ID != "2" || c.MembersNumber != 0 || !c.PostNotificationEnabled ||
		c.Created != e.clock.Now().Unix() || c.Image == nil || !strings.HasSuffix(c.Image.URL, "/cover.png") || c.LastPostTime != nil {
		t.Fatalf("created %+v\ndescription %s", c, c.Description)
	}
	if !slices.Equal(c.actions(), []string{actionViewMembers, actionEditCommunity, actionDeleteCommunity}) {
		t.Errorf("owner's actions %v", c.actions())
	}
	for _, tc := range []struct {
		name string
		data map[string]any
		want string
	}{
		{"blank title", map[string]any{"title": "  ", "description": "d", "visibility": "PUBLIC"}, "title is required"},
		{"long title", map[string]any{"title": strings.Repeat("x", 256), "description": "d", "visibility": "PUBLIC"}, "longer than 255"},
		{"empty description", map[string]any{"title": "t", "description": "<p> </p><br>", "visibility": "PUBLIC"}, "description is required"},
		{"image not base64", map[string]any{"title": "t", "description": "d", "visibility": "PUBLIC",
			"imageBase64": map[string]any{"filename": "a.png", "contentBase64": "!!"}}, "not valid base64"},
		{"image wrong extension", map[string]any{"title": "t", "description": "d", "visibility": "PUBLIC",
			"imageBase64": map[string]any{"filename": "a.exe", "contentBase64": tinyPNG}}, "must be a JPEG, PNG"},
		{"image not an image", map[string]any{"title": "t", "description": "d", "visibility": "PUBLIC",
			"imageBase64": map[string]any{"filename": "a.png", "contentBase64": "aGVsbG8gd29ybGQ="}}, "not an image"},
		{"image without content", map[string]any{"title": "t", "description": "d", "visibility": "PUBLIC",
			"imageBase64": map[string]any{"filename": "a.png"}}, "needs both a filename and its content"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.with(t).mustFail(MemberUUID, createCommunity, map[string]any{"data": tc.data}, tc.want)
		})
	}
	var mine struct {
		U struct{ TotalItems int } `json:"getUserCommunities"`
	}
	e.query(MemberUUID, `{ getUserCommunities(first: 1, name: "weekend readers") { totalItems } }`, nil, &mine)
	if mine.U.TotalItems != 1 {
		t.Errorf("the new community is not among the owner's: %d", mine.U.TotalItems)
	}
}

func TestEditCommunity(t *testing.T) {
	e := newEnv(t)
	owned := strconv.Itoa(e.communityWhere(ownedBy(memberID)))
	public := strconv.Itoa(e.communityWhere(memberOf(visibilityPublic)))
	before := e.community(MemberUUID, owned)
	e.mustFail(MemberUUID, editCommunity, map[string]any{"id": public, "data": map[string]any{"title": "Mine now"}}, "Only the community owner or an ADMINISTRATOR can edit")
	e.mustFail(MemberUUID, editCommunity, map[string]any{"id": "999", "data": map[string]any{}}, "does not exist")

	var c communityJSON
	e.mustSucceed(MemberUUID, editCommunity, map[string]any{"id": owned, "data": map[string]any{"title": "Renamed", "postNotificationEnabled": !before.PostNotificationEnabled}}, &c)
	if c.Title != "Renamed" || c.Description != before.Description || c.Visibility != before.Visibility ||
		c.PostNotificationEnabled == before.PostNotificationEnabled {
		t.Fatalf("patched %+v (before %+v)", c, before)
	}
	// A bad field changes nothing, even the good ones sent with it.
	e.mustFail(MemberUUID, editCommunity, map[string]any{"id": owned, "data": map[string]any{"visibility": "PUBLIC", "title": " "}}, "title is required")
	e.mustFail(MemberUUID, editCommunity, map[string]any{"id": owned, "data": map[string]any{"removeImage": true,
		"imageBase64": map[string]any{"filename": "a.png", "contentBase64": tinyPNG}}}, "not both")
	if again := e.community(MemberUUID, owned); again.Visibility != before.Visibility || again.Title != "Renamed" {
		t.Fatalf("a failed edit changed the community: %+v", again)
	}
	e.mustSucceed(AdminUUID, editCommunity, map[string]any{"id": owned, "data": map[string]any{
		"imageBase64": map[string]any{"filename": "new.png", "contentBase64": tinyPNG}, "description": "<p>New</p>"}}, &c)
	if c.Image == nil || !strings.HasSuffix(c.Image.URL, "/new.png") || c.Description != "<p>New</p>" {
		t.Fatalf("admin edit %+v", c)
	}
	e.mustSucceed(MemberUUID, editCommunity, map[string]any{"id": owned, "data": map[string]any{"removeImage": true}}, &c)
	if c.Image != nil || c.Title != "Renamed" {
		t.Fatalf("removeImage %+v", c)
	}
}

func TestDeleteCommunity(t *testing.T) {
	e := newEnv(t)
	owned := strconv.Itoa(e.communityWhere(ownedBy(memberID)))
	public := strconv.Itoa(e.communityWhere(memberOf(visibilityPublic)))
	e.mustFail(MemberUUID, deleteCommunity, map[string]any{"id": public}, "Only the community owner or an ADMINISTRATOR can delete")
	var inv communityInvitationJSON
	e.mustSucceed(MemberUUID, inviteToCommunity, map[string]any{"id": owned, "invitee": strconv.Itoa(e.networkOutside(memberID, mustAtoi(owned)))}, &inv)
	var ok bool
	e.mustSucceed(MemberUUID, deleteCommunity, map[string]any{"id": owned}, &ok)
	e.mustFail(MemberUUID, getCommunity, map[string]any{"id": owned}, "does not exist")
	e.mustFail(AdminUUID, cancelCommunityInv, map[string]any{"id": inv.ID}, "does not exist")
	e.mustSucceed(AdminUUID, deleteCommunity, map[string]any{"id": public}, &ok)
	e.mustFail(AdminUUID, deleteCommunity, map[string]any{"id": public}, "does not exist")
}

func mustAtoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		panic(err)
	}
	return n
}

func TestRemoveCommunityMember(t *testing.T) {
	e := newEnv(t)
	owned := e.communityWhere(func(d *data, c *community) bool { return c.owner == memberID && len(c.members) > 0 })
	public := e.communityWhere(memberOf(visibilityPublic))
	var target int
	e.inspect(func(d *data) {
		for id := range d.communities[owned].members {
			if d.context(id).active && (target == 0 || id < target) {
				target = id
			}
		}
	})
	id := strconv.Itoa(owned)
	before := e.community(MemberUUID, id).MembersNumber
	e.mustFail(MemberUUID, removeMember, map[string]any{"id": id, "u": MemberUUID}, "owner cannot be removed")
	e.mustFail(AdminUUID, removeMember, map[string]any{"id": id, "u": MemberUUID}, "owner cannot be removed")
	e.mustFail(MemberUUID, removeMember, map[string]any{"id": id, "u": AdminUUID}, "is not a member")
	e.mustFail(MemberUUID, removeMember, map[string]any{"id": strconv.Itoa(public), "u": e.uuidOf(target)}, "Only the community owner or an ADMINISTRATOR can remove members")
	e.mustSucceed(MemberUUID, removeMember, map[string]any{"id": id, "u": e.uuidOf(target)}, nil)
	if after := e.community(MemberUUID, id).MembersNumber; after != before-1 {
		t.Fatalf("membersNumber %d -> %d", before, after)
	}
	e.mustFail(MemberUUID, removeMember, map[string]any{"id": id, "u": e.uuidOf(target)}, "is not a member")
	// The removed member may be invited again (by an administrator here,
	// since they need not be in the owner's network).
	e.mustSucceed(AdminUUID, inviteToCommunity, map[string]any{"id": id, "invitee": strconv.Itoa(target)}, nil)
}
