package opigno

import (
	"context"
	"strings"
	"unicode/utf8"

	graphql "github.com/graph-gophers/graphql-go"
)

// maxNameLen matches Drupal's usual 255-character label limit.
const maxNameLen = 255

type setUserContextArgs struct {
	UUID        string
	DisplayName *string
	IsActive    *bool
	Scope       *string
}

// SetUserContext creates or updates a context, as the client platform does
// when it syncs a user. Omitting scope makes the context anonymous (Opigno's
// documented way to create one); omitted displayName and isActive keep
// their current values. Without the ADMINISTRATOR scope a caller may only
// set its own context, may not grant ADMINISTRATOR and may not unblock
// itself.
func (r *resolver) SetUserContext(ctx context.Context, args setUserContextArgs) *response[*userContextView] {
	return mutate(r, ctx, func(t *txn) (*userContextView, error) {
		uuid := strings.ToLower(strings.TrimSpace(args.UUID))
		name := ""
		if args.DisplayName != nil {
			name = strings.TrimSpace(*args.DisplayName)
		}
		scope := ""
		if args.Scope != nil {
			scope = *args.Scope
		}
		switch {
		case !isUUID(uuid):
			return nil, ruleError("The uuid is not a valid UUID (expected the form 123e4567-e89b-42d3-a456-426614174000).")
		case uuid != t.uuid && !t.viewer.admin():
			return nil, ruleError("Only an ADMINISTRATOR user context can set another user context; set the Opigno-Client-UUID header to this uuid instead.")
		case scope == scopeAdministrator && !t.viewer.admin():
			return nil, ruleError("Only an ADMINISTRATOR user context can grant the ADMINISTRATOR scope.")
		case utf8.RuneCountInString(name) > maxNameLen:
			return nil, rulef("The display name is longer than %d characters.", maxNameLen)
		}
		u := t.contextByUUID(uuid)
		if u != nil && !u.active && args.IsActive != nil && *args.IsActive && !t.viewer.admin() {
			return nil, ruleError("A blocked user context can be unblocked only by an ADMINISTRATOR user context.")
		}
		if u == nil {
			u = t.addContext(uuid, "", true, "")
		}
		if args.DisplayName != nil {
			u.name = name
		}
		if args.IsActive != nil {
			u.active = *args.IsActive
		}
		u.scope = scope
		return t.userContextView(u), nil
	})
}

type inviteeArgs struct {
	InviteeUserContextID graphql.ID
}

type invitationArgs struct {
	InvitationID graphql.ID
}

// CreateUserInvitation invites someone into the viewer's network.
func (r *resolver) CreateUserInvitation(ctx context.Context, args inviteeArgs) *response[*userInvitationView] {
	return mutateSocial(r, ctx, func(t *txn) (*userInvitationView, error) {
		u, err := t.contextArg(args.InviteeUserContextID)
		if err != nil {
			return nil, err
		}
		if err := t.invitationRule(u); err != nil {
			return nil, err
		}
		inv := t.addUserInvitation(t.viewer.id, u.id, t.now)
		return t.userInvitationView(inv, t.viewer), nil
	})
}

// invitationRule checks that the viewer may invite u now.
func (t *txn) invitationRule(u *userContext) error {
	v := t.viewer
	switch inv := t.invitationBetween(v.id, u.id); {
	case u.id == v.id:
		return ruleError("You cannot invite yourself.")
	case !invitable(u):
		return rulef("%s cannot be invited: only active user contexts with the AUTHENTICATED scope can join a network.", u.label())
	case t.connected(v.id, u.id):
		return rulef("You are already connected with %s.", u.label())
	case inv != nil && inv.from == v.id:
		return rulef("You have already invited %s; there can be only one invitation between two users.", u.label())
	case inv != nil:
		return rulef("%s has already invited you; accept that invitation instead.", u.label())
	}
	return nil
}

// contextArg finds the context a numeric ID argument names.
func (t *txn) contextArg(id graphql.ID) (*userContext, error) {
	n, ok := parseID(id)
	if !ok {
		return nil, rulef("The user context ID %q is not valid.", string(id))
	}
	u := t.context(n)
	if u == nil {
		return nil, rulef("The user context %d does not exist.", n)
	}
	return u, nil
}

// contextByUUIDArg finds the context a uuid argument names.
func (t *txn) contextByUUIDArg(id graphql.ID) (*userContext, error) {
	u := t.contextByUUID(strings.ToLower(strings.TrimSpace(string(id))))
	if u == nil {
		return nil, ruleError("No user context has this uuid.")
	}
	return u, nil
}

