package opigno

import (
	"context"

	graphql "github.com/graph-gophers/graphql-go"
)

type nameListArgs struct {
	pageArgs
	Name *string
}

type invitationListArgs struct {
	pageArgs
	SortKey string
}

type inviteesArgs struct {
	pageArgs
	CommunityID graphql.ID
	Name        *string
}

type communityArgs struct {
	CommunityID graphql.ID
}

type userConnections = connection[*userConnectionView]

// GetPossibleUserConnections lists who the viewer could invite into their
// network: active, non-anonymous, not connected, no pending invitation
// either way.
func (r *resolver) GetPossibleUserConnections(ctx context.Context, args nameListArgs) (*userConnections, error) {
	return query(r, ctx, func(d *data, v *userContext) (*userConnections, error) {
		return d.contextConnection(args, possibleConnectionCTAs, func(u *userContext) bool {
			return d.possibleConnection(v, u)
		})
	})
}

// GetUserConnectionsNetwork lists the viewer's accepted connections.
func (r *resolver) GetUserConnectionsNetwork(ctx context.Context, args nameListArgs) (*userConnections, error) {
	return query(r, ctx, func(d *data, v *userContext) (*userConnections, error) {
		return d.contextConnection(args, networkCTAs, func(u *userContext) bool {
			return d.connected(v.id, u.id)
		})
	})
}

// contextConnection pages the contexts keep accepts, by name.
func (d *data) contextConnection(args nameListArgs, ctas func(*data, *userContext) *[]*ctaView, keep func(*userContext) bool) (*userConnections, error) {
	var rows []keyRow
	for _, u := range d.contexts[1:] {
		if keep(u) && matchName(u.name, args.Name) {
			rows = append(rows, nameRow(u.id, u.name))
		}
	}
	return connectionOf(rows, contextList, args.pageArgs, func(id int) *userConnectionView {
		u := d.context(id)
		return &userConnectionView{UserContext: d.userContextView(u), Cta: ctas(d, u)}
	})
}

// GetPendingUserInvitations lists pending invitations the viewer received.
func (r *resolver) GetPendingUserInvitations(ctx context.Context, args invitationListArgs) (*connection[*userInvitationView], error) {
	return r.userInvitations(ctx, args, func(inv *userInvitation, v *userContext) bool { return inv.to == v.id })
}

// GetSentUserInvitations (demo only) lists pending invitations the viewer sent.
func (r *resolver) GetSentUserInvitations(ctx context.Context, args invitationListArgs) (*connection[*userInvitationView], error) {
	return r.userInvitations(ctx, args, func(inv *userInvitation, v *userContext) bool { return inv.from == v.id })
}

func (r *resolver) userInvitations(ctx context.Context, args invitationListArgs, keep func(*userInvitation, *userContext) bool) (*connection[*userInvitationView], error) {
	return query(r, ctx, func(d *data, v *userContext) (*connection[*userInvitationView], error) {
		spec := invitationByCreated
		if args.SortKey == "NAME" {
			spec = invitationByName
		}
		var rows []keyRow
		for _, inv := range d.userInvitations {
			switch {
			case inv.accepted || !keep(inv, v):
			case spec.intKey:
				rows = append(rows, intRow(inv.id, inv.created))
			default:
				rows = append(rows, nameRow(inv.id, d.context(inv.from).name))
			}
		}
		return connectionOf(rows, spec, args.pageArgs, func(id int) *userInvitationView {
			return d.userInvitationView(d.userInvitations[id], v)
		})
	})
}

// GetPossibleCommunityInvitees lists who the viewer could invite to a
// community.
func (r *resolver) GetPossibleCommunityInvitees(ctx context.Context, args inviteesArgs) (*connection[*userContextView], error) {
	return query(r, ctx, func(d *data, v *userContext) (*connection[*userContextView], error) {
		c, err := d.findCommunity(args.CommunityID)
		if err != nil {
			return nil, err
		}
		if msg := inviteRule(c, v); msg != "" {
			return nil, forbidden("%s", msg)
		}
		invited := d.pendingInvitees(c)
		var rows []keyRow
		for _, u := range d.contexts[1:] {
			if !invited[u.id] && d.possibleInvitee(c, v, u) && matchName(u.name, args.Name) {
				rows = append(rows, nameRow(u.id, u.name))
			}
		}
		return connectionOf(rows, contextList, args.pageArgs, func(id int) *userContextView { return d.userContextView(d.context(id)) })
	})
}

// GetCommunity returns one community with the viewer's CTAs, in the
// {errors, response} envelope: a community that does not exist or that the
// viewer may not see is a sentence in errors.
func (r *resolver) GetCommunity(ctx context.Context, args communityArgs) *response[*communityView] {
	return respond(r, ctx, func(d *data, v *userContext) (*communityView, error) {
		c, err := d.findCommunity(args.CommunityID)
		if err != nil {
			return nil, ruleError(err.Error())
		}
		if !d.canView(c, v) {
			return nil, rulef("Access denied: community %d is private; only its owner, members, invitees and administrators can see it.", c.id)
		}
		return d.communityView(c, v), nil
	})
}

type mobileAppSettingsView struct {
	LogoURL *string
}

// demoLogoURL is the logo the demo's mobile app settings name.
const demoLogoURL = "https://opigno.example/sites/default/files/logo.png"

// GetMobileAppSettings returns the learning area's settings for the
// mobile app; anyone may read them.
func (r *resolver) GetMobileAppSettings() *mobileAppSettingsView {
	return &mobileAppSettingsView{LogoURL: ptr(demoLogoURL)}
}

// GetCurrentUserContext (demo only) returns the viewer, or null while the
// acting uuid names no context yet.
func (r *resolver) GetCurrentUserContext(ctx context.Context) *userContextView {
	st := storeOf(ctx)
	st.mu.RLock()
	defer st.mu.RUnlock()
	if v := r.viewer(ctx); v != nil {
		return st.userContextView(v)
	}
	return nil
}

// GetUserCommunities (demo only) lists communities the viewer owns or is a
// member of, by title.
func (r *resolver) GetUserCommunities(ctx context.Context, args nameListArgs) (*connection[*communityView], error) {
	return query(r, ctx, func(d *data, v *userContext) (*connection[*communityView], error) {
		var rows []keyRow
		for _, c := range d.communities {
			if c.belongs(v.id) && matchName(c.title, args.Name) {
				rows = append(rows, nameRow(c.id, c.title))
			}
		}
		return connectionOf(rows, communityList, args.pageArgs, func(id int) *communityView { return d.communityView(d.communities[id], v) })
	})
}

// GetPendingCommunityInvitations (demo only) lists community invitations
// waiting for the viewer, newest first unless reversed.
func (r *resolver) GetPendingCommunityInvitations(ctx context.Context, args pageArgs) (*connection[*communityInvitationView], error) {
	return query(r, ctx, func(d *data, v *userContext) (*connection[*communityInvitationView], error) {
		var rows []keyRow
		for _, inv := range d.communityInvitations {
			if inv.to == v.id && !inv.accepted {
				rows = append(rows, intRow(inv.id, inv.created))
			}
		}
		return connectionOf(rows, communityInvitationList, args, func(id int) *communityInvitationView {
			return d.communityInvitationView(d.communityInvitations[id], v)
		})
	})
}
