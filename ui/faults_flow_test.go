package ui_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/uitest"
)

// requestTimeout is the clients' timeout in these flows. A hang moves the
// virtual clock past it, so it costs no real time; in real time it is
// only a backstop, long enough for a loaded machine under the race
// detector.
const requestTimeout = 30 * time.Second

// faultFlow is the whole program on a demo server whose faults the test
// plans request by request.
type faultFlow struct {
	*uitest.Program
	t   *testing.T
	inj *faults.Injector
	oc  *opigno.Client // the server's side of Opigno, as the same user
	clk *clock.Virtual // the requests' clock
}

// startFaults starts the program with short request timeouts and waits
// for every pane's first page.
func startFaults(t *testing.T, o demo.Options) *faultFlow {
	t.Helper()
	inj := faults.New()
	o.Faults = inj
	srv := demotest.Start(t, o)
	t.Cleanup(inj.Close) // before the server closes: no request hangs on
	p, err := demo.Profile(srv.URL, demo.DefaultSeed, "").Resolve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	cl, err := p.Clients(config.Options{Timeout: requestTimeout})
	if err != nil {
		t.Fatal(err)
	}
	th, _ := theme.New("dark", true)
	ctx := ui.NewContext(cl, th, ui.DefaultKeys(), requestTimeout)
	ctx.Demo, ctx.Grace, ctx.UndoDelay = true, 0, -1
	// The requests' waits are on a virtual clock: the retries' backoff and
	// Retry-After pass at once, and a hanging answer moves the clock past
	// the timeout, so each fault shows as soon as the program can say it.
	clk := clock.NewVirtual(time.Now())
	inj.OnHang(func() { clk.Advance(time.Hour) })
	ctx.Base = clock.With(t.Context(), clk)
	oc, err := opigno.New(opigno.Config{Endpoint: srv.URL + "/opigno/graphql", Token: demoopigno.DemoToken, ActingUUID: demoopigno.AdminUUID})
	if err != nil {
		t.Fatal(err)
	}
	f := &faultFlow{Program: uitest.Start(t, ui.New(ctx, ui.Options{Theme: "dark"}), 120, 40), t: t, inj: inj, oc: oc, clk: clk}
	f.WaitText(10*time.Second, "Abbott", "ASSEMBLY", "A Group", "[Connect]", "acting as Demo Administrator")
	f.settle()
	return f
}

// settle waits until the program has sent no request for a while. What
// it still asks for by itself (a second page, the other tabs) could
// otherwise take a fault planned for the request the test is about to
// cause, and its answer, superseded, never show.
func (f *faultFlow) settle() {
	f.t.Helper()
	const quiet, limit = 750 * time.Millisecond, 15 * time.Second
	start, n := time.Now(), f.inj.Total()
	for since := start; time.Since(since) < quiet; {
		if time.Since(start) > limit {
			f.t.Fatalf("the program went on sending requests for %s (%d so far)", limit, n)
		}
		time.Sleep(50 * time.Millisecond)
		if m := f.inj.Total(); m != n {
			n, since = m, time.Now()
		}
	}
}

// within is the flow failing subtest t.
func (f *faultFlow) within(t *testing.T) *faultFlow {
	g := *f
	g.Program, g.t = f.Program.For(t), t
	return &g
}

// faultCase is what one fault, planned for as many requests as it takes to
// get past the client's retries, should say.
type faultCase struct {
	fault   faults.Fault
	times   int
	message string // in the error log, whole
	advice  string // in the error line
}

// queryCases are the faults a list query meets. renews: the API's tokens
// can be renewed, so a 401 is asked again once with a new token.
func queryCases(renews bool) []faultCase {
	auth := 1
	if renews {
		auth = 2
	}
	return []faultCase{
		{faults.Unauthorized, auth, "not signed in (HTTP 401): The access token is invalid", "check the credentials"},
		{faults.Forbidden, 1, "not allowed (HTTP 403): Access denied", "these credentials may not do this"},
		{faults.RateLimited, 3, "too many requests (HTTP 429): Rate limit exceeded", "wait a moment, then press r to retry"},
		{faults.ServerError, 3, "the server reported an error (HTTP 500)", "press r to retry"},
		{faults.BadGateway, 3, "(HTTP 502): Bad gateway", "press r to retry"},
		{faults.Partial, 1, "the upstream service timed out", "press r to retry"},
		{faults.Malformed, 1, "the server's answer could not be read", "press r to retry"},
		{faults.Truncated, 3, "the connection closed before the whole answer arrived", "press r to retry"},
		{faults.TooLarge, 1, "the answer is larger than", "press r to retry"},
		{faults.Hang, 1, "the server did not answer in time", "press r to retry"},
		{faults.Reset, 3, "connection", "press r to retry"},
	}
}

