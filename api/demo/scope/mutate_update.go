package scope

import (
	"slices"
	"strings"
)

type updateUserPayload struct {
	clientMutationID *string
	errs             []*fieldError
	user             *userResolver
}

func (p *updateUserPayload) ClientMutationID() *string { return p.clientMutationID }
func (p *updateUserPayload) Errors() []*fieldError     { return p.errs }
func (p *updateUserPayload) Success() bool             { return len(p.errs) == 0 }
func (p *updateUserPayload) User() *userResolver       { return p.user }

func (r *rootResolver) UpdateUser(args struct{ Input updateUserInput }) *updateUserPayload {
	u, errs := r.st.update(args.Input)
	p := &updateUserPayload{clientMutationID: args.Input.ClientMutationID, errs: errs}
	if u != nil {
		p.user = &userResolver{*u, r.st}
	}
	return p
}

// update validates the whole input, then applies it; on failure nothing
// changes and the user is returned as it was.
func (st *store) update(in updateUserInput) (*user, []*fieldError) {
	st.mu.Lock()
	defer st.mu.Unlock()
	typ, id, ok := parseID(in.ID)
	u := st.users[id]
	if !ok || typ != typeUser || u == nil || u.org != demoOrgID {
		return nil, []*fieldError{invalid(pathOf("id"), "Id", "does not match any user", "not_found")}
	}
	patch := in.User
	if patch == nil {
		patch = &userInput{}
	}
	types := licenseTypes(in.RequestedLicenses, u.licenseTypes())
	c := &checker{st: st, self: id}
	c.text(pathOf("user", "firstName"), patch.FirstName, false)
	c.text(pathOf("user", "lastName"), patch.LastName, false)
	c.email(patch.Email, false)
	c.credentials(patch.Credentials, false)
	c.groups(in.RequestedGroups)
	c.keepsAdmin(u, types)
	if needsOriginGroup(types) {
		c.originGroup(in.RequestedOriginGroup, u.originGroup == 0)
	}
	if len(c.errs) > 0 {
		snapshot := *u
		return &snapshot, c.errs
	}
	st.apply(u, in, patch, types)
	snapshot := *u
	return &snapshot, []*fieldError{}
}

// apply writes a validated update. Slices are replaced, not modified, so
// snapshots taken earlier stay intact.
func (st *store) apply(u *user, in updateUserInput, patch *userInput, types []string) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = strings.TrimSpace(*v)
		}
	}
	set(&u.first, patch.FirstName)
	set(&u.last, patch.LastName)
	set(&u.email, patch.Email)
	set(&u.phone, patch.Phone)
	set(&u.jobTitle, patch.JobTitle)
	if patch.Credentials != nil {
		u.username = strings.TrimSpace(patch.Credentials.Username)
	}
	if in.RequestedGroups != nil {
		u.groups = st.groupIDs(*in.RequestedGroups)
	}
	if in.RequestedLicenses != nil {
		u.licenses = st.replaceLicenses(u.licenses, types)
	}
	if needsOriginGroup(types) && in.RequestedOriginGroup != nil {
		u.originGroup = st.groupByName[*in.RequestedOriginGroup].dbID
	}
}

// replaceLicenses keeps the rows (and ids) of licenses that remain.
func (st *store) replaceLicenses(old []license, types []string) []license {
	out := make([]license, 0, len(types))
	for _, t := range types {
		i := slices.IndexFunc(old, func(l license) bool { return l.typ == t })
		if i >= 0 {
			out = append(out, old[i])
		} else {
			out = append(out, st.newLicenses([]string{t})...)
		}
	}
	return out
}

func (u *user) licenseTypes() []string {
	types := make([]string, len(u.licenses))
	for i, l := range u.licenses {
		types[i] = l.typ
	}
	return types
}
