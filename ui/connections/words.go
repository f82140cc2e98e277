package connections

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The words status messages use for what an action does, so that they
// read as sentences ("Done: cancelled the invitation to Ethan Gupta")
// whatever the CTA's title says ("Cancel invitation").
var (
	pastTense = map[string]string{
		"ACCEPT": "accepted", "DECLINE": "declined", "CANCEL": "cancelled", "REMOVE": "removed",
		"DELETE": "deleted", "EDIT": "edited", "UPDATE": "updated", "LEAVE": "left", "JOIN": "joined",
		"BLOCK": "blocked", "REJECT": "rejected", "REVOKE": "revoked",
	}
	presentTense = map[string]string{
		"ACCEPT": "accepting", "DECLINE": "declining", "CANCEL": "cancelling", "REMOVE": "removing",
		"DELETE": "deleting", "EDIT": "editing", "UPDATE": "updating", "LEAVE": "leaving", "JOIN": "joining",
		"BLOCK": "blocking", "REJECT": "rejecting", "REVOKE": "revoking",
	}
)

// nameOf is a person's name as a sentence uses it.
func nameOf(r Row) string {
	if n := strings.TrimSpace(r.Person.Name); n != "" {
		return n
	}
	return "user context #" + r.Person.ID
}

// titleOf is a community's title as a sentence uses it.
func titleOf(r Row) string {
	if t := strings.TrimSpace(r.Community.Title); t != "" {
		return t
	}
	return "community #" + r.Community.ID
}

// object is what an action on the item acts on: "the invitation from
// Ethan Gupta", "the community Hikers", "Ethan Gupta".
func (it jobItem) object() string {
	r := it.row
	switch {
	case it.tab == noTab:
		return nameOf(r) // a person invited to a community
	case r.Kind == invitationRow && r.Sent:
		return "the invitation to " + nameOf(r)
	case r.Kind == invitationRow:
		return "the invitation from " + nameOf(r)
	case r.Kind == communityInvitationRow:
		return "the invitation to " + titleOf(r) + " from " + nameOf(r)
	case r.Kind == communityRow:
		return "the community " + titleOf(r)
	}
	return nameOf(r)
}

// phrase says what the job does (tense presentTense) or did (pastTense)
// to n of its items: "cancelled the invitation to Ethan Gupta", "declined
// 3 invitations", "invited Ethan Gupta to connect".
func (j *job) phrase(tense map[string]string, n int) string {
	it := j.items[0]
	verb, mutation := it.plan.Verb(), it.plan.Mutation
	one := len(j.items) == 1
	count := fmt.Sprint(n)
	if n != len(j.items) {
		count = fmt.Sprintf("%d of %d", n, len(j.items))
	}
	invited := map[bool]string{true: "invited", false: "inviting"}[tense["ACCEPT"] == "accepted"]
	switch {
	case mutation == "createUserInvitation" && one && invited == "invited":
		return "invited " + nameOf(it.row) + " to connect"
	case mutation == "createUserInvitation" && one:
		return "connecting with " + nameOf(it.row) // short: an error line puts its reason after it
	case mutation == "createUserInvitation":
		return invited + " " + count + " people to connect"
	case it.tab == noTab && j.community != "" && one:
		return invited + " " + it.object() + " to " + j.community
	case it.tab == noTab && j.community != "":
		return invited + " " + count + " people to " + j.community
	case verb == "REMOVE" && it.row.Kind == personRow && one:
		return tense[verb] + " " + nameOf(it.row) + " from your network"
	case verb == "REMOVE" && it.row.Kind == personRow:
		return tense[verb] + " " + count + " connections"
	}
	words, known := tense[verb]
	if !known {
		// An action rosterm has no words for: its own title.
		words = strings.ToLower(j.title)
		if one {
			return words + ": " + it.object()
		}
		return words + ": " + count + " rows"
	}
	if one {
		return words + " " + it.object()
	}
	return words + " " + count + " " + j.noun()
}

// noun names the job's rows in the plural.
func (j *job) noun() string {
	switch j.items[0].row.Kind {
	case invitationRow, communityInvitationRow:
		return "invitations"
	case communityRow:
		return "communities"
	case personRow:
		return "people"
	}
	return "rows"
}

// did is what the job did to all its items; doing, what it is about to do.
func (j *job) did() string   { return j.phrase(pastTense, len(j.items)) }
func (j *job) doing() string { return j.phrase(presentTense, len(j.items)) }

// capital starts a sentence.
func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