// statusLine is the screen's last line.
func statusLine(screen string) string {
	lines := strings.Split(screen, "\n")
	return lines[len(lines)-1]
}

// cursorAt is the line the focused pane's cursor is on, or -1.
func cursorAt(screen string) int {
	for i, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, "▌") {
			return i
		}
	}
	return -1
}

// errorLog opens the error log, returns its entries each on one line
// (wrapped entries joined), and closes it.
func (f *faultFlow) errorLog() string {
	f.t.Helper()
	f.Press("E")
	f.WaitText(2*time.Second, "Recent errors")
	var b strings.Builder
	for _, l := range strings.Split(f.Screen.Text(), "\n")[2:] {
		l = strings.TrimRight(l, " ")
		switch {
		case strings.HasPrefix(l, "  • "):
			b.WriteString("\n" + l[len("  • "):])
		case strings.HasPrefix(l, "    "):
			b.WriteString(" " + strings.TrimSpace(l))
		}
	}
	f.Press("E")
	f.WaitFor("the error log closed", 2*time.Second, func(s string) bool { return !strings.Contains(s, "Recent errors") })
	return b.String()
}

// focused is the title of the focused pane.
func focused(screen string) string {
	for _, title := range []string{"Users", "Groups", "Connections"} {
		if strings.Contains(screen, "▶ "+title) {
			return title
		}
	}
	return ""
}

// checkPersistsAndResponds checks that the error line stays while keys
// still work: focus moves to the next pane, whose cursor moves, and back.
func (f *faultFlow) checkPersistsAndResponds(errorLine string) {
	f.t.Helper()
	was := focused(f.Screen.Text())
	f.Press("tab")
	f.WaitFor("the next pane focused", 2*time.Second, func(s string) bool { return focused(s) != was && cursorAt(s) >= 0 })
	at := cursorAt(f.Screen.Text())
	f.Press("j")
	f.WaitFor("the cursor one row down", 2*time.Second, func(s string) bool { return cursorAt(s) == at+1 })
	f.Press("k", "shift+tab")
	f.WaitFor("focus back", 2*time.Second, func(s string) bool { return focused(s) == was })
	if got := statusLine(f.Screen.Text()); !strings.Contains(got, errorLine) {
		f.t.Fatalf("the error line went away with other keys; it shows %q", got)
	}
}

// checkQueryFault plans c on path, refreshes the focused pane's list and
// checks what the user sees: the error line with what to do, kept until
// dismissed, the error log, the pane still answering keys; then the
// refresh key, once the fault is gone, brings the rows back (row and
// second: the first two, the second being the row a partial answer
// damages).
func (f *faultFlow) checkQueryFault(c faultCase, path, where, row, second string) {
	f.t.Helper()
	f.inj.Add(faults.Rule{Fault: c.fault, Path: path, Times: c.times, RetryAfter: time.Second})
	f.Press("r")
	line := "! " + where
	f.WaitFor("the error line", 15*time.Second, func(s string) bool {
		st := statusLine(s)
		return strings.Contains(st, line) && strings.Contains(st, c.advice) && strings.Contains(st, "esc dismiss")
	})
	if f.inj.Pending() != 0 {
		f.t.Fatalf("%d planned faults unused: the error came from elsewhere", f.inj.Pending())
	}
	if c.fault == faults.Partial && strings.Contains(path, "scope") {
		// What arrived is shown with the error.
		if !strings.Contains(statusLine(f.Screen.Text()), "that arrived are shown and may be incomplete") || !strings.Contains(f.Screen.Text(), row) {
			f.t.Fatalf("a partial answer's rows should be shown with the error:\n%s", f.Screen.Text())
		}
	}
	f.checkPersistsAndResponds(line)
	if log := f.errorLog(); !strings.Contains(strings.SplitN(log, "\n", 3)[1], c.message) {
		f.t.Fatalf("the error log's newest entry should say %q:\n%s", c.message, log)
	}
	f.Press("esc")
	f.WaitFor("the error dismissed", 2*time.Second, func(s string) bool { return !strings.HasPrefix(statusLine(s), "!") })
	f.Press("r")
	f.WaitFor("the rows back, no error", 10*time.Second, func(s string) bool {
		return strings.Contains(s, row) && strings.Contains(s, second) && !strings.HasPrefix(statusLine(s), "!") && !strings.Contains(s, "to retry)")
	})
}

