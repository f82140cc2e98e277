package demo_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	demoscope "github.com/rosterm/rosterm/api/demo/scope"
	demovision "github.com/rosterm/rosterm/api/demo/vision"
	"github.com/rosterm/rosterm/api/documented"
)

// The strict demo, seen as a client sees it: real HTTP, each vendor's
// credentials.

var apis = []string{"opigno", "scope", "vision"}

// credentials are the headers that authenticate to api on the server at url.
func credentials(t *testing.T, url, api string) http.Header {
	t.Helper()
	switch api {
	case "opigno":
		return http.Header{"Authorization": {"Bearer " + demoopigno.DemoToken}, "Opigno-Client-UUID": {demoopigno.AdminUUID}}
	case "scope":
		return http.Header{"Authorization": {"Token token=" + demoscope.DemoToken}}
	}
	body := fmt.Sprintf(`{"api_key":%q,"api_secret":%q}`, demovision.DemoKey, demovision.DemoSecret)
	resp, err := http.Post(url+"/vision/token", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.Token == "" {
		t.Fatalf("vision token: %v", err)
	}
	return http.Header{"Authorization": {tok.Token}}
}

// answer is a GraphQL answer with its errors kept whole.
type answer struct {
	Data   json.RawMessage  `json:"data"`
	Errors []map[string]any `json:"errors"`
}

func (a answer) messages() []string {
	var out []string
	for _, e := range a.Errors {
		m, _ := e["message"].(string)
		out = append(out, m)
	}
	return out
}

func (a answer) refused() bool {
	return (len(a.Data) == 0 || string(a.Data) == "null") && len(a.Errors) > 0
}

// send posts a document to api and returns the HTTP status and the answer.
func send(t *testing.T, url, api string, h http.Header, query string, vars map[string]any) (int, answer) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, url+"/"+api+"/graphql", bytes.NewReader(body))
	req.Header = h.Clone()
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var a answer
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatalf("%s: %v\n%s", api, err, raw)
	}
	return resp.StatusCode, a
}

// run sends a document that must run without errors and decodes its data.
func run(t *testing.T, url, api string, h http.Header, query string, vars map[string]any, out any) {
	t.Helper()
	status, a := send(t, url, api, h, query, vars)
	if status != http.StatusOK || len(a.Errors) > 0 {
		t.Fatalf("%s: HTTP %d, errors %v\n%s", api, status, a.messages(), query)
	}
	if out != nil {
		if err := json.Unmarshal(a.Data, out); err != nil {
			t.Fatalf("%s: %v\n%s", api, err, a.Data)
		}
	}
}

// describe lists a schema's named types, fields, arguments, input fields
// and enum values, one per line, as rosterm's introspection reads them.
func describe(s *api.Schema) []string {
	var out []string
	for name, typ := range s.Types {
		if strings.HasPrefix(name, "__") {
			continue
		}
		out = append(out, typ.Kind+" "+name)
		for _, f := range typ.Fields {
			var args []string
			for _, a := range f.Args {
				args = append(args, a.Name+": "+a.Type.String()+defaultOf(a))
			}
			out = append(out, fmt.Sprintf("%s.%s(%s): %s", name, f.Name, strings.Join(args, ", "), f.Type))
		}
		for _, f := range typ.InputFields {
			out = append(out, fmt.Sprintf("%s.%s: %s%s", name, f.Name, f.Type, defaultOf(f)))
		}
		for _, v := range typ.EnumValues {
			out = append(out, name+"."+v)
		}
	}
	slices.Sort(out)
	return out
}

func defaultOf(v api.InputValue) string {
	if v.DefaultValue == nil {
		return ""
	}
	return " = " + *v.DefaultValue
}

