package opigno

import (
	"context"
	"strings"
	"unicode/utf8"

	graphql "github.com/graph-gophers/graphql-go"
)

// maxDescriptionBytes bounds a community description.
const maxDescriptionBytes = 64 << 10

type communityInput struct {
	Title                   string
	Description             string
	Visibility              string
	PostNotificationEnabled bool
	ImageBase64             *uploadedFile
}

type editCommunityInput struct {
	Title                   *string
	Description             *string
	Visibility              *string
	PostNotificationEnabled *bool
	ImageBase64             *uploadedFile
	RemoveImage             bool
}

// CreateCommunity makes the viewer the owner of a new community.
func (r *resolver) CreateCommunity(ctx context.Context, args struct{ Data communityInput }) *response[*communityView] {
	return mutateSocial(r, ctx, func(t *txn) (*communityView, error) {
		in := args.Data
		title, err := cleanTitle(in.Title)
		if err != nil {
			return nil, err
		}
		desc, err := cleanDescription(in.Description)
		if err != nil {
			return nil, err
		}
		c := &community{
			id: t.nextCommunity, owner: t.viewer.id, title: title, description: desc,
			visibility: in.Visibility, created: t.now, postNotifications: in.PostNotificationEnabled,
			members: map[int]bool{},
		}
		if in.ImageBase64 != nil {
			if c.imageURL, err = imageURL(c.id, in.ImageBase64); err != nil {
				return nil, err
			}
		}
		t.nextCommunity++
		t.communities[c.id] = c
		return t.communityView(c, t.viewer), nil
	})
}

func cleanTitle(s string) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", ruleError("The title is required.")
	case utf8.RuneCountInString(s) > maxNameLen:
		return "", rulef("The title is longer than %d characters.", maxNameLen)
	}
	return s, nil
}

func cleanDescription(s string) (string, error) {
	if len(s) > maxDescriptionBytes {
		return "", rulef("The description is longer than %d KB.", maxDescriptionBytes>>10)
	}
	out, hasText := sanitizeDescription(strings.TrimSpace(s))
	if !hasText {
		return "", ruleError("The description is required.")
	}
	return out, nil
}

// communityArg finds the community an ID argument names.
func (t *txn) communityArg(id graphql.ID) (*community, error) {
	n, ok := parseID(id)
	if !ok {
		return nil, rulef("The community ID %q is not valid.", string(id))
	}
	c := t.communities[n]
	if c == nil {
		return nil, rulef("The community %d does not exist.", n)
	}
	return c, nil
}

// managedCommunity finds a community the viewer may manage.
func (t *txn) managedCommunity(id graphql.ID, action string) (*community, error) {
	c, err := t.communityArg(id)
	if err != nil {
		return nil, err
	}
	if !canManage(c, t.viewer) {
		return nil, rulef("Only the community owner or an ADMINISTRATOR can %s.", action)
	}
	return c, nil
}

type editCommunityArgs struct {
	CommunityID graphql.ID
	Data        editCommunityInput
}

// EditCommunity patches the fields given; every field is checked before
// any is changed.
func (r *resolver) EditCommunity(ctx context.Context, args editCommunityArgs) *response[*communityView] {
	return mutateSocial(r, ctx, func(t *txn) (*communityView, error) {
		c, err := t.managedCommunity(args.CommunityID, "edit this community")
		if err != nil {
			return nil, err
		}
		next := *c
		if err := applyEdit(&next, args.Data); err != nil {
			return nil, err
		}
		*c = next
		return t.communityView(c, t.viewer), nil
	})
}

// applyEdit writes in's given fields to c.
func applyEdit(c *community, in editCommunityInput) error {
	var err error
	if in.Title != nil {
		if c.title, err = cleanTitle(*in.Title); err != nil {
			return err
		}
	}
	if in.Description != nil {
		if c.description, err = cleanDescription(*in.Description); err != nil {
			return err
		}
	}
	if in.Visibility != nil {
		c.visibility = *in.Visibility
	}
	if in.PostNotificationEnabled != nil {
		c.postNotifications = *in.PostNotificationEnabled
	}
	switch {
	case in.RemoveImage && in.ImageBase64 != nil:
		return ruleError("Send either imageBase64 or removeImage, not both.")
	case in.RemoveImage:
		c.imageURL = ""
	case in.ImageBase64 != nil:
		c.imageURL, err = imageURL(c.id, in.ImageBase64)
	}
	return err
}

// DeleteCommunity deletes a community and its invitations.
func (r *resolver) DeleteCommunity(ctx context.Context, args communityArgs) *response[*bool] {
	return mutateSocial(r, ctx, func(t *txn) (*bool, error) {
		c, err := t.managedCommunity(args.CommunityID, "delete this community")
		if err != nil {
			return nil, err
		}
		t.deleteCommunity(c)
		return ptr(true), nil
	})
}

type removeMemberArgs struct {
	CommunityID     graphql.ID
	UserContextUUID graphql.ID
}