// TestEveryFaultInEveryPane: each fault, met by a list query of each pane
// (Users on Scope and on Vision, Groups, Connections), is reported with
// what to do until dismissed, while the program goes on answering keys,
// and r brings the rows back once the fault is gone.
func TestEveryFaultInEveryPane(t *testing.T) {
	t.Parallel()
	panes := []struct {
		name   string
		keys   []string // focus the pane (and choose its source)
		ready  string   // on screen once its own query has answered (not an earlier one's rows)
		path   string
		renews bool
		where  string
		row    string // the first row
		second string // the second, which a partial answer damages
	}{
		{"Users on Scope", []string{"1", "S"}, "/1200 ─", "scope", false, "loading users", "Amir Abbott", "Benjamin Abbott"},
		{"Users on Vision", []string{"1", "S", "S"}, "Users · Vision", "vision", true, "loading users", "First Last", "someone"},
		{"Groups", []string{"2"}, "▶ Groups", "scope", false, "loading groups", "ASSEMBLY", "AVIONICS"},
		// j k: the pane's first key has it learn the server's actions,
		// before the faults are planned.
		{"Connections", []string{"3", "j", "k"}, "▶ Connections", "opigno", true, "loading possible", "Aaliyah Alvarez", "Aaliyah Bennett"},
	}
	for _, p := range panes {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			f := startFaults(t, demo.Options{})
			f.Press(p.keys...)
			f.WaitText(10*time.Second, p.ready, p.row)
			f.settle()
			for _, c := range queryCases(p.renews) {
				t.Run(string(c.fault), func(t *testing.T) {
					f.within(t).checkQueryFault(c, p.path, p.where, p.row, p.second)
				})
			}
		})
	}
}

// mutationCases are the faults a change meets: never retried, so one
// request each (a 401 where tokens renew too: the token is renewed, the
// change not sent again, and the error says sending it again applies it).
// Those that reach the server first (partial, malformed, truncated, huge)
// have made the change; every answer that does not come back whole is an
// unknown outcome.
func mutationCases(renews bool) []faultCase {
	auth := faultCase{faults.Unauthorized, 1, "not signed in (HTTP 401)", "check the credentials"}
	if renews {
		auth = faultCase{faults.Unauthorized, 1, "the change was not applied: the server refused its expired credentials (HTTP 401); they are renewed, so sending it again will apply it", "send it again"}
	}
	unknown := "press r to refresh and see whether it took effect before trying again"
	return []faultCase{
		auth,
		{faults.Forbidden, 1, "not allowed (HTTP 403)", "these credentials may not do this"},
		{faults.RateLimited, 1, "too many requests (HTTP 429)", "wait a moment, then try again"},
		{faults.ServerError, 1, "may or may not have been applied: the server reported an error (HTTP 500)", unknown},
		{faults.BadGateway, 1, "may or may not have been applied: the server reported an error (HTTP 502)", unknown},
		{faults.Hang, 1, "may or may not have been applied: the server did not answer in time", unknown},
		{faults.Reset, 1, "may or may not have been applied: the connection was reset", unknown},
		{faults.Partial, 1, "may have been applied, but the server reported", unknown},
		{faults.Malformed, 1, "may or may not have been applied: the server's answer could not be read", unknown},
		{faults.Truncated, 1, "may or may not have been applied: the connection closed before the whole answer arrived", unknown},
		{faults.TooLarge, 1, "may or may not have been applied: the answer is larger than", unknown},
	}
}

// unknownOutcome reports whether c leaves the outcome unknown.
func (c faultCase) unknownOutcome() bool { return strings.Contains(c.message, "may") }

