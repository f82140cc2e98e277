package ui_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/uitest"
)

// The Users and Groups panes against servers that have only what Scope
// and Vision document, describing themselves or not: everything a real
// server can do works, and what it cannot is said in the pane, never as
// an error.

// startOn starts the program on a demo server served as o says, keys
// taken at once.
func startOn(t *testing.T, o demo.Options, w, h int) (*uitest.Program, *demotest.Server) {
	t.Helper()
	srv := demotest.Start(t, o)
	ctx, err := connectDemo(t.Context(), srv.URL, demoopigno.AdminUUID, "dark")
	if err != nil {
		t.Fatal(err)
	}
	ctx.Grace = 0
	return uitest.Start(t, ui.New(ctx, ui.Options{Theme: "dark"}), w, h), srv
}

// modes are the documented servers: describing themselves, and not.
var modes = []struct {
	name string
	o    demo.Options
}{
	{"introspection", demo.Options{Strict: true}},
	{"no introspection", demo.Options{Strict: true, NoIntrospection: true}},
}

func TestUsersAndGroupsOnTheDocumentedServers(t *testing.T) {
	t.Parallel()
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			t.Parallel()
			p, srv := startOn(t, mode.o, 120, 40)
			p.WaitText(10*time.Second, "scope  Amir Abbott", "ASSEMBLY", "vision   A Group")

			// Scope documents no cursors: its first hundred users, said
			// to be all it gives, then Vision's.
			for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
				if s := p.Screen.Text(); strings.Contains(s, "first 100 of 1200 users: this Scope") && strings.Contains(s, "vision ") {
					break
				}
				p.Press("G")
			}
			p.WaitText(time.Second, "first 100 of 1200 users: this Scope", "vision ")
			if !lineWith(p.Screen.Text(), "Users", "Scope 1200") {
				t.Errorf("the pane still counts Scope's 1200:\n%s", p.Screen.Text())
			}

			// A search finds Luke.
			p.Press("g", "/")
			p.Type("skywalker")
			p.WaitText(10*time.Second, "Luke Skywalker", "luke@jedi.org")
			p.Press("esc", "esc")

			// Groups: Scope's, and the watched Vision groups with members.
			p.Press("2")
			p.WaitFor("Scope's groups", 5*time.Second, func(s string) bool { return lineWith(s, "▌", "ASSEMBLY") })
			for range 26 {
				p.Press("j")
			}
			p.WaitFor("a Vision group selected", 5*time.Second, func(s string) bool { return lineWith(s, "▌", "vision") })
			p.Press("enter")
			p.WaitText(10*time.Second, "Groups ›", "@")
			p.Press("esc", "g", "enter")
			p.WaitText(10*time.Second, "Groups › ASSEMBLY")

			// A user created with a taken e-mail is refused beside the
			// field, through the documented createUser.
			p.Press("esc", "1", "n")
			p.WaitText(5*time.Second, "New Scope user", "Licenses")
			for _, s := range []string{"Rey", "Palpatine", "rey.p", "scavenger77", "luke@jedi.org"} {
				p.Type(s)
				p.Press("tab")
			}
			p.Press("enter", "enter", "enter", "enter", "enter", "enter")
			p.WaitText(10*time.Second, "! Email is already in use")
			p.Press("esc", "y")

			if last := p.Screen.Text()[strings.LastIndex(p.Screen.Text(), "\n")+1:]; strings.HasPrefix(last, "!") {
				t.Errorf("an error on the status line: %q", last)
			}
			for doc, n := range srv.Refused() {
				if n > 1 {
					t.Errorf("a document the server refused was sent %d times:\n%s", n, doc)
				}
			}
		})
	}
}
