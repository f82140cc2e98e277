package ui_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/faults"
)

// Someone scrolls possible connections on an Opigno whose every page names
// the same next page, or pages in a cycle: the list takes each row once,
// stops asking, and says why on its own line, however long they go on
// paging down (G asks for the last rows directly: see
// TestBottomGoesToTheLastPossibleConnectionInOnePress).
func TestScrollingAServerThatRepeatsItsPagesStopsAndSaysWhy(t *testing.T) {
	for _, fault := range []faults.Fault{faults.RepeatPage, faults.CyclePages} {
		t.Run(string(fault), func(t *testing.T) {
			inj := faults.New(faults.Rule{Fault: fault, Path: "opigno", Share: 1})
			t.Cleanup(inj.Close)
			f := startConnections(t, setup{demo: demo.Options{Faults: inj}})
			f.waitPane("the first page", "▸Possible")
			asked := func() int { return inj.Requests("/opigno/graphql") }
			for range 6 {
				f.press("pgdown", "pgdown", "pgdown")
				time.Sleep(50 * time.Millisecond)
			}
			f.waitPane("the list's own line saying why it stopped", api.EndRepeated[:len("stopped: the server kept returning")])
			f.WaitFor("the requests to stop", 5*time.Second, func(string) bool {
				n := asked()
				time.Sleep(300 * time.Millisecond)
				return asked() == n
			})
			before := asked()
			for range 10 {
				f.press("pgdown", "g")
			}
			time.Sleep(500 * time.Millisecond)
			if n := asked() - before; n != 0 {
				t.Errorf("%d more requests after the list stopped", n)
			}
			screen := pane(f.Screen.Text())
			rows := map[string]int{}
			for _, line := range strings.Split(screen, "\n") {
				if strings.Contains(line, "[Connect]") {
					rows[strings.TrimSpace(strings.Trim(line, "│▌ "))]++
				}
			}
			for row, n := range rows {
				if n > 1 {
					t.Errorf("row %q shown %d times:\n%s", row, n, screen)
				}
			}
		})
	}
}
