package opigno_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/opigno"
)

// opignoLiar is the strict demo's Opigno behind a server that lies about
// its schema: in its introspection (schema changes acceptUserInvitation's
// argument type; nil refuses introspection) and in its validation, which
// answers the first mutation with refusal.
func opignoLiar(t *testing.T, schema func(arg map[string]any), refusal string) *demotest.Liar {
	lies := demotest.Lies{Refusal: refusal,
		NoSchema: "GraphQL introspection is not allowed, but the query contained __schema or __type"}
	if schema != nil {
		lies.Schema = func(answer []byte) []byte {
			var v map[string]any
			_ = json.Unmarshal(answer, &v)
			changeArg(v, "acceptUserInvitation", "invitationId", schema)
			b, _ := json.Marshal(v)
			return b
		}
	}
	return demotest.StartLiar(t, demo.Options{Strict: true}, lies)
}

// changeArg applies change to the introspected argument arg of mutation.
func changeArg(v map[string]any, mutation, arg string, change func(map[string]any)) {
	data, _ := v["data"].(map[string]any)
	s, _ := data["__schema"].(map[string]any)
	types, _ := s["types"].([]any)
	for _, t := range types {
		t, _ := t.(map[string]any)
		fields, _ := t["fields"].([]any)
		for _, f := range fields {
			f, _ := f.(map[string]any)
			if f["name"] != mutation {
				continue
			}
			args, _ := f["args"].([]any)
			for _, a := range args {
				if a, _ := a.(map[string]any); a["name"] == arg {
					change(a)
				}
			}
		}
	}
}

// A CTA's actionId names its mutation, and the server's schema types its
// arguments; no text of the server's is written into the document but
// names and types that are what they claim to be. An Opigno whose schema
// or validation lies (a type with GraphQL in its name, a malformed type,
// a validation answer naming another argument's type or contradicting
// its own schema) gets exactly acceptUserInvitation(invitationId:
// $invitationId), declared with the argument's type, or nothing; the
// action is disabled or refused, saying why.
func TestAnOpignoThatLiesAboutTypesGetsExactlyTheActionOrNothing(t *testing.T) {
	expecting := func(typ string) string {
		return `Variable "$invitationId" of type "ID!" used in position expecting type "` + typ + `".`
	}
	real := func(map[string]any) {}
	for _, c := range []struct {
		name     string
		schema   func(arg map[string]any)
		refusal  string
		sent     []string // the types $invitationId is declared with, in order
		disabled string   // why the plan is disabled
		refused  string   // in the error, when sending is refused
	}{
		{"GraphQL in an argument's type name", func(a map[string]any) {
			a["type"] = map[string]any{"kind": "NON_NULL", "ofType": map[string]any{"kind": "SCALAR", "name": faults.Injection("ID")}}
		}, "", nil, "declares an argument rosterm cannot write", ""},
		{"a type not null twice over", func(a map[string]any) {
			a["type"] = map[string]any{"kind": "NON_NULL", "ofType": a["type"]}
		}, "", nil, "declares an argument rosterm cannot write", ""},
		{"a list with a name", func(a map[string]any) {
			a["type"] = map[string]any{"kind": "LIST", "name": "ID"}
		}, "", nil, "declares an argument rosterm cannot write", ""},
		{"a validation answer its own schema contradicts", real, expecting("Int!"), []string{"ID!"}, "", "is not the type of acceptUserInvitation(invitationId:)"},
		{"another argument's type, said without a schema", nil, expecting("CommunityInput!"), []string{"ID!"}, "", "is not the type of acceptUserInvitation(invitationId:)"},
		{"GraphQL in the type it expects", nil,
			expecting(`ID!) { removeUserConnection(userContextUuid: \"x\") { response } } mutation X($invitationId: ID!`), []string{"ID!"}, "", "expecting type"},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := opignoLiar(t, c.schema, c.refusal)
			cl := strictClient(t, srv.URL)
			ctx := context.Background()
			pending, err := cl.PendingInvitations(ctx, opigno.ListArgs{First: 1})
			if err != nil || len(pending.Items) == 0 {
				t.Fatal(err)
			}
			accept := action(t, pending.Items[0].Actions, "ACCEPT")
			p, err := cl.Plan(ctx, accept)
			if err != nil {
				t.Fatal(err)
			}
			if c.disabled != "" {
				if !strings.Contains(p.Disabled, c.disabled) {
					t.Fatalf("the action should be disabled (%q), is %q:\n%s", c.disabled, p.Disabled, p.Document)
				}
				if _, err := cl.Run(ctx, p); err == nil {
					t.Fatal("a disabled action ran")
				}
				t.Logf("disabled: %s", p.Disabled)
			} else {
				_, err = cl.Run(ctx, p)
				t.Logf("%v", err)
				switch {
				case c.refused == "" && err != nil:
					t.Fatalf("the action should go through: %v", err)
				case c.refused != "" && (err == nil || !strings.Contains(err.Error(), c.refused)):
					t.Fatalf("the action should be refused, saying %q: %v", c.refused, err)
				}
			}
			srv.SentExactly(t, "acceptUserInvitation", "invitationId", c.sent)
		})
	}
}

