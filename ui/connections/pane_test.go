package connections

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/uitest"
)

// harness drives the pane alone, as the root would, on a virtual clock:
// commands run at once, except timers, which wait for advance.
type harness struct {
	t       *testing.T
	m       *Model
	server  *opigno.Client // the administrator, to check the server's side
	clock   time.Time
	timers  []timer
	held    []tea.Msg // messages the test holds back
	hold    func(tea.Msg) bool
	dialogs []common.Dialog
	errors  []common.ErrorMsg
	srv     *demotest.Server
}

type timer struct {
	at time.Time
	f  func(time.Time) tea.Msg
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	return newHarnessOn(t, demo.Options{})
}

// newHarnessOn drives the pane on a demo server with o, the profile
// naming communities.
func newHarnessOn(t *testing.T, o demo.Options, communities ...string) *harness {
	t.Helper()
	srv := demotest.Start(t, o)
	oc, err := opigno.New(opigno.Config{Endpoint: srv.URL + "/opigno/graphql", Token: demoopigno.DemoToken, ActingUUID: demoopigno.AdminUUID,
		Communities: communities})
	if err != nil {
		t.Fatal(err)
	}
	th, _ := theme.New("none", true)
	ctx := &common.Context{Theme: th, Keys: keymap.Default(), Opigno: oc, Demo: true, Timeout: 10 * time.Second, UndoDelay: 3 * time.Second}
	h := &harness{t: t, m: New(ctx), server: oc, srv: srv, clock: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}
	h.m.now = func() time.Time { return h.clock }
	h.m.after = func(d time.Duration, f func(time.Time) tea.Msg) tea.Cmd {
		h.timers = append(h.timers, timer{at: h.clock.Add(d), f: f})
		return nil
	}
	h.run(h.m.SetSize(42, 30))
	h.run(h.m.Init())
	return h
}

// run executes cmd and everything it leads to.
func (h *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	case common.OpenDialogMsg:
		h.dialogs = append(h.dialogs, msg.Dialog)
	case common.DialogMsg:
		if n := len(h.dialogs); n > 0 {
			h.run(h.dialogs[n-1].Update(msg.Msg))
		}
	case common.CloseDialogMsg:
		h.dialogs = slices.DeleteFunc(h.dialogs, func(d common.Dialog) bool { return d == msg.Dialog })
	case common.ErrorMsg:
		h.errors = append(h.errors, msg)
	case common.Addressed:
		if h.hold != nil && h.hold(msg) {
			h.held = append(h.held, msg)
			return
		}
		h.run(h.m.Update(msg))
	default:
		for _, c := range uitest.Sequence(msg) {
			h.run(c) // in order, as tea.Sequence runs them
		}
	}
}

func (h *harness) press(names ...string) {
	for _, n := range names {
		cmd, _ := h.m.Key(uitest.Key(n))
		h.run(cmd)
	}
}

// advance moves the clock on, firing the timers that come due.
func (h *harness) advance(d time.Duration) {
	end := h.clock.Add(d)
	for {
		next := -1
		for i, t := range h.timers {
			if !t.at.After(end) && (next < 0 || t.at.Before(h.timers[next].at)) {
				next = i
			}
		}
		if next < 0 {
			h.clock = end
			return
		}
		t := h.timers[next]
		h.timers = append(h.timers[:next], h.timers[next+1:]...)
		h.clock = t.at
		h.run(func() tea.Msg { return t.f(t.at) })
	}
}

func (h *harness) invitations() *tab {
	h.press("]", "]")
	return h.m.tab()
}

func (h *harness) pending() map[string]bool {
	h.t.Helper()
	p, err := h.server.PendingInvitations(context.Background(), opigno.ListArgs{First: 100})
	if err != nil {
		h.t.Fatal(err)
	}
	out := map[string]bool{}
	for _, inv := range p.Items {
		out[inv.ID] = true
	}
	return out
}

