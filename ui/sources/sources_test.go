package sources

import (
	"testing"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/scope"
	"github.com/rosterm/rosterm/api/vision"
	"github.com/rosterm/rosterm/ui/common"
)

func TestCyclesAllThenEachAlone(t *testing.T) {
	f := New(&common.Context{Scope: &scope.Client{}, Vision: &vision.Client{}})
	want := []struct{ scope, vision bool }{{true, false}, {false, true}, {true, true}}
	if !f.Shows(api.Scope) || !f.Shows(api.Vision) || !f.Many() {
		t.Fatal("both sources show at first")
	}
	for i, w := range want {
		f.Next()
		if f.Shows(api.Scope) != w.scope || f.Shows(api.Vision) != w.vision {
			t.Fatalf("step %d: scope %v vision %v", i, f.Shows(api.Scope), f.Shows(api.Vision))
		}
	}
	one := New(&common.Context{Vision: &vision.Client{}})
	one.Next()
	if !one.Shows(api.Vision) || one.Shows(api.Scope) || one.Many() || one.Title() != "" {
		t.Fatal("a single source never switches")
	}
}
