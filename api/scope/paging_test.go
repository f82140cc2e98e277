package scope_test

import (
	"strings"
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/demo/faults/faulttest"
)

// Choosing groups in a form walks every page of the organization's groups.
// A server whose pages never end (the same cursor again, cursors in a
// cycle, fresh cursors with 8 KB names for ever) is followed only until
// the walk sees a page again or its byte budget is spent, in a few
// requests and well under 100 MB, and the walk says why it stopped.
func TestGroupNamesStopOnAServerWhosePagesNeverEnd(t *testing.T) {
	for _, c := range []struct {
		fault    faults.Fault
		end      string
		requests int // at most
	}{
		{faults.RepeatPage, api.EndRepeated, 2},
		{faults.CyclePages, api.EndRepeated, 3},
		{faults.FloodPages, "of group names, rosterm's limit", 8},
	} {
		t.Run(string(c.fault), func(t *testing.T) {
			t.Parallel() // each is measured in a process of its own
			faulttest.MaxRSS(t, 100, func(t *testing.T) {
				inj := faults.New(faults.Rule{Fault: c.fault, Path: "scope", Share: 1})
				t.Cleanup(inj.Close)
				srv := demotest.Start(t, demo.Options{Faults: inj})
				cl := newClient(t, srv.URL)
				if _, err := cl.Schema(bg); err != nil {
					t.Fatal(err)
				}
				before := inj.Requests("/scope/graphql")
				names, end, err := cl.GroupNames(bg)
				n := inj.Requests("/scope/graphql") - before
				t.Logf("%d names, %d requests, %q", len(names), n, end)
				if err != nil || len(names) == 0 {
					t.Fatalf("the names that arrived are kept: %d, %v", len(names), err)
				}
				if !strings.Contains(end, c.end) {
					t.Errorf("the walk should say why it stopped (%q), says %q", c.end, end)
				}
				if n > c.requests {
					t.Errorf("%d requests, want at most %d", n, c.requests)
				}
			})
		})
	}
}
