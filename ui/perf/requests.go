package perf

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/ui"
)

// Requests is what a scenario sent to the server, in order.
type Requests []Request

// By counts the requests by API.
func (rs Requests) By(api string) int {
	n := 0
	for _, r := range rs {
		if r.API == api {
			n++
		}
	}
	return n
}

// Named counts the requests with name.
func (rs Requests) Named(name string) int {
	n := 0
	for _, r := range rs {
		if r.Name == name {
			n++
		}
	}
	return n
}

func (rs Requests) String() string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.String())
	}
	return strings.Join(parts, ", ")
}

// waitQuiet waits until the server has received nothing for d, and
// returns what it received since since requests.
func waitQuiet(srv *Server, since int, d time.Duration) Requests {
	last, at := -1, time.Now()
	for {
		n := len(srv.Requests())
		if n != last {
			last, at = n, time.Now()
		}
		if time.Since(at) >= d {
			return Requests(srv.Requests()[since:])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// quietServer is how long the server must hear nothing for a scenario's
// requests to be all sent: twice a search's debounce (300 ms).
const quietServer = 600 * time.Millisecond

// Scenario is the program on the demo server (Opigno, Scope and Vision,
// as `rosterm --demo` runs), running as a real Bubble Tea program.
type Scenario struct {
	Server  *Server
	Session *Session
	cancel  context.CancelFunc
	// Start is what the program sent from its start until it was quiet.
	Start Requests
}

// StartScenario starts the program in a w×h terminal and waits until it
// has drawn its data and sent everything its start asks for.
func StartScenario(w, h int) (*Scenario, error) {
	srv := StartServer(demo.Options{})
	base, cancel := context.WithCancel(context.Background())
	ctx, err := Context(base, srv.URL)
	if err != nil {
		cancel()
		srv.Close()
		return nil, err
	}
	ctx.UndoDelay = -1 // an accept is sent at once: its requests are what is counted
	sc := &Scenario{Server: srv, cancel: cancel}
	sc.Session, err = Run(ui.New(ctx, ui.Options{Theme: "dark"}), true, w, h)
	if err == nil && !sc.Session.WaitFor(30*time.Second, func(s string) bool {
		return strings.Contains(s, "acting as") && !strings.Contains(s, "Loading")
	}) {
		err = errors.New("the demo data did not show:\n" + sc.Session.Screen())
	}
	if err != nil {
		sc.Close()
		return nil, err
	}
	sc.Start = waitQuiet(srv, 0, quietServer)
	return sc, nil
}

// Close quits the program and stops the server.
func (sc *Scenario) Close() {
	sc.Session.Quit()
	sc.cancel()
	sc.Server.Close()
}

// Do types keys, waits until the server has answered the request named
// want they must send, then until it is quiet, and returns the requests
// they caused.
func (sc *Scenario) Do(keys, want string) (Requests, error) {
	since := len(sc.Server.Requests())
	sc.Session.Press(keys)
	err := sc.waitAnswer(since, want, func(r Request) bool { return r.Name == want })
	return waitQuiet(sc.Server, since, quietServer), err
}

// OpenSearch opens the Users search and waits until Vision's listing,
// which the search filters, has been read to its end. It returns the
// index of its first request.
func (sc *Scenario) OpenSearch() (since int, err error) {
	since = len(sc.Server.Requests())
	sc.Session.Press("1/")
	return since, sc.waitAnswer(since, "Vision's listing read to its end", func(r Request) bool {
		return r.API == "vision" && r.Name == "listUsers" && !r.More
	})
}

// Search types text into the open search a key every 60 ms (a brisk
// typist), waits until Scope has answered the search of the whole text,
// then until the server is quiet, and returns the requests from the first
// key on.
func (sc *Scenario) Search(text string) (Requests, error) {
	since := len(sc.Server.Requests())
	for _, r := range text {
		sc.Session.Press(string(r))
		time.Sleep(60 * time.Millisecond)
	}
	err := sc.waitAnswer(since, "Scope's answer to "+text, func(r Request) bool {
		return r.API == "scope" && r.Name == "users" && r.Vars["fullText"] == text
	})
	return waitQuiet(sc.Server, since, quietServer), err
}

// waitAnswer waits until the server has answered a request from since on
// that is, for at most 30 s. A window ends on such an answer, not on a
// quiet spell alone: on a loaded machine (the race detector, other tests)
// the program may take longer than any quiet spell to send what it must.
func (sc *Scenario) waitAnswer(since int, what string, is func(Request) bool) error {
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		for _, r := range sc.Server.Requests()[since:] {
			if r.Answered && is(r) {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("waited for %s; the server received %v", what, Requests(sc.Server.Requests()[since:]))
		}
	}
}

// Wait waits until the screen shows every one of texts.
func (sc *Scenario) Wait(texts ...string) error {
	if sc.Session.WaitFor(30*time.Second, func(s string) bool {
		for _, t := range texts {
			if !strings.Contains(s, t) {
				return false
			}
		}
		return true
	}) {
		return nil
	}
	return fmt.Errorf("waited for %q; the screen shows:\n%s", texts, sc.Session.Screen())
}

// Counts are the request counts the report shows.
type Counts struct {
	Start         Requests // at start, until quiet
	Accept        Requests // an accept on Invitations, sent at once
	Decline       Requests // a decline
	Open          Requests // opening the Users search the first time (Vision's listing is read)
	Search        Requests // a 12-character search typed in Users, a key every 60 ms
	SearchAgain   Requests // another one
	StartByAPI    map[string]int
	SearchByAPI   map[string]int
	AgainByAPI    map[string]int
	AcceptTrips   int
	DeclineTrips  int
	CurrentUserQs int
}

// Count runs the request scenarios at 120×40, each in a program of its
// own, side by side (each waits out the server's quiet spells, which is
// most of their time): triage, a search, and another search after one.
func Count() (Counts, error) {
	var c Counts
	errs := make(chan error, 3)
	go func() { errs <- countTriage(&c) }()
	go func() { errs <- countSearch(&c) }()
	go func() { errs <- countSearchAgain(&c) }()
	err := errors.Join(<-errs, <-errs, <-errs)
	c.StartByAPI, c.SearchByAPI, c.AgainByAPI = byAPI(c.Start), byAPI(c.Search), byAPI(c.SearchAgain)
	c.AcceptTrips, c.DeclineTrips = len(c.Accept), len(c.Decline)
	return c, err
}

// countTriage counts the start, then an accept and a decline on
// Invitations.
func countTriage(c *Counts) error {
	sc, err := StartScenario(120, 40)
	if err != nil {
		return err
	}
	defer sc.Close()
	c.Start = sc.Start
	c.CurrentUserQs = sc.Start.Named("getCurrentUserContext")
	since := len(sc.Server.Requests())
	sc.Session.Press("3]]")
	if err := sc.Wait("▸Invitations", "← "); err != nil {
		return err
	}
	sc.Session.Press("j") // not the row a test might use
	waitQuiet(sc.Server, since, quietServer)
	if c.Accept, err = sc.Do("a", "acceptUserInvitation"); err != nil {
		return err
	}
	c.Decline, err = sc.Do("d", "declineUserInvitation")
	return err
}

// countSearch counts opening the Users search and a search typed at a
// brisk pace.
func countSearch(c *Counts) error {
	sc, err := StartScenario(120, 40)
	if err != nil {
		return err
	}
	defer sc.Close()
	since, err := sc.OpenSearch()
	if err != nil {
		return err
	}
	c.Open = waitQuiet(sc.Server, since, quietServer)
	if c.Search, err = sc.Search("fernandezxyz"); err != nil {
		return err
	}
	return sc.Wait("No user matches")
}

// countSearchAgain counts a search typed at a brisk pace after another
// in the same session: opening the search again and typing.
func countSearchAgain(c *Counts) error {
	sc, err := StartScenario(120, 40)
	if err != nil {
		return err
	}
	defer sc.Close()
	if _, err := sc.OpenSearch(); err != nil {
		return err
	}
	sc.Session.Press("fernandezxyz") // at once: one search
	if err := sc.Wait("No user matches"); err != nil {
		return err
	}
	// Esc closes the search, and the list reads its first page again.
	sc.Session.Press("\x1b")
	if !sc.Session.WaitFor(30*time.Second, func(s string) bool {
		return strings.Contains(s, "scope  Amir Abbott") && !strings.Contains(s, "No user matches")
	}) {
		return fmt.Errorf("esc did not bring the users back:\n%s", sc.Session.Screen())
	}
	since := len(sc.Server.Requests())
	sc.Session.Press("/")
	_, err = sc.Search("hernandezqwe")
	c.SearchAgain = Requests(sc.Server.Requests()[since:])
	return err
}

func byAPI(rs Requests) map[string]int {
	out := map[string]int{}
	for _, r := range rs {
		out[r.API]++
	}
	return out
}
