package opigno_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/opigno"
)

// demoActions collects, by actionId, the CTAs the demo server sends the
// acting user on every list rosterm shows.
func demoActions(t *testing.T, c *opigno.Client) map[string][]api.Action {
	t.Helper()
	ctx := context.Background()
	out := map[string][]api.Action{}
	add := func(as []api.Action) {
		for _, a := range as {
			out[a.ID] = append(out[a.ID], a)
		}
	}
	first := opigno.ListArgs{First: 5}
	possible, err := c.PossibleConnections(ctx, first)
	must(t, err)
	network, err := c.Network(ctx, first)
	must(t, err)
	for _, p := range append(possible.Items, network.Items...) {
		add(p.Actions)
	}
	received, err := c.PendingInvitations(ctx, first)
	must(t, err)
	sent, err := c.SentInvitations(ctx, first)
	must(t, err)
	for _, inv := range append(received.Items, sent.Items...) {
		add(inv.Actions)
	}
	communities, err := c.UserCommunities(ctx, first)
	must(t, err)
	for _, cm := range communities.Items {
		add(cm.Actions)
	}
	invites, err := c.PendingCommunityInvitations(ctx, first)
	must(t, err)
	for _, inv := range invites.Items {
		add(inv.Actions)
	}
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestEveryDemoActionRunsItsMutationWithTypedArguments(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	admin := newClient(t, srv.URL)
	ctx := context.Background()
	schema, err := admin.Schema(ctx)
	must(t, err)
	actions := demoActions(t, admin)

	want := []string{
		"CREATE_USER_INVITATION", "REMOVE_USER_CONNECTION", "ACCEPT_USER_INVITATION", "DECLINE_USER_INVITATION",
		"CANCEL_USER_INVITATION", "ACCEPT_COMMUNITY_INVITATION", "DECLINE_COMMUNITY_INVITATION",
		"CANCEL_COMMUNITY_INVITATION", "DELETE_COMMUNITY", "EDIT_COMMUNITY", "VIEW_MEMBERS",
	}
	for _, id := range want {
		if _, ok := actions[id]; !ok {
			t.Errorf("the demo sent no %s; got %v", id, keys(actions))
		}
	}

	used := map[string]bool{} // each object is acted on once
	for id, as := range actions {
		a := as[0]
		for _, x := range as {
			if !used[fmt.Sprint(x.Args)] {
				a = x
				break
			}
		}
		used[fmt.Sprint(a.Args)] = true
		p, err := admin.Plan(ctx, a)
		must(t, err)
		if p.Mutation != opigno.MutationName(id) {
			t.Errorf("%s plans %s", id, p.Mutation)
		}
		switch id {
		case "VIEW_MEMBERS":
			if !strings.Contains(p.Disabled, "no viewMembers mutation") {
				t.Errorf("VIEW_MEMBERS has no mutation and must be disabled with why, got %q", p.Disabled)
			}
			continue
		case "EDIT_COMMUNITY":
			if !strings.Contains(p.Disabled, "needs input: data (EditCommunityInput!)") {
				t.Errorf("EDIT_COMMUNITY needs data it does not carry; disabled reason %q", p.Disabled)
			}
			continue
		}
		if p.Disabled != "" {
			t.Errorf("%s is disabled: %s", id, p.Disabled)
			continue
		}
		field, _ := schema.Mutation(p.Mutation)
		for _, arg := range field.Args {
			v, given := a.Arg(arg.Name)
			if !given {
				continue
			}
			if p.Variables[arg.Name] != v {
				t.Errorf("%s: variable %s = %#v, want the CTA's %q as an ID string", id, arg.Name, p.Variables[arg.Name], v)
			}
			if !strings.Contains(p.Document, "$"+arg.Name+": "+arg.Type.String()) {
				t.Errorf("%s: the document does not declare $%s as %s:\n%s", id, arg.Name, arg.Type, p.Document)
			}
		}
		out, err := admin.Run(ctx, p)
		if err != nil || out.Failed() != "" {
			t.Errorf("%s failed: %v %q", id, err, out.Failed())
			continue
		}
		checkEffect(t, admin, id, a, out)
	}
}

// checkEffect asserts that the server did what the action says, and that the
// response was read by its shape.
func checkEffect(t *testing.T, c *opigno.Client, id string, a api.Action, out opigno.Outcome) {
	t.Helper()
	ctx := context.Background()
	switch id {
	case "CREATE_USER_INVITATION":
		invitee, _ := a.Arg("inviteeUserContextId")
		if out.Invitation == nil || out.Invitation.Invitee.ID != invitee {
			t.Errorf("createUserInvitation answered %+v", out.Invitation)
		}
		sent, _ := c.SentInvitations(ctx, opigno.ListArgs{First: 100})
		if !containsInvitee(sent.Items, invitee) {
			t.Errorf("the invitation to %s is not among the sent ones", invitee)
		}
	case "ACCEPT_USER_INVITATION":
		if out.Invitation == nil || !out.Invitation.Accepted {
			t.Fatalf("acceptUserInvitation answered %+v", out.Invitation)
		}
		net, _ := c.Network(ctx, opigno.ListArgs{First: 20, Name: out.Invitation.Initiator.Name})
		if !containsContext(net.Items, out.Invitation.Initiator.ID) {
			t.Errorf("after accepting, %s is not in the network", out.Invitation.Initiator.Name)
		}
	case "ACCEPT_COMMUNITY_INVITATION":
		if out.Community == nil || out.Community.Title == "" || len(out.Community.Actions) == 0 {
			t.Errorf("acceptCommunityInvitation answered %+v", out.Community)
		}
	default:
		if out.Bool == nil || !*out.Bool {
			t.Errorf("%s answered %s, want true", id, out.Response)
		}
	}
}

func containsInvitee(invs []opigno.Invitation, id string) bool {
	for _, inv := range invs {
		if inv.Invitee.ID == id {
			return true
		}
	}
	return false
}

func containsContext(cs []opigno.Connection, id string) bool {
	for _, c := range cs {
		if c.Context.ID == id {
			return true
		}
	}
	return false
}

func keys(m map[string][]api.Action) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestRefusalsComeBackInTheServersWords(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	admin := newClient(t, srv.URL)
	ctx := context.Background()
	possible, err := admin.PossibleConnections(ctx, opigno.ListArgs{First: 1})
	must(t, err)
	p, err := admin.Plan(ctx, possible.Items[0].Actions[0])
	must(t, err)
	if out, err := admin.Run(ctx, p); err != nil || out.Failed() != "" {
		t.Fatalf("first invitation: %v %q", err, out.Failed())
	}
	out, err := admin.Run(ctx, p)
	if err != nil {
		t.Fatalf("a refusal is an outcome, not a request error: %v", err)
	}
	if !strings.Contains(out.Failed(), "You have already invited") || out.Invitation != nil {
		t.Errorf("second invitation: failed %q, response %s", out.Failed(), out.Response)
	}

	// The member may not accept the administrator's invitation.
	received, err := admin.PendingInvitations(ctx, opigno.ListArgs{First: 1})
	must(t, err)
	member := admin.As(demoopigno.MemberUUID)
	p, err = member.Plan(ctx, received.Items[0].Actions[0])
	must(t, err)
	out, err = member.Run(ctx, p)
	if err != nil || out.Failed() != "Only the invitee can accept this invitation." {
		t.Errorf("member accepting another's invitation: %v %q", err, out.Failed())
	}
}

func TestUnknownActionsAreDisabledNotErrors(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c := newClient(t, srv.URL)
	ctx := context.Background()
	for _, a := range []api.Action{
		{ID: "FROBNICATE_WIDGET", Title: "Frobnicate"},
		{ID: "JOIN_COMMUNITY", Args: []api.KeyValue{{Key: "communityId", Value: "3"}}},
		{ID: "", Title: "nameless"},
		{ID: "ACCEPT_USER_INVITATION) { x } mutation y { z", Title: "injection"},
	} {
		p, err := c.Plan(ctx, a)
		if err != nil {
			t.Fatalf("%q: planning an unknown action is not an error: %v", a.ID, err)
		}
		if !strings.Contains(p.Disabled, "this server has no") {
			t.Errorf("%q: disabled %q", a.ID, p.Disabled)
		}
		if _, err := c.Run(ctx, p); err == nil {
			t.Errorf("%q: running a disabled plan must refuse", a.ID)
		}
	}
	// A known mutation whose required argument the CTA lacks.
	p, _ := c.Plan(ctx, api.Action{ID: "ACCEPT_USER_INVITATION"})
	if !strings.Contains(p.Disabled, "needs invitationId (ID!)") {
		t.Errorf("missing argument: %q", p.Disabled)
	}
}

func TestNamesVerbsAndDestructiveness(t *testing.T) {
	for _, c := range []struct {
		id, mutation, verb string
		destructive        bool
	}{
		{"ACCEPT_COMMUNITY_INVITATION", "acceptCommunityInvitation", "ACCEPT", false},
		{"CANCEL_USER_INVITATION", "cancelUserInvitation", "CANCEL", true},
		{"REMOVE_USER_CONNECTION", "removeUserConnection", "REMOVE", true},
		{"DELETE_COMMUNITY", "deleteCommunity", "DELETE", true},
		{"DECLINE_USER_INVITATION", "declineUserInvitation", "DECLINE", true},
		{"CREATE_USER_INVITATION", "createUserInvitation", "CREATE", false},
		{"VIEW_MEMBERS", "viewMembers", "VIEW", false},
		{"LEAVE__COMMUNITY", "leaveCommunity", "LEAVE", true},
		{"archiveThing", "archiveThing", "ARCHIVE", false},
	} {
		if got := opigno.MutationName(c.id); got != c.mutation {
			t.Errorf("MutationName(%s) = %s", c.id, got)
		}
		if got := opigno.Verb(c.id); got != c.verb {
			t.Errorf("Verb(%s) = %s", c.id, got)
		}
		if got := opigno.Destructive(c.id); got != c.destructive {
			t.Errorf("Destructive(%s) = %v", c.id, got)
		}
	}
}

// schemaOf builds a schema with one mutation taking args and answering
// result, for coercion and selection cases no demo CTA covers.
func schemaOf(result string, args ...api.InputValue) *api.Schema {
	named := func(kind, name string) api.TypeRef { return api.TypeRef{Kind: kind, Name: name} }
	return &api.Schema{QueryType: "Query", MutationType: "Mutation", Types: map[string]*api.Type{
		"Mutation": {Name: "Mutation", Kind: "OBJECT", Fields: []api.Field{
			{Name: "doThing", Args: args, Type: named("SCALAR", result)},
			{Name: "doObject", Args: args, Type: named("OBJECT", "Thing")},
		}},
		"Thing": {Name: "Thing", Kind: "OBJECT", Fields: []api.Field{
			{Name: "id", Type: named("SCALAR", "ID")},
			{Name: "self", Type: named("OBJECT", "Thing")},
			{Name: "filtered", Args: []api.InputValue{{Name: "x", Type: nonNull(named("SCALAR", "Int"))}}, Type: named("SCALAR", "Int")},
		}},
		"Colour":   {Name: "Colour", Kind: "ENUM", EnumValues: []string{"RED"}},
		"Patch":    {Name: "Patch", Kind: "INPUT_OBJECT"},
		"Int":      {Name: "Int", Kind: "SCALAR"},
		"Boolean":  {Name: "Boolean", Kind: "SCALAR"},
		"ID":       {Name: "ID", Kind: "SCALAR"},
		"Duration": {Name: "Duration", Kind: "SCALAR"},
	}}
}

func nonNull(t api.TypeRef) api.TypeRef { return api.TypeRef{Kind: "NON_NULL", OfType: &t} }

func TestArgumentsAreTypedAsTheSchemaSays(t *testing.T) {
	named := func(kind, name string) api.TypeRef { return api.TypeRef{Kind: kind, Name: name} }
	listOf := func(t api.TypeRef) api.TypeRef { return api.TypeRef{Kind: "LIST", OfType: &t} }
	s := schemaOf("Boolean",
		api.InputValue{Name: "count", Type: nonNull(named("SCALAR", "Int"))},
		api.InputValue{Name: "on", Type: named("SCALAR", "Boolean")},
		api.InputValue{Name: "colour", Type: named("ENUM", "Colour")},
		api.InputValue{Name: "ids", Type: listOf(nonNull(named("SCALAR", "ID")))},
		api.InputValue{Name: "patch", Type: named("INPUT_OBJECT", "Patch")},
		api.InputValue{Name: "wait", Type: named("SCALAR", "Duration")},
		api.InputValue{Name: "optional", Type: named("SCALAR", "Int")},
	)
	a := api.Action{ID: "DO_THING", Args: []api.KeyValue{
		{Key: "count", Value: "42"}, {Key: "on", Value: "TRUE"}, {Key: "colour", Value: "ULTRAVIOLET"},
		{Key: "ids", Value: `["7","8"]`}, {Key: "patch", Value: `{"title":"x"}`}, {Key: "wait", Value: "3s"},
		{Key: "unknownExtra", Value: "ignored"},
	}}
	p := opigno.PlanAction(s, a)
	if p.Disabled != "" {
		t.Fatal(p.Disabled)
	}
	v := p.Variables
	if v["count"] != int64(42) || v["on"] != true || v["colour"] != "ULTRAVIOLET" || v["wait"] != "3s" {
		t.Errorf("scalars and enums: %#v", v)
	}
	if ids, _ := v["ids"].([]any); len(ids) != 2 || ids[0] != "7" {
		t.Errorf("list: %#v", v["ids"])
	}
	if patch, _ := v["patch"].(map[string]any); patch["title"] != "x" {
		t.Errorf("input object: %#v", v["patch"])
	}
	if _, sent := v["optional"]; sent {
		t.Error("an optional argument the CTA lacks must be left out")
	}
	if _, sent := v["unknownExtra"]; sent || strings.Contains(p.Document, "unknownExtra") {
		t.Error("a CTA argument the mutation does not take must be left out")
	}
	want := "mutation RostermAction($count: Int!, $on: Boolean, $colour: Colour, $ids: [ID!], $patch: Patch, $wait: Duration) { result: doThing(count: $count, on: $on, colour: $colour, ids: $ids, patch: $patch, wait: $wait) }"
	if p.Document != want {
		t.Errorf("document\n got %s\nwant %s", p.Document, want)
	}

	bad := opigno.PlanAction(s, api.Action{ID: "DO_THING", Args: []api.KeyValue{{Key: "count", Value: "many"}}})
	if !strings.Contains(bad.Disabled, `its count "many" is not a valid Int!`) {
		t.Errorf("an unreadable Int: %q", bad.Disabled)
	}

	// An object answer without the envelope: its leaves, objects to a
	// bounded depth, no field that needs arguments.
	obj := opigno.PlanAction(s, api.Action{ID: "DO_OBJECT", Args: a.Args})
	if !strings.Contains(obj.Document, "{ id self { id self { id self { id } } } }") || strings.Contains(obj.Document, "filtered") {
		t.Errorf("object selection: %s", obj.Document)
	}
}

func TestActionsNeedingInputTakeItFromAForm(t *testing.T) {
	srv := demotest.Start(t, demo.Options{})
	c := newClient(t, srv.URL)
	ctx := context.Background()
	schema, err := c.Schema(ctx)
	must(t, err)
	communities, err := c.UserCommunities(ctx, opigno.ListArgs{First: 1})
	must(t, err)
	community := communities.Items[0]
	var edit api.Action
	for _, a := range community.Actions {
		if a.ID == "EDIT_COMMUNITY" {
			edit = a
		}
	}
	in, ok := opigno.NeededInput(schema, edit)
	if !ok || in.Arg != "data" || in.Type.String() != "EditCommunityInput!" {
		t.Fatalf("EDIT_COMMUNITY should ask for data: %+v %v", in, ok)
	}
	var names []string
	for _, f := range in.Fields {
		names = append(names, f.Name)
	}
	if strings.Join(names, " ") != "title description visibility postNotificationEnabled removeImage" {
		t.Errorf("form fields %v: the leaves of EditCommunityInput, not the image upload", names)
	}
	if _, ok := opigno.NeededInput(schema, community.Actions[0]); ok && community.Actions[0].ID != "EDIT_COMMUNITY" {
		t.Error("only actions whose metadata asks for input need a form")
	}

	if _, err := opigno.WithInput(schema, edit, in, map[string]string{"postNotificationEnabled": "maybe"}); err == nil {
		t.Error("a Boolean field that is not one must be refused before anything is sent")
	}
	filled, err := opigno.WithInput(schema, edit, in, map[string]string{"title": "Renamed by rosterm", "description": ""})
	must(t, err)
	p := opigno.PlanAction(schema, filled)
	if p.Disabled != "" {
		t.Fatal(p.Disabled)
	}
	if data, _ := p.Variables["data"].(map[string]any); len(data) != 1 || data["title"] != "Renamed by rosterm" {
		t.Errorf("data %#v: only the fields given are sent", p.Variables["data"])
	}
	out, err := c.Run(ctx, p)
	if err != nil || out.Failed() != "" || out.Community == nil || out.Community.Title != "Renamed by rosterm" {
		t.Fatalf("edit: %v %q %+v", err, out.Failed(), out.Community)
	}
	if out.Community.Description != community.Description {
		t.Error("a field left empty was changed")
	}
}
