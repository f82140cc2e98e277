package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	graphql "github.com/graph-gophers/graphql-go"
)

// Each vendor runs another GraphQL implementation; rosterm must read what
// each says it lacks, or it cannot adapt to the server.
func TestProblemsInEveryDialect(t *testing.T) {
	for _, c := range []struct {
		dialect, msg string
		want         Problem
	}{
		{"graphql-js", `Cannot query field "pageInfo" on type "UsersQueryResult". Did you mean "nodes"?`, Problem{Kind: UnknownField, Name: "pageInfo", On: "UsersQueryResult"}},
		{"graphql-js", `Unknown argument "after" on field "Query.users".`, Problem{Kind: UnknownArgument, Name: "after", On: "users"}},
		{"graphql-php", `Unknown argument "after" on field "users" of type "Query".`, Problem{Kind: UnknownArgument, Name: "after", On: "users"}},
		{"graphql-js", `Field "removeUserConnection" argument "userContextId" of type "ID!" is required, but it was not provided.`, Problem{Kind: MissingArgument, Name: "userContextId", On: "removeUserConnection", Type: "ID!"}},
		{"graph-gophers", `Field "removeUserConnection" argument "userContextId" of type "ID!" is required but not provided.`, Problem{Kind: MissingArgument, Name: "userContextId", On: "removeUserConnection", Type: "ID!"}},
		{"graphql-js", `Variable "$invitationId" of type "ID!" used in position expecting type "Int!".`, Problem{Kind: VariableType, Name: "invitationId", Type: "Int!"}},
		{"graphql-js", `Unknown type "Cursor".`, Problem{Kind: UnknownType, Name: "Cursor"}},
		{"graphql-ruby", `Field 'pageInfo' doesn't exist on type 'UsersQueryResult'`, Problem{Kind: UnknownField, Name: "pageInfo", On: "UsersQueryResult"}},
		{"graphql-ruby", `Field 'users' doesn't accept argument 'after'`, Problem{Kind: UnknownArgument, Name: "after", On: "users"}},
		{"graphql-ruby", `Type mismatch on variable $invitationId and argument invitationId (ID! / Int!)`, Problem{Kind: VariableType, Name: "invitationId", Type: "Int!"}},
		{"graphql-ruby", `Nullability mismatch on variable $invitationId and argument invitationId (ID / ID!)`, Problem{Kind: VariableType, Name: "invitationId", Type: "ID!"}},
		{"graphql-ruby", `List dimension mismatch on variable $ids and argument ids (ID! / [ID!]!)`, Problem{Kind: VariableType, Name: "ids", Type: "[ID!]!"}},
		{"graphql-ruby", `Cursor isn't a defined input type (on $after)`, Problem{Kind: UnknownType, Name: "Cursor"}},
		{"graphql-java", `Validation error of type FieldUndefined: Field 'pageInfo' in type 'UserConnection' is undefined @ 'listUsers/userConnection/pageInfo'`, Problem{Kind: UnknownField, Name: "pageInfo", On: "UserConnection"}},
		{"graphql-java", `Validation error of type UnknownArgument: Unknown field argument after @ 'listUsers'`, Problem{Kind: UnknownArgument, Name: "after", On: "listUsers"}},
		{"graphql-java", `Validation error of type MissingFieldArgument: Missing field argument input @ 'listUsers'`, Problem{Kind: MissingArgument, Name: "input", On: "listUsers"}},
		{"graphql-java", `Validation error of type UnknownType: Unknown type Cursor`, Problem{Kind: UnknownType, Name: "Cursor"}},
	} {
		got := Problems(&Error{Kind: KindGraphQL, Messages: []string{c.msg}})
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s %q:\n got %+v\nwant %+v", c.dialect, c.msg, got, c.want)
		}
	}
	got := Problems(&Error{Kind: KindGraphQL, Messages: []string{`Field 'removeUserConnection' is missing required arguments: userContextId, reason`}})
	if len(got) != 2 || got[0].Name != "userContextId" || got[1].Name != "reason" || got[1].Kind != MissingArgument {
		t.Errorf("graphql-ruby lists several missing arguments at once: %+v", got)
	}
	if got := Problems(&Error{Kind: KindServer, Messages: []string{`Cannot query field "x" on type "Y".`}}); got != nil {
		t.Errorf("only the server's GraphQL answer is read for problems: %+v", got)
	}
	if got := Problems(errors.New(`Cannot query field "x" on type "Y".`)); got != nil {
		t.Errorf("an error that is not the server's says nothing of its schema: %+v", got)
	}
}