// rosterm's own introspection of the strict server finds exactly what the
// vendors document: every type, field and argument, and nothing the demo
// adds.
func TestRostermIntrospectsTheContract(t *testing.T) {
	srv := demotest.Start(t, demo.Options{Strict: true})
	contracts := map[string]string{"opigno": documented.Opigno, "scope": documented.Scope, "vision": documented.Vision}
	for _, name := range apis {
		c, err := api.NewClient(api.Endpoint{URL: srv.URL + "/" + name + "/graphql",
			Auth: api.Static(credentials(t, srv.URL, name)), Timeout: 10 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		got, err := c.Schema(ctx)
		cancel()
		c.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := describe(api.MustParseSDL(name, contracts[name]))
		if d := describe(got); !slices.Equal(d, want) {
			for _, l := range d {
				if !slices.Contains(want, l) {
					t.Errorf("%s: introspection shows %s, the contract does not", name, l)
				}
			}
			for _, l := range want {
				if !slices.Contains(d, l) {
					t.Errorf("%s: introspection lacks %s", name, l)
				}
			}
		}
		for _, demoOnly := range [][2]string{{"Query", "getUserCommunities"}, {"Query", "getCurrentUserContext"}, {"User", "originGroup"}, {"UsersQueryResult", "pageInfo"}} {
			if got.HasField(demoOnly[0], demoOnly[1]) {
				t.Errorf("%s: the DEMO-ONLY %s.%s shows", name, demoOnly[0], demoOnly[1])
			}
		}
		if users, ok := got.Query("users"); ok && slices.ContainsFunc(users.Args, func(a api.InputValue) bool { return a.Name == "after" }) {
			t.Errorf("%s: Query.users takes the DEMO-ONLY after", name)
		}
	}
	if len(srv.Calls("__schema")) < len(apis) || len(srv.Refused()) != 0 {
		t.Errorf("introspection was not answered: %d calls, refused %v", len(srv.Calls("__schema")), srv.Refused())
	}
}

// graphql-js's getIntrospectionQuery, every option on, as GraphiQL sends it.
const graphiQLIntrospection = `query IntrospectionQuery {
  __schema {
    description
    queryType { name kind }
    mutationType { name kind }
    subscriptionType { name kind }
    types { ...FullType }
    directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description specifiedByURL isOneOf
  fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated deprecationReason }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } } }`

func TestGraphiQLIntrospectsTheContract(t *testing.T) {
	srv := demotest.Start(t, demo.Options{Strict: true})
	var data struct {
		Schema struct {
			QueryType struct{ Name string }
			Types     []struct {
				Name, Kind  string
				Description *string
				Fields      []struct{ Name string }
			}
			Directives []struct {
				Name         string
				IsRepeatable *bool
			}
		} `json:"__schema"`
	}
	run(t, srv.URL, "opigno", credentials(t, srv.URL, "opigno"), graphiQLIntrospection, nil, &data)
	s := data.Schema
	if s.QueryType.Name != "Query" || len(s.Directives) == 0 || s.Directives[0].IsRepeatable == nil {
		t.Fatalf("schema %+v", s)
	}
	var names []string
	for _, typ := range s.Types {
		names = append(names, typ.Name)
		switch typ.Name {
		case "Cta":
			if typ.Description == nil || !strings.HasPrefix(*typ.Description, "CTA = server-computed") {
				t.Errorf("Cta's description: %v", typ.Description)
			}
		case "Query":
			for _, f := range typ.Fields {
				if f.Name == "getUserCommunities" {
					t.Error("GraphiQL sees getUserCommunities")
				}
			}
		}
	}
	for _, want := range []string{"UserConnectionNodeConnection", "CtaKeyValue", "MobileAppSettings", "BooleanResponse"} {
		if !slices.Contains(names, want) {
			t.Errorf("no type %s", want)
		}
	}
	for _, demoOnly := range []string{"CommunityConnection", "Violation", "Response"} {
		if slices.Contains(names, demoOnly) {
			t.Errorf("the demo's own type %s shows", demoOnly)
		}
	}
}

// A server that refuses introspection says so in its vendor's words,
// however the document asks (aliased, in a fragment); __typename is not
// introspection.
func TestNoIntrospectionInEachVendorsWords(t *testing.T) {
	want := map[string]string{
		"opigno": "GraphQL introspection is not allowed, but the query contained __schema or __type",
		"scope":  "Field '__schema' doesn't exist on type 'Query'",
		"vision": "GraphQL introspection is not allowed for this API",
	}
	docs := []string{
		`{ __schema { queryType { name } } }`,
		`{ s: __schema { types { name } } }`,
		`query { ...F } fragment F on Query { __schema { queryType { name } } }`,
		`{ ... on Query { t: __schema { queryType { name } } } }`,
	}
	for _, strict := range []bool{false, true} {
		srv := demotest.Start(t, demo.Options{Strict: strict, NoIntrospection: true})
		for _, name := range apis {
			h := credentials(t, srv.URL, name)
			for _, doc := range docs {
				status, a := send(t, srv.URL, name, h, doc, nil)
				if status != http.StatusOK || !a.refused() || len(a.Errors) != 1 || a.messages()[0] != want[name] || a.Errors[0]["locations"] == nil {
					t.Errorf("%s, strict %v, %s: HTTP %d %s %v", name, strict, doc, status, a.Data, a.Errors)
				}
			}
			_, a := send(t, srv.URL, name, h, `{ t: __type(name: "Query") { name } }`, nil)
			if !a.refused() || (name == "scope" && a.messages()[0] != "Field '__type' doesn't exist on type 'Query'") {
				t.Errorf("%s, strict %v, __type: %s %v", name, strict, a.Data, a.Errors)
			}
			var data map[string]string
			run(t, srv.URL, name, h, `{ __typename }`, nil, &data)
			if data["__typename"] != "Query" {
				t.Errorf("%s: __typename %v", name, data)
			}
		}
	}
}

// A document the contract does not allow is refused before it runs, every
// problem in the vendor's own implementation's words, each with where it is.
func TestInvalidDocumentsInEachVendorsWords(t *testing.T) {
	srv := demotest.Start(t, demo.Options{Strict: true})
	for _, tc := range []struct {
		api, doc string
		want     []string // message, then its line, one after the other
	}{
		{"opigno", `query Q($first: String, $x: Nope) {
  getCommunity(communityId: 2, title: "x") { response { title slogan } }
  getPossibleUserConnections(first: $first) { totalItems }
  getPossibleCommunityInvitees { totalItems }
}`, []string{
			`Unknown type "Nope".`, "1",
			`Variable "$x" is never used in operation "Q".`, "1",
			`Unknown argument "title" on field "getCommunity" of type "Query".`, "2",
			`Cannot query field "slogan" on type "Community".`, "2",
			`Variable "$first" of type "String" used in position expecting type "Int".`, "3",
			`Field "getPossibleCommunityInvitees" argument "communityId" of type "ID!" is required but not provided.`, "4",
		}},
		{"scope", `query Q($first: String, $x: Nope) {
  viewer { nickname currentOrganization { members(first: $first) { nodes { id } } } }
  users(fullText: "a", after: "x") { totalCount }
  node { id }
}`, []string{
			`Nope isn't a defined input type (on $x)`, "1",
			`Variable $x is declared by Q but not used`, "1",
			`Field 'nickname' doesn't exist on type 'User'`, "2",
			`Type mismatch on variable $first and argument first (String / Int!)`, "2",
			`Field 'users' doesn't accept argument 'after'`, "3",
			`Field 'node' is missing required arguments: id`, "4",
		}},
		{"vision", `query Q($limit: String, $x: Nope) {
  listUsers(input: {limit: $limit}) { userConnection { items { id nickname } } }
  getUser(input: {id: "a"}, first: 1) { user { id } }
  getGroups { groups { id } }
}`, []string{
			`Validation error of type UnknownType: Unknown type Nope`, "1",
			`Validation error of type UnusedVariable: Unused variable x`, "1",
			`Validation error of type VariableTypeMismatch: Variable type 'String' doesn't match expected type 'Int!' @ 'listUsers'`, "2",
			`Validation error of type FieldUndefined: Field 'nickname' in type 'User' is undefined @ 'listUsers/userConnection/items/nickname'`, "2",
			`Validation error of type UnknownArgument: Unknown field argument first @ 'getUser'`, "3",
			`Validation error of type MissingFieldArgument: Missing field argument input @ 'getGroups'`, "4",
		}},
	} {
		status, a := send(t, srv.URL, tc.api, credentials(t, srv.URL, tc.api), tc.doc, nil)
		if status != http.StatusOK || !a.refused() || string(a.Data) != "null" {
			t.Errorf("%s: HTTP %d, data %s: want 200 with data null", tc.api, status, a.Data)
		}
		var got []string
		for _, e := range a.Errors {
			locs, _ := e["locations"].([]any)
			line := "no location"
			if len(locs) > 0 {
				line = fmt.Sprint(locs[0].(map[string]any)["line"])
			}
			got = append(got, e["message"].(string), line)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.api, got, tc.want)
		}
		switch tc.api {
		case "scope":
			e := a.Errors[2]
			if fmt.Sprint(e["path"]) != "[query Q viewer nickname]" || fmt.Sprint(e["extensions"]) != "map[code:undefinedField fieldName:nickname typeName:User]" {
				t.Errorf("graphql-ruby's path and extensions: %v", e)
			}
		case "vision":
			for _, e := range a.Errors {
				if e["errorType"] != "ValidationError" {
					t.Errorf("AppSync's errorType: %v", e)
				}
			}
		}
		if n := srv.Refused()[tc.doc]; n != 1 {
			t.Errorf("%s: the refused document is counted %d times", tc.api, n)
		}
	}
}

// What only the demo offers is refused by the strict server, as by a real
// one, and still works on the demo.
func TestDemoOnlyQueriesOnlyOnTheDemo(t *testing.T) {
	demoOnly := map[string][]string{
		"opigno": {
			`{ getUserCommunities(first: 1) { totalItems } }`,
			`{ getCurrentUserContext { uuid } }`,
			`{ getSentUserInvitations(first: 1) { totalItems } }`,
			`{ getPendingCommunityInvitations(first: 1) { totalItems } }`,
		},
		"scope": {
			`{ users(first: 1, after: null) { nodes { id } } }`,
			`{ users(first: 1) { pageInfo { hasNextPage endCursor } } }`,
			`{ viewer { originGroup { name } } }`,
			`{ viewer { currentOrganization { groups(first: 2) { nodes { name } } } } }`,
		},
	}
	strict := demotest.Start(t, demo.Options{Strict: true})
	rich := demotest.Start(t, demo.Options{})
	for name, docs := range demoOnly {
		for _, doc := range docs {
			if _, a := send(t, strict.URL, name, credentials(t, strict.URL, name), doc, nil); !a.refused() {
				t.Errorf("strict %s ran %s: %s", name, doc, a.Data)
			}
			run(t, rich.URL, name, credentials(t, rich.URL, name), doc, nil, nil)
		}
	}
	// The demo refuses what its own schema lacks, in graph-gophers' words;
	// demotest counts that as refused too, not as the test's failure.
	for range 2 {
		if _, a := send(t, rich.URL, "scope", credentials(t, rich.URL, "scope"), `{ nope }`, nil); !a.refused() {
			t.Errorf("the demo ran { nope }: %s", a.Data)
		}
	}
	if len(strict.Refused()) != 8 || len(rich.Refused()) != 1 || rich.Refused()["{ nope }"] != 2 {
		t.Errorf("refused: strict %v, demo %v", strict.Refused(), rich.Refused())
	}
}

type ctaJSON struct {
	ActionID  string `json:"actionId"`
	Arguments []struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	} `json:"arguments"`
}

