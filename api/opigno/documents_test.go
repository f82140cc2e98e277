package opigno

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/rosterm/rosterm/api"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/demo/schema"
	"github.com/rosterm/rosterm/api/documented"
)

// optionalDocuments are the documents that use an optional capability
// (a query Opigno does not document), by name: validated against the
// demo's schema, a server with extensions, instead. The README lists them.
var optionalDocuments = []string{"RostermCurrentUser", "RostermSentInvitations", "RostermUserCommunities", "RostermCommunityInvitations"}

func loadSchema(t *testing.T, name, sdl string) *ast.Schema {
	t.Helper()
	s, err := gqlparser.LoadSchema(&ast.Source{Name: name, Input: sdl})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

func valid(t *testing.T, s *ast.Schema, what, doc string) {
	t.Helper()
	if _, errs := gqlparser.LoadQuery(s, doc); len(errs) > 0 {
		t.Errorf("%s is not valid: %v\n%s", what, errs, doc)
	}
}

// Every document the client can send is valid against the schema Opigno
// documents, except those that use an optional capability (listed above,
// each valid against a server that has it and refused by one that does
// not): the list queries, every documented mutation as the CTA engine
// plans it from the documented schema, and the getCommunity lookups.
func TestEveryDocumentIsValidAgainstTheDocumentedSchema(t *testing.T) {
	docSchema := loadSchema(t, "documented", documented.Opigno)
	rich := loadSchema(t, "demo", schema.Opigno)

	// Every template of the package is in templates.
	made := 0
	files, _ := filepath.Glob("*.go")
	call := regexp.MustCompile(`(?m)(?:=|^\t+\w+\s*=)\s*(?:listDoc|lastDoc|api\.MustTemplate)\(`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f)
		made += len(call.FindAll(src, -1))
	}
	if made != len(templates) {
		t.Errorf("%d templates made in the package, %d in templates: add the new one", made, len(templates))
	}

	var optional []string
	for _, tmpl := range templates {
		doc, _ := tmpl.Build(func(string) bool { return true })
		if slices.Contains(optionalDocuments, tmpl.Name()) {
			optional = append(optional, tmpl.Name())
			valid(t, rich, tmpl.Name()+" (optional) against the demo schema", doc)
			if _, errs := gqlparser.LoadQuery(docSchema, doc); len(errs) == 0 {
				t.Errorf("%s is valid against the documented schema: it is not optional", tmpl.Name())
			}
			continue
		}
		valid(t, docSchema, tmpl.Name(), doc)
		valid(t, rich, tmpl.Name()+" against the demo schema", doc)
	}
	if !slices.Equal(optional, optionalDocuments) {
		t.Errorf("optional documents %v, want %v", optional, optionalDocuments)
	}

	// Every documented mutation, planned from the documented schema with
	// a value for each argument, by its name and by a documented alias.
	s := api.MustParseSDL("opigno", documented.Opigno)
	f, _ := s.Types[s.MutationType]
	if len(f.Fields) < 12 {
		t.Fatalf("%d documented mutations", len(f.Fields))
	}
	for _, m := range f.Fields {
		a := api.Action{ID: actionID(m.Name)}
		for _, arg := range m.Args {
			a.Args = append(a.Args, api.KeyValue{Key: arg.Name, Value: sample(s, arg.Type)})
		}
		p := PlanAction(s, a)
		if p.Disabled != "" {
			t.Errorf("%s: %s", m.Name, p.Disabled)
			continue
		}
		valid(t, docSchema, m.Name, p.Document)
		for i, kv := range a.Args {
			for _, g := range argAliases {
				if slices.Contains(g, kv.Key) && g[0] != kv.Key {
					aliased := api.Action{ID: a.ID, Args: slices.Clone(a.Args)}
					aliased.Args[i].Key = g[0]
					if q := PlanAction(s, aliased); q.Document != p.Document {
						t.Errorf("%s with %s as %s: another document\n%s", m.Name, kv.Key, g[0], q.Document)
					}
				}
			}
		}
	}

	// The older removeUserConnection(userContextId: ID!), as learned.
	olderSDL := demoopigno.SDL(demoopigno.Options{Strict: true, RemoveByID: true})
	older := api.MustParseSDL("older", olderSDL)
	p := PlanAction(older, api.Action{ID: "REMOVE_USER_CONNECTION", Args: []api.KeyValue{{Key: "uuid", Value: "u"}}})
	if p.Disabled != "" || !strings.Contains(p.Document, "userContextId: $userContextId") {
		t.Fatalf("older removeUserConnection: %q %s", p.Disabled, p.Document)
	}
	valid(t, loadSchema(t, "older", olderSDL), "removeUserConnection(userContextId)", p.Document)

	// getCommunity lookups, as documented ({response errors}) and as a
	// server answering the bare Community has it.
	c := &Client{ep: newEndpoint()}
	for _, n := range []int{1, 3} {
		valid(t, docSchema, "the community lookup", c.lookupPlan(s).document(n))
		valid(t, rich, "the community lookup against the demo schema", c.lookupPlan(s).document(n))
	}
	bareSDL := strings.Replace(documented.Opigno, "getCommunity(communityId: ID!): CommunityResponse", "getCommunity(communityId: ID!): Community", 1)
	if bareSDL == documented.Opigno {
		t.Fatal("the documented getCommunity changed")
	}
	c.ep.lookup.bare = true
	valid(t, loadSchema(t, "bare", bareSDL), "the bare community lookup", c.lookupPlan(s).document(2))
}

// actionID is the actionId naming mutation m: acceptUserInvitation ->
// ACCEPT_USER_INVITATION.
func actionID(m string) string {
	var b strings.Builder
	for i, r := range m {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// sample is a value of type t as a CTA would carry it.
func sample(s *api.Schema, t api.TypeRef) string {
	name := t.Named()
	switch s.Kind(name) {
	case "ENUM":
		return s.Enum(name)[0]
	case "INPUT_OBJECT":
		obj := map[string]any{}
		for _, f := range s.Types[name].InputFields {
			if f.Type.Required() {
				obj[f.Name] = sample(s, f.Type)
			}
		}
		b, _ := json.Marshal(obj)
		return string(b)
	}
	switch name {
	case "Int":
		return "1"
	case "Boolean":
		return "true"
	}
	return "1"
}
