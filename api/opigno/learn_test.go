package opigno_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/documented"
	"github.com/rosterm/rosterm/api/opigno"
)

// canned is an Opigno that refuses introspection and answers each
// document as its answer function says, recording what it was sent.
type canned struct {
	*httptest.Server
	mu   sync.Mutex
	sent []request
}

type request struct {
	Query     string         `json:"query"`
	Variables map[string]any `json:"variables"`
}

func newCanned(t *testing.T, answer func(r request) (status int, body string)) *canned {
	t.Helper()
	c := &canned{}
	c.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req request
		_ = json.NewDecoder(r.Body).Decode(&req)
		w.Header().Set("Content-Type", "application/json")
		if strings.Contains(req.Query, "__schema") {
			_, _ = w.Write([]byte(`{"errors":[{"message":"GraphQL introspection is not allowed"}]}`))
			return
		}
		c.mu.Lock()
		c.sent = append(c.sent, req)
		c.mu.Unlock()
		status, body := answer(req)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(c.Close)
	return c
}

func (c *canned) requests() []request {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]request(nil), c.sent...)
}

func cannedClient(t *testing.T, url string) *opigno.Client {
	t.Helper()
	c, err := opigno.New(opigno.Config{Endpoint: url, Token: "t", ActingUUID: "00000000-0000-4000-8000-000000000001"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func errorsBody(msgs ...string) string {
	var es []map[string]any
	for _, m := range msgs {
		es = append(es, map[string]any{"message": m, "locations": []map[string]int{{"line": 1, "column": 1}}})
	}
	b, _ := json.Marshal(map[string]any{"errors": es})
	return string(b)
}

const ok = `{"data":{"result":{"errors":[],"response":true}}}`

// The documented aliases map a CTA's keys onto the mutation's arguments,
// the exact name first; a required argument no key fills disables the
// action, saying which key was missing and which the CTA has.
func TestCTAKeysMapToArgumentsByNameThenByDocumentedAlias(t *testing.T) {
	s := api.MustParseSDL("opigno", documented.Opigno)
	for _, c := range []struct {
		action api.Action
		vars   map[string]any
	}{
		{api.Action{ID: "REMOVE_USER_CONNECTION", Args: []api.KeyValue{{Key: "uuid", Value: "u-1"}}}, map[string]any{"userContextUuid": "u-1"}},
		{api.Action{ID: "REMOVE_USER_CONNECTION", Args: []api.KeyValue{{Key: "userContextId", Value: "1818"}}}, map[string]any{"userContextUuid": "1818"}},
		{api.Action{ID: "ACCEPT_USER_INVITATION", Args: []api.KeyValue{{Key: "id", Value: "7"}}}, map[string]any{"invitationId": "7"}},
		{api.Action{ID: "CANCEL_COMMUNITY_INVITATION", Args: []api.KeyValue{{Key: "id", Value: "8"}}}, map[string]any{"invitationId": "8"}},
		{api.Action{ID: "CREATE_USER_INVITATION", Args: []api.KeyValue{{Key: "id", Value: "9"}}}, map[string]any{"inviteeUserContextId": "9"}},
		{api.Action{ID: "CREATE_COMMUNITY_INVITATION", Args: []api.KeyValue{{Key: "communityId", Value: "3"}, {Key: "id", Value: "9"}}},
			map[string]any{"communityId": "3", "inviteeUserContextId": "9"}},
		// The exact name wins over an alias, wherever it comes.
		{api.Action{ID: "DECLINE_USER_INVITATION", Args: []api.KeyValue{{Key: "id", Value: "1"}, {Key: "invitationId", Value: "2"}}}, map[string]any{"invitationId": "2"}},
		// An alias fills one argument only.
		{api.Action{ID: "REMOVE_COMMUNITY_MEMBER", Args: []api.KeyValue{{Key: "communityId", Value: "3"}, {Key: "uuid", Value: "u-2"}}},
			map[string]any{"communityId": "3", "userContextUuid": "u-2"}},
	} {
		p := opigno.PlanAction(s, c.action)
		if p.Disabled != "" {
			t.Errorf("%s %v: disabled: %s", c.action.ID, c.action.Args, p.Disabled)
			continue
		}
		if len(p.Variables) != len(c.vars) {
			t.Errorf("%s %v: variables %v, want %v", c.action.ID, c.action.Args, p.Variables, c.vars)
		}
		for k, v := range c.vars {
			if p.Variables[k] != v {
				t.Errorf("%s %v: %s = %#v, want %#v", c.action.ID, c.action.Args, k, p.Variables[k], v)
			}
		}
	}
	p := opigno.PlanAction(s, api.Action{ID: "ACCEPT_USER_INVITATION", Args: []api.KeyValue{{Key: "invite", Value: "7"}, {Key: "userId", Value: "2"}}})
	if !strings.Contains(p.Disabled, "needs invitationId (ID!)") || !strings.Contains(p.Disabled, "it carries invite, userId") {
		t.Errorf("a key no alias covers: %q", p.Disabled)
	}
	p = opigno.PlanAction(s, api.Action{ID: "ACCEPT_USER_INVITATION"})
	if !strings.Contains(p.Disabled, "it carries no arguments") {
		t.Errorf("a CTA without arguments: %q", p.Disabled)
	}
	// The uuid group does not fill the invitation group.
	p = opigno.PlanAction(s, api.Action{ID: "ACCEPT_USER_INVITATION", Args: []api.KeyValue{{Key: "uuid", Value: "u-1"}}})
	if p.Disabled == "" {
		t.Error("a uuid must not stand in for an invitation id")
	}
}

// A server whose removeUserConnection takes userContextId answers the
// documented userContextUuid with an unknown argument and the one it
// requires; the client learns the signature, sends again once, and from
// then on (as any user) sends only the shape the server takes.
func TestTheServersSignatureIsLearnedFromItsValidationError(t *testing.T) {
	srv := newCanned(t, func(r request) (int, string) {
		if strings.Contains(r.Query, "userContextUuid") {
			return http.StatusOK, errorsBody(
				`Unknown argument "userContextUuid" on field "Mutation.removeUserConnection".`,
				`Field "removeUserConnection" argument "userContextId" of type "ID!" is required, but it was not provided.`)
		}
		return http.StatusOK, ok
	})
	c := cannedClient(t, srv.URL)
	ctx := context.Background()
	remove := api.Action{ID: "REMOVE_USER_CONNECTION", Args: []api.KeyValue{{Key: "uuid", Value: "5f0c6a2e"}}}
	p, err := c.Plan(ctx, remove)
	if err != nil || p.Disabled != "" || !strings.Contains(p.Document, "$userContextUuid: String!") {
		t.Fatalf("without introspection the documented signature plans it: %v %q\n%s", err, p.Disabled, p.Document)
	}
	out, err := c.Run(ctx, p)
	if err != nil || out.Failed() != "" {
		t.Fatalf("the action should go through on the second document: %v %q", err, out.Failed())
	}
	sent := srv.requests()
	if len(sent) != 2 || !strings.Contains(sent[1].Query, "removeUserConnection(userContextId: $userContextId)") ||
		!strings.Contains(sent[1].Query, "$userContextId: ID!") || sent[1].Variables["userContextId"] != "5f0c6a2e" {
		t.Fatalf("want the documented document, then one with the server's argument:\n%+v", sent)
	}

	// A plan made before, from the documented schema, is made again: the
	// rejected document is never sent again. Clients acting as others share
	// what was learned.
	for _, cl := range []*opigno.Client{c, c.As("00000000-0000-4000-8000-000000000002")} {
		if out, err := cl.Run(ctx, p); err != nil || out.Failed() != "" {
			t.Fatal(err, out.Failed())
		}
	}
	sent = srv.requests()
	if len(sent) != 4 || strings.Contains(sent[2].Query, "userContextUuid") || strings.Contains(sent[3].Query, "userContextUuid") {
		t.Fatalf("after learning, only the server's shape is sent: %d documents\n%+v", len(sent), sent)
	}
	s, err := c.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := s.Mutation("removeUserConnection"); len(f.Args) != 1 || f.Args[0].Name != "userContextId" || f.Args[0].Type.String() != "ID!" {
		t.Errorf("the schema actions are planned with shows the server's signature: %+v", f.Args)
	}
	// A CTA carrying the documented name plans for the server's too.
	p, _ = c.Plan(ctx, api.Action{ID: "REMOVE_USER_CONNECTION", Args: []api.KeyValue{{Key: "userContextUuid", Value: "x"}}})
	if p.Disabled != "" || p.Variables["userContextId"] != "x" {
		t.Errorf("userContextUuid fills userContextId: %q %v", p.Disabled, p.Variables)
	}
}

// invitationId is typed ID in Opigno's documentation only by inference; a
// server that takes an Int says so, and the CTA's value is sent as one.
func TestAVariableOfTheWrongTypeIsRetypedAndItsValueCoerced(t *testing.T) {
	srv := newCanned(t, func(r request) (int, string) {
		if strings.Contains(r.Query, "$invitationId: ID!") {
			return http.StatusBadRequest, errorsBody(`Variable "$invitationId" of type "ID!" used in position expecting type "Int!".`)
		}
		return http.StatusOK, `{"data":{"result":{"errors":null,"response":true}}}`
	})
	c := cannedClient(t, srv.URL)
	ctx := context.Background()
	p, err := c.Plan(ctx, api.Action{ID: "DECLINE_USER_INVITATION", Args: []api.KeyValue{{Key: "invitationId", Value: "42"}}})
	if err != nil {
		t.Fatal(err)
	}
	if out, err := c.Run(ctx, p); err != nil || out.Failed() != "" {
		t.Fatalf("%v %q", err, out.Failed())
	}
	sent := srv.requests()
	if len(sent) != 2 || !strings.Contains(sent[1].Query, "$invitationId: Int!") || sent[1].Variables["invitationId"] != float64(42) {
		t.Fatalf("want the ID! document, then Int! with the number 42:\n%+v", sent)
	}
	// A value that is no Int cannot be sent to this server: said, not sent.
	p, _ = c.Plan(ctx, api.Action{ID: "DECLINE_USER_INVITATION", Args: []api.KeyValue{{Key: "invitationId", Value: "abc"}}})
	if !strings.Contains(p.Disabled, `its invitationId "abc" is not a valid Int!`) {
		t.Errorf("disabled %q", p.Disabled)
	}
}

// Every dialect's words teach the same, even when they do not say the
// type: the argument takes the type of the one it stands in for, and the
// server's next answer corrects it if need be. Never more than three
// documents for one action, each different.
func TestOtherDialectsAndNoLoop(t *testing.T) {
	srv := newCanned(t, func(r request) (int, string) {
		switch {
		case strings.Contains(r.Query, "userContextUuid"):
			return http.StatusOK, errorsBody(`Field 'removeUserConnection' doesn't accept argument 'userContextUuid'`,
				`Field 'removeUserConnection' is missing required arguments: userContextId`)
		case strings.Contains(r.Query, "$userContextId: String!"):
			return http.StatusOK, errorsBody(`Type mismatch on variable $userContextId and argument userContextId (String! / ID!)`)
		}
		return http.StatusOK, ok
	})
	c := cannedClient(t, srv.URL)
	ctx := context.Background()
	p, _ := c.Plan(ctx, api.Action{ID: "REMOVE_USER_CONNECTION", Args: []api.KeyValue{{Key: "uuid", Value: "u"}}})
	if out, err := c.Run(ctx, p); err != nil || out.Failed() != "" {
		t.Fatalf("%v %q", err, out.Failed())
	}
	if sent := srv.requests(); len(sent) != 3 || !strings.Contains(sent[2].Query, "$userContextId: ID!") {
		t.Fatalf("want three documents ending with the ID! one:\n%+v", sent)
	}

	// A server that rejects what nothing can fix: one document, and the
	// same action is not sent again.
	stubborn := newCanned(t, func(request) (int, string) {
		return http.StatusOK, errorsBody(`Cannot query field "nonsense" on type "Query".`)
	})
	c = cannedClient(t, stubborn.URL)
	p, _ = c.Plan(ctx, api.Action{ID: "ACCEPT_USER_INVITATION", Args: []api.KeyValue{{Key: "id", Value: "1"}}})
	for range 3 {
		if _, err := c.Run(ctx, p); api.KindOf(err) != api.KindGraphQL {
			t.Fatalf("want the server's error, got %v", err)
		}
	}
	if n := len(stubborn.requests()); n != 1 {
		t.Errorf("%d documents sent: a rejected document is never sent again", n)
	}

	// A server that says a learned document is wrong again and again is
	// asked at most three times for one action.
	fickle := newCanned(t, func(r request) (int, string) {
		if strings.Contains(r.Query, "Int!") {
			return http.StatusOK, errorsBody(`Variable "$invitationId" of type "Int!" used in position expecting type "ID!".`)
		}
		return http.StatusOK, errorsBody(`Variable "$invitationId" of type "ID!" used in position expecting type "Int!".`)
	})
	c = cannedClient(t, fickle.URL)
	p, _ = c.Plan(ctx, api.Action{ID: "ACCEPT_USER_INVITATION", Args: []api.KeyValue{{Key: "id", Value: "1"}}})
	_, err := c.Run(ctx, p)
	if _, err2 := c.Run(ctx, p); err == nil || err2 == nil {
		t.Fatal("a server that contradicts itself cannot be satisfied")
	}
	if n := len(fickle.requests()); n > 3 {
		t.Errorf("%d documents: at most three, none twice", n)
	}
}

// A server without a mutation says so; the action is then disabled with
// that reason, and not sent again.
func TestAMutationTheServerLacksIsLearned(t *testing.T) {
	srv := newCanned(t, func(request) (int, string) {
		return http.StatusOK, errorsBody(`Cannot query field "cancelUserInvitation" on type "Mutation".`)
	})
	c := cannedClient(t, srv.URL)
	ctx := context.Background()
	cancel := api.Action{ID: "CANCEL_USER_INVITATION", Args: []api.KeyValue{{Key: "invitationId", Value: "1"}}}
	p, _ := c.Plan(ctx, cancel)
	if _, err := c.Run(ctx, p); err == nil || !strings.Contains(err.Error(), "no cancelUserInvitation mutation") {
		t.Fatalf("want the reason it cannot be sent, got %v", err)
	}
	if p, _ := c.Plan(ctx, cancel); !strings.Contains(p.Disabled, "this server has no cancelUserInvitation mutation") {
		t.Errorf("planned again: %q", p.Disabled)
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d documents sent", n)
	}
}

// getCommunity's wrapper and argument are inferred in Opigno's pages; a
// server that answers the bare Community, and types the id as an Int,
// says so, and is asked its way from then on. An id it does not know is
// Missing, with its words, in the order asked.
func TestTheCommunityLookupTakesTheServersShape(t *testing.T) {
	srv := newCanned(t, func(r request) (int, string) {
		switch {
		case strings.Contains(r.Query, "response {"):
			return http.StatusOK, errorsBody(`Cannot query field "response" on type "Community".`, `Cannot query field "errors" on type "Community".`)
		case strings.Contains(r.Query, "ID!"):
			return http.StatusOK, errorsBody(`Variable "$c0" of type "ID!" used in position expecting type "Int!".`,
				`Variable "$c1" of type "ID!" used in position expecting type "Int!".`)
		}
		if r.Variables["c0"] != float64(14) {
			return http.StatusOK, errorsBody("ids must be numbers here")
		}
		return http.StatusOK, `{"data":{"c0":{"id":14,"title":"Urban Squad","visibility":"PUBLIC","membersNumber":3,"created":"1700000000",
			"cta":{"actionId":"VIEW_MEMBERS","title":"View members","arguments":[{"key":"communityId","value":"14"}],"extra":1}},
			"c1":null},"errors":[{"message":"Community 999 does not exist.","path":["c1"]}]}`
	})
	c := cannedClient(t, srv.URL)
	ctx := context.Background()
	for range 2 {
		cs, err := c.CommunitiesByID(ctx, []string{"14", "999"})
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) != 2 || cs[0].ID != "14" || cs[0].Title != "Urban Squad" || cs[0].Created.Unix() != 1700000000 ||
			len(cs[0].Actions) != 1 || cs[0].Actions[0].ID != "VIEW_MEMBERS" {
			t.Fatalf("the community: %+v", cs)
		}
		if !cs[1].Missing || cs[1].ID != "999" || cs[1].Why != "Community 999 does not exist." {
			t.Fatalf("the unknown id: %+v", cs[1])
		}
	}
	sent := srv.requests()
	if len(sent) != 4 || strings.Contains(sent[2].Query, "response") || !strings.Contains(sent[2].Query, "$c0: Int!, $c1: Int!") || sent[3].Query != sent[2].Query {
		t.Fatalf("want the documented shape, the bare one, the Int one, then that again:\n%+v", sent)
	}
	if strings.Contains(sent[0].Query, "14") {
		t.Error("an id was written into the document")
	}
}
