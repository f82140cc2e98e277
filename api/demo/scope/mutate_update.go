package scope

import (
	"context"
	"slices"
	"strings"

	graphql "github.com/graph-gophers/graphql-go"
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

func (r *rootResolver) UpdateUser(ctx context.Context, args struct{ Input updateUserInput }) *updateUserPayload {
	st := storeOf(ctx)
	u, errs := st.update(args.Input)
	p := &updateUserPayload{clientMutationID: args.Input.ClientMutationID, errs: errs}
	if u != nil {
		p.user = &userResolver{u: *u, st: st}
	}
	return p
}

// update validates the whole input, then applies it; on failure nothing
// changes and the user is returned as it was.
func (st *store) update(in updateUserInput) (*user, []*fieldError) {
	st.mu.Lock()
	defer st.mu.Unlock()
	typ, id, ok := parseID(graphql.ID(deref(in.ID)))
	u := st.users[id]
	if !ok || typ != typeUser || u == nil || u.org != demoOrgID {
		return nil, []*fieldError{invalid(pathOf("id"), "Id", "does not match any user", "not_found")}
	}
	patch := in.User
	if patch == nil {
		patch = &userInput{}
	}
	c := &checker{st: st, self: id}
	ch := change{patch: patch, originGroup: in.RequestedOriginGroup,
		groups: c.list(pathOf("requestedGroups"), in.RequestedGroups)}
	requested := c.list(pathOf("requestedLicenses"), in.RequestedLicenses)
	c.licenses(requested)
	ch.licensed = requested != nil
	ch.types = licenseTypes(requested, u.licenseTypes())
	types := ch.types
	c.text(pathOf("user", "firstName"), patch.FirstName, false)
	c.text(pathOf("user", "lastName"), patch.LastName, false)
	c.email(patch.Email, false)
	c.credentials(patch.Credentials, false)
	c.groups(ch.groups)
	c.keepsAdmin(u, types)
	if needsOriginGroup(types) {
		c.originGroup(in.RequestedOriginGroup, u.originGroup == 0)
	}
	if len(c.errs) > 0 {
		snapshot := *u
		return &snapshot, c.errs
	}
	st.apply(u, ch)
	snapshot := *u
	return &snapshot, []*fieldError{}
}

// change is a checked update: the user fields, the groups and licenses
// asked for (nil when left alone) and the license types that result.
type change struct {
	patch       *userInput
	groups      *[]string
	licensed    bool
	types       []string
	originGroup *string
}

// apply writes a validated update. Slices are replaced, not modified, so
// snapshots taken earlier stay intact.
func (st *store) apply(u *user, ch change) {
	patch := ch.patch
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
		u.username = trimmed(patch.Credentials.Username)
	}
	if ch.groups != nil {
		u.groups = st.groupIDs(*ch.groups)
	}
	if ch.licensed {
		u.licenses = st.replaceLicenses(u.licenses, ch.types)
	}
	if needsOriginGroup(ch.types) && ch.originGroup != nil {
		u.originGroup = st.groupByName[*ch.originGroup].dbID
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