// A documented schema answers the same questions as an introspected one,
// and paths mean the same whatever the server calls its types.
func TestDocumentedSchemaResolvesPaths(t *testing.T) {
	s := MustParseSDL("t", `
		schema { query: Root }
		type Root { users(first: Int, after: String): Result, node(id: ID!): Node }
		type Result { nodes: [User!]! pageInfo: Info }
		type Info { hasNextPage: Boolean }
		interface Node { id: ID! }
		type User implements Node { id: ID! licenses: [License] }
		enum License { VIEWER ADMIN }
		input In { ids: [ID!]! = [] }`)
	for path, want := range map[string]bool{
		"Query.users": true, "Query.users(after)": true, "Query.users(before)": false,
		"Query.users.pageInfo.hasNextPage": true, "Query.users.totalCount": false,
		"User.licenses": true, "User.groups": false, "Group.members": false, "Query.nodes": false,
	} {
		if got := s.Resolves(path); got != want {
			t.Errorf("Resolves(%q) = %v, want %v", path, got, want)
		}
	}
	if got := s.Enum("License"); strings.Join(got, ",") != "VIEWER,ADMIN" {
		t.Errorf("enum values %v", got)
	}
	f, _ := s.Query("node")
	if f.Args[0].Type.String() != "ID!" || !f.Args[0].Type.Required() {
		t.Errorf("node(id:) is %s", f.Args[0].Type)
	}
	in := s.Types["In"].InputFields[0]
	if in.Type.String() != "[ID!]!" || in.DefaultValue == nil || *in.DefaultValue != "[]" {
		t.Errorf("input field %+v", in)
	}
}

// usersSDL is a server with users(first:) and no cursors, like a Scope
// server that pages as its documentation shows.
const usersSDL = `type Query { users(first: Int): Result }
type Result { nodes: [String!]! total: Int! }`

type usersRoot struct{}

type usersResult struct{ n int32 }

func (*usersRoot) Users(args struct{ First *int32 }) *usersResult {
	n := int32(3)
	if args.First != nil {
		n = min(n, *args.First)
	}
	return &usersResult{n: n}
}
func (r *usersResult) Nodes() []string {
	return []string{"ada", "bob", "cy"}[:r.n]
}
func (r *usersResult) Total() int32 { return 3 }

// docServer serves usersSDL (graph-gophers validates every document),
// refusing introspection when refuse is set, answering rejected documents
// with status, and counting the documents it receives.
type docServer struct {
	*httptest.Server
	mu   sync.Mutex
	docs []string
	// hold, when set, keeps each answer back until it is closed
	hold chan struct{}
}

func newDocServer(t *testing.T, refuse bool, status int) *docServer {
	schema := graphql.MustParseSchema(usersSDL, &usersRoot{})
	s := &docServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Query     string         `json:"query"`
			Variables map[string]any `json:"variables"`
		}
		_ = json.NewDecoder(r.Body).Decode(&req)
		s.mu.Lock()
		s.docs = append(s.docs, req.Query)
		hold := s.hold
		s.mu.Unlock()
		if hold != nil {
			<-hold
		}
		w.Header().Set("Content-Type", "application/json")
		if refuse && strings.Contains(req.Query, "__schema") {
			w.WriteHeader(status)
			_, _ = w.Write([]byte(`{"errors":[{"message":"GraphQL introspection is not allowed, but the query contained __schema or __type"}]}`))
			return
		}
		for k, v := range req.Variables {
			if f, ok := v.(float64); ok {
				req.Variables[k] = int32(f)
			}
		}
		resp := schema.Exec(r.Context(), req.Query, "", req.Variables)
		if len(resp.Errors) > 0 && resp.Data == nil {
			w.WriteHeader(status)
		}
		_ = json.NewEncoder(w).Encode(resp)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *docServer) sent() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.docs...)
}

