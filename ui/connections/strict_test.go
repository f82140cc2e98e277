package connections

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/demo"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/opigno"
	uiform "github.com/rosterm/rosterm/ui/form"
	"github.com/rosterm/rosterm/ui/uitest"
)

// dialogKeys presses keys in the dialog on top, which closes when it says
// it is done.
func (h *harness) dialogKeys(names ...string) {
	h.t.Helper()
	for _, n := range names {
		if len(h.dialogs) == 0 {
			h.t.Fatalf("no dialog for %q", n)
		}
		d := h.dialogs[len(h.dialogs)-1]
		cmd, done := d.Key(uitest.Key(n))
		if done {
			h.dialogs = h.dialogs[:len(h.dialogs)-1]
		}
		h.run(cmd)
	}
}

// typeIn types text, a key per rune.
func typeIn(text string) []string {
	var keys []string
	for _, r := range text {
		keys = append(keys, string(r))
	}
	return keys
}

func (h *harness) communities() *tab {
	h.press("[") // from Possible, back round to Communities
	return h.m.tab()
}

func ids(t *tab) []string {
	var out []string
	for i := range t.list.Len() {
		if r := t.list.Item(i); r.Kind == communityRow {
			out = append(out, r.ID)
		}
	}
	return out
}

// On an Opigno that cannot list the acting user's communities, the tab
// lists the profile's; n adds one after checking its id with the server,
// x drops one, both for this session, and help says so.
func TestTheProfilesCommunitiesAreListedAddedAndDropped(t *testing.T) {
	all := demoopigno.AdminCommunityIDs(demo.DefaultSeed)
	for _, o := range []demo.Options{{Strict: true, NoIntrospection: true}, {Strict: true}} {
		h := newHarnessOn(t, o, all[0])
		tab := h.communities()
		if got := ids(tab); !slices.Equal(got, all[:1]) {
			t.Fatalf("%+v: the tab lists %v, want the profile's %v", o, got, all[:1])
		}
		help := ""
		for _, b := range h.m.HelpKeys() {
			help += b.Help().Key + " " + b.Help().Desc + "; "
		}
		if !strings.Contains(help, "n add a community by id") || !strings.Contains(help, "x drop from this list") {
			t.Errorf("help: %s", help)
		}

		// An id the server does not know is refused in the form.
		h.press("n")
		h.dialogKeys(append(typeIn("999999"), "enter", "enter")...)
		f, _ := h.dialogs[len(h.dialogs)-1].(*uiform.Model)
		if f == nil || !strings.Contains(f.Error("id"), "no community 999999") {
			t.Fatalf("an unknown id: the form should stay open with why")
		}
		h.dialogKeys("esc")

		h.press("n")
		h.dialogKeys(append(typeIn(all[1]), "enter", "enter")...)
		if len(h.dialogs) != 0 {
			t.Fatal("the form did not close once the community was found")
		}
		if got := ids(tab); len(got) != 2 || got[0] != all[1] || !strings.Contains(h.m.Status(), "for this session") {
			t.Fatalf("after n: %v, status %q", got, h.m.Status())
		}
		if r, _ := tab.list.Selected(); r.ID != all[1] || r.Community.Title == "" {
			t.Errorf("the added community is selected, with its title: %+v", r)
		}
		h.run(h.m.load(tab))
		if got := ids(tab); !slices.Equal(got, all[:2]) {
			t.Fatalf("reloaded: %v, want the profile's then the added one", got)
		}
		tab.list.Focus(kindPrefix[communityRow] + all[1])
		h.press("x")
		if len(h.dialogs) != 0 || !strings.Contains(h.m.Status(), "this session") {
			t.Fatalf("x drops from the list without asking (the community is not touched): %q", h.m.Status())
		}
		h.run(h.m.load(tab))
		if got := ids(tab); !slices.Equal(got, all[:1]) {
			t.Errorf("after x and a reload: %v", got)
		}
		if len(h.errors) > 0 {
			t.Errorf("errors: %v", h.errors[0].Err)
		}
	}
}

