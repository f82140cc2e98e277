package scope_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/faults"
)

// liar is the demo's Scope behind a server that lies about its schema:
// in its introspection (schema changes the answer's text), and in its
// validation, which answers the first deleteUsers with refusal (or, when
// the server renamed the input type, every one that declares the
// documented name; the new name is the demo's documented one underneath).
// It keeps every mutation document it receives.
type liar struct {
	*httptest.Server
	mu        sync.Mutex
	mutations []string
}

func newLiar(t *testing.T, schema func(string) string, refusal string, renamed bool) *liar {
	t.Helper()
	l := &liar{}
	next := demo.Handler(demo.Options{})
	l.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		var req struct{ Query string }
		_ = json.Unmarshal(body, &req)
		switch q := strings.TrimSpace(req.Query); {
		case strings.Contains(q, "__schema") && schema == nil:
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"errors":[{"message":"Field '__schema' doesn't exist on type 'Query'"}]}`)
			return
		case strings.Contains(q, "__schema"):
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, schema(rec.Body.String()))
			return
		case strings.HasPrefix(q, "mutation"):
			l.mu.Lock()
			first := len(l.mutations) == 0
			l.mutations = append(l.mutations, q)
			l.mu.Unlock()
			if renamed {
				first = strings.Contains(q, "$input: DeleteUsersMutationInput!")
				body = bytes.ReplaceAll(body, []byte("DeleteUsersInput!"), []byte("DeleteUsersMutationInput!"))
				r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
			}
			if first && refusal != "" {
				w.Header().Set("Content-Type", "application/json")
				b, _ := json.Marshal(map[string]any{"errors": []map[string]any{{"message": refusal}}})
				_, _ = w.Write(b)
				return
			}
		}
		next.ServeHTTP(w, r)
	}))
	t.Cleanup(l.Close)
	return l
}

func (l *liar) sent() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.mutations...)
}

// exactly checks that doc runs one operation, a mutation with one field,
// deleteUsers(input: $input), and declares $input alone, of type typ.
func exactly(t *testing.T, doc, typ string) {
	t.Helper()
	q, err := parser.ParseQuery(&ast.Source{Input: doc})
	if err != nil {
		t.Fatalf("a document that does not parse was sent: %v\n%s", err, doc)
	}
	if len(q.Operations) != 1 || len(q.Fragments) != 0 {
		t.Fatalf("%d operations and %d fragments sent in one document:\n%s", len(q.Operations), len(q.Fragments), doc)
	}
	op := q.Operations[0]
	if op.Operation != ast.Mutation || len(op.SelectionSet) != 1 {
		t.Fatalf("a %s with %d fields sent:\n%s", op.Operation, len(op.SelectionSet), doc)
	}
	f, ok := op.SelectionSet[0].(*ast.Field)
	if !ok || f.Name != "deleteUsers" || len(f.Arguments) != 1 || f.Arguments[0].Name != "input" ||
		f.Arguments[0].Value.Kind != ast.Variable || f.Arguments[0].Value.Raw != "input" {
		t.Fatalf("not deleteUsers(input: $input):\n%s", doc)
	}
	if len(op.VariableDefinitions) != 1 || op.VariableDefinitions[0].Variable != "input" || op.VariableDefinitions[0].Type.String() != typ {
		t.Fatalf("$input should be declared %s alone:\n%s", typ, doc)
	}
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
			srv := newLiar(t, c.schema, c.refusal, c.renamed)
			cl := newClient(t, srv.URL)
			_, err := cl.DeleteUsers(bg, []string{"2"})
			t.Logf("%v", err)
			sent := srv.sent()
			if len(sent) != len(c.sent) {
				t.Fatalf("%d documents sent, want %d (%v):\n%s", len(sent), len(c.sent), err, strings.Join(sent, "\n"))
			}
			for i, doc := range sent {
				exactly(t, doc, c.sent[i])
			}
			switch {
			case c.refused == "" && err != nil:
				t.Fatalf("the delete should go through: %v", err)
			case c.refused != "" && (api.KindOf(err) != api.KindGraphQL || !strings.Contains(err.Error(), c.refused)):
				t.Fatalf("the delete should be refused, saying %q: %v", c.refused, err)
			}
		})
	}
}