var usersDoc = MustTemplate("users", `query Users($first: Int{{if .Has "Query.users(after)"}}, $after: String{{end}}) {
  users(first: $first{{if .Has "Query.users(after)"}}, after: $after{{end}}) {
    nodes total {{if .Has "Query.users.pageInfo"}}pageInfo { hasNextPage endCursor }{{end}}
  }
}`)

type usersOut struct {
	Users struct {
		Nodes []string
		Total int
	}
}

// Without introspection, rosterm tries what it would like to use; the
// server's validation error names what it lacks, which is dropped, the
// query sent again once, and never sent in that shape again.
func TestAnOptionalPartTheServerLacksIsDroppedOnceAndRemembered(t *testing.T) {
	for _, status := range []int{http.StatusOK, http.StatusBadRequest} {
		srv := newDocServer(t, true, status)
		c := newClient(t, srv.URL, nil)
		c.caps.documented = MustParseSDL("documented", usersSDL)
		var out usersOut
		in, err := c.QueryDoc(context.Background(), usersDoc, &out, map[string]any{"first": 2, "after": "x"})
		if err != nil || strings.Join(out.Users.Nodes, ",") != "ada,bob" || out.Users.Total != 3 {
			t.Fatalf("HTTP %d: the query answers without its optional parts: %v %+v", status, err, out)
		}
		if len(in) != 0 {
			t.Errorf("the answer is to a document without optional parts, not %v", in)
		}
		docs := srv.sent()
		if len(docs) != 3 || !strings.Contains(docs[1], "pageInfo") || strings.Contains(docs[2], "after") || strings.Contains(docs[2], "pageInfo") {
			t.Fatalf("want introspection, the full document, the reduced one; got %d documents:\n%s", len(docs), strings.Join(docs, "\n---\n"))
		}
		if _, err := c.QueryDoc(context.Background(), usersDoc, &out, map[string]any{"first": 2, "after": "x"}); err != nil {
			t.Fatal(err)
		}
		if docs := srv.sent(); len(docs) != 4 || docs[3] != docs[2] {
			t.Errorf("the second time, only the reduced document is sent: %d documents", len(docs))
		}
		if known, why := c.Capabilities().Introspection(); !known || !strings.Contains(why, "introspection is not allowed") {
			t.Errorf("introspection refused is known, with the server's reason: %v %q", known, why)
		}
		if got := strings.Join(c.Capabilities().Absent(), ","); got != "Query.users(after),Query.users.pageInfo" {
			t.Errorf("absent: %s", got)
		}
		s, err := c.Schema(context.Background())
		if err != nil || !s.Resolves("Query.users") {
			t.Errorf("without introspection the documented schema stands in: %v", err)
		}
	}
}

// A server that describes itself is asked once, and nothing it lacks is
// ever sent to it.
func TestIntrospectionMeansNoGuessing(t *testing.T) {
	srv := newDocServer(t, false, http.StatusOK)
	c := newClient(t, srv.URL, nil)
	var out usersOut
	for range 2 {
		if _, err := c.QueryDoc(context.Background(), usersDoc, &out, map[string]any{"first": 1, "after": "x"}); err != nil {
			t.Fatal(err)
		}
	}
	docs := srv.sent()
	if len(docs) != 3 || !strings.Contains(docs[0], "__schema") || strings.Contains(docs[1], "after") {
		t.Errorf("want one introspection then two queries without the parts it lacks:\n%s", strings.Join(docs, "\n---\n"))
	}
	if has, err := c.Has(context.Background(), "Query.users(after)"); err != nil || has {
		t.Errorf("Has(users(after)) = %v, %v", has, err)
	}
}

// A validation error about a part that is not optional is not guessed
// around: it is the answer.
func TestAnErrorAboutADocumentedPartIsReturned(t *testing.T) {
	srv := newDocServer(t, true, http.StatusOK)
	c := newClient(t, srv.URL, nil)
	broken := MustTemplate("broken", `query { users(first: 1) { nodes missing {{if .Has "Query.users.pageInfo"}}pageInfo { hasNextPage }{{end}} } }`)
	var out usersOut
	_, err := c.QueryDoc(context.Background(), broken, &out, nil)
	if KindOf(err) != KindGraphQL || !strings.Contains(err.Error(), `"missing"`) {
		t.Fatalf("want the server's error about the documented field, got %v", err)
	}
	// pageInfo was named too and dropped; the field that is not optional
	// stays and fails again: two documents, no more.
	if n := len(srv.sent()); n != 3 {
		t.Errorf("%d documents sent: one introspection and at most one retry", n)
	}
}

