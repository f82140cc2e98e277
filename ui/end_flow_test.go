package ui_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/opigno"
)

// G on Possible goes to the last of the thousands of possible connections
// in one press and one request (Relay last, which Opigno documents), on
// the demo server and on one that serves only the documented schema
// without describing itself. Scrolling up from there fills the gap.
func TestBottomGoesToTheLastPossibleConnectionInOnePress(t *testing.T) {
	t.Parallel()
	for _, o := range []demo.Options{{}, {Strict: true, NoIntrospection: true}} {
		name := "demo"
		if o.Strict {
			name = "documented, no introspection"
		}
		t.Run(name, func(t *testing.T) {
			inj := faults.New()
			t.Cleanup(inj.Close)
			o.Faults = inj
			f := startConnections(t, setup{demo: o})
			p, err := f.server.PossibleConnections(context.Background(), opigno.ListArgs{First: 1, Reverse: true})
			if err != nil || len(p.Items) == 0 || p.Total < 1000 {
				t.Fatalf("the last possible connection: %v (%d)", err, p.Total)
			}
			last := p.Items[0].Context.Name
			f.WaitFor("the first page in", 5*time.Second, func(s string) bool { return connLoaded(s) > 0 })
			time.Sleep(200 * time.Millisecond)
			asked := inj.Requests("/opigno/graphql")

			f.press("G")
			f.WaitFor("the cursor on "+last, 10*time.Second, func(s string) bool { return strings.Contains(cursorRow(s), last) })
			if n := inj.Requests("/opigno/graphql") - asked; n > 3 { // the last rows, and those a screen above
				t.Errorf("G took %d requests to reach the end", n)
			}
			if n := connLoaded(f.Screen.Text()); n >= 300 {
				t.Errorf("%d rows loaded to show the end: it read on rather than asking for the last rows", n)
			}

			// Up from the end, the rows before arrive: the gap's line
			// never stays where the cursor is.
			for range 60 {
				f.press("k")
			}
			f.WaitFor("the rows above filled in", 10*time.Second, func(s string) bool {
				return !strings.Contains(pane(s), "not loaded yet") && connLoaded(s) > 80
			})
		})
	}
}

// usersLoaded is the Users pane's row counter: "Users ── 240+".
var usersLoaded = regexp.MustCompile(`Users ─+ (\d+)`)

func loadedUsers(screen string) int {
	m := usersLoaded.FindStringSubmatch(screen)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// G on Users, Scope's users then Vision's (nextToken: no way to ask for
// the end), reads on to the end saying how far it has got; esc stops it
// where it is, and G again goes on to the last Vision user.
func TestBottomReadsUsersOnToTheEndAndEscStops(t *testing.T) {
	t.Parallel()
	p, _ := startOn(t, demo.Options{Latency: 40 * time.Millisecond}, 120, 40)
	p.WaitText(10*time.Second, "scope  Amir Abbott")
	p.Press("G")
	p.WaitText(10*time.Second, "reading to the end:")
	p.Press("esc")
	p.WaitFor("reading to stop", 5*time.Second, func(s string) bool { return !strings.Contains(s, "reading to the end") })
	// The page in flight still lands, and the list may fetch the one below
	// the cursor as any list does; then nothing more comes. (Under load a
	// page takes its time: the count is read once it has stood still.)
	at := loadedUsers(p.Screen.Text())
	n, still := at, time.Now()
	for deadline := time.Now().Add(10 * time.Second); time.Since(still) < 700*time.Millisecond && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		if m := loadedUsers(p.Screen.Text()); m != n {
			n, still = m, time.Now()
		}
	}
	if n > at+2*100 || n >= 2700 || time.Since(still) < 700*time.Millisecond {
		t.Fatalf("after esc %d users loaded, then %d: reading went on", at, n)
	}
	p.Press("G")
	// Some 27 pages at 40 ms each: under -race beside seven other flows
	// that takes more than the usual bound.
	p.WaitFor("the last Vision user selected", time.Minute, func(s string) bool {
		return !strings.Contains(s, "reading to the end") && loadedUsers(s) == 2700 && lineWith(s, "▌", "vision ")
	})
}
