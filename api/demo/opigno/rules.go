package opigno

// The permission rules Opigno documents, shared by queries (which report a
// broken rule as a GraphQL error) and mutations (which report it in the
// envelope). Each returns "" when the rule holds, else the sentence to show.

// socialRule: connections and communities need an active context with the
// AUTHENTICATED (or ADMINISTRATOR) scope.
func socialRule(viewer *userContext) string {
	switch {
	case viewer == nil || viewer.scope == "":
		return "Access denied: an AUTHENTICATED user context is required for connections and communities, and the current user context is anonymous."
	case !viewer.active:
		return "Access denied: the current user context is blocked."
	}
	return ""
}

// canManage: only the owner or an ADMINISTRATOR edits, deletes, removes
// members and cancels invitations.
func canManage(c *community, viewer *userContext) bool {
	return viewer != nil && (c.owner == viewer.id || viewer.admin())
}

// inviteRule: the owner, or a member of a PUBLIC community, may invite;
// an ADMINISTRATOR may invite to any community.
func inviteRule(c *community, viewer *userContext) string {
	switch {
	case viewer.admin() || c.owner == viewer.id:
		return ""
	case c.members[viewer.id] && c.visibility == visibilityPublic:
		return ""
	case c.members[viewer.id]:
		return "Members can invite others only to public communities; ask the community owner to invite them."
	}
	return "Only the community owner or its members can invite others to this community."
}

// canView: a PRIVATE community is visible to its owner, members, invitees
// and administrators only.
func (d *data) canView(c *community, viewer *userContext) bool {
	return c.visibility == visibilityPublic || c.belongs(viewer.id) || viewer.admin() ||
		d.pendingCommunityInvitation(c, viewer.id) != nil
}

// invitable reports whether u can receive invitations at all.
func invitable(u *userContext) bool { return u.active && u.scope != "" }

// possibleConnection: someone viewer could invite into their network now.
func (d *data) possibleConnection(viewer, u *userContext) bool {
	return u.id != viewer.id && invitable(u) && !d.connected(viewer.id, u.id) &&
		d.pendingBetween(viewer.id, u.id) == nil
}

// pendingBetween returns the pending invitation between x and y, or nil.
func (d *data) pendingBetween(x, y int) *userInvitation {
	if inv := d.invitationBetween(x, y); inv != nil && !inv.accepted {
		return inv
	}
	return nil
}

// possibleInvitee: someone viewer could invite to c, pending invitations
// aside (callers check those). Non-administrators invite only from their
// network.
func (d *data) possibleInvitee(c *community, viewer, u *userContext) bool {
	return u.id != viewer.id && invitable(u) && !c.belongs(u.id) &&
		(viewer.admin() || d.connected(viewer.id, u.id))
}

// pendingInvitees returns who has a pending invitation to c.
func (d *data) pendingInvitees(c *community) map[int]bool {
	out := map[int]bool{}
	for _, inv := range d.communityInvitations {
		if inv.community == c.id && !inv.accepted {
			out[inv.to] = true
		}
	}
	return out
}
