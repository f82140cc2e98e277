package scope

import (
	"encoding/base64"
	"strconv"
	"strings"

	graphql "github.com/graph-gophers/graphql-go"
)

// Object type names, as they appear inside global ids.
const (
	typeUser         = "User"
	typeGroup        = "Group"
	typeLicense      = "License"
	typeOrganization = "Organization"
)

// globalID encodes an object id in the style of graphql-ruby's
// UniqueWithinType: base64 of "Type/databaseId". Clients must treat it as
// opaque; only this file knows the format.
func globalID(typ string, dbID int) graphql.ID {
	return graphql.ID(base64.StdEncoding.EncodeToString([]byte(typ + "/" + strconv.Itoa(dbID))))
}

// parseID returns the type and database id of a global id. ok is false for
// anything this server could not have issued, however it is garbled.
func parseID(id graphql.ID) (typ string, dbID int, ok bool) {
	raw, err := base64.StdEncoding.DecodeString(string(id))
	if err != nil {
		return "", 0, false
	}
	typ, num, found := strings.Cut(string(raw), "/")
	if !found {
		return "", 0, false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n <= 0 || strconv.Itoa(n) != num {
		return "", 0, false
	}
	switch typ {
	case typeUser, typeGroup, typeLicense, typeOrganization:
		return typ, n, true
	}
	return "", 0, false
}
