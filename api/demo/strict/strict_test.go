package strict

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	graphql "github.com/graph-gophers/graphql-go"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

// A small API: the vendor documents less than the server implements, and
// documents Thing.tag as one Tag where the server answers a list.
const (
	documentedSDL = `
type Query {
  thing(id: ID!): Thing
  things(first: Int): [Thing]
}
type Mutation { rename(id: ID!, name: String!): Thing }
type Thing {
  id: ID
  name: String
  tag: Tag
}
type Tag { label: String }
`
	richSDL = `
schema { query: Query mutation: Mutation }
type Query {
  thing(id: ID!): Thing
  things(first: Int, after: String): [Thing]
  secret: String
}
type Mutation { rename(id: ID!, name: String!): Thing }
type Thing {
  id: ID!
  name: String
  tag: [Tag]
  extra: String
}
type Tag { label: String }
`
)

type root struct{}

type thing struct{ id, name string }

func (t *thing) ID() graphql.ID { return graphql.ID(t.id) }
func (t *thing) Name() *string  { return &t.name }
func (t *thing) Extra() *string { s := "extra"; return &s }
func (t *thing) Tag() *[]*tag   { return &[]*tag{{"first " + t.name}, {"second"}} }
func (r *root) Secret() *string { s := "secret"; return &s }
func (r *root) Thing(args struct{ ID graphql.ID }) *thing {
	return &thing{string(args.ID), "Thing " + string(args.ID)}
}
func (r *root) Things(args struct {
	First *int32
	After *string
}) *[]*thing {
	return &[]*thing{{"1", "one"}, {"2", "two"}}
}
func (r *root) Rename(args struct {
	ID   graphql.ID
	Name string
}) *thing {
	return &thing{string(args.ID), args.Name}
}

type tag struct{ label string }

func (t *tag) Label() *string { return &t.label }

// serve runs the small API behind a gate over real HTTP.
func serve(t *testing.T, c Config) string {
	t.Helper()
	h := gqlserve.Handler{Schema: graphql.MustParseSchema(richSDL, &root{}), Gate: MustNew(c)}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

type result struct {
	Data   json.RawMessage  `json:"data"`
	Errors []map[string]any `json:"errors"`
}

func post(t *testing.T, url, query string, vars map[string]any) (string, result) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, raw)
	}
	var r result
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	return string(raw), r
}

func messages(r result) []string {
	var out []string
	for _, e := range r.Errors {
		out = append(out, e["message"].(string))
	}
	return out
}

// A document the documentation does not cover is refused before it runs,
// every problem in the vendor's own words, with where it is.
func TestInvalidDocumentsInEachDialect(t *testing.T) {
	const doc = `query Q($id: String, $n: Nope) {
  thing(id: $id) { name extra }
  things(after: "x") { id }
  rename(name: "x") { id }
}`
	for _, tc := range []struct {
		dialect Dialect
		want    []string
	}{
		{GraphQLPHP, []string{
			`Unknown type "Nope".`,
			`Variable "$n" is never used in operation "Q".`,
			`Variable "$id" of type "String" used in position expecting type "ID!".`,
			`Cannot query field "extra" on type "Thing".`,
			`Unknown argument "after" on field "things" of type "Query".`,
			`Cannot query field "rename" on type "Query".`,
		}},
		{GraphQLRuby, []string{
			`Nope isn't a defined input type (on $n)`,
			`Variable $n is declared by Q but not used`,
			`Type mismatch on variable $id and argument id (String / ID!)`,
			`Field 'extra' doesn't exist on type 'Thing'`,
			`Field 'things' doesn't accept argument 'after'`,
			`Field 'rename' doesn't exist on type 'Query'`,
		}},
		{AppSync, []string{
			`Validation error of type UnknownType: Unknown type Nope`,
			`Validation error of type UnusedVariable: Unused variable n`,
			`Validation error of type VariableTypeMismatch: Variable type 'String' doesn't match expected type 'ID!' @ 'thing'`,
			`Validation error of type FieldUndefined: Field 'extra' in type 'Thing' is undefined @ 'thing/extra'`,
			`Validation error of type UnknownArgument: Unknown field argument after @ 'things'`,
			`Validation error of type FieldUndefined: Field 'rename' in type 'Query' is undefined @ 'rename'`,
		}},
	} {
		url := serve(t, Config{Dialect: tc.dialect, Schema: documentedSDL})
		raw, r := post(t, url, doc, nil)
		if string(r.Data) != "null" {
			t.Errorf("dialect %d: data %s, want null", tc.dialect, r.Data)
		}
		got := messages(r)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("dialect %d:\n got %q\nwant %q", tc.dialect, got, tc.want)
		}
		for _, e := range r.Errors {
			if locs, _ := e["locations"].([]any); len(locs) == 0 {
				t.Errorf("dialect %d: %q has no location", tc.dialect, e["message"])
			}
		}
		switch tc.dialect {
		case GraphQLRuby:
			if !strings.Contains(raw, `"path":["query Q","thing","extra"],"extensions":{"code":"undefinedField","fieldName":"extra","typeName":"Thing"}`) {
				t.Errorf("graphql-ruby's path and code missing: %s", raw)
			}
		case AppSync:
			if strings.Count(raw, `"errorType":"ValidationError"`) != len(tc.want) {
				t.Errorf("AppSync's errorType missing: %s", raw)
			}
		}
	}
}

