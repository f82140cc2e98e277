// Package api holds what the three API clients share: one HTTP transport
// (auth, timeouts, size cap, retries, error mapping), a GraphQL client on top
// of it, schema introspection, and the domain types the UI shows.
//
// Every string in these types comes from a server and is untrusted: keep it
// raw here (update mutations write it back) and sanitize it where it is shown.
package api

import "strings"

// Source names the API a record came from.
type Source string

// The three APIs rosterm speaks.
const (
	Opigno Source = "opigno"
	Scope  Source = "scope"
	Vision Source = "vision"
)

// Page is one page of a list, in any of the three cursor styles: Relay
// after/first (Opigno, Scope) and nextToken (Vision) both come down to "the
// value to pass for the next page" and "is there one".
type Page[T any] struct {
	Items []T
	Next  string // cursor or token for the following page
	More  bool   // false at the end of the list
	Total int    // total matching rows, or -1 when the server does not say
	// PartTotal is set when several sources are paged as one list
	// (list.Chain): the total of the source this page came from, or -1.
	// Total is then unknown, as later sources have not been asked.
	PartTotal int
	// End, when More is false before Total rows, says why the list stops
	// there: a server that cannot page further.
	End string
}

// User is a person in a user directory (Scope or Vision).
type User struct {
	Source      Source
	ID          string
	FirstName   string
	LastName    string
	Username    string
	Email       string
	Phone       string
	JobTitle    string
	Licenses    []string
	Groups      []string
	OriginGroup string
}

// Name is the user's full name, or the best stand-in for it.
func (u User) Name() string {
	if n := strings.TrimSpace(u.FirstName + " " + u.LastName); n != "" {
		return n
	}
	if u.Username != "" {
		return u.Username
	}
	return u.Email
}

// Group is a named set of users.
type Group struct {
	Source      Source
	ID          string
	Name        string
	Description string
	Members     []string // member user ids, when the API lists them (Vision)
	MemberCount int      // -1 when unknown
	Missing     bool     // a watched id the server did not return
}

// KeyValue is one entry of an Opigno CTA's arguments or metadata.
type KeyValue struct {
	Key   string
	Value string
}

// Action is a call to action a server attached to a row (an Opigno CTA):
// ID is its actionId, Args the arguments its mutation takes.
type Action struct {
	ID    string
	Title string
	Args  []KeyValue
	Meta  []KeyValue
}

// Arg returns the value of the argument named key.
func (a Action) Arg(key string) (string, bool) {
	for _, kv := range a.Args {
		if kv.Key == key {
			return kv.Value, true
		}
	}
	return "", false
}
