package vision_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/demo/faults/faulttest"
	"github.com/rosterm/rosterm/api/vision"
)

// pagingServer is the demo whose Vision answers carry fault f's cursors.
func pagingServer(t *testing.T, f faults.Fault) (*vision.Client, *faults.Injector) {
	t.Helper()
	inj := faults.New(faults.Rule{Fault: f, Path: "vision", Share: 1})
	t.Cleanup(inj.Close)
	srv := demotest.Start(t, demo.Options{Faults: inj})
	return newClient(t, srv.URL), inj
}

// Vision cannot search, so its users are filtered as they load
// (api.FilterPages), each call of the list reading on until a row
// matches. Tokens that cycle A, B, A are noticed across the list's calls,
// not only within one: the third call ends the list and says why.
func TestFilteringStopsOnTokensThatCycleAcrossCalls(t *testing.T) {
	vc, inj := pagingServer(t, faults.CyclePages)
	scan := func(ctx context.Context, after string, n int) (api.Page[api.User], error) {
		return vc.Users(ctx, after, n)
	}
	fetch := api.FilterPages(scan, func(api.User) bool { return true })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	after := ""
	var tokens []string
	for call := 1; call <= 4; call++ {
		p, err := fetch(ctx, after, 10)
		if err != nil {
			t.Fatal(err)
		}
		tokens = append(tokens, p.Next)
		if !p.More {
			if call != 3 || p.End != api.EndRepeated || len(p.Items) == 0 {
				t.Fatalf("call %d ended the list (%q, %d rows); want the third, saying %q", call, p.End, len(p.Items), api.EndRepeated)
			}
			break
		}
		if call == 3 {
			t.Fatalf("the third call goes on to %q after tokens %q", p.Next, tokens)
		}
		after = p.Next
	}
	if n := inj.Requests("/vision/graphql"); n > 3 {
		t.Errorf("%d requests for three pages", n)
	}
	// The same list from its first page is a new walk: it is not stopped
	// by what the last one saw.
	if p, err := fetch(ctx, "", 10); err != nil || !p.More {
		t.Errorf("a new walk from the first page goes on: %v %+v", err, p.More)
	}
}

// A filter that matches nothing reads on by itself. Fresh tokens for ever
// stop it at its page budget; fresh tokens with 8 KB names at its byte
// budget, well under 100 MB; either way the list ends saying why, with the
// requests counted.
func TestFilteringStopsAtItsBudget(t *testing.T) {
	for _, c := range []struct {
		fault faults.Fault
		n     int
		end   string
	}{
		{faults.EndlessPage, 1, "stopped: 1000 pages, rosterm's limit"},
		{faults.FloodPages, 100, "MB of rows scanned, rosterm's limit"},
	} {
		t.Run(string(c.fault), func(t *testing.T) {
			t.Parallel() // each is measured in a process of its own
			faulttest.MaxRSS(t, 100, func(t *testing.T) {
				vc, inj := pagingServer(t, c.fault)
				scan := func(ctx context.Context, after string, n int) (api.Page[api.User], error) {
					return vc.Users(ctx, after, n)
				}
				fetch := api.FilterPages(scan, func(api.User) bool { return false })
				// 33 MB of JSON through the demo and back: about 2 s,
				// but 20 s under the race detector on a slow machine.
				ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
				defer cancel()
				p, err := fetch(ctx, "", c.n)
				t.Logf("%d requests: %q %v", inj.Requests("/vision/graphql"), p.End, err)
				if err != nil || p.More || !strings.Contains(p.End, c.end) {
					t.Fatalf("want the end of the list saying %q, got %q (more %v): %v", c.end, p.End, p.More, err)
				}
				if n := inj.Requests("/vision/graphql"); n > 1000 {
					t.Errorf("%d requests", n)
				}
			})
		})
	}
}

// A group that lists a member twice (the server sends every list twice
// over) has them once: counted once, looked up once, shown once.
func TestAGroupsMembersAreEachOnce(t *testing.T) {
	vc, _ := pagingServer(t, faults.DuplicateRows)
	gs, err := vc.Groups(context.Background(), []string{"your-org-a-group"})
	if err != nil || len(gs) != 1 {
		t.Fatalf("%+v %v", gs, err)
	}
	if g := gs[0]; len(g.Members) != 1 || g.MemberCount != 1 || g.Members[0] != "tech@example.com" {
		t.Errorf("A Group, its one member listed twice: %+v", g)
	}
}
