package opigno

// CTAs follow Opigno's mechanical contract: the mutation is the lowerCamel
// form of actionId, and arguments carry every argument that mutation takes,
// keyed by the mutation's argument name. Titles are short button labels.
//
// No source shows the keys a real server uses, so the strict demo names
// some arguments by aliases instead (aliasKeys), and a client must map them.

// Action ids.
const (
	actionCreateUserInvitation       = "CREATE_USER_INVITATION"
	actionRemoveUserConnection       = "REMOVE_USER_CONNECTION"
	actionAcceptUserInvitation       = "ACCEPT_USER_INVITATION"
	actionDeclineUserInvitation      = "DECLINE_USER_INVITATION"
	actionCancelUserInvitation       = "CANCEL_USER_INVITATION"
	actionEditCommunity              = "EDIT_COMMUNITY"
	actionDeleteCommunity            = "DELETE_COMMUNITY"
	actionViewMembers                = "VIEW_MEMBERS"
	actionAcceptCommunityInvitation  = "ACCEPT_COMMUNITY_INVITATION"
	actionDeclineCommunityInvitation = "DECLINE_COMMUNITY_INVITATION"
	actionCancelCommunityInvitation  = "CANCEL_COMMUNITY_INVITATION"
)

// Argument keys: the mutations' argument names, and the strict demo's
// aliases for them.
const (
	keyInvitationID    = "invitationId"
	keyUserContextUUID = "userContextUuid"
	aliasInvitationID  = "id"
	aliasContextUUID   = "uuid"
)

// metaRequiresInput is the metadata key naming a mutation argument the
// user must supply (a form), because the server cannot know its value.
const metaRequiresInput = "requiresInput"

// newCTA builds a CTA; args alternate key and value.
func newCTA(actionID, title string, args ...string) *ctaView {
	kvs := []*keyValueView{}
	for i := 0; i+1 < len(args); i += 2 {
		kvs = append(kvs, &keyValueView{Key: args[i], Value: ptr(args[i+1])})
	}
	return &ctaView{ActionID: actionID, Title: ptr(title), Arguments: &kvs, Metadata: &[]*keyValueView{}}
}

// ctaList returns a non-null list, empty when no action applies.
func ctaList(ctas ...*ctaView) *[]*ctaView {
	out := []*ctaView{}
	for _, c := range ctas {
		if c != nil {
			out = append(out, c)
		}
	}
	return &out
}

// key is the CTA argument key for a mutation argument: its name, or in
// the strict demo its alias.
func (d *data) key(canonical, alias string) string {
	if d.aliasKeys {
		return alias
	}
	return canonical
}

func possibleConnectionCTAs(d *data, u *userContext) *[]*ctaView {
	return ctaList(newCTA(actionCreateUserInvitation, "Connect", "inviteeUserContextId", itoa(u.id)))
}

func networkCTAs(d *data, u *userContext) *[]*ctaView {
	return ctaList(newCTA(actionRemoveUserConnection, "Remove connection", d.key(keyUserContextUUID, aliasContextUUID), u.uuid))
}

// userInvitationCTAs: the invitee may accept or decline, the initiator may
// cancel, while the invitation is pending.
func (d *data) userInvitationCTAs(inv *userInvitation, viewer *userContext) *[]*ctaView {
	if inv.accepted || viewer == nil {
		return ctaList()
	}
	id, key := itoa(inv.id), d.key(keyInvitationID, aliasInvitationID)
	switch viewer.id {
	case inv.to:
		return ctaList(
			newCTA(actionAcceptUserInvitation, "Accept", key, id),
			newCTA(actionDeclineUserInvitation, "Decline", key, id),
		)
	case inv.from:
		return ctaList(newCTA(actionCancelUserInvitation, "Cancel invitation", key, id))
	}
	return ctaList()
}

// communityCTAs: the owner and administrators manage; whoever belongs (or
// administers) may view the members.
func communityCTAs(c *community, viewer *userContext) *[]*ctaView {
	if viewer == nil {
		return ctaList()
	}
	id := itoa(c.id)
	var edit, del, view *ctaView
	if canManage(c, viewer) {
		edit = newCTA(actionEditCommunity, "Edit", "communityId", id)
		// editCommunity's data is what the user types, so no CTA can carry
		// it; metadata names the argument the client must ask for.
		*edit.Metadata = append(*edit.Metadata, &keyValueView{Key: metaRequiresInput, Value: ptr("data")})
		del = newCTA(actionDeleteCommunity, "Delete community", "communityId", id)
	}
	if c.belongs(viewer.id) || viewer.admin() {
		view = newCTA(actionViewMembers, "View members", "communityId", id)
	}
	return ctaList(view, edit, del)
}

// communityInvitationCTAs: the invitee may accept or decline; the owner and
// administrators may cancel; all only while pending.
func (d *data) communityInvitationCTAs(inv *communityInvitation, c *community, viewer *userContext) *[]*ctaView {
	if inv.accepted || viewer == nil {
		return ctaList()
	}
	id, key := itoa(inv.id), d.key(keyInvitationID, aliasInvitationID)
	var accept, decline, cancel *ctaView
	if viewer.id == inv.to {
		accept = newCTA(actionAcceptCommunityInvitation, "Accept", key, id)
		decline = newCTA(actionDeclineCommunityInvitation, "Decline", key, id)
	}
	if canManage(c, viewer) {
		cancel = newCTA(actionCancelCommunityInvitation, "Cancel invitation", key, id)
	}
	return ctaList(accept, decline, cancel)
}
