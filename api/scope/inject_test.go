package scope_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
)

// liar is the demo's Scope behind a server that lies about its schema:
// in its introspection (schema changes the answer's text), and in its
// validation, which answers the first deleteUsers with refusal (or, when
// the server renamed the input type, every one that declares the
// documented name; the new name is the demo's documented one underneath).
func liar(t *testing.T, schema func(string) string, refusal string, renamed bool) *demotest.Liar {
	lies := demotest.Lies{Refusal: refusal, NoSchema: "Field '__schema' doesn't exist on type 'Query'"}
	if schema != nil {
		lies.Schema = func(answer []byte) []byte { return []byte(schema(string(answer))) }
	}
	if renamed {
		lies.Refuse = func(doc string) bool { return strings.Contains(doc, "$input: DeleteUsersMutationInput!") }
		lies.Rewrite = func(body []byte) []byte {
			return bytes.ReplaceAll(body, []byte("DeleteUsersInput!"), []byte("DeleteUsersMutationInput!"))
		}
	}
	return demotest.StartLiar(t, demo.Options{}, lies)
}

// No text a Scope server sends is written into a document unless it is a
// GraphQL name of the type the argument has: a delete whose validation
// answer names another mutation's input type, or one with GraphQL in it,
// or one its own schema contradicts, is refused with the server's words,
// and nothing but the one deleteUsers is ever sent. A server that calls
// the documented input type otherwise, in its schema and its validation,
// is sent exactly deleteUsers with its type.
func TestAScopeServerThatLiesAboutTypesGetsExactlyTheDeleteOrNothing(t *testing.T) {
	const documented = "DeleteUsersMutationInput!"
	expecting := func(typ string) string {
		return `Variable "$input" of type "DeleteUsersMutationInput!" used in position expecting type "` + typ + `".`
	}
	renamed := func(s string) string {
		return strings.ReplaceAll(s, `"DeleteUsersMutationInput"`, `"DeleteUsersInput"`)
	}
	real := func(s string) string { return s }
	lying := func(s string) string {
		return strings.ReplaceAll(s, `"DeleteUsersMutationInput"`, `"`+strings.ReplaceAll(faults.Injection("DeleteUsersMutationInput"), `"`, `\"`)+`"`)
	}
	for _, c := range []struct {
		name    string
		schema  func(string) string // nil: introspection refused
		refusal string
		renamed bool
		sent    []string // the types $input is declared with, in order
		refused string   // in the error, when the delete is refused
	}{
		{"another mutation's input type, said without a schema", nil, expecting("UpdateUserMutationInput!"), false,
			[]string{documented}, "is not the type of deleteUsers(input:)"},
		{"GraphQL in the type it expects", nil,
			expecting(`UpdateUserMutationInput!) { updateUser(input: {id: \"1\", user: {firstName: \"pwned\"}}) { errors { message } } } mutation X($input: DeleteUsersMutationInput!`), false,
			[]string{documented}, "used in position expecting type"},
		{"a type its own schema contradicts", real, expecting("UpdateUserMutationInput!"), false,
			[]string{documented}, "is not the type of deleteUsers(input:)"},
		{"GraphQL in the type names of its schema", lying, "", false, []string{documented}, ""},
		{"a renamed input type, in its schema and its validation", renamed, expecting("DeleteUsersInput!"), true,
			[]string{documented, "DeleteUsersInput!"}, ""},
		{"a renamed input type, said without a schema", nil, expecting("DeleteUsersInput!"), true,
			[]string{documented, "DeleteUsersInput!"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := liar(t, c.schema, c.refusal, c.renamed)
			cl := newClient(t, srv.URL)
			_, err := cl.DeleteUsers(bg, []string{"2"})
			t.Logf("%v", err)
			srv.SentExactly(t, "deleteUsers", "input", c.sent)
			switch {
			case c.refused == "" && err != nil:
				t.Fatalf("the delete should go through: %v", err)
			case c.refused != "" && (api.KindOf(err) != api.KindGraphQL || !strings.Contains(err.Error(), c.refused)):
				t.Fatalf("the delete should be refused, saying %q: %v", c.refused, err)
			}
		})
	}
}