// TestEveryFaultOnAConnectionsAction sends a possible connection's CTA
// into each fault: the error says what happened (an unknown outcome as
// such, never as done or failed), the row is free for another action at
// once, and r shows what the server now has.
func TestEveryFaultOnAConnectionsAction(t *testing.T) {
	t.Parallel()
	f := startFaults(t, demo.Options{})
	f.Press("3")
	person := firstPossible(t, f.oc)
	f.WaitFor("the first possible connection selected", 10*time.Second, func(s string) bool {
		return strings.Contains(cursorRow(s), person.Name)
	})
	for _, c := range mutationCases(true) {
		t.Run(string(c.fault), func(t *testing.T) {
			f := f.within(t)
			f.Press("enter")
			f.WaitText(2*time.Second, "createUserInvitation")
			f.inj.Add(faults.Rule{Fault: c.fault, Path: "opigno", Times: c.times, RetryAfter: time.Second})
			var hung chan struct{}
			if c.fault == faults.Hang {
				// The answer is awaited until the test has looked: the
				// clock moves past the timeout once the request hangs and
				// the row has been seen.
				hung = make(chan struct{}, 1)
				f.inj.OnHang(func() { hung <- struct{}{} })
			}
			f.Press("enter")
			if c.fault == faults.Hang {
				// While the answer is awaited the row says so and takes
				// no other action; the rest of the pane goes on.
				f.WaitFor("the action in flight on the row", 2*time.Second, func(s string) bool {
					return strings.Contains(cursorRow(s), "… Connect")
				})
				f.Press("enter")
				f.WaitText(2*time.Second, "an action is already queued or in flight")
				f.Press("esc", "j")
				f.WaitFor("the cursor on the next row", 2*time.Second, func(s string) bool { return !strings.Contains(cursorRow(s), person.Name) })
				f.Press("k")
				<-hung
				f.inj.OnHang(func() { f.clk.Advance(time.Hour) })
				f.clk.Advance(time.Hour)
			}
			where := "! connecting with " + person.Name
			f.WaitFor("the error line", 10*time.Second, func(s string) bool {
				st := statusLine(s)
				return strings.Contains(st, where) && strings.Contains(st, c.advice)
			})
			st := statusLine(f.Screen.Text())
			if strings.Contains(st, "Done") || (c.unknownOutcome() && strings.Contains(st, "failed")) {
				t.Fatalf("an unknown outcome said as done or failed: %q", st)
			}
			if log := f.errorLog(); !strings.Contains(log, c.message) {
				t.Fatalf("the error log should say %q:\n%s", c.message, log)
			}
			// The row takes another action at once.
			if strings.Contains(cursorRow(f.Screen.Text()), "…") {
				t.Fatal("the row still shows the action in flight")
			}
			f.Press("enter")
			f.WaitText(2*time.Second, "createUserInvitation")
			f.Press("esc")
			f.checkPersistsAndResponds(where)
			f.Press("esc")
			f.WaitFor("the error dismissed", 2*time.Second, func(s string) bool { return !strings.HasPrefix(statusLine(s), "!") })
		})
	}
	// The faults that came after the server had made the invitation left
	// it unknown to the program; r shows it was made: the person is no
	// longer someone to invite.
	next := firstPossible(t, f.oc)
	if next.ID == person.ID {
		t.Fatal("the invitation should have been made by the faults that reach the server")
	}
	f.Press("r")
	f.WaitFor("the invited person gone", 10*time.Second, func(s string) bool {
		return strings.Contains(cursorRow(s), next.Name) && !strings.Contains(pane(s), person.Name+" ")
	})
}

// TestEveryFaultOnCreatingAUser submits the new-user form into each fault:
// the form stays open with everything typed, says what happened and what
// saving again would do.
func TestEveryFaultOnCreatingAUser(t *testing.T) {
	t.Parallel()
	f := startFaults(t, demo.Options{})
	f.Press("1", "n")
	f.WaitText(5*time.Second, "New Scope user", "First name", "Licenses")
	typed := []string{"Rey", "Palpatine", "rey.palpatine", "scavenger77", "rey@jakku.net"}
	for i, s := range typed {
		if i > 0 {
			f.Press("tab")
		}
		f.Type(s)
	}
	f.Press("enter", "enter", "enter", "enter", "enter") // through the rest, to the button
	f.WaitFor("the button focused", 2*time.Second, func(s string) bool { return strings.Contains(s, "▶[ Create user ]") })
	for _, c := range mutationCases(false) {
		t.Run(string(c.fault), func(t *testing.T) {
			f := f.within(t)
			f.inj.Add(faults.Rule{Fault: c.fault, Path: "scope", Times: c.times, RetryAfter: time.Second})
			f.Press("enter")
			advice := strings.NewReplacer("then try again", "then save again").Replace(c.advice)
			if c.unknownOutcome() {
				advice = "saving again is safe: if the user was created, Scope says the username is taken"
			}
			f.WaitFor("the form's error", 10*time.Second, func(s string) bool {
				flat := formText(s)
				if f.inj.Pending() > 0 {
					return false // not sent yet: the screen shows the last answer
				}
				return strings.Contains(flat, c.message) && strings.Contains(flat, advice) && !strings.Contains(s, "saving…")
			})
			s := f.Screen.Text()
			for _, v := range append(typed[:3:3], "rey@jakku.net", "•••••••••••", "New Scope user") {
				if !strings.Contains(s, v) {
					t.Fatalf("the form lost %q:\n%s", v, s)
				}
			}
			if strings.Contains(s, "Created") {
				t.Fatal("an unknown outcome said as created")
			}
		})
	}
	// The unknown outcomes had created the user: saving again says so.
	f.Press("enter")
	f.WaitText(5*time.Second, "already")
}