func TestMissingArgumentsInEachDialect(t *testing.T) {
	const doc = "mutation {\n  rename { id }\n}"
	for d, want := range map[Dialect][]string{
		GraphQLPHP: {`Field "rename" argument "id" of type "ID!" is required but not provided.`,
			`Field "rename" argument "name" of type "String!" is required but not provided.`},
		GraphQLRuby: {`Field 'rename' is missing required arguments: id, name`},
		AppSync: {`Validation error of type MissingFieldArgument: Missing field argument id @ 'rename'`,
			`Validation error of type MissingFieldArgument: Missing field argument name @ 'rename'`},
	} {
		_, r := post(t, serve(t, Config{Dialect: d, Schema: documentedSDL}), doc, nil)
		if got := messages(r); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("dialect %d: got %q, want %q", d, got, want)
		}
		loc, _ := r.Errors[0]["locations"].([]any)
		if len(loc) != 1 || loc[0].(map[string]any)["line"] != 2.0 || loc[0].(map[string]any)["column"] != 3.0 {
			t.Errorf("dialect %d: locations %v, want line 2 column 3", d, r.Errors[0]["locations"])
		}
	}
}

// Introspection is refused in each vendor's way, however it is spelled;
// __typename is not introspection.
func TestNoIntrospection(t *testing.T) {
	docs := []string{
		`{ __schema { queryType { name } } }`,
		`{ s: __schema { types { name } } }`,
		`{ __type(name: "Thing") { name } }`,
		`query { ...F } fragment F on Query { __schema { queryType { name } } }`,
		`{ ... on Query { t: __type(name: "Tag") { name } } }`,
	}
	for d, want := range map[Dialect]string{
		GraphQLPHP:  "GraphQL introspection is not allowed, but the query contained __schema or __type",
		GraphQLRuby: "doesn't exist on type 'Query'",
		AppSync:     "GraphQL introspection is not allowed for this API",
	} {
		for _, schema := range []string{documentedSDL, ""} { // strict or not
			url := serve(t, Config{Dialect: d, Schema: schema, NoIntrospection: true})
			for _, doc := range docs {
				_, r := post(t, url, doc, nil)
				if len(r.Errors) != 1 || !strings.Contains(messages(r)[0], want) || string(r.Data) != "null" {
					t.Errorf("dialect %d, strict %v, %s: %s %v", d, schema != "", doc, r.Data, r.Errors)
				}
			}
			_, r := post(t, url, `{ __typename thing(id: 1) { __typename name } }`, nil)
			if len(r.Errors) != 0 || string(r.Data) != `{"__typename":"Query","thing":{"__typename":"Thing","name":"Thing 1"}}` {
				t.Errorf("dialect %d: __typename: %s %v", d, r.Data, r.Errors)
			}
		}
	}
}