func TestNothingTicksWhileNothingIsQueued(t *testing.T) {
	h := newHarness(t)
	if len(h.timers) != 0 {
		t.Fatalf("%d timers after loading, with nothing queued", len(h.timers))
	}
	tab := h.invitations()
	first, _ := tab.list.Selected()
	h.press("d")
	if !strings.Contains(h.m.Status(), "in 3s") {
		t.Fatalf("status %q: the countdown should start at 3s", h.m.Status())
	}
	if len(h.timers) != 1 || !h.timers[0].at.Equal(h.clock.Add(time.Second)) {
		t.Fatalf("one timer, a second away, for the countdown; got %v", h.timers)
	}
	h.advance(1500 * time.Millisecond)
	if !strings.Contains(h.m.Status(), "in 2s") || !h.pending()[first.ID] {
		t.Fatalf("after 1.5s: status %q; the decline must still wait", h.m.Status())
	}
	h.advance(2 * time.Second)
	if h.pending()[first.ID] {
		t.Fatal("the decline was not sent once due")
	}
	if len(h.timers) != 0 {
		t.Fatalf("%d timers left once nothing is queued", len(h.timers))
	}
	if _, there := tab.list.Get(rowKey(first)); there {
		t.Error("the declined invitation is still listed")
	}
}

func TestUndoTakesBackTheLastQueuedOnly(t *testing.T) {
	h := newHarness(t)
	tab := h.invitations()
	first, _ := tab.list.Selected()
	h.press("d")
	second, _ := tab.list.Selected()
	h.press("a")
	if second.ID == first.ID {
		t.Fatal("d did not move the selection to the next invitation")
	}
	h.press("u")
	if state := h.m.busy[rowKey(second)]; state != "" {
		t.Errorf("the undone row still shows %q", state)
	}
	if h.m.busy[rowKey(first)] == "" {
		t.Error("the first decline should still be queued")
	}
	h.advance(5 * time.Second)
	pending := h.pending()
	if pending[first.ID] || !pending[second.ID] {
		t.Fatalf("after the window: first pending %v (want declined), second pending %v (want untouched)", pending[first.ID], pending[second.ID])
	}
	h.press("u")
	if !strings.Contains(h.m.Status(), "Nothing to undo") {
		t.Errorf("status %q", h.m.Status())
	}
}

func TestSwitchingUserSendsWhatWasQueuedAsTheUserWhoAskedForIt(t *testing.T) {
	h := newHarness(t)
	tab := h.invitations()
	first, _ := tab.list.Selected()
	h.press("a")
	h.m.ctx.Opigno = h.m.ctx.Opigno.As(demoopigno.MemberUUID)
	h.run(h.m.Update(common.ActorMsg{UUID: demoopigno.MemberUUID}))
	if h.pending()[first.ID] {
		t.Fatal("the queued accept was not sent when the acting user changed")
	}
	if len(h.errors) > 0 {
		t.Fatalf("sent as the wrong user? %v", h.errors[0].Err)
	}
	net, _ := h.server.Network(context.Background(), opigno.ListArgs{First: 20, Name: first.Person.Name})
	found := false
	for _, c := range net.Items {
		found = found || c.Context.ID == first.Person.ID
	}
	if !found {
		t.Error("the administrator's accept did not connect them")
	}
}

func TestKeysBeforeTheSchemaArrivesAreNotLost(t *testing.T) {
	h := newHarness(t)
	// A fresh pane whose schema answer the test holds back.
	h.m = New(h.m.ctx)
	h.m.now = func() time.Time { return h.clock }
	h.hold = func(msg tea.Msg) bool { _, ok := msg.(schemaMsg); return ok }
	h.run(h.m.SetSize(42, 30))
	h.run(h.m.Init())
	tab := h.invitations()
	first, _ := tab.list.Selected()
	h.press("enter")
	if len(h.dialogs) != 0 || !strings.Contains(h.m.Status(), "Learning") {
		t.Fatalf("before the schema: %d dialogs, status %q", len(h.dialogs), h.m.Status())
	}
	h.hold = nil
	for _, msg := range h.held {
		h.run(h.m.Update(msg))
	}
	if len(h.dialogs) != 1 || !strings.Contains(h.dialogs[0].View(80, 20), "Accept") {
		t.Fatal("the action menu did not open once the schema arrived")
	}
	if _, still := tab.list.Get(rowKey(first)); !still {
		t.Error("opening a menu changed the list")
	}
}

