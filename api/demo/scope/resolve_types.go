package scope

import (
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
	"time"

	graphql "github.com/graph-gophers/graphql-go"
)

// userResolver answers from a snapshot of the user taken when it was read.
// token marks the API token's stand-in on viewer: no user, so its user
// fields are null (and its lists empty).
type userResolver struct {
	u     user
	st    *store
	token bool
}

// apiTokenID is the id of the API token's stand-in: of no user, so node()
// does not resolve it.
var apiTokenID = graphql.ID(base64.StdEncoding.EncodeToString([]byte("ApiToken/1")))

func (r *userResolver) ID() graphql.ID {
	if r.token {
		return apiTokenID
	}
	return globalID(typeUser, r.u.dbID)
}

// text is a user field: null for the API token.
func (r *userResolver) text(s string) *string {
	if r.token {
		return nil
	}
	return &s
}

func (r *userResolver) flag(b bool) *bool {
	if r.token {
		return nil
	}
	return &b
}

func (r *userResolver) DatabaseID() *string { return r.text(strconv.Itoa(r.u.dbID)) }
func (r *userResolver) FirstName() *string  { return r.text(r.u.first) }
func (r *userResolver) LastName() *string   { return r.text(r.u.last) }
func (r *userResolver) Name() *string       { return r.text(r.u.name()) }
func (r *userResolver) Username() *string   { return r.text(r.u.username) }
func (r *userResolver) Email() *string      { return r.text(r.u.email) }
func (r *userResolver) Phone() *string      { return optional(r.u.phone) }
func (r *userResolver) JobTitle() *string   { return optional(r.u.jobTitle) }
func (r *userResolver) Active() *bool       { return r.flag(r.u.active) }
func (r *userResolver) Guest() *bool        { return r.flag(false) }
func (r *userResolver) CreatedAt() *string  { return r.text(r.u.createdAt.Format(time.RFC3339)) }
func (r *userResolver) DeletedAt() *string  { return nil }
func (r *userResolver) LockedAt() *string   { return nil }
func (r *userResolver) FormattedPhone() *string {
	return optional(formatPhone(r.u.phone))
}

// CurrentOrganization and Organization are the company the user is in.
func (r *userResolver) CurrentOrganization() *orgResolver { return &orgResolver{r.u.org, r.st} }
func (r *userResolver) Organization() *orgResolver        { return &orgResolver{r.u.org, r.st} }

// User is the user itself; null on the API token's stand-in.
func (r *userResolver) User() *userResolver {
	if r.token {
		return nil
	}
	return r
}

// HasCmsAccess: only viewers and techs work solely in the apps.
func (r *userResolver) HasCmsAccess() *bool {
	if r.token {
		return nil
	}
	b := false
	for _, l := range r.u.licenses {
		b = b || (l.typ != licViewer && l.typ != licTech)
	}
	return &b
}

func (r *userResolver) Licenses(args pageArgs) (*connection[*licenseResolver], error) {
	c, perr := paginate(kindLicenses, r.u.licenses,
		func(l license) sortKey { return sortKey{ID: l.dbID} }, args,
		func(l license) *licenseResolver { return &licenseResolver{l} })
	return c, nilIfNone(perr)
}

func (r *userResolver) Groups(args pageArgs) (*connection[*groupResolver], error) {
	gs := make([]group, 0, len(r.u.groups))
	for _, id := range r.u.groups {
		gs = append(gs, r.st.groups[id])
	}
	return groupPage(r.st, sortGroups(gs), args)
}

func (r *userResolver) OriginGroup() *groupResolver {
	if g, ok := r.st.groups[r.u.originGroup]; ok {
		return &groupResolver{g, r.st}
	}
	return nil
}

type groupResolver struct {
	g  group
	st *store
}

func (r *groupResolver) ID() graphql.ID      { return globalID(typeGroup, r.g.dbID) }
func (r *groupResolver) Name() *string       { return &r.g.name }
func (r *groupResolver) DatabaseID() *string { s := strconv.Itoa(r.g.dbID); return &s }

func (r *groupResolver) Members(args pageArgs) (*connection[*userResolver], error) {
	return userPage(r.st, r.st.groupMembers(r.g.dbID), args)
}

type licenseResolver struct{ l license }

func (r *licenseResolver) ID() graphql.ID      { return globalID(typeLicense, r.l.dbID) }
func (r *licenseResolver) LicenseType() string { return r.l.typ }

// Product and State are the older page's licence fields: every demo
// license is an active WorkLink seat.
func (r *licenseResolver) Product() *string { s := "WorkLink"; return &s }
func (r *licenseResolver) State() *string   { s := "active"; return &s }

type orgResolver struct {
	dbID int
	st   *store
}

func (r *orgResolver) ID() graphql.ID { return globalID(typeOrganization, r.dbID) }

type membersArgs struct {
	FullText *string
	First    *int32
	After    *string
	Last     *int32
	Before   *string
}

func (a membersArgs) page() pageArgs {
	return pageArgs{First: a.First, After: a.After, Last: a.Last, Before: a.Before}
}

// Members reports a broken paging rule as a top-level error.
func (r *orgResolver) Members(args membersArgs) (*connection[*userResolver], error) {
	return userPage(r.st, r.st.members(deref(args.FullText)), args.page())
}

func (r *orgResolver) Groups(args pageArgs) (*connection[*groupResolver], error) {
	return groupPage(r.st, r.st.groupList, args)
}

func userPage(st *store, users []user, args pageArgs) (*connection[*userResolver], error) {
	c, perr := paginate(kindUsers, users, func(u user) sortKey { return u.key() }, args,
		func(u user) *userResolver { return &userResolver{u: u, st: st} })
	return c, nilIfNone(perr)
}

func groupPage(st *store, gs []group, args pageArgs) (*connection[*groupResolver], error) {
	c, perr := paginate(kindGroups, gs, group.key, args,
		func(g group) *groupResolver { return &groupResolver{g, st} })
	return c, nilIfNone(perr)
}

// nilIfNone avoids returning a typed nil *pageError as a non-nil error.
func nilIfNone(perr *pageError) error {
	if perr == nil {
		return nil
	}
	return perr
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func sortGroups(gs []group) []group {
	slices.SortFunc(gs, func(a, b group) int { return a.key().compare(b.key()) })
	return gs
}

// formatPhone shows "+1 201-555-0123" as "(201) 555-0123", the way Scope's
// formattedPhone does for North American numbers; others are left as is.
func formatPhone(phone string) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, phone)
	if len(digits) == 11 && digits[0] == '1' {
		digits = digits[1:]
	}
	if len(digits) != 10 {
		return phone
	}
	return "(" + digits[:3] + ") " + digits[3:6] + "-" + digits[6:]
}
