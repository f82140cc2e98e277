package perf_test

import (
	"testing"

	"github.com/rosterm/rosterm/ui/perf"
)

// The requests the program sends to the demo server over real HTTP, all
// three APIs configured, as `rosterm --demo` runs in a 120×40 terminal:
// the counts the README's table shows (go run ./ui/perfreport), held
// here so that a change that sends more fails a test.
func TestRequestCounts(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("waits for the server to be quiet after each step")
	}
	c, err := perf.Count()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("start %d: %v", len(c.Start), c.Start)
	t.Logf("accept: %v; decline: %v", c.Accept, c.Decline)
	t.Logf("search opened: %v; searched: %v; again: %v", c.Open, c.Search, c.SearchAgain)

	// One current-user query; hidden tabs load when first shown; every
	// list's first page fits its box, so no second page.
	if len(c.Start) > 8 {
		t.Errorf("start sent %d requests, want at most 8: %v", len(c.Start), c.Start)
	}
	if c.CurrentUserQs != 1 {
		t.Errorf("start asked for the current user %d times, want once: %v", c.CurrentUserQs, c.Start)
	}
	for _, api := range []string{"opigno", "scope", "vision"} {
		if c.StartByAPI[api] == 0 {
			t.Errorf("start sent nothing to %s: the count would not be of a program using all three APIs", api)
		}
	}
	// An accept or a decline is its mutation and nothing more: the tabs
	// listing the person load again when next shown.
	if len(c.Accept) != 1 || len(c.Decline) != 1 {
		t.Errorf("an accept sent %v, a decline %v; want one request each", c.Accept, c.Decline)
	}
	// Scope searches on the server, once after the typing stops; Vision's
	// listing was read once, when the search opened, and is filtered here.
	for _, s := range []struct {
		what  string
		by    map[string]int
		sent  perf.Requests
		scope bool
	}{{"a 12-character search", c.SearchByAPI, c.Search, true}, {"another", c.AgainByAPI, c.SearchAgain, true}} {
		for api, n := range s.by {
			if n > 1 {
				t.Errorf("%s sent %d requests to %s, want at most one per source: %v", s.what, n, api, s.sent)
			}
		}
		if s.by["vision"] != 0 {
			t.Errorf("%s asked Vision again (%v): its listing is read once a session", s.what, s.sent)
		}
		if s.by["scope"] != 1 {
			t.Errorf("%s sent %d searches to Scope, want one: %v", s.what, s.by["scope"], s.sent)
		}
	}
	if c.Open.By("vision") == 0 && c.Search.By("vision") == 0 {
		t.Errorf("the search never read Vision's listing: opened %v, searched %v", c.Open, c.Search)
	}
}