func (c ctaJSON) keys() string {
	var out []string
	for _, a := range c.Arguments {
		out = append(out, a.Key)
	}
	return strings.Join(out, ",")
}

// ctaKeys returns, by action id, the argument keys of the CTAs the
// administrator is offered on the network, the invitations received and
// the possible connections.
func ctaKeys(t *testing.T, url string, h http.Header) map[string]string {
	t.Helper()
	type conn struct {
		Edges []struct {
			Node struct {
				Cta []ctaJSON `json:"cta"`
			} `json:"node"`
		} `json:"edges"`
	}
	var data map[string]conn
	run(t, url, "opigno", h, `{
  network: getUserConnectionsNetwork(first: 2) { edges { node { cta { actionId arguments { key value } } } } }
  received: getPendingUserInvitations(first: 2) { edges { node { cta { actionId arguments { key value } } } } }
  possible: getPossibleUserConnections(first: 2) { edges { node { cta { actionId arguments { key value } } } } }
}`, nil, &data)
	out := map[string]string{}
	for _, c := range data {
		for _, e := range c.Edges {
			for _, cta := range e.Node.Cta {
				out[cta.ActionID] = cta.keys()
			}
		}
	}
	return out
}

// No source shows the keys of a CTA's arguments; the strict demo names
// some by aliases, so a client must map them to the mutation's arguments.
func TestStrictCTAsNameArgumentsByAliases(t *testing.T) {
	for _, tc := range []struct {
		strict bool
		want   map[string]string
	}{
		{true, map[string]string{"REMOVE_USER_CONNECTION": "uuid", "ACCEPT_USER_INVITATION": "id",
			"DECLINE_USER_INVITATION": "id", "CREATE_USER_INVITATION": "inviteeUserContextId"}},
		{false, map[string]string{"REMOVE_USER_CONNECTION": "userContextUuid", "ACCEPT_USER_INVITATION": "invitationId",
			"DECLINE_USER_INVITATION": "invitationId", "CREATE_USER_INVITATION": "inviteeUserContextId"}},
	} {
		srv := demotest.Start(t, demo.Options{Strict: tc.strict})
		got := ctaKeys(t, srv.URL, credentials(t, srv.URL, "opigno"))
		for action, keys := range tc.want {
			if got[action] != keys {
				t.Errorf("strict %v: %s carries %q, want %q", tc.strict, action, got[action], keys)
			}
		}
	}
}

