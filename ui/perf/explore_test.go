package perf

import (
	"os"
	"testing"
)

func TestExploreCounts(t *testing.T) {
	if os.Getenv("EXPLORE") == "" {
		t.Skip()
	}
	c, err := Count()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("start %d: %v", len(c.Start), c.Start)
	t.Logf("accept %d: %v", len(c.Accept), c.Accept)
	t.Logf("decline %d: %v", len(c.Decline), c.Decline)
	t.Logf("search %d: %v", len(c.Search), c.Search)
	t.Logf("again %d: %v", len(c.SearchAgain), c.SearchAgain)
}

func TestExploreDocs(t *testing.T) {
	if os.Getenv("EXPLORE") == "" {
		t.Skip()
	}
	sc, err := StartScenario(120, 40)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	for _, r := range sc.Start {
		if r.API == "scope" || r.Name == "__schema" {
			q := r.Query
			if len(q) > 300 {
				q = q[:300]
			}
			t.Logf("%s %s: %s %v", r.API, r.Name, q, r.Vars)
		}
	}
}