// RemoveCommunityMember removes a member; they may rejoin or be re-invited.
func (r *resolver) RemoveCommunityMember(ctx context.Context, args removeMemberArgs) *response[*bool] {
	return mutateSocial(r, ctx, func(t *txn) (*bool, error) {
		c, err := t.managedCommunity(args.CommunityID, "remove members")
		if err != nil {
			return nil, err
		}
		u, err := t.contextByUUIDArg(args.UserContextUUID)
		switch {
		case err != nil:
			return nil, err
		case u.id == c.owner:
			return nil, ruleError("The community owner cannot be removed from the community.")
		case !c.members[u.id]:
			return nil, rulef("%s is not a member of this community.", u.label())
		}
		delete(c.members, u.id)
		return ptr(true), nil
	})
}

type communityInviteArgs struct {
	CommunityID          graphql.ID
	InviteeUserContextID graphql.ID
}

// CreateCommunityInvitation invites someone to a community.
func (r *resolver) CreateCommunityInvitation(ctx context.Context, args communityInviteArgs) *response[*communityInvitationView] {
	return mutateSocial(r, ctx, func(t *txn) (*communityInvitationView, error) {
		c, err := t.communityArg(args.CommunityID)
		if err != nil {
			return nil, err
		}
		if msg := inviteRule(c, t.viewer); msg != "" {
			return nil, ruleError(msg)
		}
		u, err := t.contextArg(args.InviteeUserContextID)
		if err != nil {
			return nil, err
		}
		if err := t.communityInviteeRule(c, u); err != nil {
			return nil, err
		}
		inv := t.addCommunityInvitation(c, t.viewer.id, u.id, t.now)
		return t.communityInvitationView(inv, t.viewer), nil
	})
}

// communityInviteeRule checks that u may be invited to c by the viewer.
func (t *txn) communityInviteeRule(c *community, u *userContext) error {
	switch {
	case u.id == t.viewer.id:
		return ruleError("You cannot invite yourself.")
	case !invitable(u):
		return rulef("%s cannot be invited: only active user contexts with the AUTHENTICATED scope can join a community.", u.label())
	case c.belongs(u.id):
		return rulef("%s is already a member of this community.", u.label())
	case !t.viewer.admin() && !t.connected(t.viewer.id, u.id):
		return rulef("You can invite only people from your network, and %s is not in it.", u.label())
	case t.pendingCommunityInvitation(c, u.id) != nil:
		return rulef("%s has already been invited to this community.", u.label())
	}
	return nil
}

// communityInvitationArg finds a pending community invitation.
func (t *txn) communityInvitationArg(id graphql.ID) (*communityInvitation, *community, error) {
	n, ok := parseID(id)
	if !ok {
		return nil, nil, rulef("The invitation ID %q is not valid.", string(id))
	}
	inv := t.communityInvitations[n]
	switch {
	case inv == nil:
		return nil, nil, rulef("The community invitation %d does not exist.", n)
	case inv.accepted:
		return nil, nil, rulef("The community invitation %d has already been accepted.", n)
	}
	return inv, t.communities[inv.community], nil
}

// AcceptCommunityInvitation makes the invitee (the viewer) a member.
func (r *resolver) AcceptCommunityInvitation(ctx context.Context, args invitationArgs) *response[*communityView] {
	return mutateSocial(r, ctx, func(t *txn) (*communityView, error) {
		inv, c, err := t.communityInvitationArg(args.InvitationID)
		if err != nil {
			return nil, err
		}
		if inv.to != t.viewer.id {
			return nil, ruleError("Only the invitee can accept this community invitation.")
		}
		inv.accepted = true
		if c.owner != inv.to {
			c.members[inv.to] = true
		}
		return t.communityView(c, t.viewer), nil
	})
}

// DeclineCommunityInvitation deletes the invitation; a new one may follow.
func (r *resolver) DeclineCommunityInvitation(ctx context.Context, args invitationArgs) *response[*bool] {
	return mutateSocial(r, ctx, func(t *txn) (*bool, error) {
		inv, _, err := t.communityInvitationArg(args.InvitationID)
		if err != nil {
			return nil, err
		}
		if inv.to != t.viewer.id {
			return nil, ruleError("Only the invitee can decline this community invitation.")
		}
		delete(t.communityInvitations, inv.id)
		return ptr(true), nil
	})
}

// CancelCommunityInvitation lets the owner or an ADMINISTRATOR withdraw a
// pending invitation.
func (r *resolver) CancelCommunityInvitation(ctx context.Context, args invitationArgs) *response[*bool] {
	return mutateSocial(r, ctx, func(t *txn) (*bool, error) {
		inv, c, err := t.communityInvitationArg(args.InvitationID)
		if err != nil {
			return nil, err
		}
		if !canManage(c, t.viewer) {
			return nil, ruleError("Only the community owner or an ADMINISTRATOR can cancel this community invitation.")
		}
		delete(t.communityInvitations, inv.id)
		return ptr(true), nil
	})
}