// A person is invited to one of the profile's communities: the picker
// offers them, and the invitation is sent through the CTA engine.
func TestInvitingToAProfilesCommunity(t *testing.T) {
	all := demoopigno.AdminCommunityIDs(demo.DefaultSeed)
	h := newHarnessOn(t, demo.Options{Strict: true, NoIntrospection: true}, all...)
	ctx := context.Background()
	target, err := h.server.CommunitiesByID(ctx, all[:1])
	if err != nil {
		t.Fatal(err)
	}
	invitees, err := h.server.PossibleCommunityInvitees(ctx, all[0], opigno.ListArgs{First: 50})
	if err != nil || len(invitees.Items) == 0 {
		t.Fatal(err)
	}
	person := invitees.Items[0]
	// Find the person among the possible connections.
	h.m.tab().filter = person.Name
	h.run(h.m.load(h.m.tab()))
	for r, ok := h.m.tab().list.Selected(); ok && r.Person.ID != person.ID; r, ok = h.m.tab().list.Selected() {
		h.press("j")
	}
	if r, _ := h.m.tab().list.Selected(); r.Person.ID != person.ID {
		t.Skipf("%s is not among the possible connections", person.Name)
	}
	h.press("i")
	if len(h.dialogs) != 1 {
		t.Fatal("i opens the community picker")
	}
	picker := h.m.picker
	if picker.list.Len() != len(all) {
		t.Fatalf("the picker offers %d communities, want the profile's %d", picker.list.Len(), len(all))
	}
	if it, _ := picker.list.Selected(); it.Community.ID != all[0] || it.Label != target[0].Title {
		t.Fatalf("first offered: %+v", it)
	}
	h.dialogKeys("enter")
	if !strings.Contains(h.m.Status(), "Done: invited "+person.Name+" to "+target[0].Title) || len(h.errors) > 0 {
		t.Fatalf("status %q, errors %v", h.m.Status(), h.errors)
	}
	left, _ := h.server.PossibleCommunityInvitees(ctx, all[0], opigno.ListArgs{First: 50, Name: person.Name})
	for _, c := range left.Items {
		if c.ID == person.ID {
			t.Error("the person can still be invited: no invitation was made")
		}
	}
}

// Without the optional queries, sent invitations and the acting user's
// name are said to be unavailable, once, and never asked for again.
func TestWhatTheServerLacksIsSaidNotAnError(t *testing.T) {
	h := newHarnessOn(t, demo.Options{Strict: true, NoIntrospection: true})
	h.press("]")
	if !strings.Contains(h.m.Status(), "cannot name the user you act as") {
		t.Errorf("the first key says the server cannot name the acting user: %q", h.m.Status())
	}
	h.press("]")
	if strings.Contains(h.m.Status(), "the user you act as") {
		t.Error("said more than once")
	}
	for range 3 {
		h.press("S")
		if !strings.Contains(h.m.Status(), "cannot list sent invitations") || h.m.tab().sent {
			t.Fatalf("S: status %q", h.m.Status())
		}
	}
	if len(h.errors) > 0 {
		t.Fatalf("an error: %v", h.errors[0].Err)
	}
	for doc, n := range h.srv.Refused() {
		if n > 1 {
			t.Errorf("sent %d times though refused:\n%s", n, doc)
		}
	}
	if n := len(h.srv.Calls("getSentUserInvitations")); n > 1 {
		t.Errorf("getSentUserInvitations asked %d times", n)
	}
}

// Triage and remove on the documented server, whichever argument its
// removeUserConnection takes, with or without introspection.
func TestActionsOnTheDocumentedServer(t *testing.T) {
	for _, o := range []demo.Options{
		{Strict: true, NoIntrospection: true},
		{Strict: true, NoIntrospection: true, OpignoRemoveByID: true},
		{Strict: true, OpignoRemoveByID: true},
	} {
		h := newHarnessOn(t, o)
		// Remove two connections: the first teaches the older argument
		// where the server has it, the second uses it.
		h.press("]")
		for range 2 {
			r, _ := h.m.tab().list.Selected()
			h.press("x")
			if len(h.dialogs) != 1 {
				t.Fatalf("%+v: x must ask first", o)
			}
			h.dialogKeys("y")
			if _, there := h.m.tab().list.Get(rowKey(r)); there || len(h.errors) > 0 {
				t.Fatalf("%+v: %s not removed: %v", o, r.Label(), h.errors)
			}
			net, _ := h.server.Network(context.Background(), opigno.ListArgs{First: 20, Name: r.Person.Name})
			if containsPerson(net.Items, r.Person.ID) {
				t.Fatalf("%+v: the server still connects %s", o, r.Label())
			}
		}
		tab := h.invitations()
		first, _ := tab.list.Selected()
		h.press("a")
		second, _ := tab.list.Selected()
		h.press("d")
		h.advance(4 * time.Second)
		if p := h.pending(); p[first.ID] || p[second.ID] || len(h.errors) > 0 {
			t.Fatalf("%+v: accept and decline: pending %v %v, errors %v", o, p[first.ID], p[second.ID], h.errors)
		}
		for doc, n := range h.srv.Refused() {
			if n > 1 {
				t.Errorf("%+v: sent %d times though refused:\n%s", o, n, doc)
			}
		}
	}
}

func containsPerson(cs []opigno.Connection, id string) bool {
	for _, c := range cs {
		if c.Context.ID == id {
			return true
		}
	}
	return false
}
