package scope

import (
	"context"
	"strings"
)

type createUserPayload struct {
	clientMutationID *string
	errs             []*fieldError
	user             *userResolver
}

func (p *createUserPayload) ClientMutationID() *string { return p.clientMutationID }
func (p *createUserPayload) Errors() []*fieldError     { return p.errs }
func (p *createUserPayload) User() *userResolver       { return p.user }

func (r *rootResolver) CreateUser(ctx context.Context, args struct{ Input createUserInput }) *createUserPayload {
	st := storeOf(ctx)
	u, errs := st.create(args.Input)
	p := &createUserPayload{clientMutationID: args.Input.ClientMutationID, errs: errs}
	if u != nil {
		p.user = &userResolver{u: *u, st: st}
	}
	return p
}

// create validates and adds a user. Without requestedLicenses the user gets
// VIEWER; without requestedGroups, DEFAULT. requestedOriginGroup is used only
// with an ADMIN or AUTHOR license and then required, otherwise ignored.
func (st *store) create(in createUserInput) (*user, []*fieldError) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c := &checker{st: st}
	types := licenseTypes(c.list(pathOf("requestedLicenses"), in.RequestedLicenses), []string{licViewer})
	fields := in.User
	if fields == nil {
		fields = &userInput{}
	}
	c.text(pathOf("user", "firstName"), fields.FirstName, true)
	c.text(pathOf("user", "lastName"), fields.LastName, true)
	c.email(fields.Email, true)
	c.credentials(fields.Credentials, true)
	c.groups(in.RequestedGroups)
	if needsOriginGroup(types) {
		c.originGroup(in.RequestedOriginGroup, true)
	}
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	groups := []string{"DEFAULT"}
	if in.RequestedGroups != nil {
		groups = *in.RequestedGroups
	}
	u := &user{
		org:       demoOrgID,
		first:     trimmed(fields.FirstName),
		last:      trimmed(fields.LastName),
		email:     trimmed(fields.Email),
		username:  trimmed(fields.Credentials.Username),
		phone:     trimmed(fields.Phone),
		jobTitle:  trimmed(fields.JobTitle),
		groups:    st.groupIDs(groups),
		licenses:  st.newLicenses(types),
		active:    true,
		createdAt: st.now().UTC(),
	}
	if needsOriginGroup(types) {
		u.originGroup = st.groupByName[*in.RequestedOriginGroup].dbID
	}
	snapshot := *st.insert(u)
	return &snapshot, []*fieldError{}
}

func trimmed(s *string) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(*s)
}