// formText is the error at a dialog's foot, its wrapped lines joined.
func formText(screen string) string {
	var parts []string
	col := -1
	for _, l := range strings.Split(screen, "\n") {
		r := []rune(l)
		at := func(prefix string) bool {
			return col >= 0 && col+len([]rune(prefix)) <= len(r) && string(r[col:col+len([]rune(prefix))]) == prefix
		}
		switch {
		case col < 0 && strings.Contains(l, "│ ! "):
			col = len([]rune(l[:strings.Index(l, "│ ! ")]))
		case at("│   "):
		default:
			if col >= 0 {
				return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
			}
			continue
		}
		rest := string(r[col+1:])
		if end := strings.Index(rest, "│"); end >= 0 {
			rest = rest[:end]
		}
		parts = append(parts, strings.TrimPrefix(strings.TrimSpace(rest), "! "))
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// TestFaultsOnEditingAndDeletingAUser: an edit that meets a fault keeps
// the form as typed; a delete that meets one leaves the row usable and
// says whether it may have happened; r shows what the server did.
func TestFaultsOnEditingAndDeletingAUser(t *testing.T) {
	t.Parallel()
	f := startFaults(t, demo.Options{})
	f.Press("1", "S")
	f.WaitText(5*time.Second, "Users · Scope only", "/1200 ─", "Amir Abbott")
	cases := map[faults.Fault]faultCase{}
	for _, c := range mutationCases(false) {
		cases[c.fault] = c
	}
	t.Run("edit", func(t *testing.T) {
		f := f.within(t)
		f.Press("e")
		f.WaitText(5*time.Second, "Edit Amir Abbott", "Job title")
		f.Press("tab", "tab", "tab", "tab")
		f.Type(" Lead")
		f.Press("shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab")
		f.WaitFor("the button focused", 2*time.Second, func(s string) bool { return strings.Contains(s, "▶[ Save ]") })
		for _, fault := range []faults.Fault{faults.Forbidden, faults.RateLimited, faults.Hang, faults.Truncated} {
			c := cases[fault]
			f.inj.Add(faults.Rule{Fault: c.fault, Path: "scope", Times: c.times, RetryAfter: time.Second})
			f.Press("enter")
			advice := strings.NewReplacer("then try again", "then save again").Replace(c.advice)
			if c.unknownOutcome() {
				advice = "saving again is safe: it sends the same changes"
			}
			f.WaitFor(string(fault)+": the form's error", 10*time.Second, func(s string) bool {
				flat := formText(s)
				if f.inj.Pending() > 0 {
					return false
				}
				return strings.Contains(flat, c.message) && strings.Contains(flat, advice) && !strings.Contains(s, "saving…")
			})
			if !strings.Contains(f.Screen.Text(), " Lead") {
				t.Fatalf("%s: the form lost what was typed:\n%s", fault, f.Screen.Text())
			}
		}
		f.Press("enter")
		f.WaitText(5*time.Second, "Saved Amir Abbott")
	})
	t.Run("delete", func(t *testing.T) {
		f := f.within(t)
		for _, fault := range []faults.Fault{faults.Forbidden, faults.RateLimited, faults.Hang, faults.Truncated} {
			c := cases[fault]
			f.WaitFor("Amir Abbott selected", 5*time.Second, func(s string) bool { return lineWith(s, "▌", "Amir Abbott") })
			f.Press("x")
			f.WaitText(2*time.Second, "Delete user?", "Amir Abbott")
			f.inj.Add(faults.Rule{Fault: c.fault, Path: "scope", Times: c.times, RetryAfter: time.Second})
			f.Press("y")
			f.WaitFor(string(fault)+": the error line", 10*time.Second, func(s string) bool {
				st := statusLine(s)
				return strings.Contains(st, "! deleting users") && strings.Contains(st, c.advice)
			})
			if log := f.errorLog(); !strings.Contains(log, c.message) {
				t.Fatalf("%s: the error log should say %q:\n%s", fault, c.message, log)
			}
			// The row is still there and opens.
			f.Press("enter")
			f.WaitText(2*time.Second, "e edit · x delete")
			f.Press("esc", "esc")
		}
		// The truncated answer came after the delete had happened: r shows it.
		f.Press("r")
		f.WaitFor("Amir Abbott gone", 10*time.Second, func(s string) bool {
			return strings.Contains(s, "Benjamin Abbott") && !strings.Contains(s, "Amir Abbott")
		})
	})
}

// TestAFailedActionFormOpensAgainAsTyped: a CTA that needs input (editing
// a community) whose save meets a fault opens its form again with what was
// typed and why it was not saved; saving again works.
func TestAFailedActionFormOpensAgainAsTyped(t *testing.T) {
	t.Parallel()
	f := startFaults(t, demo.Options{})
	f.Press("3", "[")
	f.WaitText(10*time.Second, "▸Communities", "Young Pioneers")
	// The first community the administrator may edit.
	for row := 0; ; row++ {
		if row > 20 {
			t.Fatal("no community the administrator may edit")
		}
		f.Press("enter")
		f.WaitFor("the row's menu", 2*time.Second, func(s string) bool { return strings.Contains(s, "esc close") })
		if strings.Contains(f.Screen.Text(), "Edit…") {
			break
		}
		f.Press("esc", "j")
		f.WaitFor("the menu closed", 2*time.Second, func(s string) bool { return !strings.Contains(s, "esc close") })
	}
	f.Press("2") // View members, Edit…, Delete
	f.WaitText(2*time.Second, "title", "description", "only changed fields are sent")
	f.Press("end")
	f.Type(" Renamed")
	f.settle()
	f.inj.Next("opigno", faults.Hang, 1)
	f.Press("ctrl+s") // saves from the field typed in, as in every form
	f.WaitText(10*time.Second, "No answer: the change may or may not have been applied", "saving again sends the same values", " Renamed")
	f.Press("ctrl+s")
	f.WaitFor("the renamed community", 5*time.Second, func(s string) bool { return strings.Contains(cursorRow(s), " Ren") })
}

// TestAFailedLookupInTheCardIsRetriedWithR: a Vision user's card looks
// the user up afresh; when that fails it says so and what to do, and r
// looks again.
func TestAFailedLookupInTheCardIsRetriedWithR(t *testing.T) {
	t.Parallel()
	f := startFaults(t, demo.Options{})
	f.Press("1", "S", "S")
	f.WaitText(10*time.Second, "Users · Vision only", "First Last")
	f.WaitFor("the first Vision user selected", 5*time.Second, func(s string) bool { return lineWith(s, "▌", "First Last") })
	f.settle()
	f.inj.Add(faults.Rule{Fault: faults.ServerError, Path: "vision", Times: 3})
	f.Press("enter")
	f.WaitText(10*time.Second, "could not look the user up: the server reported an error", "(HTTP 500) — press r to retry")
	f.Press("r")
	f.WaitFor("the user looked up", 10*time.Second, func(s string) bool {
		return !strings.Contains(s, "could not look the user up") && !strings.Contains(s, "looking up…") && strings.Contains(s, "Vision is read-only")
	})
	if n := f.inj.Requests("/vision/graphql"); n < 4 {
		t.Fatalf("%d requests to Vision: r did not look again", n)
	}
}

// TestRInConnectionsRetriesWhateverFailedThere: the error line names a
// list of the pane; r in the pane asks again for it whichever tab is
// shown.
func TestRInConnectionsRetriesWhateverFailedThere(t *testing.T) {
	t.Parallel()
	f := startFaults(t, demo.Options{})
	f.Press("3", "]")
	f.WaitText(10*time.Second, "▸Network")
	// The tab loads when first shown: the fault is for r's request, not
	// for that first one.
	f.WaitFor("the network's rows", 10*time.Second, func(s string) bool {
		return strings.Contains(s, "▸Network") && strings.Contains(cursorRow(s), "#")
	})
	f.inj.Next("opigno", faults.Forbidden, 1)
	f.Press("r")
	f.WaitFor("the network's error", 10*time.Second, func(s string) bool {
		return strings.HasPrefix(statusLine(s), "! loading network: not allowed (HTTP 403)")
	})
	f.Press("[", "r", "]")
	f.WaitFor("the network's rows, without pressing r there", 10*time.Second, func(s string) bool {
		return strings.Contains(s, "▸Network") && strings.Contains(cursorRow(s), "#") && !strings.Contains(pane(s), "to retry)")
	})
}