func TestXRemovesTheRowsThingAfterAsking(t *testing.T) {
	h := newHarness(t)
	h.press("]")
	r, _ := h.m.tab().list.Selected()
	connected := func() bool {
		net, _ := h.server.Network(context.Background(), opigno.ListArgs{First: 20, Name: r.Person.Name})
		for _, c := range net.Items {
			if c.Context.ID == r.Person.ID {
				return true
			}
		}
		return false
	}
	h.press("x")
	if len(h.dialogs) != 1 || !strings.Contains(h.dialogs[0].View(100, 20), "Remove connection:") ||
		!strings.Contains(h.dialogs[0].View(100, 20), r.Label()) || !strings.Contains(ansi.Strip(h.dialogs[0].View(100, 20)), "yes sends removeUserConnection") {
		t.Fatalf("x must ask first, naming %s and the mutation:\n%s", r.Label(), h.dialogs[0].View(100, 20))
	}
	cmd, done := h.dialogs[0].Key(uitest.Key("n"))
	h.run(cmd)
	if !done || !connected() {
		t.Fatal("answering no removed the connection")
	}
	h.press("x")
	cmd, _ = h.dialogs[1].Key(uitest.Key("y"))
	h.run(cmd)
	if connected() {
		t.Fatal("answering yes did not remove the connection")
	}
	if _, there := h.m.tab().list.Get(rowKey(r)); there {
		t.Error("the removed connection is still listed")
	}
}

func TestEditOpensAFormAndUpdatesTheRowInPlace(t *testing.T) {
	h := newHarness(t)
	tab, r := h.toCommunity()
	h.press("enter")
	menu := h.dialogs[0].View(100, 30)
	if !strings.Contains(menu, "Edit…") {
		t.Fatalf("the menu should offer Edit… with a form:\n%s", menu)
	}
	h.dialogKeys("2") // View members, Edit…, Delete
	if len(h.dialogs) != 1 || !strings.Contains(h.dialogs[0].View(100, 30), r.Community.Title) {
		t.Fatal("the form did not open with the title filled in")
	}
	if view := ansi.Strip(h.dialogs[0].View(100, 30)); !strings.Contains(view, "Saving sends editCommunity") {
		t.Fatalf("the form should name the mutation saving sends:\n%s", view)
	}
	// ctrl+s saves from the field being typed in, as in every form.
	h.dialogKeys("end", "space", "I", "I", "ctrl+s")
	got, _ := tab.list.Get(rowKey(r))
	if len(h.dialogs) != 0 || got.Community.Title != r.Community.Title+" II" {
		t.Fatalf("the row shows %q after the edit (%d dialogs open)", got.Community.Title, len(h.dialogs))
	}
	if got.Community.Description != r.Community.Description {
		t.Error("the description changed though it was not edited")
	}
}

// An enum in an action's input is a choice of the schema's values, moved
// through with j and k; esc with changes asks before throwing them away.
func TestTheEditFormOffersTheEnumsValuesAndAsksBeforeDiscarding(t *testing.T) {
	h := newHarness(t)
	tab, r := h.toCommunity()
	h.press("enter")
	h.dialogKeys("2")          // View members, Edit…, Delete
	h.dialogKeys("tab", "tab") // title, description, visibility
	view := ansi.Strip(h.dialogs[0].View(100, 30))
	if !strings.Contains(view, "(•) "+r.Community.Visibility) || !strings.Contains(view, "( ) ") {
		t.Fatalf("visibility should offer the enum's values, %s chosen:\n%s", r.Community.Visibility, view)
	}
	other := "PUBLIC"
	if r.Community.Visibility == other {
		other = "PRIVATE"
	}
	h.dialogKeys("esc")
	if len(h.dialogs) != 0 {
		t.Fatal("a form left as it opened closes on esc without asking")
	}
	h.press("enter")
	h.dialogKeys("2", "tab", "tab")
	for range 2 {
		if view := ansi.Strip(h.dialogs[0].View(100, 30)); strings.Contains(view, "▸ ( ) "+other) {
			break
		}
		h.dialogKeys("j")
	}
	h.dialogKeys("space", "esc")
	if view := ansi.Strip(h.dialogs[0].View(100, 30)); !strings.Contains(view, "Discard changes?") {
		t.Fatalf("esc with a change should ask first:\n%s", view)
	}
	h.dialogKeys("n")
	if view := ansi.Strip(h.dialogs[0].View(100, 30)); !regexp.MustCompile(`visibility +` + other).MatchString(view) {
		t.Fatalf("any key but y goes back to the form as it was:\n%s", view)
	}
	h.dialogKeys("ctrl+s")
	if got, _ := tab.list.Get(rowKey(r)); len(h.dialogs) != 0 || got.Community.Visibility != other {
		t.Fatalf("visibility is %q after saving %s", got.Community.Visibility, other)
	}
}

