package scope

import (
	"slices"
	"strings"
	"time"
)

// License types, the values of LicenseTypeEnum.
const (
	licViewer   = "VIEWER"
	licAdmin    = "ADMIN"
	licAuthor   = "AUTHOR"
	licAnalyst  = "ANALYST"
	licTech     = "TECH"
	licTechPlus = "TECH_PLUS"
	licExpert   = "EXPERT"
)

// licenseTypeNames are LicenseTypeEnum's values.
var licenseTypeNames = []string{licViewer, licAdmin, licAuthor, licAnalyst, licTech, licTechPlus, licExpert}

// The demo company, and a second company whose objects exist but which the
// demo tokens may not read: node() on them answers "Not authorized".
const (
	demoOrgID    = 1
	foreignOrgID = 2
)

type license struct {
	dbID int
	typ  string
}

// user is one account. groups and licenses are replaced, never modified in
// place, so a shallow copy taken under the store's lock is a safe snapshot.
type user struct {
	dbID         int
	org          int
	first, last  string
	username     string
	email        string
	phone        string
	jobTitle     string
	groups       []int // group database ids
	licenses     []license
	originGroup  int  // 0 = none
	supportAdmin bool // a Scope AR staff account, never deleted
	active       bool
	createdAt    time.Time
}

func (u *user) name() string { return u.first + " " + u.last }

func (u *user) hasLicense(typ string) bool {
	return slices.ContainsFunc(u.licenses, func(l license) bool { return l.typ == typ })
}

// companyAdmin reports whether u counts towards "a single company admin must
// remain": an ADMIN of the demo company who is not Scope's own support staff.
func (u *user) companyAdmin() bool {
	return u.org == demoOrgID && !u.supportAdmin && u.hasLicense(licAdmin)
}

// key is the users' list order: last name, first name, then id.
func (u *user) key() sortKey {
	return sortKey{A: strings.ToLower(u.last), B: strings.ToLower(u.first), ID: u.dbID}
}

// matches reports whether every term matches the first name, last name,
// username or email. Terms are already lower-cased.
func (u *user) matches(terms []string) bool {
	fields := []string{strings.ToLower(u.first), strings.ToLower(u.last),
		strings.ToLower(u.username), strings.ToLower(u.email)}
	for _, t := range terms {
		if !slices.ContainsFunc(fields, func(f string) bool { return strings.Contains(f, t) }) {
			return false
		}
	}
	return true
}

type group struct {
	dbID int
	name string
}

func (g group) key() sortKey { return sortKey{A: g.name, ID: g.dbID} }

// needsOriginGroup reports whether requested licenses make
// requestedOriginGroup meaningful: only admin and author licenses use it.
func needsOriginGroup(types []string) bool {
	return slices.Contains(types, licAdmin) || slices.Contains(types, licAuthor)
}
