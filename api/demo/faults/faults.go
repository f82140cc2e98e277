// Package faults makes the demo server fail on purpose, the ways real
// servers and networks do, so that rosterm's handling of each failure can be
// tested and seen. An Injector wraps the demo handler; each request either
// passes through untouched or gets one fault:
//
//	401        HTTP 401 with a GraphQL error body (credentials refused)
//	403        HTTP 403 with a GraphQL error body (not allowed)
//	429        HTTP 429 with Retry-After (1 second unless the rule says)
//	500        HTTP 500 with an HTML body, as a crashed application behind a proxy
//	502        HTTP 502 with a GraphQL error body, as a gateway whose upstream failed
//	partial    the real answer with one field nulled and a GraphQL error naming its
//	           path, as the GraphQL spec has a failing resolver do (nulls land on
//	           the nearest nullable field)
//	malformed  the real answer made invalid JSON (a NaN, as Python's json module
//	           writes one)
//	truncated  the real answer cut off halfway, the connection closed
//	huge       the real answer padded beyond api.DefaultMaxResponse
//	hang       no answer at all, until the client gives up (or the server closes)
//	reset      the connection reset (TCP RST), no answer
//
// The faults that start from "the real answer" let the demo server execute
// the request first, so a mutation hit by them has really happened, exactly
// the case in which a client must say it does not know the outcome.
//
// Tests program an Injector request by request ("the next request to
// /scope/graphql gets a 429 with Retry-After: 1"), with Next or Add. For
// manual use, `rosterm demo-server --faults SPEC` applies faults to a share
// of requests at random; the SPEC syntax is documented at Parse.
package faults

import (
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Fault is one way a request can fail.
type Fault string

// The faults an Injector can produce.
const (
	Unauthorized Fault = "401"
	Forbidden    Fault = "403"
	RateLimited  Fault = "429"
	ServerError  Fault = "500"
	BadGateway   Fault = "502"
	Partial      Fault = "partial"
	Malformed    Fault = "malformed"
	Truncated    Fault = "truncated"
	TooLarge     Fault = "huge"
	Hang         Fault = "hang"
	Reset        Fault = "reset"
)

// All lists every fault, in the order of the package documentation.
func All() []Fault {
	return []Fault{Unauthorized, Forbidden, RateLimited, ServerError, BadGateway,
		Partial, Malformed, Truncated, TooLarge, Hang, Reset}
}

// Misbehaving are the faults of a server that cannot be trusted on any
// answer (its paging, its schema) rather than failing some: meant for every
// request to an API, so a SPEC gives them a share of 100% unless it says.
// "all" does not include them.
func Misbehaving() []Fault {
	return []Fault{RepeatPage, CyclePages, EndlessPage, FloodPages, DuplicateRows, LyingSchema}
}

// Rule says which requests get a fault.
type Rule struct {
	Fault Fault
	// Path selects requests: "" is every GraphQL endpoint (a path ending
	// in /graphql), "opigno", "scope" or "vision" is that API's GraphQL
	// endpoint, and a path starting with "/" is that path exactly.
	Path string
	// Times > 0 makes a planned rule: it applies to the next Times
	// matching requests, then is used up. Planned rules go first, in the
	// order they were added.
	Times int
	// Share, for a rule without Times, is the fraction of matching
	// requests (0 to 1) that get the fault, at random.
	Share float64
	// RetryAfter is what a 429 asks the client to wait; 0 means 1 second.
	RetryAfter time.Duration
	// Location is where a Redirect sends the client.
	Location string
}

func (r Rule) matches(path string) bool {
	switch {
	case r.Path == "":
		return strings.HasSuffix(path, "/graphql")
	case strings.HasPrefix(r.Path, "/"):
		return path == r.Path
	}
	return path == "/"+r.Path+"/graphql"
}

// Injector is the fault-injecting middleware and its plan. It is safe for
// concurrent use.
type Injector struct {
	mu       sync.Mutex
	planned  []Rule
	random   []Rule
	requests map[string]int
	roll     func() float64 // the dice for random rules; tests fix them
	stop     chan struct{}  // closed by Close: hanging requests end
	stopOnce sync.Once
	schemas  *schemas
}

// New returns an Injector applying rules (planned or random, as each says).
func New(rules ...Rule) *Injector {
	in := &Injector{requests: map[string]int{}, roll: rand.Float64, stop: make(chan struct{}), schemas: &schemas{}}
	for _, r := range rules {
		in.Add(r)
	}
	return in
}

// Add adds a rule: planned rules queue behind earlier planned ones; random
// rules apply alongside each other.
func (in *Injector) Add(r Rule) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if r.Times > 0 {
		in.planned = append(in.planned, r)
	} else {
		in.random = append(in.random, r)
	}
}

// Next plans fault f for the next times requests to path (see Rule.Path).
func (in *Injector) Next(path string, f Fault, times int) {
	in.Add(Rule{Fault: f, Path: path, Times: max(times, 1)})
}

// Requests is how many requests to path (exactly, e.g. "/scope/graphql")
// the Injector has seen, faulted or not.
func (in *Injector) Requests(path string) int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.requests[path]
}

// Total is how many requests the Injector has seen, to any path.
func (in *Injector) Total() int {
	in.mu.Lock()
	defer in.mu.Unlock()
	n := 0
	for _, c := range in.requests {
		n += c
	}
	return n
}

// Pending is how many planned faults have not been applied yet.
func (in *Injector) Pending() int {
	in.mu.Lock()
	defer in.mu.Unlock()
	n := 0
	for _, r := range in.planned {
		n += r.Times
	}
	return n
}

// Close ends hanging requests (their connections are dropped) and makes
// later hang faults drop at once, so a server can shut down promptly.
func (in *Injector) Close() {
	in.stopOnce.Do(func() { close(in.stop) })
}

// Wrap returns next with faults injected.
func (in *Injector) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rule, ok := in.pick(r.URL.Path)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("X-Demo-Fault", string(rule.Fault))
		in.inject(rule, next, w, r)
	})
}

// pick counts the request and chooses its fault, if any.
func (in *Injector) pick(path string) (Rule, bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.requests[path]++
	for i, r := range in.planned {
		if r.matches(path) {
			if in.planned[i].Times--; in.planned[i].Times == 0 {
				in.planned = slices.Delete(in.planned, i, i+1)
			}
			return r, true
		}
	}
	dice, sum := -1.0, 0.0
	for _, r := range in.random {
		if !r.matches(path) {
			continue
		}
		if dice < 0 {
			dice = in.roll()
		}
		if sum += r.Share; dice < sum {
			return r, true
		}
	}
	return Rule{}, false
}