func TestHostileNamesReachTheScreenHarmless(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	first, err := h.server.PossibleConnections(ctx, opigno.ListArgs{First: 1})
	if err != nil {
		t.Fatal(err)
	}
	// The administrator renames someone through the engine, as any
	// mutation can be run.
	evil := "Evil\x1b]0;owned\x07 \u202eName\x1b[2J"
	rename := api.Action{ID: "SET_USER_CONTEXT", Args: []api.KeyValue{
		{Key: "uuid", Value: first.Items[0].Context.UUID}, {Key: "displayName", Value: evil},
		{Key: "isActive", Value: "true"}, {Key: "scope", Value: "AUTHENTICATED"},
	}}
	p, err := h.server.Plan(ctx, rename)
	if err != nil || p.Disabled != "" {
		t.Fatal(err, p.Disabled)
	}
	if out, err := h.server.Run(ctx, p); err != nil || out.Failed() != "" {
		t.Fatal(err, out.Failed())
	}
	h.m.tab().filter = "Evil"
	h.run(h.m.load(h.m.tab()))
	h.press("enter")
	h.run(h.m.SetSize(60, 20))
	screens := []string{h.m.View(true), h.dialogs[0].View(80, 20)}
	for _, s := range screens {
		if strings.Contains(s, "\x1b]") || strings.Contains(s, "\x1b[2J") || strings.Contains(s, "\u202e") || strings.Contains(s, "\a") {
			t.Errorf("a control sequence from the server reached the screen: %q", s)
		}
		if !strings.Contains(s, "Evil") {
			t.Errorf("the name should still be shown, made safe:\n%s", s)
		}
	}
}

// A long CTA title, or a 10,000-character name, does not move a row's
// columns: every row keeps its detail where the others have it, fits the
// width, and a long first title leaves the next action in view.
func TestLongTextKeepsTheColumnsInPlace(t *testing.T) {
	th, _ := theme.New("none", true)
	m := New(&common.Context{Theme: th, Keys: keymap.Default()})
	long := strings.Repeat("Longname-", 1200)
	rows := []Row{
		{Kind: personRow, ID: "1", Person: opigno.Context{ID: "1", Name: "Ann"}, Actions: api.PackActions([]api.Action{{ID: "CREATE_USER_INVITATION", Title: "Connect"}})},
		{Kind: personRow, ID: "2", Person: opigno.Context{ID: "2", Name: long}, Actions: api.PackActions([]api.Action{{ID: "CREATE_USER_INVITATION", Title: "Connect"}})},
		{Kind: invitationRow, ID: "3", Person: opigno.Context{ID: "3", Name: "Bo"}, Actions: api.PackActions([]api.Action{
			{ID: "ACCEPT_USER_INVITATION", Title: "Accept"}, {ID: "DECLINE_USER_INVITATION", Title: "Decline"}})},
		{Kind: invitationRow, ID: "4", Person: opigno.Context{ID: "4", Name: "Cy"}, Actions: api.PackActions([]api.Action{
			{ID: "ACCEPT_USER_INVITATION", Title: "Accept " + long + "\x1b]0;PWNED\a"}, {ID: "DECLINE_USER_INVITATION", Title: "Decline"}})},
	}
	for _, width := range []int{40, 58, 100} {
		detailAt := map[kind]int{}
		for _, r := range rows {
			line := ansi.Strip(m.render(r, width))
			if w := ansi.StringWidth(line); w > width {
				t.Errorf("width %d: a row %d cells wide: %q", width, w, line)
			}
			detail := "#" + r.Person.ID
			if r.Kind == invitationRow {
				detail = "0001-01-01"
			}
			at := ansi.StringWidth(line[:strings.Index(line, detail)])
			if was, ok := detailAt[r.Kind]; ok && at != was {
				t.Errorf("width %d: the detail column moved from %d to %d: %q", width, was, at, line)
			}
			detailAt[r.Kind] = at
			if r.Kind == invitationRow && width >= 100 && !strings.Contains(line, "[Dec") {
				t.Errorf("width %d: a long first title hides the next action: %q", width, line)
			}
		}
	}
}

// toCommunity goes to the Communities tab (one tab back from Possible) and
// down to its first community, and returns the tab and that row.
func (h *harness) toCommunity() (*tab, Row) {
	h.t.Helper()
	h.press("[")
	t := h.m.tab()
	for t.list.Len() == 0 || func() bool { r, _ := t.list.Selected(); return r.Kind != communityRow }() {
		h.press("j")
	}
	r, _ := t.list.Selected()
	return t, r
}