// The lists and the community lookup declare their variables with the
// documented types, or the one the server's validation names; a type that
// cannot be the argument's (an input object for a cursor or an id) is not
// taken: the request fails with the server's words, sent once.
func TestAListOrLookupIsNotRetypedAsAnotherArgumentsType(t *testing.T) {
	srv := newCanned(t, func(r request) (int, string) {
		switch {
		case strings.Contains(r.Query, "$after: Cursor"):
			return http.StatusOK, errorsBody(`Variable "$after" of type "Cursor" used in position expecting type "CommunityInput".`)
		case strings.Contains(r.Query, "$c0: ID!"):
			return http.StatusOK, errorsBody(`Variable "$c0" of type "ID!" used in position expecting type "EditCommunityInput!".`)
		}
		return http.StatusOK, `{"data":{}}`
	})
	c := cannedClient(t, srv.URL)
	ctx := context.Background()
	if _, err := c.PendingInvitations(ctx, opigno.ListArgs{First: 5}); api.KindOf(err) != api.KindGraphQL || !strings.Contains(err.Error(), "is not the type of") {
		t.Errorf("the list: %v", err)
	}
	if _, err := c.CommunitiesByID(ctx, []string{"14"}); api.KindOf(err) != api.KindGraphQL || !strings.Contains(err.Error(), "is not the type of") {
		t.Errorf("the lookup: %v", err)
	}
	for _, r := range srv.requests() {
		if strings.Contains(r.Query, "CommunityInput") {
			t.Errorf("sent with another argument's type:\n%s", r.Query)
		}
	}
	if n := len(srv.requests()); n != 2 {
		t.Errorf("%d requests, want one each", n)
	}
}

// On the demo with the lie fault, every input object, enum and custom
// scalar of Opigno's introspected schema is named with GraphQL that would
// rename a user: an action typed by one (editing a community, whose data
// is an EditCommunityInput) is disabled, saying why, and nothing with the
// injected text is sent; one typed by built-in scalars only (deleting the
// community: communityId: ID!) runs as planned.
func TestTheLyingSchemaFault(t *testing.T) {
	inj := faults.New(faults.Rule{Fault: faults.LyingSchema, Path: "opigno", Share: 1})
	srv := demotest.Start(t, demo.Options{Faults: inj})
	c := newClient(t, srv.URL)
	ctx := context.Background()
	schema, err := c.Schema(ctx)
	must(t, err)
	communities, err := c.UserCommunities(ctx, opigno.ListArgs{First: 1})
	must(t, err)
	var edit, del api.Action
	for _, a := range communities.Items[0].Actions {
		switch a.ID {
		case "EDIT_COMMUNITY":
			edit = a
		case "DELETE_COMMUNITY":
			del = a
		}
	}
	in, ok := opigno.NeededInput(schema, edit)
	if !ok {
		t.Fatal("EDIT_COMMUNITY asks for its data")
	}
	filled, err := opigno.WithInput(schema, edit, in, map[string]string{"title": "x"})
	must(t, err)
	if p := opigno.PlanAction(schema, filled); !strings.Contains(p.Disabled, "cannot write") || p.Document != "" {
		t.Fatalf("editing with a lying input type: %q\n%s", p.Disabled, p.Document)
	}
	p := opigno.PlanAction(schema, del)
	if p.Disabled != "" {
		t.Fatal(p.Disabled)
	}
	if out, err := c.Run(ctx, p); err != nil || out.Failed() != "" {
		t.Fatalf("delete: %v %q", err, out.Failed())
	}
	for _, call := range srv.Mutations() {
		if strings.Contains(call.Query, "pwned") || strings.Contains(call.Query, "updateUser") {
			t.Errorf("sent:\n%s", call.Query)
		}
	}
	if n := len(srv.Calls("deleteCommunity")); n != 1 {
		t.Errorf("%d deleteCommunity requests", n)
	}
}
