package config_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/journal"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/api/scope"
)

// journaled builds a profile's clients over the demo with a journal.
func journaled(t *testing.T) (config.Clients, *demotest.Server, string) {
	t.Helper()
	srv := demotest.Start(t, demo.Options{})
	p, err := demo.Profile(srv.URL, 0, "").Resolve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	cl, err := p.Clients(config.Options{Journal: journal.New(path)})
	if err != nil {
		t.Fatal(err)
	}
	return cl, srv, path
}

// Every change the clients send is in the journal with its outcome and
// who sent it, taken from the request's context: an Opigno CTA applied
// (with the acting user), the same one refused by the server, a Scope
// user refused for a taken e-mail (the password never written), and one
// created.
func TestEveryChangeSentIsJournaledWithWhoAndOutcome(t *testing.T) {
	cl, _, path := journaled(t)
	ctx := journal.With(context.Background(), journal.Person{Name: "dana", Key: "SHA256:k"})
	possible, err := cl.Opigno.PossibleConnections(ctx, opigno.ListArgs{First: 1})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := cl.Opigno.Plan(ctx, possible.Items[0].Actions[0])
	if err != nil {
		t.Fatal(err)
	}
	if out, err := cl.Opigno.Run(ctx, plan); err != nil || out.Failed() != "" {
		t.Fatal(err, out.Failed())
	}
	if out, _ := cl.Opigno.Run(ctx, plan); out.Failed() == "" {
		t.Fatal("a second invitation should be refused")
	}
	nu := scope.NewUser{FirstName: "Rey", LastName: "Nobody", Username: "rey.nobody", Password: "jakku-scavenger",
		Email: "luke@jedi.org", Licenses: []string{"VIEWER"}, Groups: []string{"DEFAULT"}}
	if _, errs, err := cl.Scope.CreateUser(ctx, nu); err != nil || len(errs) == 0 {
		t.Fatal("a taken e-mail should be refused", err)
	}
	nu.Email = "rey@jakku.org"
	if _, errs, err := cl.Scope.CreateUser(ctx, nu); err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	es, err := journal.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		if e.Person != "dana" || e.Key != "SHA256:k" || e.Endpoint == "" || e.Time.IsZero() {
			t.Errorf("entry without who or where: %+v", e)
		}
		got = append(got, e.API+" "+e.Mutation+" "+e.Outcome)
	}
	want := []string{"opigno createUserInvitation applied", "opigno createUserInvitation refused", "scope createUser refused", "scope createUser applied"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("journal:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if es[0].Acting != cl.Opigno.Acting() || es[1].Message == "" || !strings.Contains(es[2].Message, "email") {
		t.Errorf("acting %q, refusal words %q, %q", es[0].Acting, es[1].Message, es[2].Message)
	}
	for _, e := range es[2:] {
		if strings.Contains(journal.Format(e), "jakku-scavenger") {
			t.Error("a password reached the journal")
		}
	}
}

// A read-only context cannot send a change through any client, whatever
// asks: the request never leaves, and the journal has nothing.
func TestReadOnlyContextSendsNoChange(t *testing.T) {
	cl, srv, path := journaled(t)
	ctx := journal.With(context.Background(), journal.Person{Name: "vic"})
	possible, err := cl.Opigno.PossibleConnections(ctx, opigno.ListArgs{First: 1})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := cl.Opigno.Plan(ctx, possible.Items[0].Actions[0])
	if err != nil {
		t.Fatal(err)
	}
	before := mutations(srv)
	ro := api.WithReadOnly(ctx)
	if _, err := cl.Opigno.Run(ro, plan); api.KindOf(err) != api.KindReadOnly {
		t.Fatalf("opigno: %v", err)
	}
	if _, _, err := cl.Scope.CreateUser(ro, scope.NewUser{FirstName: "A", LastName: "B", Email: "a@b.c"}); api.KindOf(err) != api.KindReadOnly {
		t.Fatalf("scope create: %v", err)
	}
	if _, err := cl.Scope.DeleteUsers(ro, []string{"1"}); api.KindOf(err) != api.KindReadOnly {
		t.Fatalf("scope delete: %v", err)
	}
	if n := mutations(srv) - before; n != 0 {
		t.Fatalf("%d requests reached the server", n)
	}
	if es, _ := journal.Read(path); len(es) != 0 {
		t.Fatalf("journal: %+v", es)
	}
}

// mutations counts the mutation documents the server received.
func mutations(srv *demotest.Server) int {
	n := 0
	for _, c := range srv.Calls("") {
		if strings.HasPrefix(strings.TrimSpace(c.Query), "mutation") {
			n++
		}
	}
	return n
}
