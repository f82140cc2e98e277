package api

import (
	"encoding/json"
	"testing"

	"github.com/rosterm/rosterm/api/journal"
)

func TestJudgeReadsTheOutcomeFromTheAnswer(t *testing.T) {
	for _, c := range []struct {
		name, data string
		err        error
		want       string
	}{
		{"lost answer", "", &Error{Kind: KindOutcomeUnknown, Message: "the change may or may not have been applied"}, journal.Unknown},
		{"validation error", "", &Error{Kind: KindGraphQL, Message: "Unknown argument"}, journal.Refused},
		{"refused credential", "", &Error{Kind: KindAuth, Message: "401"}, journal.Refused},
		{"opigno applied", `{"result":{"errors":[],"response":{"id":"1"}}}`, nil, journal.Applied},
		{"opigno refused", `{"result":{"errors":["no"],"response":null}}`, nil, journal.Refused},
		{"opigno false", `{"result":{"errors":[],"response":false}}`, nil, journal.Refused},
		{"scope field errors", `{"createUser":{"errors":[{"path":["email"],"message":"taken"}],"user":null}}`, nil, journal.Refused},
		{"scope created", `{"createUser":{"errors":[],"user":{"id":"9"}}}`, nil, journal.Applied},
		{"scope partly deleted", `{"deleteUsers":{"errors":[{"message":"last admin"}],"undeletedItems":[{"id":"1"}]}}`, nil, journal.Applied},
		{"bare true", `{"removeUserConnection":true}`, nil, journal.Applied},
	} {
		if got, msg := judge(json.RawMessage(c.data), c.err); got != c.want {
			t.Errorf("%s: %s (%q), want %s", c.name, got, msg, c.want)
		}
	}
}

func TestMutationName(t *testing.T) {
	for doc, want := range map[string]string{
		`mutation ($id: ID!) { result: acceptUserInvitation(invitationId: $id) { errors } }`:      "acceptUserInvitation",
		`mutation Create($input: CreateUserInput!) { createUser(input: $input) { user { id } } }`: "createUser",
		`not graphql {`: "(unreadable document)",
	} {
		if got := mutationName(doc); got != want {
			t.Errorf("%q: %q", doc, got)
		}
	}
}