// Introspection answers from the documented schema: nothing the richer
// one adds, in whatever shape the request selects.
func TestIntrospectionIsTheDocumentedSchema(t *testing.T) {
	url := serve(t, Config{Dialect: GraphQLPHP, Schema: documentedSDL})
	_, r := post(t, url, `query($n: String!) {
  q: __type(name: "Query") { fields { name args { name } } }
  thing: __type(name: $n) { ...T }
  secret
  __schema { queryType { name } mutationType { name } directives { name isRepeatable } }
}
fragment T on __Type { name kind fields(includeDeprecated: true) { name type { kind name ofType { name } } } }`, map[string]any{"n": "Thing"})
	if got := messages(r); len(got) != 1 || got[0] != `Cannot query field "secret" on type "Query".` || string(r.Data) != "null" {
		t.Fatalf("a document selecting an undocumented field: %s %q", r.Data, got)
	}
	var data struct {
		Q struct {
			Fields []struct {
				Name string
				Args []struct{ Name string }
			}
		}
		Thing struct {
			Name, Kind string
			Fields     []struct {
				Name string
				Type struct {
					Kind, Name string
					OfType     *struct{ Name string }
				}
			}
		}
	}
	_, r = post(t, url, `query($n: String!) {
  q: __type(name: "Query") { fields { name args { name } } }
  thing: __type(name: $n) { ...T }
  __schema { queryType { name } directives { name isRepeatable } }
}
fragment T on __Type { name kind fields(includeDeprecated: true) { name type { kind name ofType { name } } } }`, map[string]any{"n": "Thing"})
	if len(r.Errors) != 0 {
		t.Fatal(r.Errors)
	}
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, f := range data.Q.Fields {
		fields = append(fields, f.Name)
		for _, a := range f.Args {
			fields = append(fields, f.Name+"("+a.Name+")")
		}
	}
	if got := strings.Join(fields, " "); got != "thing thing(id) things things(first)" {
		t.Errorf("Query's fields: %s", got)
	}
	if data.Thing.Name != "Thing" || data.Thing.Kind != "OBJECT" || len(data.Thing.Fields) != 3 ||
		data.Thing.Fields[0].Name != "id" || data.Thing.Fields[0].Type.Kind != "SCALAR" ||
		data.Thing.Fields[2].Name != "tag" || data.Thing.Fields[2].Type.Name != "Tag" {
		t.Errorf("Thing: %+v", data.Thing)
	}
	if !strings.HasPrefix(string(r.Data), `{"q":{"fields":[{"name":"thing","args":[{"name":"id"}]}`) {
		t.Errorf("keys out of the selection's order: %s", r.Data)
	}
}

// The richer schema's answer takes the documented shape: one Tag where it
// sent a list, the documented type names.
func TestAnswersTakeTheDocumentedShape(t *testing.T) {
	url := serve(t, Config{Dialect: AppSync, Schema: documentedSDL})
	_, r := post(t, url, `{ things(first: 2) { __typename id t: tag { label } ... on Thing { tag { __typename } } } }`, nil)
	want := `{"things":[{"__typename":"Thing","id":"1","t":{"label":"first one"},"tag":{"__typename":"Tag"}},{"__typename":"Thing","id":"2","t":{"label":"first two"},"tag":{"__typename":"Tag"}}]}`
	if len(r.Errors) != 0 || string(r.Data) != want {
		t.Errorf("got %s %v\nwant %s", r.Data, r.Errors, want)
	}
}

// Variables are checked against the documented types too.
func TestVariablesInEachDialect(t *testing.T) {
	const doc = `mutation($id: ID!, $name: String!) { rename(id: $id, name: $name) { name } }`
	for d, want := range map[Dialect]string{
		GraphQLPHP:  `Variable "$name" of required type "String!" was not provided.`,
		GraphQLRuby: `Variable $name of type String! was provided invalid value`,
		AppSync:     `Variable 'name' has coerced Null value for NonNull type 'String!'`,
	} {
		url := serve(t, Config{Dialect: d, Schema: documentedSDL})
		_, r := post(t, url, doc, map[string]any{"id": "1"})
		if got := messages(r); len(got) != 1 || got[0] != want {
			t.Errorf("dialect %d: %q, want %q", d, got, want)
		}
		_, r = post(t, url, doc, map[string]any{"id": 7, "name": "Seven"})
		if len(r.Errors) != 0 || string(r.Data) != `{"rename":{"name":"Seven"}}` {
			t.Errorf("dialect %d: %s %v", d, r.Data, r.Errors)
		}
	}
}

// A document that asks for data and introspects at once gets both: the
// data from the richer schema, the introspection from the documented one.
func TestDataAndIntrospectionTogether(t *testing.T) {
	url := serve(t, Config{Dialect: GraphQLRuby, Schema: documentedSDL})
	_, r := post(t, url, `query($n: String!, $id: ID!) {
  ...Intro
  thing(id: $id) { name }
  __typename
}
fragment Intro on Query { t: __type(name: $n) { name fields { name } } }`, map[string]any{"n": "Tag", "id": "3"})
	want := `{"t":{"name":"Tag","fields":[{"name":"label"}]},"thing":{"name":"Thing 3"},"__typename":"Query"}`
	if len(r.Errors) != 0 || string(r.Data) != want {
		t.Errorf("got %s %v\nwant %s", r.Data, r.Errors, want)
	}
	_, r = post(t, url, `{ __type(name: "Query") { fields { name } } ok: __typename }`, nil)
	want = `{"__type":{"fields":[{"name":"thing"},{"name":"things"}]},"ok":"Query"}`
	if len(r.Errors) != 0 || string(r.Data) != want {
		t.Errorf("got %s %v\nwant %s", r.Data, r.Errors, want)
	}
}