// network returns the administrator's first n connections: id and uuid.
func network(t *testing.T, url string, h http.Header, n int) [][2]string {
	t.Helper()
	var data struct {
		Net struct {
			Edges []struct {
				Node struct {
					UserContext struct{ ID, UUID string } `json:"userContext"`
				} `json:"node"`
			} `json:"edges"`
		} `json:"getUserConnectionsNetwork"`
	}
	run(t, url, "opigno", h, fmt.Sprintf(`{ getUserConnectionsNetwork(first: %d) { edges { node { userContext { id uuid } } } } }`, n), nil, &data)
	var out [][2]string
	for _, e := range data.Net.Edges {
		out = append(out, [2]string{e.Node.UserContext.ID, e.Node.UserContext.UUID})
	}
	if len(out) != n {
		t.Fatalf("the administrator has %d connections, want %d", len(out), n)
	}
	return out
}

const (
	removeByUUID = `mutation($u: String!) { removeUserConnection(userContextUuid: $u) { errors response } }`
	removeByID   = `mutation($id: ID!) { removeUserConnection(userContextId: $id) { errors response } }`
)

// removed runs a removeUserConnection document and reports whether it
// removed the connection.
func removed(t *testing.T, url string, h http.Header, doc string, vars map[string]any) bool {
	t.Helper()
	var data struct {
		R struct {
			Errors   []string `json:"errors"`
			Response *bool    `json:"response"`
		} `json:"removeUserConnection"`
	}
	run(t, url, "opigno", h, doc, vars, &data)
	return len(data.R.Errors) == 0 && data.R.Response != nil && *data.R.Response
}