// userInvitationArg finds a pending user invitation; who may act on it is
// the caller's rule.
func (t *txn) userInvitationArg(id graphql.ID) (*userInvitation, error) {
	n, ok := parseID(id)
	if !ok {
		return nil, rulef("The invitation ID %q is not valid.", string(id))
	}
	inv := t.userInvitations[n]
	switch {
	case inv == nil:
		return nil, rulef("The invitation %d does not exist.", n)
	case inv.accepted:
		return nil, rulef("The invitation %d has already been accepted.", n)
	}
	return inv, nil
}

// AcceptUserInvitation connects the invitee (the viewer) and the initiator.
func (r *resolver) AcceptUserInvitation(ctx context.Context, args invitationArgs) *response[*userInvitationView] {
	return mutateSocial(r, ctx, func(t *txn) (*userInvitationView, error) {
		inv, err := t.userInvitationArg(args.InvitationID)
		if err != nil {
			return nil, err
		}
		if inv.to != t.viewer.id {
			return nil, ruleError("Only the invitee can accept this invitation.")
		}
		inv.accepted = true
		t.connect(inv.from, inv.to)
		return t.userInvitationView(inv, t.viewer), nil
	})
}

// DeclineUserInvitation deletes the invitation, so a new one can be sent.
func (r *resolver) DeclineUserInvitation(ctx context.Context, args invitationArgs) *response[*bool] {
	return mutateSocial(r, ctx, func(t *txn) (*bool, error) {
		inv, err := t.userInvitationArg(args.InvitationID)
		if err != nil {
			return nil, err
		}
		if inv.to != t.viewer.id {
			return nil, ruleError("Only the invitee can decline this invitation.")
		}
		t.deleteUserInvitation(inv)
		return ptr(true), nil
	})
}

// CancelUserInvitation lets the initiator withdraw a pending invitation.
func (r *resolver) CancelUserInvitation(ctx context.Context, args invitationArgs) *response[*bool] {
	return mutateSocial(r, ctx, func(t *txn) (*bool, error) {
		inv, err := t.userInvitationArg(args.InvitationID)
		if err != nil {
			return nil, err
		}
		if inv.from != t.viewer.id {
			return nil, ruleError("Only the user who sent this invitation can cancel it.")
		}
		t.deleteUserInvitation(inv)
		return ptr(true), nil
	})
}

// removeConnectionArgs are removeUserConnection's two documented
// spellings: the current page's userContextUuid, older copies'
// userContextId (the numeric id; a uuid is accepted too).
type removeConnectionArgs struct {
	UserContextUUID *string
	UserContextID   *graphql.ID
}

// RemoveUserConnection removes a connection both ways; the accepted
// invitation goes too, so either may invite the other again.
func (r *resolver) RemoveUserConnection(ctx context.Context, args removeConnectionArgs) *response[*bool] {
	return mutateSocial(r, ctx, func(t *txn) (*bool, error) {
		var u *userContext
		var err error
		switch {
		case (args.UserContextUUID == nil) == (args.UserContextID == nil):
			return nil, ruleError("Name the user context to remove by exactly one of userContextUuid and userContextId.")
		case args.UserContextUUID != nil:
			u, err = t.contextByUUIDArg(graphql.ID(*args.UserContextUUID))
		case isUUID(strings.ToLower(strings.TrimSpace(string(*args.UserContextID)))):
			u, err = t.contextByUUIDArg(*args.UserContextID)
		default:
			u, err = t.contextArg(*args.UserContextID)
		}
		if err != nil {
			return nil, err
		}
		if !t.connected(t.viewer.id, u.id) {
			return nil, rulef("You are not connected with %s.", u.label())
		}
		t.disconnect(t.viewer.id, u.id)
		if inv := t.invitationBetween(t.viewer.id, u.id); inv != nil {
			t.deleteUserInvitation(inv)
		}
		return ptr(true), nil
	})
}

type assignLevelArgs struct {
	UserContextUUID  *graphql.ID
	HierarchyLevelID graphql.ID
}

// AssignUserContextToLevel puts a context (the viewer when no uuid is
// given) on a hierarchy level; ADMINISTRATOR only.
func (r *resolver) AssignUserContextToLevel(ctx context.Context, args assignLevelArgs) *response[*bool] {
	return mutate(r, ctx, func(t *txn) (*bool, error) {
		if !t.viewer.admin() || !t.viewer.active {
			return nil, ruleError("Access denied: only an ADMINISTRATOR user context can assign user contexts to hierarchy levels.")
		}
		u := t.viewer
		if args.UserContextUUID != nil {
			var err error
			if u, err = t.contextByUUIDArg(*args.UserContextUUID); err != nil {
				return nil, err
			}
		}
		level, ok := parseID(args.HierarchyLevelID)
		if _, exists := t.levels[level]; !ok || !exists {
			return nil, rulef("The hierarchy level %q does not exist.", string(args.HierarchyLevelID))
		}
		u.level = level
		return ptr(true), nil
	})
}