// A whole query a server may lack is asked for once; the server's "no such
// field" makes it absent for the endpoint, not an error.
func TestAnOptionalQueryTheServerLacksIsAskedOnce(t *testing.T) {
	srv := newDocServer(t, true, http.StatusOK)
	c := newClient(t, srv.URL, nil)
	run := func() error {
		var out struct{ Groups []string }
		return c.Exec(context.Background(), `{ groups }`, &out, nil)
	}
	for range 2 {
		ok, err := c.Optional(context.Background(), "Query.groups", run)
		if ok || err != nil {
			t.Fatalf("a server without groups: ok=%v err=%v", ok, err)
		}
	}
	if n := len(srv.sent()); n != 2 {
		t.Errorf("%d documents: introspection, then groups once", n)
	}
	ok, err := c.Optional(context.Background(), "Query.users", func() error {
		var out usersOut
		return c.Exec(context.Background(), `{ users(first: 1) { nodes total } }`, &out, nil)
	})
	if !ok || err != nil {
		t.Errorf("a query the server has runs: ok=%v err=%v", ok, err)
	}
}

// A variable whose type the vendor never showed is declared as documented
// (or guessed); the server's validation says what it expects, and that
// type is used from then on.
func TestAVariableTakesTheTypeTheServerExpects(t *testing.T) {
	srv := newDocServer(t, true, http.StatusOK)
	c := newClient(t, srv.URL, nil)
	guessed := MustTemplate("guessed", `query Users({{.Var "first" "Count"}}) { users(first: $first) { nodes } }`)
	var out usersOut
	// The value too is sent as the type wants it: a number for an Int.
	if _, err := c.QueryDoc(context.Background(), guessed, &out, map[string]any{"first": "1"}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(out.Users.Nodes, ",") != "ada" {
		t.Errorf("nodes %v", out.Users.Nodes)
	}
	docs := srv.sent()
	if len(docs) != 3 || !strings.Contains(docs[1], "$first: String") || !strings.Contains(docs[2], "$first: Int") {
		t.Fatalf("want the unknown type tried as String, then the type the server asked for:\n%s", strings.Join(docs, "\n---\n"))
	}
	if _, err := c.QueryDoc(context.Background(), guessed, &out, map[string]any{"first": 1}); err != nil {
		t.Fatal(err)
	}
	if docs := srv.sent(); len(docs) != 4 || !strings.Contains(docs[3], "$first: Int") {
		t.Errorf("the learned type is used from then on")
	}
}

// Requests for one guessed document wait for the first one's answer, and
// a caller that gives up does not lose what that answer teaches: the
// guess is sent once, whoever asks and whenever they give up.
func TestAGuessIsSentOnceWhoeverAsks(t *testing.T) {
	srv := newDocServer(t, true, http.StatusOK)
	c := newClient(t, srv.URL, nil)
	var out usersOut
	if _, err := c.Has(context.Background(), "Query.users"); err != nil { // the introspection refused
		t.Fatal(err)
	}
	hold := make(chan struct{})
	srv.mu.Lock()
	srv.hold = hold
	srv.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = c.QueryDoc(ctx, usersDoc, &usersOut{}, map[string]any{"first": 1})
		}()
	}
	for len(srv.sent()) < 2 {
		time.Sleep(time.Millisecond)
	}
	cancel() // every caller gives up while the guess is in flight
	wg.Wait()
	srv.mu.Lock()
	srv.hold = nil
	srv.mu.Unlock()
	close(hold)
	for len(c.Capabilities().Absent()) == 0 {
		time.Sleep(time.Millisecond) // the guess's answer arrives after all
	}
	if _, err := c.QueryDoc(context.Background(), usersDoc, &out, map[string]any{"first": 1}); err != nil {
		t.Fatal(err)
	}
	full := 0
	for _, d := range srv.sent() {
		if strings.Contains(d, "pageInfo") {
			full++
		}
	}
	if full != 1 {
		t.Errorf("the guessed document was sent %d times:\n%s", full, strings.Join(srv.sent(), "\n---\n"))
	}
}