// removeUserConnection is documented two ways: the current page's
// userContextUuid, older copies' userContextId. The demo takes either; the
// strict demo documents one or the other, so clients can be tested
// against both.
func TestRemoveUserConnectionBothSpellings(t *testing.T) {
	rich := demotest.Start(t, demo.Options{})
	h := credentials(t, rich.URL, "opigno")
	conns := network(t, rich.URL, h, 3)
	if !removed(t, rich.URL, h, removeByUUID, map[string]any{"u": conns[0][1]}) ||
		!removed(t, rich.URL, h, removeByID, map[string]any{"id": conns[1][0]}) ||
		!removed(t, rich.URL, h, removeByID, map[string]any{"id": conns[2][1]}) {
		t.Error("the demo does not take both spellings (and a uuid as userContextId)")
	}
	if removed(t, rich.URL, h, `mutation { removeUserConnection { errors response } }`, nil) {
		t.Error("naming no context removed one")
	}

	current := demotest.Start(t, demo.Options{Strict: true})
	h = credentials(t, current.URL, "opigno")
	conns = network(t, current.URL, h, 1)
	if !removed(t, current.URL, h, removeByUUID, map[string]any{"u": conns[0][1]}) {
		t.Error("strict: userContextUuid")
	}
	if _, a := send(t, current.URL, "opigno", h, removeByID, map[string]any{"id": "5"}); !a.refused() ||
		!slices.ContainsFunc(a.messages(), func(m string) bool {
			return strings.HasPrefix(m, `Unknown argument "userContextId" on field "removeUserConnection" of type "Mutation".`)
		}) {
		t.Errorf("strict, current page: userContextId %v", a.messages())
	}

	older := demotest.Start(t, demo.Options{Strict: true, OpignoRemoveByID: true})
	h = credentials(t, older.URL, "opigno")
	conns = network(t, older.URL, h, 2)
	if !removed(t, older.URL, h, removeByID, map[string]any{"id": conns[0][0]}) ||
		!removed(t, older.URL, h, removeByID, map[string]any{"id": conns[1][1]}) {
		t.Error("strict, older copies: userContextId")
	}
	if _, a := send(t, older.URL, "opigno", h, removeByUUID, map[string]any{"u": conns[0][1]}); !a.refused() {
		t.Errorf("strict, older copies: userContextUuid %v", a.messages())
	}
}

// A strict Scope older than 2.28.1 is the contract without Query.users:
// the legacy path through viewer's organization still answers.
func TestStrictLegacyScope(t *testing.T) {
	srv := demotest.Start(t, demo.Options{Strict: true, ScopeLegacy: true})
	h := credentials(t, srv.URL, "scope")
	if _, a := send(t, srv.URL, "scope", h, `{ users(first: 1) { totalCount } }`, nil); !a.refused() ||
		a.messages()[0] != "Field 'users' doesn't exist on type 'Query'" {
		t.Errorf("users on a legacy server: %v", a.messages())
	}
	var data struct {
		Viewer struct {
			CurrentOrganization struct {
				Members struct{ Nodes []struct{ Email string } }
			} `json:"currentOrganization"`
		}
	}
	run(t, srv.URL, "scope", h, `query($q: String, $first: Int!) { viewer { currentOrganization { members(fullText: $q, first: $first) { nodes { email } } } } }`,
		map[string]any{"q": "luke@jedi.org", "first": 1}, &data)
	if n := data.Viewer.CurrentOrganization.Members.Nodes; len(n) != 1 || n[0].Email != "luke@jedi.org" {
		t.Errorf("members: %+v", n)
	}
}
